/**
 * Mesh config: a MeshConfig YAML document, or the `istio` ConfigMap whose `data.mesh` holds one
 * (positions inside a literal `mesh: |` block point at the right lines of the outer file).
 * Absent fields take Istio's defaults; merging follows `ApplyMeshConfig` in istio/istio
 * `pkg/config/mesh/mesh.go`:
 * - the built-in extension providers (`prometheus`, `stackdriver`, `envoy`) stay unless the file
 *   redefines one by name (spec §7); user providers follow them, in file order;
 * - `trustDomainAliases` come out sorted and de-duplicated (`sets.SortedList`);
 * - an empty `rootNamespace` / `trustDomain` keeps the default (proto3: empty means unset);
 * - `pathNormalization.normalization: DEFAULT` is BASE;
 * - a document with errors is refused as a whole: the result is the defaults.
 */
import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../model/diagnostic.js';
import { MeshwardError } from '../model/errors.js';
import {
  DEFAULT_MESH_CONFIG,
  type DefaultProviders,
  type ExtensionProvider,
  type MeshConfig,
  type PathNormalization,
} from '../model/mesh.js';
import { DiagnosticCodes } from '../schema/codes.js';
import { meshConfigSchema, OTHER_PROVIDER_KINDS } from '../schema/mesh-config.js';
import type { SpanMapper, YamlNode } from '../schema/tree.js';
import { childOf, stringOf } from '../schema/tree.js';
import { validateNode } from '../schema/validate.js';
import { toValue, type JsonValue } from './compose/to-value.js';
import { embeddedSpanMapper } from './parse/block-scalar.js';
import { parseDocuments } from './parse/documents.js';

/** Istio's built-in extension providers (`DefaultMeshConfig`), present unless redefined. */
export const BUILTIN_EXTENSION_PROVIDERS: readonly ExtensionProvider[] = Object.freeze([
  { name: 'prometheus', otherKind: 'prometheus' },
  { name: 'stackdriver', otherKind: 'stackdriver' },
  { name: 'envoy', otherKind: 'envoyFileAccessLog' },
]);

/** Istio's default `defaultProviders`: Prometheus metrics. */
export const BUILTIN_DEFAULT_PROVIDERS: Readonly<DefaultProviders> = Object.freeze({ metrics: ['prometheus'] });

export interface MeshConfigResult {
  mesh: MeshConfig;
  diagnostics: Diagnostic[];
}

export interface MeshConfigOptions {
  /** Accept meshward's `allowIfHeader` test provider (TestSuite `mesh:` blocks). */
  testProviders?: boolean;
}

type Obj = { [key: string]: JsonValue };

function obj(v: JsonValue | undefined): Obj | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
}

function strings(v: JsonValue | undefined): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
}

/** protobuf JSON uint32: a number, or a decimal string. */
function uint(v: JsonValue | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
}

/** Copies the fields of an ext_authz provider, converting uint32 strings to numbers. */
function extAuthz<T>(v: Obj): T {
  const out: Obj = { ...v };
  out.port = uint(v.port) ?? 0;
  const body = obj(v.includeRequestBodyInCheck);
  if (body) {
    const b: Obj = { ...body };
    const max = uint(body.maxRequestBytes);
    if (max !== undefined) b.maxRequestBytes = max;
    out.includeRequestBodyInCheck = b;
  }
  return out as T;
}

function provider(v: Obj): ExtensionProvider {
  const p: ExtensionProvider = { name: typeof v.name === 'string' ? v.name : '' };
  const http = obj(v.envoyExtAuthzHttp);
  const grpc = obj(v.envoyExtAuthzGrpc);
  const test = obj(v.allowIfHeader);
  if (http) p.envoyExtAuthzHttp = extAuthz(http);
  else if (grpc) p.envoyExtAuthzGrpc = extAuthz(grpc);
  else if (test) p.allowIfHeader = { name: String(test.name ?? ''), value: String(test.value ?? '') };
  else {
    const other = OTHER_PROVIDER_KINDS.find((k) => k in v);
    if (other) p.otherKind = other;
  }
  return p;
}

