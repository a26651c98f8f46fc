/**
 * Property: reach is exact with respect to the engine, on random small meshes.
 * (a) whenever `evaluateRequest` allows a request from attacker A to D:port, reach lists a class
 *     for A → D:port (same transport) that contains the request;
 * (b) every witness reach produces is allowed by `evaluateRequest`.
 * Fixed seed; `MESHWARD_PROPERTY_RUNS` for a larger run. The external attacker (via gateways) is
 * not generated here; the seed tests cover it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileMesh, workloadKey } from '../../src/compile/mesh.js';
import { compileJwtAuthn } from '../../src/compile/request-authn.js';
import { evaluateRequest, prepareWorkload, resolvePort, type Caller } from '../../src/engine/pipeline.js';
import { bindJwtAuthn, jwksStateFromJson } from '../../src/engine/jwt/index.js';
import { generateSigningKey, signJwt } from '../../src/identity/jwt-sign.js';
import { classContains, computeReach, verifyWitnesses, DEFAULT_POD_IP, WITNESS_NOW } from '../../src/analyze/reach/index.js';
import { DEFAULT_MESH_CONFIG } from '../../src/model/mesh.js';
import { isHttpProtocol, type Workload } from '../../src/model/workload.js';
import type { Resource } from '../../src/model/resources.js';

const RUNS = Number(process.env.MESHWARD_PROPERTY_RUNS ?? 100);
const ISS = 'https://iss.example';
const KEY = generateSigningKey('ES256', 'prop');

const NS = ['a', 'b'] as const;
const principal = fc.constantFrom('cluster.local/ns/a/sa/w0', 'cluster.local/ns/b/sa/w1', '*', 'cluster.local/ns/a/*', '*/sa/w2');
const source = fc.record(
  {
    principals: fc.array(principal, { minLength: 1, maxLength: 2 }),
    notPrincipals: fc.array(principal, { minLength: 1, maxLength: 1 }),
    namespaces: fc.array(fc.constantFrom(...NS), { minLength: 1, maxLength: 1 }),
    ipBlocks: fc.array(fc.constantFrom('10.1.0.0/16', '10.1.0.2', '192.168.0.0/16'), { minLength: 1, maxLength: 2 }),
    remoteIpBlocks: fc.array(fc.constantFrom('203.0.113.0/24', '10.0.0.0/8'), { minLength: 1, maxLength: 1 }),
    requestPrincipals: fc.array(fc.constantFrom(`${ISS}/*`, '*', `${ISS}/u1`), { minLength: 1, maxLength: 1 }),
    notRequestPrincipals: fc.array(fc.constantFrom('*', `${ISS}/u2`), { minLength: 1, maxLength: 1 }),
  },
  { requiredKeys: [] },
);
const operation = fc.record(
  {
    methods: fc.array(fc.constantFrom('GET', 'POST', 'DELETE'), { minLength: 1, maxLength: 2 }),
    notMethods: fc.array(fc.constantFrom('DELETE'), { minLength: 1, maxLength: 1 }),
    paths: fc.array(fc.constantFrom('/x', '/api/*', '*.json', '/v1/{*}/items'), { minLength: 1, maxLength: 2 }),
    notPaths: fc.array(fc.constantFrom('/api/admin/*', '/x'), { minLength: 1, maxLength: 1 }),
    hosts: fc.array(fc.constantFrom('*.example.com', 'svc'), { minLength: 1, maxLength: 1 }),
    ports: fc.array(fc.constantFrom('8080', '5432'), { minLength: 1, maxLength: 1 }),
  },
  { requiredKeys: [] },
);
const condition = fc.oneof(
  fc.record({ key: fc.constant('request.headers[x-k]'), values: fc.constant(['v', 'w*']) }),
  fc.record({ key: fc.constant('request.headers[x-k]'), notValues: fc.constant(['v']) }),
  fc.record({ key: fc.constant('request.auth.claims[role]'), values: fc.constant(['admin']) }),
  fc.record({ key: fc.constant('request.auth.claims[role]'), notValues: fc.constant(['admin']) }),
  fc.record({ key: fc.constant('remote.ip'), values: fc.constant(['203.0.113.0/24']) }),
  fc.record({ key: fc.constant('source.ip'), notValues: fc.constant(['10.1.0.1']) }),
);
const nonEmpty = <T extends object>(x: T): boolean => Object.keys(x).length > 0;
const rule = fc.record(
  {
    from: fc.array(fc.record({ source: source.filter(nonEmpty) }), { minLength: 1, maxLength: 2 }),
    to: fc.array(fc.record({ operation: operation.filter(nonEmpty) }), { minLength: 1, maxLength: 2 }),
    when: fc.array(condition, { minLength: 1, maxLength: 2 }),
  },
  { requiredKeys: [] },
);
const policy = fc.record({
  ns: fc.constantFrom('a', 'b', 'istio-system'),
  selector: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  action: fc.constantFrom('ALLOW', 'DENY'),
  rules: fc.array(rule, { minLength: 0, maxLength: 2 }),
});
const mesh = fc.record({
  workloads: fc.array(fc.record({ ns: fc.constantFrom(...NS), tcp: fc.boolean(), proxy: fc.constantFrom('sidecar', 'sidecar', 'sidecar', 'none') }), { minLength: 2, maxLength: 4 }),
  policies: fc.array(policy, { minLength: 0, maxLength: 3 }),
  strict: fc.option(fc.constantFrom(...NS), { nil: undefined }),
  ra: fc.option(fc.constantFrom(...NS), { nil: undefined }),
});
const request = fc.record({
  from: fc.integer({ min: -1, max: 3 }),
  to: fc.integer({ min: 0, max: 3 }),
  bypass: fc.boolean(),
  method: fc.constantFrom('GET', 'POST', 'DELETE'),
  path: fc.constantFrom('/x', '/api/a', '/api/admin/z', '/f.json', '/v1/q/items', '/'),
  host: fc.constantFrom('a.example.com', 'svc', 'SVC', 'other'),
  xk: fc.option(fc.constantFrom('v', 'w1', 'z'), { nil: undefined }),
  xff: fc.option(fc.constantFrom('203.0.113.5', '10.9.9.9'), { nil: undefined }),
  token: fc.option(fc.record({ sub: fc.constantFrom('u1', 'u2'), role: fc.option(fc.constantFrom('admin', 'user'), { nil: undefined }) }), { nil: undefined }),
});

