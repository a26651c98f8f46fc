/**
 * Reach over a large mesh, one JSON line per size: `{name, workloads, policies, ms, entries,
 * peakRssMb, …}`. Target: 1,000 workloads under 2,000 policies, full attacker × destination
 * matrix in < 5 s and < 1 GB. Also measured at 10,000 workloads / 20,000 policies, to show how
 * time grows. The mesh is Istio-shaped and fixed-seed: 50 namespaces, each with a STRICT
 * PeerAuthentication on half of them, and per workload one ALLOW policy (two caller principals,
 * methods and paths) plus one namespace DENY in every tenth namespace; every fifth workload has a
 * RequestAuthentication and a claim condition. Every 50th workload has no sidecar, so every
 * attacker reaches it: the output itself grows as W²/50 entries.
 *
 * Reported: wall time per phase, CPU time (user + system) of the whole run, peak RSS and the load
 * average at the start (the machine is shared: compare CPU time, not only wall time).
 * Usage: `npx tsx bench/reach.bench.ts [1000 10000] [--per-pair]` — `--per-pair` measures the
 * reference computation (every attacker × destination on its own) instead of the grouped one.
 */
import { loadavg } from 'node:os';
import { compileMesh } from '../src/compile/mesh.js';
import { computeReach, toReport } from '../src/analyze/reach/index.js';
import { DEFAULT_MESH_CONFIG } from '../src/model/mesh.js';
import type { Resource } from '../src/model/resources.js';
import type { Workload } from '../src/model/workload.js';
import { rng } from './support.js';

function meshOf(n: number): { workloads: Workload[]; resources: Resource[] } {
  const rand = rng(0x5eed + n);
  const int = (k: number): number => Math.floor(rand() * k);
  const nsCount = Math.max(5, Math.round(n / 20));
  const workloads: Workload[] = [];
  for (let i = 0; i < n; i++) {
    const ns = `ns${i % nsCount}`;
    workloads.push({
      namespace: ns,
      name: `w${i}`,
      serviceAccount: `w${i}`,
      labels: { app: `w${i}` },
      ports: [i % 7 === 0 ? { port: 5432, targetPort: 5432, protocol: 'TCP' } : { port: 80, targetPort: 8080, protocol: 'HTTP' }],
      proxy: i % 50 === 0 ? 'none' : 'sidecar',
      ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    });
  }
  const resources: Resource[] = [];
  const sa = (): string => {
    const j = int(n);
    return `cluster.local/ns/ns${j % nsCount}/sa/w${j}`;
  };
  for (let i = 0; i < n; i++) {
    const ns = `ns${i % nsCount}`;
    const rule: Record<string, unknown> = {
      from: [{ source: { principals: [sa(), sa()] } }, { source: { namespaces: [`ns${int(nsCount)}`] } }],
      to: [{ operation: { methods: ['GET', 'POST'], paths: [`/api/v${int(3)}/*`, `/items/${int(100)}`] } }],
    };
    if (i % 5 === 0) rule.when = [{ key: 'request.auth.claims[role]', values: ['admin'] }];
    resources.push({ apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: `allow-w${i}`, namespace: ns }, spec: { selector: { matchLabels: { app: `w${i}` } }, rules: [rule] } } as Resource);
    resources.push({
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: { name: `deny-w${i}`, namespace: ns },
      spec: { selector: { matchLabels: { app: `w${i}` } }, action: 'DENY', rules: [{ from: [{ source: { ipBlocks: [`10.0.${int(4)}.0/24`] } }], to: [{ operation: { paths: ['/admin/*'] } }] }] },
    } as Resource);
    if (i % 5 === 0) {
      resources.push({ apiVersion: 'security.istio.io/v1', kind: 'RequestAuthentication', metadata: { name: `jwt-w${i}`, namespace: ns }, spec: { selector: { matchLabels: { app: `w${i}` } }, jwtRules: [{ issuer: 'https://issuer.example', jwks: '{"keys":[]}', forwardOriginalToken: i % 10 === 0 }] } } as Resource);
    }
  }
  for (let k = 0; k < nsCount; k += 2) resources.push({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: `ns${k}` }, spec: { mtls: { mode: 'STRICT' } } } as Resource);
  return { workloads, resources };
}

function run(n: number, strategy: 'grouped' | 'per-pair'): void {
  const load = loadavg().map((x) => Math.round(x * 100) / 100);
  const { workloads, resources } = meshOf(n);
  const policies = resources.filter((r) => r.kind === 'AuthorizationPolicy').length;
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const compiled = compileMesh({ resources, workloads, mesh: { ...DEFAULT_MESH_CONFIG, trustDomainAliases: [], extensionProviders: [] } });
  const t1 = performance.now();
  const result = computeReach(compiled, { strategy });
  const t2 = performance.now();
  const report = toReport(result);
  const t3 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    JSON.stringify({
      name: `reach/${n}-workloads${strategy === 'per-pair' ? '-per-pair' : ''}`,
      workloads: n,
      policies,
      attackers: report.summary.attackers,
      pairs: n * n,
      entries: report.summary.entries,
      compileMs: Math.round(t1 - t0),
      reachMs: Math.round(t2 - t1),
      reportMs: Math.round(t3 - t2),
      ms: Math.round(t3 - t0),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      peakRssMb: Math.round(peak / 2 ** 20),
      targetMs: n === 1000 ? 5000 : undefined,
      loadavg: load,
    }),
  );
}

const args = process.argv.slice(2);
const sizes = args.map(Number).filter((x) => x > 0);
for (const n of sizes.length ? sizes : [1000]) run(n, args.includes('--per-pair') ? 'per-pair' : 'grouped');
