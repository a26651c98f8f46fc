/**
 * Engine decision speed, one JSON line per measurement: `{name, ops, ms, opsPerSec, …}`.
 * - engine/small-chain: a realistic sidecar chain (AUDIT + DENY + ALLOW, 6 policies, Istio-shaped)
 *   over 16 rotating requests, untraced. Target: ≥ 1,000,000 decisions/s on one core.
 * - engine/1000-policies: one workload under 1,000 ALLOW policies (70% exact path + principal,
 *   15% prefix path, 15% namespace regex + method), per-decision latency p50/p99 measured with
 *   `hrtime` around each call (timer cost included). Target: p99 < 5 µs.
 * - engine/1000-policies-linear: the same requests through the linear scan, to show the index.
 * - engine/1000-policies-traced: the same with `trace: true` (every policy explained).
 * Fixed seed and sizes, so runs compare.
 */
import { loadavg } from 'node:os';
import { prepareAuthzChain, runAuthzChain, type AuthzContext } from '../src/engine/authz-chain.js';
import { RbacRequest } from '../src/engine/rbac/request-view.js';
import { prepareRbac } from '../src/engine/rbac/prepare.js';
import type { AuthzFilter, Permission, Principal, RbacPolicy, RbacRules, RequestFacts } from '../src/model/index.js';
import { rng } from './support.js';

const SEED = 0x5eed;
const rand = rng(SEED);
const int = (n: number): number => Math.floor(rand() * n);

const or = (...rules: Permission[]): Permission => ({ orRules: { rules } });
const and = (...rules: Permission[]): Permission => ({ andRules: { rules } });
const orId = (...ids: Principal[]): Principal => ({ orIds: { ids } });
const andId = (...ids: Principal[]): Principal => ({ andIds: { ids } });
const pathExact = (p: string): Permission => ({ urlPath: { path: { exact: p } } });
const pathPrefix = (p: string): Permission => ({ urlPath: { path: { prefix: p } } });
const method = (m: string): Permission => ({ header: { name: ':method', stringMatch: { exact: m } } });
const peer = (sa: string): Principal => ({ authenticated: { principalName: { exact: `spiffe://cluster.local/ns/shop/sa/${sa}` } } });
const ns = (n: string): Principal => ({ authenticated: { principalName: { safeRegex: { regex: `.*/ns/${n}/.*` } } } });
const rbac = (rules: RbacRules): AuthzFilter => ({
  name: 'envoy.filters.http.rbac',
  typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC', rules, shadowRulesStatPrefix: 'istio_dry_run_allow_' },
});
const pol = (permissions: Permission[], principals: Principal[]): RbacPolicy => ({ permissions, principals });

function facts(p: string, m: string, sa: string, namespace = 'shop'): RequestFacts {
  return {
    connection: { peerPrincipals: [`spiffe://cluster.local/ns/${namespace}/sa/${sa}`], mtls: true, sourceIp: '10.1.0.7', destinationIp: '10.1.0.9', destinationPort: 8080 },
    http: { method: m, path: p, authority: 'cart.shop.svc.cluster.local', headers: [['user-agent', 'bench'], ['x-request-id', 'r']] },
  };
}

/** Ops/s by wall clock and by this process's CPU time: the machine is shared, CPU time is what one core does. */
function measure(name: string, ops: number, body: (i: number) => void, extra: Record<string, unknown> = {}): void {
  for (let i = 0; i < Math.min(ops, 50_000); i++) body(i); // warm up
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) body(i);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(c0);
  const cpuMs = (c.user + c.system) / 1000;
  console.log(JSON.stringify({ name, ops, ms: Math.round(ms), opsPerSec: Math.round(ops / (ms / 1000)), cpuMs: Math.round(cpuMs), opsPerCpuSec: Math.round(ops / (cpuMs / 1000)), loadavg: loadavg()[0], ...extra }));
}

function latency(name: string, ops: number, body: (i: number) => void, extra: Record<string, unknown>): void {
  for (let i = 0; i < Math.min(ops, 20_000); i++) body(i);
  const ns = new Float64Array(ops);
  const c0 = process.cpuUsage();
  for (let i = 0; i < ops; i++) {
    const t0 = process.hrtime.bigint();
    body(i);
    ns[i] = Number(process.hrtime.bigint() - t0);
  }
  const c = process.cpuUsage(c0);
  const sorted = Array.from(ns).sort((a, b) => a - b);
  const q = (p: number): number => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number);
  const cpuNsPerOp = Math.round(((c.user + c.system) * 1000) / ops);
  console.log(JSON.stringify({ name, ops, p50ns: q(0.5), p99ns: q(0.99), maxns: q(1), cpuNsPerOp, loadavg: loadavg()[0], ...extra }));
}

