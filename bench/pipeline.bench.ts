/**
 * Decisions for the seed architecture, over every (caller, destination) pair of the bundled
 * example with a rotating set of requests (paths, methods, with and without a token), untraced:
 * - pipeline/seed-*: the full inbound pipeline (mTLS → normalization → CUSTOM → jwt_authn →
 *   DENY → ALLOW), what `meshward check` and `meshward test` run;
 * - engine/seed-*: the authorization engine alone (the compiled RBAC chain on request facts that
 *   are already built), the issue-2 target of >= 1,000,000 decisions/s on one core.
 * One JSON line each: `{name, ops, ms, opsPerSec, cpuOpsPerSec}`. Fixed inputs, so runs compare.
 */
import { loadavg } from 'node:os';
import { compileMesh, workloadKey } from '../src/compile/mesh.js';
import { compileJwtAuthn } from '../src/compile/request-authn.js';
import { runAuthzChain } from '../src/engine/authz-chain.js';
import type { AuthzContext } from '../src/engine/authz-chain.js';
import { evaluateRequest, prepareWorkload } from '../src/engine/pipeline.js';
import type { InboundRequest, PipelineOptions, PreparedWorkload } from '../src/engine/pipeline.js';
import { resolveJwks } from '../src/identity/jwks.js';
import { generateSigningKey, signJwt } from '../src/identity/jwt-sign.js';
import { deriveWorkloads, loadManifests } from '../src/load/index.js';
import { admitResources } from '../src/schema/admit.js';
import { DEFAULT_MESH_CONFIG, assignPodIps } from '../src/model/index.js';

const ISSUER = 'https://identity-server.internal';
const now = 1_800_000_000;

async function variant(name: string, dirs: string[], ns: string): Promise<void> {
  const loaded = await loadManifests(dirs);
  const resources = admitResources(loaded.resources).admitted;
  const { workloads } = deriveWorkloads(resources);
  assignPodIps(workloads);
  const mesh = { ...DEFAULT_MESH_CONFIG, trustDomainAliases: [], extensionProviders: [] };
  const compiled = compileMesh({ resources, workloads, mesh, defaultNamespace: ns });
  const key = generateSigningKey('RS256', 'bench');
  const overrides = new Map([[ISSUER, JSON.stringify(key.jwks)]]);
  const token = await signJwt(key, { iss: ISSUER, sub: 'alice', aud: 'payment-api', role: 'payment-processor' }, { now, expiresIn: 3600 });
  const targets: { t: PreparedWorkload; opts: PipelineOptions; port: number }[] = [];
  for (const w of workloads) {
    const cw = compiled.workloads.get(workloadKey(w))!;
    const cfg = compileJwtAuthn(cw.requestAuthentications);
    const jwt = cfg ? await resolveJwks(cfg, { overrides }) : undefined;
    const opts: PipelineOptions = { trustDomain: mesh.trustDomain, pathNormalization: mesh.pathNormalization, trace: false, now, ...(jwt ? { jwt } : {}) };
    for (const p of w.ports) targets.push({ t: prepareWorkload(cw), opts, port: p.port });
  }
  const shapes: InboundRequest['http'][] = [
    { method: 'POST', path: '/api/v1/payments/process', headers: [['authorization', `Bearer ${token}`]] },
    { method: 'POST', path: '/api/v1/payments/process', headers: [] },
    { method: 'GET', path: '/api/v1/inventory/check?sku=1', headers: [] },
    { method: 'GET', path: '/internal/debug', headers: [['x-request-rate', 'high']] },
  ];
  const requests: { t: PreparedWorkload; opts: PipelineOptions; req: InboundRequest }[] = [];
  for (const caller of workloads)
    for (const d of targets)
      for (const http of shapes) requests.push({ t: d.t, opts: d.opts, req: { caller: { kind: 'workload', workload: caller }, port: d.port, ...(http ? { http } : {}) } });
  let allowed = 0;
  measure(`pipeline/seed-${name}`, 400_000, requests.length, (i) => {
    const r = requests[i % requests.length]!;
    if (evaluateRequest(r.t, r.req, r.opts).allowed) allowed++;
  });
  // The engine alone: the same destinations' HTTP chains on prebuilt facts (mTLS peer, normalized path).
  const contexts: { t: PreparedWorkload; ctx: AuthzContext }[] = requests
    .filter((r) => r.req.http && r.t.compiled.workload.proxy === 'sidecar')
    .map((r) => {
      const caller = r.req.caller.kind === 'workload' ? r.req.caller.workload : undefined;
      const path = r.req.http!.path!;
      return {
        t: r.t,
        ctx: {
          facts: {
            connection: { peerPrincipals: caller ? [`spiffe://cluster.local/ns/${caller.namespace}/sa/${caller.serviceAccount}`] : [], mtls: true, sourceIp: caller?.ip ?? '10.244.0.9', destinationPort: r.req.port },
            http: { method: r.req.http!.method!, path, authority: `${r.t.compiled.workload.name}.${r.t.compiled.workload.namespace}`, headers: r.req.http!.headers! },
          },
          urlPath: path.split('?')[0]!,
          trace: false,
        },
      };
    });
  measure(`engine/seed-${name}`, 2_000_000, contexts.length, (i) => {
    const c = contexts[i % contexts.length]!;
    if (runAuthzChain(c.t.http, c.ctx, 'all').allowed) allowed++;
  });
}

function measure(name: string, ops: number, distinct: number, body: (i: number) => void): void {
  for (let i = 0; i < 50_000; i++) body(i);
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) body(i);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    JSON.stringify({
      name,
      ops,
      distinctRequests: distinct,
      ms: Math.round(ms),
      opsPerSec: Math.round((ops / ms) * 1000),
      cpuOpsPerSec: Math.round((ops / cpuMs) * 1000),
      loadavg1: Number(loadavg()[0]!.toFixed(2)),
    }),
  );
}

const E = new URL('../examples/seed-architecture/', import.meta.url).pathname;
await variant('as-written', [`${E}workloads`, `${E}as-written`], 'production');
await variant('corrected', [`${E}workloads`, `${E}corrected`], 'production');
