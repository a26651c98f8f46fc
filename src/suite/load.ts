/**
 * Reads a TestSuite file: validates it against the closed schema, resolves `resources` (paths
 * relative to the suite, or inline YAML whose positions map back into the suite file), reads key
 * files, and builds the workloads (declared ones plus those derived from Deployments and the like).
 */
import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import { MeshwardError } from '../model/errors.js';
import type { ExtensionProvider, MeshConfig, PathNormalization } from '../model/mesh.js';
import { DEFAULT_MESH_CONFIG } from '../model/mesh.js';
import type { Resource } from '../model/resources.js';
import type { Workload, WorkloadPort } from '../model/workload.js';
import { assignPodIps } from '../model/workload.js';
import { parseIp } from '../engine/rbac/cidr.js';
import { composeDocument } from '../load/compose/compose-object.js';
import { makeSourceRef } from '../load/compose/source-ref.js';
import { toValue } from '../load/compose/to-value.js';
import { deriveWorkloads, loadManifests } from '../load/index.js';
import { embeddedSpanMapper } from '../load/parse/block-scalar.js';
import { parseDocuments } from '../load/parse/documents.js';
import { childOf } from '../schema/tree.js';
import { validateNode } from '../schema/validate.js';
import { admitResources } from '../schema/admit.js';
import { TEST_SUITE_SCHEMA } from './schema.js';
import type { Expectation, SuiteCase, SuiteIssuer, SuiteToken, TestSuite } from './types.js';

type Json = ReturnType<typeof toValue>;
type Obj = { [k: string]: Json };

