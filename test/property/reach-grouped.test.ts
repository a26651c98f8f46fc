/**
 * Property: the grouped computation of reach (workload attackers destination by destination, one
 * `classesFor` per group of attackers a chain cannot tell apart, `matrix.ts`) gives exactly the
 * report of the straightforward per-pair computation (`strategy: 'per-pair'`), and the same
 * transports per item, on random meshes whose policies name exact principals (shared service
 * accounts included), namespaces, principal patterns, source and remote IP blocks, ports and
 * destination IPs; with sidecar-less workloads, gateways, STRICT/DISABLE ports, and replayable
 * tokens. Fixed seed; `MESHWARD_PROPERTY_RUNS` for a larger run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileMesh } from '../../src/compile/mesh.js';
import { computeReach, toReport, type ReachOptions, type ReachResult } from '../../src/analyze/reach/index.js';
import { DEFAULT_MESH_CONFIG } from '../../src/model/mesh.js';
import type { Workload } from '../../src/model/workload.js';
import type { Resource } from '../../src/model/resources.js';

const RUNS = Number(process.env.MESHWARD_PROPERTY_RUNS ?? 150);
const NS = ['a', 'b', 'c'] as const;
const SA = ['s0', 's1', 's2', 's3'] as const;

const principal = fc.oneof(
  fc.tuple(fc.constantFrom(...NS), fc.constantFrom(...SA)).map(([n, s]) => `cluster.local/ns/${n}/sa/${s}`),
  fc.constantFrom('*', 'cluster.local/ns/a/*', '*/sa/s1', 'cluster.local/ns/b/sa/nobody'),
);
const ip = fc.constantFrom('10.1.0.0/16', '10.1.0.2', '10.1.0.3/32', '10.2.0.0/16', '192.168.0.0/16', '10.0.0.0/8');
/** Mostly one field per source, so that ALLOW rules often admit someone. */
const source = fc.oneof(
  fc.record({ principals: fc.array(principal, { minLength: 1, maxLength: 3 }) }),
  fc.record({ principals: fc.array(principal, { minLength: 1, maxLength: 2 }) }),
  fc.record({ notPrincipals: fc.array(principal, { minLength: 1, maxLength: 2 }) }),
  fc.record({ namespaces: fc.array(fc.constantFrom(...NS), { minLength: 1, maxLength: 2 }) }),
  fc.record({ notNamespaces: fc.array(fc.constantFrom(...NS), { minLength: 1, maxLength: 1 }) }),
  fc.record({ ipBlocks: fc.array(ip, { minLength: 1, maxLength: 2 }) }),
  fc.record({ notIpBlocks: fc.array(ip, { minLength: 1, maxLength: 1 }) }),
  fc.record({ remoteIpBlocks: fc.array(ip, { minLength: 1, maxLength: 1 }) }),
  fc.record({ principals: fc.array(principal, { minLength: 1, maxLength: 2 }), ipBlocks: fc.array(ip, { minLength: 1, maxLength: 1 }) }),
  fc.record({ namespaces: fc.array(fc.constantFrom(...NS), { minLength: 1, maxLength: 1 }), notPrincipals: fc.array(principal, { minLength: 1, maxLength: 1 }) }),
);
const operation = fc.oneof(
  fc.record({ methods: fc.array(fc.constantFrom('GET', 'POST'), { minLength: 1, maxLength: 2 }) }),
  fc.record({ paths: fc.array(fc.constantFrom('/x', '/api/*'), { minLength: 1, maxLength: 1 }) }),
  fc.record({ ports: fc.array(fc.constantFrom('8080', '5432', '9090'), { minLength: 1, maxLength: 2 }) }),
  fc.record({ notPorts: fc.array(fc.constantFrom('8080'), { minLength: 1, maxLength: 1 }) }),
);
const condition = fc.oneof(
  fc.record({ key: fc.constant('source.principal'), values: fc.array(principal, { minLength: 1, maxLength: 2 }) }),
  fc.record({ key: fc.constant('source.namespace'), notValues: fc.constant(['b']) }),
  fc.record({ key: fc.constant('source.ip'), values: fc.array(ip, { minLength: 1, maxLength: 1 }) }),
  fc.record({ key: fc.constant('destination.ip'), values: fc.constant(['10.1.0.2']) }),
  fc.record({ key: fc.constant('destination.port'), values: fc.constant(['8080']) }),
  fc.record({ key: fc.constant('remote.ip'), notValues: fc.constant(['10.1.0.0/16']) }),
  fc.record({ key: fc.constant('request.auth.claims[role]'), values: fc.constant(['admin']) }),
);
const rule = fc.record(
  {
    from: fc.array(fc.record({ source }), { minLength: 1, maxLength: 2 }),
    to: fc.array(fc.record({ operation }), { minLength: 1, maxLength: 1 }),
    when: fc.array(condition, { minLength: 1, maxLength: 1 }),
  },
  { requiredKeys: ['from'] },
);
const policy = fc.record({
  ns: fc.constantFrom('a', 'b', 'istio-system'),
  selector: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
  action: fc.constantFrom('ALLOW', 'ALLOW', 'DENY'),
  rules: fc.array(rule, { minLength: 0, maxLength: 3 }),
});
const workload = fc.record({
  ns: fc.constantFrom(...NS),
  sa: fc.constantFrom(...SA),
  port: fc.constantFrom('HTTP', 'TCP', 'UNKNOWN', 'two') as fc.Arbitrary<'HTTP' | 'TCP' | 'UNKNOWN' | 'two'>,
  proxy: fc.constantFrom('sidecar', 'sidecar', 'sidecar', 'none', 'gateway') as fc.Arbitrary<Workload['proxy']>,
  ip: fc.constantFrom('10.1.0.2', '10.1.0.3', '10.2.0.9', '192.168.1.1', ''),
});
const mesh = fc.record({
  workloads: fc.array(workload, { minLength: 2, maxLength: 7 }),
  policies: fc.array(policy, { minLength: 0, maxLength: 4 }),
  strict: fc.option(fc.constantFrom(...NS), { nil: undefined }),
  disable: fc.option(fc.record({ w: fc.integer({ min: 0, max: 6 }), mode: fc.constantFrom('STRICT', 'PERMISSIVE') }), { nil: undefined }),
  forward: fc.option(fc.constantFrom(...NS), { nil: undefined }),
  only: fc.option(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 3 }), { nil: undefined }),
});

