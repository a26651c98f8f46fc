/**
 * Full-pipeline decisions for the seed architecture: mTLS → normalization → CUSTOM → jwt_authn →
 * DENY → ALLOW, untraced, over every (caller, destination) pair of the bundled example with a
 * rotating set of requests (paths, methods, with and without a token). One JSON line per variant:
 * `{name, ops, ms, opsPerSec, cpuOpsPerSec}`. Fixed inputs, so runs compare.
 */
import { loadavg } from 'node:os';
import { compileMesh, workloadKey } from '../src/compile/mesh.js';
import { compileJwtAuthn } from '../src/compile/request-authn.js';
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
  const body = (i: number): void => {
    const r = requests[i % requests.length]!;
    if (evaluateRequest(r.t, r.req, r.opts).allowed) allowed++;
  };
  const ops = 400_000;
  for (let i = 0; i < 50_000; i++) body(i);
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) body(i);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    JSON.stringify({
      name: `pipeline/seed-${name}`,
      ops,
      distinctRequests: requests.length,
      ms: Math.round(ms),
      opsPerSec: Math.round((ops / ms) * 1000),
      cpuOpsPerSec: Math.round((ops / cpuMs) * 1000),
      allowedShare: Number((allowed / (ops + 50_000)).toFixed(3)),
      loadavg1: Number(loadavg()[0]!.toFixed(2)),
    }),
  );
}

const E = new URL('../examples/seed-architecture/', import.meta.url).pathname;
await variant('as-written', [`${E}workloads`, `${E}as-written`], 'production');
await variant('corrected', [`${E}workloads`, `${E}corrected`], 'production');
