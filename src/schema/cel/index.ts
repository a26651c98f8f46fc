/**
 * Evaluates the CRDs' `x-kubernetes-validations` rules over a resource, as the Kubernetes API
 * server does before storing it (spec §3: the CRD layer). Rules come with their schema node from
 * the generated CRD schemas (`../generated/istio-kinds.ts`); each rule runs with `self` bound to
 * the value at that node, and a rule that is false, or fails to evaluate (e.g. `int("acd")`,
 * `duration("apple")`, `url("foo.com")`), is a MW015 error with the CRD's own message.
 *
 * @example
 * const diagnostics = validateCel(requestAuthentication);
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import { resourceId, type Resource } from '../../model/resources.js';
import type { FieldPath, SourceSpan } from '../../model/source.js';
import { ISTIO_KIND_SCHEMAS } from '../generated/istio-kinds.js';
import type { CelRule, Schema } from '../types.js';
import { compileRule } from './environment.js';
import { toCelValue } from './to-cel-value.js';

export { parseCelExpression, type CelParseResult } from './parse-expression.js';

/** The code of every CRD CEL rule failure. */
export const CEL_RULE_CODE = 'MW015';

/** One rule at one place of the object. */
export interface CelSite {
  path: FieldPath;
  rule: CelRule;
  schema: Schema;
  value: unknown;
}

/** The schema of `resource`'s kind and apiVersion, when meshward has one. */
export function schemaOf(resource: Pick<Resource, 'apiVersion' | 'kind'>): Schema | undefined {
  return ISTIO_KIND_SCHEMAS.find((k) => `${k.group}/${k.version}` === resource.apiVersion && k.kind === resource.kind)?.schema;
}

/** Every rule with the value it applies to; null and absent values are skipped (nothing to check). */
export function collectCelSites(value: unknown, schema: Schema, path: FieldPath = [], out: CelSite[] = []): CelSite[] {
  if (value === null || value === undefined) return out;
  for (const rule of schema['x-kubernetes-validations'] ?? []) out.push({ path, rule, schema, value });
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((v, i) => collectCelSites(v, schema.items as Schema, [...path, i], out));
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const child = schema.properties?.[k] ?? schema.additionalProperties;
      if (child) collectCelSites(v, child, [...path, k], out);
    }
  }
  return out;
}

type Outcome = { ok: true } | { ok: false; error?: string };

function run(site: Pick<CelSite, 'rule' | 'schema' | 'value'>): Outcome {
  try {
    const result = compileRule(site.rule.rule)(toCelValue(site.value, site.schema));
    return result === true ? { ok: true } : { ok: false };
  } catch (err) {
    const e = err as { summary?: unknown; message?: unknown };
    const text = typeof e.summary === 'string' ? e.summary : String(e.message ?? err);
    return { ok: false, error: text.split('\n')[0] ?? text };
  }
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/**
 * For a failing `self.all(key, …)` rule on a map, the keys that fail on their own, so the
 * finding can point at each offending key rather than at the whole map.
 */
function failingKeys(site: CelSite): string[] {
  if (!site.rule.rule.trimStart().startsWith('self.all(') || !site.schema.additionalProperties) return [];
  if (typeof site.value !== 'object' || site.value === null || Array.isArray(site.value)) return [];
  return Object.entries(site.value)
    .filter(([k, v]) => !run({ ...site, value: { [k]: v } }).ok)
    .map(([k]) => k);
}

/** Runs every CRD CEL rule of `resource`'s kind over it. Unknown kinds/versions give `[]`. */
export function validateCel(resource: Resource): Diagnostic[] {
  const schema = schemaOf(resource);
  if (!schema) return [];
  const label = `${resource.kind} ${resourceId(resource)}`;
  const locate = (path: FieldPath, key: boolean): SourceSpan =>
    resource.source?.locate(path, key) ?? { file: `<${label}>`, line: 1, column: 1, endLine: 1, endColumn: 1 };
  const root = { apiVersion: resource.apiVersion, kind: resource.kind, metadata: resource.metadata, spec: resource.spec };
  const out: Diagnostic[] = [];
  for (const site of collectCelSites(root, schema)) {
    const outcome = run(site);
    if (outcome.ok) continue;
    const base = lowerFirst(site.rule.message ?? `failed rule: ${site.rule.rule}`);
    const message = outcome.error === undefined ? base : `${base}: rule failed to evaluate: ${lowerFirst(outcome.error)}`;
    const keys = failingKeys(site);
    const spans = keys.length > 0 ? keys.map((k) => locate([...site.path, k], true)) : [locate(site.path, false)];
    for (const span of spans) {
      out.push({
        code: CEL_RULE_CODE,
        severity: 'error',
        message,
        help: `change the value so that the CRD rule \`${site.rule.rule.replace(/\s+/g, ' ')}\` holds`,
        span,
        resource: label,
      });
    }
  }
  return out;
}
