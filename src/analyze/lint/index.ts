/**
 * `lint`: istiod's own validation (webhook + CRD CEL rules), then the security rules that reason
 * across resources, over a loaded mesh; returns sorted, de-duplicated diagnostics.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Resource } from '../../model/resources.js';
import type { SourceSpan } from '../../model/source.js';
import { sortDiagnostics } from '../../report/diagnostics-text.js';
import type { SarifRuleInfo } from '../../report/sarif.js';
import { CEL_RULE_CODE, validateCel } from '../../schema/cel/index.js';
import { DiagnosticCodes } from '../../schema/codes.js';
import { WEBHOOK_CODES, validateWebhook } from '../../schema/webhook/index.js';
import { buildLintContext, type LintInput } from './context.js';
import type { Finding, LintRule } from './rule.js';
import { builtinRules } from './rules/index.js';
import { isSuppressed, parseSuppression, type Suppression } from './suppress.js';

export type { LintInput, LintContext, WorkloadView } from './context.js';
export type { Finding, LintRule, Report, RuleFix } from './rule.js';
export type { Suppression } from './suppress.js';
export { builtinRules } from './rules/index.js';
export { isSuppressed, parseSuppression } from './suppress.js';

/** Validation of one resource that runs before the rules (istiod's webhook and CRD CEL rules, MW015–MW079). */
export type Validator = (resource: Resource) => Diagnostic[];

export interface LintOptions {
  /** `CODE`, `name`, `CODE=ns/name`, or parsed suppressions. */
  suppress?: readonly (string | Suppression)[];
  /** The rules to run; default {@link builtinRules}. */
  rules?: readonly LintRule[];
  /**
   * Validation run before the rules; default {@link istiodValidation} (the webhook and the CRDs'
   * CEL rules). Pass `[]` to run the lint rules alone. Suppressible by code like any rule.
   */
  validators?: readonly Validator[];
}

/** istiod's admission checks: what the API server would refuse (errors) or warn about. */
export const istiodValidation: Validator = (r) => [...validateCel(r), ...validateWebhook(r)];

const NOWHERE: SourceSpan = { file: '<input>', line: 1, column: 1, endLine: 1, endColumn: 1 };

function spanOf(f: Finding): SourceSpan {
  return f.resource.source ? f.resource.source.locate(f.path, f.key) : NOWHERE;
}

/**
 * Lints a mesh: every resource is validated as istiod would; resources it rejects are still
 * diagnosed by the rules but attach to no workload (they never reach a proxy).
 *
 * @example
 * const { resources } = await loadManifests(['k8s/']);
 * const { workloads } = deriveWorkloads(resources);
 * const diagnostics = lint({ resources, workloads, mesh, defaultNamespace: 'production' }, { suppress: ['MW117'] });
 */
export function lint(input: LintInput, opts: LintOptions = {}): Diagnostic[] {
  const suppress = (opts.suppress ?? []).map((s) => (typeof s === 'string' ? parseSuppression(s) : s));
  const rules = opts.rules ?? builtinRules;
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const push = (d: Diagnostic, name?: string): void => {
    if (isSuppressed(d, name, suppress)) return;
    const key = `${d.code}|${d.span.file}|${d.span.line}|${d.span.column}|${d.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(d);
  };
  // A resource istiod refuses never reaches the proxies (`src/schema/admit.ts`): the rules still
  // explain it, but it attaches to no workload.
  const validators = opts.validators ?? [istiodValidation];
  const rejected = new Set<Resource>();
  for (const r of input.resources) {
    for (const v of validators) {
      for (const d of v(r)) {
        if (d.severity === 'error') rejected.add(r);
        // Validation labels a resource without a namespace `(none)`; lint names where it lands.
        push(d.resource?.includes(' (none)/') ? { ...d, resource: d.resource.replace(' (none)/', ` ${input.defaultNamespace}/`) } : d);
      }
    }
  }
  const ctx = buildLintContext(input, rejected);
  for (const rule of rules) {
    rule.check(ctx, (f) =>
      push(
        { code: rule.id, severity: rule.severity, message: f.message, help: f.help, span: spanOf(f), resource: ctx.label(f.resource) },
        rule.name,
      ),
    );
  }
  return sortDiagnostics(out);
}

/** Markdown help for a rule: the fix and its example. */
export function ruleHelpMarkdown(rule: LintRule): string {
  return `${rule.fix.text}\n\n\`\`\`yaml\n${rule.fix.example}\n\`\`\`\n`;
}

/**
 * Metadata of every code lint can emit, for SARIF `tool.driver.rules`: the lint rules, istiod's
 * webhook codes, the CRD CEL code and the loader codes.
 */
export function sarifRuleInfos(rules: readonly LintRule[] = builtinRules): SarifRuleInfo[] {
  const out: SarifRuleInfo[] = rules.map((r) => ({
    id: r.id,
    name: r.name,
    severity: r.severity,
    summary: r.summary,
    description: r.description,
    helpMarkdown: ruleHelpMarkdown(r),
  }));
  for (const [id, info] of Object.entries(WEBHOOK_CODES)) out.push({ id, severity: info.severity, summary: info.summary, helpMarkdown: info.help });
  out.push({ id: CEL_RULE_CODE, severity: 'error', summary: 'a CRD CEL validation rule rejects the resource' });
  for (const [name, id] of Object.entries(DiagnosticCodes)) {
    if (!out.some((r) => r.id === id)) out.push({ id, severity: 'warning', summary: name.toLowerCase().replace(/_/g, ' ') });
  }
  return out;
}