/** Builds a MeshConfig from a validated MeshConfig value, on top of Istio's defaults. */
function buildMesh(v: Obj): MeshConfig {
  const mesh: MeshConfig = { ...DEFAULT_MESH_CONFIG, trustDomainAliases: [], extensionProviders: [] };
  if (typeof v.rootNamespace === 'string' && v.rootNamespace !== '') mesh.rootNamespace = v.rootNamespace;
  if (typeof v.trustDomain === 'string' && v.trustDomain !== '') mesh.trustDomain = v.trustDomain;
  mesh.trustDomainAliases = [...new Set(strings(v.trustDomainAliases) ?? [])].sort();
  const norm = obj(v.pathNormalization)?.normalization;
  if (typeof norm === 'string') mesh.pathNormalization = norm === 'DEFAULT' ? 'BASE' : (norm as PathNormalization);
  const providers: ExtensionProvider[] = BUILTIN_EXTENSION_PROVIDERS.map((p) => ({ ...p }));
  for (const item of Array.isArray(v.extensionProviders) ? v.extensionProviders : []) {
    const o = obj(item);
    if (!o) continue;
    const p = provider(o);
    const i = providers.findIndex((x) => x.name === p.name);
    if (i >= 0) providers[i] = p;
    else providers.push(p);
  }
  mesh.extensionProviders = providers;
  const dp = obj(v.defaultProviders);
  mesh.defaultProviders = { ...BUILTIN_DEFAULT_PROVIDERS };
  if (dp) {
    for (const k of ['metrics', 'tracing', 'accessLogging'] as const) {
      const list = strings(dp[k]);
      if (list) mesh.defaultProviders[k] = list;
    }
  }
  const hops = obj(obj(v.defaultConfig)?.gatewayTopology)?.numTrustedProxies;
  if (typeof hops === 'number') mesh.numTrustedProxies = hops;
  return mesh;
}

/**
 * Validates a MeshConfig value tree and builds the MeshConfig. Exposed for loaders of other
 * formats that embed mesh settings (the TestSuite `mesh:` block).
 */
export function composeMeshConfig(root: YamlNode, spans: SpanMapper, opts: MeshConfigOptions = {}): MeshConfigResult {
  const schema = meshConfigSchema(opts);
  const diagnostics = validateNode(root, schema, { spans });
  // istiod refuses a mesh config it cannot decode (ApplyMeshConfig returns an error) and keeps
  // the defaults; meshward does the same rather than guess from a half-valid document.
  const invalid = diagnostics.some((d) => d.severity === 'error');
  const value = root.kind === 'map' && !invalid ? obj(toValue(root, schema)) ?? {} : {};
  return { mesh: buildMesh(value), diagnostics };
}

/**
 * Parses a mesh config file's text: a MeshConfig document, or an `istio` ConfigMap with
 * `data.mesh`. An empty file gives the defaults.
 *
 * @example
 * const { mesh, diagnostics } = parseMeshConfig('trustDomain: corp.example\n', 'mesh.yaml');
 */
export function parseMeshConfig(text: string, file: string, opts: MeshConfigOptions = {}): MeshConfigResult {
  const parsed = parseDocuments(text, file);
  const doc = parsed.documents[0];
  if (!doc) return { mesh: buildMesh({}), diagnostics: parsed.diagnostics };
  const diagnostics = [...parsed.diagnostics];
  if (parsed.documents.length > 1) {
    const extra = parsed.documents[1] as (typeof parsed.documents)[number];
    diagnostics.push({
      code: DiagnosticCodes.CONSTRAINT,
      severity: 'warning',
      message: 'a mesh config file holds one document; the documents after the first are ignored',
      span: extra.spans.span(extra.root.start, extra.root.start),
    });
  }
  if (stringOf(childOf(doc.root, 'kind')) !== 'ConfigMap') {
    const r = composeMeshConfig(doc.root, doc.spans, opts);
    return { mesh: r.mesh, diagnostics: [...diagnostics, ...r.diagnostics] };
  }
  const data = childOf(doc.root, 'data');
  const meshNode = childOf(data, 'mesh');
  if (meshNode?.kind !== 'scalar' || typeof meshNode.value !== 'string') {
    const at = meshNode ?? data ?? doc.root;
    diagnostics.push({
      code: meshNode ? DiagnosticCodes.WRONG_TYPE : DiagnosticCodes.MISSING_REQUIRED,
      severity: 'error',
      message: meshNode ? '`data.mesh` must be a string holding the MeshConfig YAML' : 'missing required field `data.mesh` in the mesh ConfigMap',
      span: doc.spans.span(at.start, at.end),
    });
    return { mesh: buildMesh({}), diagnostics };
  }
  const inner = parseDocuments(meshNode.value, file, embeddedSpanMapper(doc.text, meshNode, doc.spans));
  diagnostics.push(...inner.diagnostics);
  const innerDoc = inner.documents[0];
  if (!innerDoc) return { mesh: buildMesh({}), diagnostics };
  const r = composeMeshConfig(innerDoc.root, innerDoc.spans, opts);
  return { mesh: r.mesh, diagnostics: [...diagnostics, ...r.diagnostics] };
}

/**
 * Reads and parses a mesh config file. Throws `MeshwardError` `ERR_MESH_CONFIG` when it cannot
 * be read.
 */
export async function loadMeshConfig(path: string, opts: MeshConfigOptions = {}): Promise<MeshConfigResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const reason = e instanceof Error && 'code' in e ? String((e as NodeJS.ErrnoException).code) : String(e);
    throw new MeshwardError('ERR_MESH_CONFIG', `cannot read mesh config \`${path}\`: ${reason}`, { cause: e });
  }
  return parseMeshConfig(text, path, opts);
}
