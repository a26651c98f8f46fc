/**
 * Generates `src/schema/generated/istio-kinds.ts` from the CRDs istiod installs
 * (`<conformance>/crds/security-crds.gen.yaml`, extracted from istio/istio
 * `manifests/charts/base/files/crd-all.gen.yaml`).
 *
 * Only the machine-checkable parts of each served version's `openAPIV3Schema` are kept; every
 * `description` (Istio's prose) is dropped. An unexpected schema keyword stops the generator, so a
 * new CRD feature is noticed instead of silently ignored.
 *
 * Usage: `npx tsx scripts/gen-schema.ts` (reads `MESHWARD_CONFORMANCE_DIR`, default
 * `<repo>/../shared/conformance/istio`). `test/schema/generated.test.ts` checks the committed file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

/** Kinds and versions meshward validates (spec §3; conformance README §6). */
const WANTED: Readonly<Record<string, readonly string[]>> = {
  AuthorizationPolicy: ['v1', 'v1beta1'],
  PeerAuthentication: ['v1', 'v1beta1'],
  RequestAuthentication: ['v1', 'v1beta1'],
  Telemetry: ['v1', 'v1alpha1'],
};

const SCALAR_KEYWORDS = new Set([
  'type',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'minimum',
  'maximum',
  'nullable',
  'x-kubernetes-int-or-string',
  'x-kubernetes-preserve-unknown-fields',
]);
const LIST_KEYWORDS = new Set(['required', 'enum']);
const DROPPED = new Set(['description']);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Copies the schema keeping only the keywords meshward checks; `where` names the spot for errors. */
function cleanSchema(node: unknown, where: string): Record<string, Json> {
  if (!isObject(node)) throw new Error(`schema at ${where} is not an object`);
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key)) continue;
    if (SCALAR_KEYWORDS.has(key) || LIST_KEYWORDS.has(key)) out[key] = value;
    else if (key === 'properties') {
      if (!isObject(value)) throw new Error(`properties at ${where} is not an object`);
      const props: Record<string, Json> = {};
      for (const [name, sub] of Object.entries(value)) props[name] = cleanSchema(sub, `${where}.${name}`);
      out[key] = props;
    } else if (key === 'items' || key === 'additionalProperties' || key === 'not') {
      out[key] = cleanSchema(value, `${where}.${key}`);
    } else if (key === 'oneOf' || key === 'anyOf') {
      if (!Array.isArray(value)) throw new Error(`${key} at ${where} is not a list`);
      out[key] = value.map((s, i) => cleanSchema(s, `${where}.${key}[${i}]`));
    } else if (key === 'x-kubernetes-validations') {
      if (!Array.isArray(value)) throw new Error(`${key} at ${where} is not a list`);
      out[key] = value.map((v): Json => {
        if (!isObject(v) || typeof v.rule !== 'string') throw new Error(`bad CEL rule at ${where}`);
        return typeof v.message === 'string' ? { rule: v.rule, message: v.message } : { rule: v.rule };
      });
    } else {
      throw new Error(`unexpected schema keyword \`${key}\` at ${where}`);
    }
  }
  return out;
}

function constName(kind: string, version: string): string {
  return `${kind.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}_${version.toUpperCase()}`;
}

/** Renders the generated module from the text of `security-crds.gen.yaml`. Pure: no I/O. */
export function renderSchemaModule(crdText: string): string {
  const entries: { name: string; kind: string; head: string; schema: string }[] = [];
  for (const doc of parseAllDocuments(crdText)) {
    if (!('toJS' in doc)) continue;
    const crd: unknown = doc.toJS();
    if (!isObject(crd) || !isObject(crd.spec) || !isObject(crd.spec.names)) continue;
    const kind = crd.spec.names.kind;
    const group = crd.spec.group;
    if (typeof kind !== 'string' || typeof group !== 'string') continue;
    const wanted = WANTED[kind];
    if (!wanted || !Array.isArray(crd.spec.versions)) continue;
    for (const v of crd.spec.versions) {
      if (!isObject(v) || typeof v.name !== 'string' || !wanted.includes(v.name)) continue;
      if (!isObject(v.schema)) throw new Error(`${kind} ${v.name} has no schema`);
      const schema = cleanSchema(v.schema.openAPIV3Schema, `${kind}.${v.name}`);
      const head = JSON.stringify({ group, version: v.name, kind }, null, 2).slice(0, -2);
      entries.push({ name: constName(kind, v.name), kind, head, schema: JSON.stringify(schema, null, 2).replace(/\n/g, '\n  ') });
    }
  }
  const expected = Object.values(WANTED).reduce((n, vs) => n + vs.length, 0);
  if (entries.length !== expected) throw new Error(`found ${entries.length} of ${expected} kind versions in the CRDs`);
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const lines = [
    '// Code generated by scripts/gen-schema.ts from the Istio CRDs (conformance crds/security-crds.gen.yaml,',
    '// istio/istio manifests/charts/base/files/crd-all.gen.yaml). DO NOT EDIT: run `npx tsx scripts/gen-schema.ts`.',
    '// Descriptions are dropped; types, enums, required, formats, limits, oneOf and CEL rules are kept.',
    "import type { KindSchema } from '../types.js';",
    '',
  ];
  // Served versions of a kind usually share one schema (v1 and v1beta1): emit it once and refer
  // to it, so the module holds each distinct schema a single time.
  const firstWithSchema = new Map<string, string>();
  for (const e of entries) {
    const key = `${e.kind}\n${e.schema}`;
    const same = firstWithSchema.get(key);
    if (!same) firstWithSchema.set(key, e.name);
    lines.push(`export const ${e.name}: KindSchema = ${e.head},\n  "schema": ${same ? `${same}.schema` : e.schema}\n};`, '');
  }
  lines.push('/** Every generated kind version, sorted by constant name. */');
  lines.push(`export const ISTIO_KIND_SCHEMAS: readonly KindSchema[] = [${entries.map((e) => e.name).join(', ')}];`);
  return lines.join('\n') + '\n';
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the Istio conformance data lives (tests and this script only; never product code). */
export function conformanceDir(): string {
  return process.env.MESHWARD_CONFORMANCE_DIR ?? join(repoRoot, '..', 'shared', 'conformance', 'istio');
}

export const GENERATED_PATH = join(repoRoot, 'src', 'schema', 'generated', 'istio-kinds.ts');

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const crdPath = join(conformanceDir(), 'crds', 'security-crds.gen.yaml');
  writeFileSync(GENERATED_PATH, renderSchemaModule(readFileSync(crdPath, 'utf8')));
  console.log(`wrote ${GENERATED_PATH}`);
}