type MeshSpec = typeof mesh extends fc.Arbitrary<infer T> ? T : never;

function build(m: MeshSpec): { workloads: Workload[]; resources: Resource[] } {
  const workloads: Workload[] = m.workloads.map((w, i) => ({
    namespace: w.ns,
    name: `w${i}`,
    serviceAccount: `w${i}`,
    labels: { app: `w${i}` },
    ports: [w.tcp ? { port: 5432, targetPort: 5432, protocol: 'TCP' } : { port: 80, targetPort: 8080, protocol: 'HTTP' }],
    proxy: w.proxy,
    ip: `10.1.0.${i + 1}`,
  }));
  const resources: Resource[] = m.policies.map((p, i) => ({
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name: `p${i}`, namespace: p.ns },
    spec: { action: p.action, ...(p.selector !== undefined ? { selector: { matchLabels: { app: `w${p.selector}` } } } : {}), rules: p.rules },
  })) as Resource[];
  if (m.strict) resources.push({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'pa', namespace: m.strict }, spec: { mtls: { mode: 'STRICT' } } } as Resource);
  if (m.ra) {
    resources.push({ apiVersion: 'security.istio.io/v1', kind: 'RequestAuthentication', metadata: { name: 'ra', namespace: m.ra }, spec: { jwtRules: [{ issuer: ISS, jwks: JSON.stringify(KEY.jwks) }] } } as Resource);
  }
  return { workloads, resources };
}