type MeshSpec = typeof mesh extends fc.Arbitrary<infer T> ? T : never;

function build(m: MeshSpec): { workloads: Workload[]; resources: Resource[] } {
  const workloads: Workload[] = m.workloads.map((w, i) => ({
    namespace: w.ns,
    name: `w${i}`,
    // Service accounts repeat: two workloads can hold one identity.
    serviceAccount: w.sa,
    labels: { app: `w${i}` },
    ports:
      w.port === 'two' ? [{ port: 80, targetPort: 8080, protocol: 'HTTP' }, { port: 9090, targetPort: 9090, protocol: 'TCP' }]
      : w.port === 'TCP' ? [{ port: 5432, targetPort: 5432, protocol: 'TCP' }]
      : [{ port: 80, targetPort: 8080, protocol: w.port }],
    proxy: w.proxy,
    ...(w.ip ? { ip: w.ip } : {}),
  }));
  const resources: Resource[] = m.policies.map((p, i) => ({
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name: `p${i}`, namespace: p.ns },
    spec: { action: p.action, ...(p.selector !== undefined ? { selector: { matchLabels: { app: `w${p.selector}` } } } : {}), rules: p.rules },
  })) as Resource[];
  if (m.strict) resources.push({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'pa', namespace: m.strict }, spec: { mtls: { mode: 'STRICT' } } } as Resource);
  if (m.disable) {
    const w = workloads[m.disable.w % workloads.length] as Workload;
    resources.push({
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'pa-port', namespace: w.namespace },
      spec: { selector: { matchLabels: { app: w.name } }, mtls: { mode: m.disable.mode }, portLevelMtls: { '8080': { mode: 'DISABLE' } } },
    } as Resource);
  }
  if (m.forward) {
    resources.push({
      apiVersion: 'security.istio.io/v1',
      kind: 'RequestAuthentication',
      metadata: { name: 'ra', namespace: m.forward },
      spec: { jwtRules: [{ issuer: 'https://iss.example', jwks: '{"keys":[]}', forwardOriginalToken: true }] },
    } as Resource);
  }
  return { workloads, resources };
}

/** The report, plus what the report leaves out: each item's transport and caller. */
function observed(r: ReachResult): string {
  const transports = r.attackers.map((a) => a.items.map((i) => ({ t: i.transport.transport, connection: i.transport.connection, caller: { ...i.transport.caller, workload: undefined }, unresolved: i.cls.unresolved ?? false })));
  return JSON.stringify({ report: toReport(r), transports });
}

test('property: grouped reach = per-pair reach, on random meshes', () => {
  let entries = 0;
  fc.assert(
    fc.property(mesh, (m) => {
      const { workloads, resources } = build(m);
      const compiled = () => compileMesh({ resources, workloads, mesh: { ...DEFAULT_MESH_CONFIG, trustDomainAliases: [], extensionProviders: [] } });
      const opts: ReachOptions = m.only ? { attackers: [...new Set(m.only.map((k) => `${workloads[k % workloads.length]!.namespace}/w${k % workloads.length}`)), 'external'] } : {};
      const grouped = computeReach(compiled(), opts);
      const perPair = computeReach(compiled(), { ...opts, strategy: 'per-pair' });
      assert.equal(observed(grouped), observed(perPair));
      entries += toReport(grouped).summary.entries;
    }),
    { seed: Number(process.env.MESHWARD_PROPERTY_SEED ?? 20261204), numRuns: RUNS },
  );
  // Exercised: the meshes reach something.
  assert.ok(entries > RUNS * 5, `only ${entries} entries over ${RUNS} meshes`);
});
