/**
 * Compiles 10,000 varied AuthorizationPolicies for one workload, HTTP and TCP chains, and prints
 * one JSON line per measurement: `{name, ops, ms, opsPerSec, policies, rules, filters, notes}`.
 * Fixed seed and sizes, so runs compare. Target: < 1 s per chain.
 */
import { buildHttpAuthz, buildTcpAuthz, type AuthzBuildOptions } from '../src/compile/authz/index.js';
import type { AuthorizationAction, AuthorizationPolicy, Condition, Rule } from '../src/model/resources.js';
import { rng } from './support.js';

const POLICIES = 10_000;
const SEED = 0x5eed;


const rand = rng(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const some = <T>(xs: readonly T[], max = 3): T[] => Array.from({ length: 1 + Math.floor(rand() * max) }, () => pick(xs));

const PRINCIPALS = ['cluster.local/ns/a/sa/b', 'old-td/ns/x/sa/*', '*/ns/y/sa/z', '*', 'prefix-*'];
const NAMESPACES = ['default', 'prod-*', '*-dev', 'team.a'];
const PATHS = ['/api/*', '/admin', '*/healthz', '/v1/{*}/items', '/files/{**}', '*'];
const HOSTS = ['example.com', '*.example.com', 'api.*'];
const CIDRS = ['10.0.0.0/8', '192.168.1.1', '2001:db8::/32'];
const WHEN: readonly (() => Condition)[] = [
  () => ({ key: 'request.headers[x-role]', values: some(['admin', 'user-*', '*']) }),
  () => ({ key: 'request.auth.claims[groups]', values: some(['eng', 'ops']) }),
  () => ({ key: 'source.ip', notValues: some(CIDRS) }),
  () => ({ key: 'destination.port', values: some(['8080', '9090']) }),
  () => ({ key: 'connection.sni', values: some(HOSTS) }),
];

function rule(): Rule {
  const r: Rule = {};
  if (rand() < 0.8) {
    r.from = Array.from({ length: 1 + Math.floor(rand() * 2) }, () => ({
      source:
        rand() < 0.5
          ? { principals: some(PRINCIPALS), notNamespaces: some(NAMESPACES, 2) }
          : { namespaces: some(NAMESPACES), ipBlocks: some(CIDRS, 2), requestPrincipals: some(['iss/sub', '*']) },
    }));
  }
  if (rand() < 0.8) {
    r.to = [{ operation: { methods: some(['GET', 'POST']), paths: some(PATHS), ...(rand() < 0.5 ? { hosts: some(HOSTS) } : { ports: ['8080'] }) } }];
  }
  if (rand() < 0.6) r.when = Array.from({ length: 1 + Math.floor(rand() * 2) }, () => pick(WHEN)());
  return r;
}

function policies(): AuthorizationPolicy[] {
  const actions: AuthorizationAction[] = ['ALLOW', 'ALLOW', 'DENY', 'AUDIT'];
  return Array.from({ length: POLICIES }, (_, i) => ({
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name: `p-${i}`, namespace: 'foo', ...(i % 10 === 0 ? { annotations: { 'istio.io/dry-run': 'true' } } : {}) },
    spec: { action: pick(actions), rules: Array.from({ length: 1 + Math.floor(rand() * 3) }, rule) },
  }));
}

const input = policies();
const rules = input.reduce((n, p) => n + (p.spec.rules?.length ?? 0), 0);
const opts: AuthzBuildOptions = { trustDomainBundle: ['cluster.local', 'old-td'], extensionProviders: [], enableMultipleCustomProviders: false };

for (const [name, build] of [
  ['compile-authz/http', buildHttpAuthz],
  ['compile-authz/tcp', buildTcpAuthz],
] as const) {
  build(input.slice(0, 200), opts); // warm up the JIT on a small slice
  // The machine is shared: report the median of three runs (and the best) rather than one sample.
  const times: number[] = [];
  let out = build([], opts);
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    out = build(input, opts);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const ms = times[1] as number;
  console.log(
    JSON.stringify({
      name,
      ops: POLICIES,
      ms: Math.round(ms * 10) / 10,
      minMs: Math.round((times[0] as number) * 10) / 10,
      runs: times.length,
      opsPerSec: Math.round((POLICIES / ms) * 1000),
      policies: POLICIES,
      rules,
      filters: out.filters.length,
      notes: out.notes.length,
      seed: SEED,
    }),
  );
}