test('property: engine allows ⇒ reach lists a containing class; every witness is allowed', async () => {
  let checked = 0;
  await fc.assert(
    fc.asyncProperty(mesh, fc.array(request, { minLength: 6, maxLength: 12 }), async (m, reqs) => {
      const { workloads, resources } = build(m);
      const compiled = compileMesh({ resources, workloads, mesh: { ...DEFAULT_MESH_CONFIG, trustDomainAliases: [], extensionProviders: [] } });
      const result = computeReach(compiled);
      const failures = await verifyWitnesses(result);
      assert.deepEqual(failures.map((f) => `${f.attacker} → ${f.item.entry.to} ${f.item.entry.decidedBy} ${f.decision.reason} ${JSON.stringify(f.item.entry.witness)}`), []);
      for (const q of reqs) {
        const dest = workloads[q.to % workloads.length]!;
        const src = q.from < 0 ? undefined : workloads[q.from % workloads.length]!;
        if (src === dest) continue;
        const cw = compiled.workloads.get(workloadKey(dest))!;
        const cfg = compileJwtAuthn(cw.requestAuthentications);
        const jwt = cfg ? bindJwtAuthn(cfg, new Map(cfg.providers.map((p) => [p.name, jwksStateFromJson(p.jwks ?? '{}')]))) : undefined;
        const caller: Caller = src ? { kind: 'workload', workload: src, ...(q.bypass ? { bypassSidecar: true } : {}) } : { kind: 'external', ip: DEFAULT_POD_IP };
        const headers: [string, string][] = [];
        if (q.xk !== undefined) headers.push(['x-k', q.xk]);
        if (q.xff !== undefined) headers.push(['x-forwarded-for', q.xff]);
        let claims: Record<string, unknown> | undefined;
        if (q.token) {
          claims = { iss: ISS, sub: q.token.sub, ...(q.token.role ? { role: q.token.role } : {}) };
          headers.push(['authorization', `Bearer ${await signJwt(KEY, claims, { now: WITNESS_NOW, expiresIn: 3600 })}`]);
        }
        const port = dest.ports[0]!;
        const d = evaluateRequest(prepareWorkload(cw), { caller, port: port.port, http: { method: q.method, path: q.path, authority: q.host, headers } }, {
          trustDomain: 'cluster.local',
          pathNormalization: 'BASE',
          now: WITNESS_NOW,
          ...(jwt ? { jwt } : {}),
        });
        if (!d.allowed) continue;
        checked++;
        const http = isHttpProtocol(resolvePort(dest, port.port)!.protocol);
        const mtls = Boolean(src && src.proxy !== 'none' && !q.bypass && dest.proxy === 'sidecar' && compiled.workloads.get(workloadKey(dest))!.peerAuthn.mode !== 'DISABLE');
        const attacker = src ? workloadKey(src) : 'in-cluster-plaintext';
        const items = result.attackers.find((a) => a.name === attacker)!.items.filter(
          (i) => i.entry.to === workloadKey(dest) && i.entry.port === port.port && i.entry.protocol === (http ? 'HTTP' : 'TCP') && i.entry.transport === (mtls ? 'mtls' : 'plaintext') && !i.via,
        );
        const payload = cfg && claims ? { ...claims, iat: WITNESS_NOW, exp: WITNESS_NOW + 3600 } : undefined;
        const remoteIp = q.xff ?? (src ? src.ip : DEFAULT_POD_IP);
        const concrete = { method: q.method, path: q.path, authority: q.host, headers, ...(payload ? { jwtPayload: payload } : {}), remoteIp };
        const found = items.some((i) => (http ? classContains(i.cls, concrete) : true));
        assert.ok(found, `engine allowed ${attacker} → ${workloadKey(dest)}:${port.port} (${d.reason} ${d.policy ? `${d.policy.name} rule[${d.policy.rule}]` : ''}) ${JSON.stringify(concrete)} but reach lists ${items.length} class(es): ${items.map((i) => i.entry.decidedBy).join(', ')}`);
      }
    }),
    { seed: Number(process.env.MESHWARD_PROPERTY_SEED ?? 20260822), numRuns: RUNS },
  );
  // The property must have been exercised: some generated requests are allowed.
  assert.ok(checked > RUNS, `only ${checked} allowed requests were checked`);
});