const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Loads and checks one suite file; every problem is collected before failing with exit 2. */
export async function loadSuite(file: string): Promise<TestSuite> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new MeshwardError('ERR_MANIFEST_READ', `cannot read suite \`${file}\`: ${(e as Error).message}`, { cause: e });
  }
  const diags: Diagnostic[] = [];
  const parsed = parseDocuments(text, file);
  diags.push(...parsed.diagnostics);
  const doc = parsed.documents[0];
  if (!doc || diags.some((d) => d.severity === 'error')) fail(file, diags, doc ? undefined : 'the suite file has no document');
  if (parsed.documents.length > 1) {
    const extra = parsed.documents[1]!;
    diags.push(diag(extra.spans.span(extra.root.start, extra.root.end), 'a suite file holds one TestSuite document', 'split further suites into their own files'));
  }
  const { root, spans } = doc!;
  diags.push(...validateNode(root, TEST_SUITE_SCHEMA, { spans, resource: 'TestSuite' }));
  if (diags.some((d) => d.severity === 'error')) fail(file, diags);
  const source = makeSourceRef(spans, doc!.docIndex, root);
  const at = (path: (string | number)[], message: string, help?: string): void => {
    diags.push(diag(source.locate(path), message, help));
  };
  const value = toValue(root) as Obj;
  const dir = dirname(file);

  // --- resources: files/folders relative to the suite, or inline YAML mapped into this file ---
  const resources: Resource[] = [];
  const resNode = childOf(root, 'resources');
  const resList = Array.isArray(value.resources) ? value.resources : [];
  for (let i = 0; i < resList.length; i++) {
    const r = resList[i];
    // `namespace` (meshward extension) fills a missing metadata.namespace, as `kubectl apply -n` does.
    const ns = isObj(r) && typeof r.namespace === 'string' ? r.namespace : undefined;
    const fill = (rs: Resource[]): Resource[] => {
      if (ns) for (const x of rs) if (x.metadata.namespace === undefined) x.metadata.namespace = ns;
      return rs;
    };
    const pathOf = typeof r === 'string' ? r : isObj(r) && typeof r.path === 'string' ? r.path : undefined;
    const extra = isObj(r) ? Object.keys(r).filter((k) => !['path', 'inline', 'namespace'].includes(k)) : [];
    if (extra.length) at(['resources', i, extra[0]!], `unknown field \`${extra[0]}\` in a resource entry`, 'a resource entry has `path` or `inline`, and optionally `namespace`');
    if (pathOf !== undefined && !(isObj(r) && 'inline' in r)) {
      try {
        const loaded = await loadManifests([join(dir, pathOf)]);
        resources.push(...fill(loaded.resources));
        diags.push(...loaded.diagnostics);
      } catch (e) {
        if (!(e instanceof MeshwardError)) throw e;
        at(typeof r === 'string' ? ['resources', i] : ['resources', i, 'path'], e.message, 'paths are relative to the suite file');
      }
    } else if (isObj(r) && typeof r.inline === 'string' && !('path' in r)) {
      const node = resNode?.kind === 'seq' ? childOf(resNode.items[i], 'inline') : undefined;
      const inner = parseDocuments(r.inline, file, node && node.kind === 'scalar' ? embeddedSpanMapper(text, node, spans) : spans);
      diags.push(...inner.diagnostics);
      for (const d of inner.documents) {
        const out = composeDocument(d.root, d.spans, d.docIndex);
        resources.push(...fill(out.resources));
        diags.push(...out.diagnostics);
      }
    } else {
      at(['resources', i], 'a resource entry is a path, `{path: <p>}` or `{inline: <yaml>}`', 'write `- ./policies/` or `- inline: |` followed by YAML');
    }
  }

  const admission = admitResources(resources);
  const mesh = meshOf(isObj(value.mesh) ? value.mesh : {});
  const issuers = await issuersOf(Array.isArray(value.issuers) ? value.issuers : [], dir, at);
  const derived = deriveWorkloads(resources);
  diags.push(...derived.diagnostics.filter((d) => d.severity === 'error'));
  const workloads = [...derived.workloads];
  const declared = Array.isArray(value.workloads) ? value.workloads : [];
  declared.forEach((w, i) => {
    if (!isObj(w)) return;
    if (typeof w.ip === 'string' && !parseIp(w.ip)) at(['workloads', i, 'ip'], `\`${w.ip}\` is not an IP address`);
    const wl = workloadOf(w);
    if (workloads.some((x) => x.namespace === wl.namespace && x.name === wl.name)) at(['workloads', i, 'name'], `workload \`${wl.namespace}/${wl.name}\` is declared twice`);
    workloads.push(wl);
  });
  assignPodIps(workloads);

  const cases = (value.cases as Json[]).map((c, i) => caseOf(c as Obj, i, at, workloads));
  if (diags.some((d) => d.severity === 'error')) fail(file, diags);
  const rejected = admission.rejected.map(({ resource, errors }) => ({
    resource: `${resource.kind} ${resource.metadata.namespace ?? '(no namespace)'}/${resource.metadata.name}`,
    reason: `${errors[0]!.message} at ${errors[0]!.span.file}:${errors[0]!.span.line}:${errors[0]!.span.column}`,
  }));
  const suite: TestSuite = { name: String((value.metadata as Obj).name), file, source, mesh, resources: admission.admitted, workloads, issuers, cases, rejected };
  if (typeof value.now === 'number') suite.now = value.now;
  return suite;
}

function diag(span: Diagnostic['span'], message: string, help?: string): Diagnostic {
  return { code: 'MW009', severity: 'error', message, span, resource: 'TestSuite', ...(help ? { help } : {}) };
}

function fail(file: string, diags: Diagnostic[], message?: string): never {
  const errors = diags.filter((d) => d.severity === 'error');
  throw new MeshwardError('ERR_SUITE_INVALID', message ?? `invalid suite \`${file}\`: ${errors.length} error${errors.length === 1 ? '' : 's'}`, { diagnostics: errors });
}