// ---- a small realistic chain ------------------------------------------------------------------
const small = prepareAuthzChain([
  rbac({ action: 'LOG', policies: { 'ns[shop]-policy[audit-admin]-rule[0]': pol([and(or(pathPrefix('/admin/')))], [andId({ any: true })]) } }),
  rbac({ action: 'DENY', policies: { 'ns[shop]-policy[deny-plaintext]-rule[0]': pol([and({ any: true })], [andId({ notId: orId({ authenticated: { principalName: { safeRegex: { regex: '.+' } } } }) })]) } }),
  rbac({
    policies: {
      'ns[shop]-policy[cart]-rule[0]': pol([and(or(method('GET'), method('POST')), or(pathPrefix('/cart/')))], [andId(orId(peer('frontend')))]),
      'ns[shop]-policy[cart]-rule[1]': pol([and(or(method('GET')), or(pathExact('/healthz')))], [andId({ any: true })]),
      'ns[shop]-policy[checkout]-rule[0]': pol([and(or(method('POST')), or(pathExact('/cart/checkout')))], [andId(orId(peer('checkout')))]),
      'ns[shop]-policy[monitoring]-rule[0]': pol([and(or(pathExact('/metrics')))], [andId(orId(ns('monitoring')))]),
    },
  }),
]);
const smallReqs: AuthzContext[] = Array.from({ length: 16 }, (_, i) => {
  const paths = ['/cart/items', '/cart/checkout', '/healthz', '/metrics', '/admin/x', '/other'];
  const sas = ['frontend', 'checkout', 'prometheus', 'attacker'];
  return { facts: facts(paths[i % paths.length] as string, i % 3 === 0 ? 'POST' : 'GET', sas[i % sas.length] as string, i % 5 === 0 ? 'monitoring' : 'shop'), trace: false };
});
let allowed = 0;
measure('engine/small-chain', 2_000_000, (i) => {
  if (runAuthzChain(small, smallReqs[i & 15] as AuthzContext, 'all').allowed) allowed++;
}, { policies: 6, requests: 16 });

// ---- one workload under 1,000 policies --------------------------------------------------------
const policies: Record<string, RbacPolicy> = {};
const exactPaths: string[] = [];
for (let i = 0; i < 1000; i++) {
  const kind = rand();
  const key = `ns[shop]-policy[p${String(i).padStart(4, '0')}]-rule[${int(3)}]`;
  if (kind < 0.7) {
    const p = `/api/v${int(3)}/r${i}`;
    exactPaths.push(p);
    policies[key] = pol([and(or(method('GET'), method('PUT')), or(pathExact(p)))], [andId(orId(peer(`sa-${int(50)}`)))]);
  } else if (kind < 0.85) {
    policies[key] = pol([and(or(pathPrefix(`/static/${i}/`)))], [andId(orId(peer(`sa-${int(50)}`)))]);
  } else {
    policies[key] = pol([and(or(method('DELETE')))], [andId(orId(ns(`team-${i}`)))]);
  }
}
const big = prepareAuthzChain([rbac({ policies })]);
const bigReqs: AuthzContext[] = Array.from({ length: 1024 }, () => {
  const r = rand();
  const p = r < 0.6 ? (exactPaths[int(exactPaths.length)] as string) : r < 0.8 ? `/static/${int(1000)}/app.js` : `/nope/${int(100)}`;
  return { facts: facts(p, r < 0.5 ? 'GET' : 'DELETE', `sa-${int(50)}`, rand() < 0.1 ? `team-${int(1000)}` : 'shop'), trace: false };
});
let bigAllowed = 0;
latency('engine/1000-policies', 300_000, (i) => {
  if (runAuthzChain(big, bigReqs[i & 1023] as AuthzContext, 'all').allowed) bigAllowed++;
}, { policies: 1000, requests: 1024 });

const rules = prepareRbac({ policies });
const views = bigReqs.map((c) => new RbacRequest(c.facts));
latency('engine/1000-policies-linear', 20_000, (i) => {
  rules.firstMatchLinear(views[i & 1023] as RbacRequest);
}, { policies: 1000, note: 'linear scan, no index, RBAC engine only' });
const traced = bigReqs.map((c) => ({ ...c, trace: true }));
measure('engine/1000-policies-traced', 2_000, (i) => {
  runAuthzChain(big, traced[i & 1023] as AuthzContext, 'all');
}, { policies: 1000, note: 'trace on: every policy tested and explained' });
process.stderr.write(`allowed ${allowed} small, ${bigAllowed} big\n`);