function meshOf(m: Obj): MeshConfig {
  const norm = typeof m.pathNormalization === 'string' ? m.pathNormalization : 'BASE';
  const providers: ExtensionProvider[] = (Array.isArray(m.extensionProviders) ? m.extensionProviders : []).filter(isObj).map((p) => {
    const e: ExtensionProvider = { name: String(p.name) };
    if (isObj(p.allowIfHeader)) e.allowIfHeader = { name: String(p.allowIfHeader.name), value: String(p.allowIfHeader.value) };
    if (isObj(p.envoyExtAuthzHttp)) e.envoyExtAuthzHttp = p.envoyExtAuthzHttp as unknown as NonNullable<ExtensionProvider['envoyExtAuthzHttp']>;
    if (isObj(p.envoyExtAuthzGrpc)) e.envoyExtAuthzGrpc = p.envoyExtAuthzGrpc as unknown as NonNullable<ExtensionProvider['envoyExtAuthzGrpc']>;
    return e;
  });
  return {
    ...DEFAULT_MESH_CONFIG,
    rootNamespace: typeof m.rootNamespace === 'string' ? m.rootNamespace : DEFAULT_MESH_CONFIG.rootNamespace,
    trustDomain: typeof m.trustDomain === 'string' ? m.trustDomain : DEFAULT_MESH_CONFIG.trustDomain,
    trustDomainAliases: Array.isArray(m.trustDomainAliases) ? m.trustDomainAliases.map(String) : [],
    pathNormalization: (norm === 'DEFAULT' ? 'BASE' : norm) as PathNormalization,
    extensionProviders: providers,
    numTrustedProxies: typeof m.numTrustedProxies === 'number' ? m.numTrustedProxies : 0,
    enableMultipleCustomProviders: m.enableMultipleCustomProviders === true,
  };
}

async function issuersOf(list: Json[], dir: string, at: (p: (string | number)[], m: string, h?: string) => void): Promise<SuiteIssuer[]> {
  const out: SuiteIssuer[] = [];
  for (let i = 0; i < list.length; i++) {
    const x = list[i] as Obj;
    const iss: SuiteIssuer = { issuer: String(x.issuer) };
    if (typeof x.jwksUri === 'string') iss.jwksUri = x.jwksUri;
    if (typeof x.kid === 'string') iss.kid = x.kid;
    if (typeof x.generate === 'string') iss.generate = x.generate as SuiteIssuer['generate'];
    let reported = false;
    for (const [field, key] of [['jwks', 'jwksJson'], ['privateKey', 'privateKeyPem']] as const) {
      const f = x[field];
      if (typeof f !== 'string') continue;
      let text: string;
      try {
        text = await readFile(join(dir, f), 'utf8');
      } catch (e) {
        at(['issuers', i, field], `cannot read \`${f}\`: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'paths are relative to the suite file');
        reported = true;
        continue;
      }
      const problem = field === 'jwks' ? jwksProblem(text) : privateKeyProblem(text);
      if (problem) at(['issuers', i, field], `\`${f}\` ${problem}`);
      else iss[key] = text;
      reported ||= problem !== undefined;
    }
    if (!reported && !iss.generate && !iss.jwksJson && !iss.privateKeyPem)
      at(['issuers', i], `issuer \`${iss.issuer}\` has no key`, 'give `jwks: <file>`, `privateKey: <pem>` or `generate: RS256`');
    out.push(iss);
  }
  return out;
}

/** Why `text` is not a JWK Set (`{"keys": [...]}`), or `undefined` when it is. */
function jwksProblem(text: string): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return `is not JSON: ${(e as Error).message.replace(/\s+/g, ' ')}`;
  }
  return isObj(doc as Json) && Array.isArray((doc as Obj).keys) ? undefined : 'is not a JWK Set: it needs a `keys` list';
}

function privateKeyProblem(pem: string): string | undefined {
  try {
    createPrivateKey(pem);
    return undefined;
  } catch (e) {
    return `is not a private key: ${(e as Error).message}`;
  }
}

function workloadOf(w: Obj): Workload {
  const name = String(w.name);
  const ports: WorkloadPort[] = (Array.isArray(w.ports) ? w.ports : []).filter(isObj).map((p) => {
    const port = Number(p.port);
    const wp: WorkloadPort = { port, targetPort: typeof p.targetPort === 'number' ? p.targetPort : port, protocol: (typeof p.protocol === 'string' ? p.protocol : 'HTTP') as WorkloadPort['protocol'] };
    if (typeof p.name === 'string') wp.name = p.name;
    return wp;
  });
  const labels = isObj(w.labels) ? (Object.fromEntries(Object.entries(w.labels).map(([k, v]) => [k, String(v)])) as Record<string, string>) : { app: name };
  const out: Workload = {
    namespace: String(w.namespace),
    name,
    serviceAccount: typeof w.serviceAccount === 'string' ? w.serviceAccount : 'default',
    labels,
    ports,
    proxy: w.gateway === true ? 'gateway' : w.sidecar === false ? 'none' : 'sidecar',
    origin: `TestSuite workload ${String(w.namespace)}/${name}`,
  };
  if (typeof w.ip === 'string') out.ip = w.ip;
  return out;
}

function caseOf(c: Obj, index: number, at: (p: (string | number)[], m: string, h?: string) => void, workloads: readonly Workload[]): SuiteCase {
  const path = (...p: (string | number)[]) => ['cases', index, ...p];
  const known = (ref: string) => workloads.some((w) => `${w.namespace}/${w.name}` === ref);
  let from: SuiteCase['from'] = { ip: '0.0.0.0' };
  if (typeof c.from === 'string') {
    if (!known(c.from)) at(path('from'), `\`${c.from}\` is not a workload of this suite`, 'declare it under `workloads:` or in a resource');
    from = { workload: c.from };
  } else if (isObj(c.from) && typeof c.from.ip === 'string' && Object.keys(c.from).length === 1) {
    if (!parseIp(c.from.ip)) at(path('from', 'ip'), `\`${c.from.ip}\` is not an IP address`);
    from = { ip: c.from.ip };
  } else at(path('from'), '`from` is `namespace/name` of a workload or `{ip: <address>}`');

  const m = /^([^/\s]+)\/([^:\s]+):(\d{1,5})$/.exec(String(c.to));
  let to = { namespace: '', name: '', port: 0 };
  if (!m) at(path('to'), `\`to\` \`${String(c.to)}\` is not \`namespace/name:port\``);
  else {
    to = { namespace: m[1]!, name: m[2]!, port: Number(m[3]) };
    if (!known(`${to.namespace}/${to.name}`)) at(path('to'), `\`${to.namespace}/${to.name}\` is not a workload of this suite`);
    if (to.port < 1 || to.port > 65535) at(path('to'), `port ${to.port} of \`to\` is not between 1 and 65535`);
  }

  const expect = c.expect;
  if (!(expect === 200 || expect === 400 || expect === 401 || expect === 403 || expect === 'reset'))
    at(path('expect'), `\`expect\` must be 200, 400, 401, 403 or \`reset\`, got \`${String(expect)}\``);

  const out: SuiteCase = { name: String(c.name), from, plaintext: c.plaintext === true, to, expect: expect as Expectation, index };
  if (typeof c.sourceIp === 'string') {
    if (!parseIp(c.sourceIp)) at(path('sourceIp'), `\`${c.sourceIp}\` is not an IP address`);
    out.sourceIp = c.sourceIp;
  }
  if (isObj(c.request)) {
    const r = c.request;
    const headers: [string, string][] = [];
    for (const [k, v] of Object.entries(isObj(r.headers) ? r.headers : {})) {
      if (Array.isArray(v)) for (const x of v) headers.push([k, String(x)]);
      else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') headers.push([k, String(v)]);
      else at(path('request', 'headers', k), `header \`${k}\` needs a value or a list of values`);
    }
    out.request = { headers };
    if (typeof r.method === 'string') out.request.method = r.method;
    if (typeof r.path === 'string') out.request.path = r.path;
    if (typeof r.host === 'string') out.request.host = r.host;
    if (typeof r.sni === 'string') out.request.sni = r.sni;
  }
  if (isObj(c.token)) {
    const t = c.token as unknown as SuiteToken;
    const locs = t.in ? Object.keys(t.in).filter((k) => k !== 'prefix') : [];
    if (locs.length > 1) at(path('token', 'in'), 'a token goes in one place: `header`, `query` or `cookie`');
    if (!t.raw && !t.issuer) at(path('token'), 'a token needs `issuer` (to sign `claims`) or `raw`');
    out.token = t;
  }
  if (typeof c.expectPolicy === 'string') out.expectPolicy = c.expectPolicy;
  if (typeof c.expectBody === 'string') out.expectBody = c.expectBody;
  if (isObj(c.expectShadow)) out.expectShadow = c.expectShadow as unknown as NonNullable<SuiteCase['expectShadow']>;
  if (typeof c.todo === 'string') out.todo = c.todo;
  return out;
}

