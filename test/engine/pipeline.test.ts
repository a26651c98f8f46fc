import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifests, deriveWorkloads } from '../../src/load/index.js';
import { compileMesh, workloadKey } from '../../src/compile/mesh.js';
import { compileJwtAuthn } from '../../src/compile/request-authn.js';
import { resolveJwks } from '../../src/identity/jwks.js';
import { generateSigningKey, signJwt } from '../../src/identity/jwt-sign.js';
import { evaluateRequest, prepareWorkload } from '../../src/engine/pipeline.js';
import type { InboundRequest, PipelineOptions } from '../../src/engine/pipeline.js';
import { DEFAULT_MESH_CONFIG, assignPodIps } from '../../src/model/index.js';
import type { MeshConfig, Workload } from '../../src/model/index.js';

/** Two namespaces: `foo` (injected) with httpbin (HTTP 8000 and TCP 9000), `legacy` without sidecars. */
const BASE = `
apiVersion: v1
kind: Namespace
metadata: {name: foo, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: legacy}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: httpbin, namespace: foo}
spec:
  template:
    metadata: {labels: {app: httpbin}}
    spec:
      serviceAccountName: httpbin
      containers: [{name: c, ports: [{containerPort: 8000, name: http}, {containerPort: 9000, name: tcp-raw}]}]
---
apiVersion: v1
kind: Service
metadata: {name: httpbin, namespace: foo}
spec:
  selector: {app: httpbin}
  ports: [{name: http, port: 80, targetPort: 8000}, {name: tcp-raw, port: 9000}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: sleep, namespace: foo}
spec:
  template:
    metadata: {labels: {app: sleep}}
    spec: {serviceAccountName: sleep, containers: [{name: c}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: curl, namespace: legacy}
spec:
  template:
    metadata: {labels: {app: curl}}
    spec: {containers: [{name: c}]}
`;

/** BASE plus `policies`, loaded without errors and compiled; workloads get pod IPs. */
function compileWith(policies: string, meshOverrides: Partial<MeshConfig> = {}) {
  const loaded = parseManifests(`${BASE}\n---\n${policies}`, 'mesh.yaml');
  assert.deepEqual(loaded.diagnostics.filter((d) => d.severity === 'error'), []);
  const { workloads } = deriveWorkloads(loaded.resources);
  assignPodIps(workloads);
  const cfg: MeshConfig = { ...DEFAULT_MESH_CONFIG, trustDomainAliases: [], extensionProviders: [], ...meshOverrides };
  return { workloads, cfg, compiled: compileMesh({ resources: loaded.resources, workloads, mesh: cfg }) };
}

function mesh(policies: string, meshOverrides: Partial<MeshConfig> = {}) {
  const { workloads, cfg, compiled } = compileWith(policies, meshOverrides);
  const get = (key: string): Workload => workloads.find((w) => workloadKey(w) === key)!;
  const opts: PipelineOptions = { trustDomain: cfg.trustDomain, pathNormalization: cfg.pathNormalization, trace: true };
  return {
    send(from: string, port: number, http?: InboundRequest['http'], extra: Partial<InboundRequest> = {}) {
      const target = prepareWorkload(compiled.workloads.get('foo/httpbin')!);
      const caller: InboundRequest['caller'] = from.startsWith('ip:') ? { kind: 'external', ip: from.slice(3) } : { kind: 'workload', workload: get(from) };
      return evaluateRequest(target, { caller, port, ...(http ? { http } : {}), ...extra }, opts);
    },
  };
}

test('MTLS-26 plaintext into STRICT is a reset; a sidecar caller gets through with its identity', () => {
  const m = mesh(`apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: istio-system}
spec: {mtls: {mode: STRICT}}`);
  const plain = m.send('legacy/curl', 80);
  assert.equal(plain.status, 'reset');
  assert.equal(plain.reason, 'mtls-required');
  const ok = m.send('foo/sleep', 80);
  assert.equal(ok.status, 200);
  assert.match(ok.trace[0]!.detail, /spiffe:\/\/cluster\.local\/ns\/foo\/sa\/sleep/);
  assert.equal(m.send('foo/sleep', 80, undefined, { caller: { kind: 'workload', workload: { namespace: 'foo', name: 'sleep', serviceAccount: 'sleep', labels: {}, ports: [], proxy: 'sidecar' }, bypassSidecar: true } }).status, 'reset');
});

test('MTLS-28 / AZ-38 plaintext into PERMISSIVE arrives without identity: a principals ALLOW denies it', () => {
  const m = mesh(`apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: only-sleep, namespace: foo}
spec:
  selector: {matchLabels: {app: httpbin}}
  rules: [{from: [{source: {principals: ["cluster.local/ns/foo/sa/sleep"]}}]}]`);
  assert.equal(m.send('foo/sleep', 80).status, 200);
  const plain = m.send('legacy/curl', 80);
  assert.equal(plain.status, 403);
  assert.equal(plain.message, 'RBAC: access denied');
});

test('MTLS-30 portLevelMtls is keyed by the container port: PERMISSIVE on 8000 admits plaintext, 9000 stays STRICT', () => {
  const m = mesh(`apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: httpbin, namespace: foo}
spec:
  selector: {matchLabels: {app: httpbin}}
  mtls: {mode: STRICT}
  portLevelMtls: {"8000": {mode: PERMISSIVE}}`);
  assert.equal(m.send('legacy/curl', 80).status, 200, 'service port 80 → container 8000');
  assert.equal(m.send('legacy/curl', 9000).status, 'reset');
});

test('AZ-48 a DENY of HTTP-only fields denies every TCP connection, but only its methods on HTTP', () => {
  const m = mesh(`apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: no-post, namespace: foo}
spec:
  action: DENY
  rules: [{to: [{operation: {methods: ["POST"]}}]}]`);
  assert.equal(m.send('foo/sleep', 80, { method: 'GET' }).status, 200);
  assert.equal(m.send('foo/sleep', 80, { method: 'POST' }).status, 403);
  const tcp = m.send('foo/sleep', 9000);
  assert.equal(tcp.status, 'reset');
  assert.equal(tcp.policy?.name, 'no-post');
});

test('AZ-25 a lower-case method is a 400 before any filter; AZ-04 dot segments are resolved before matching', () => {
  const m = mesh(`apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: no-admin, namespace: foo}
spec:
  action: DENY
  rules: [{to: [{operation: {paths: ["/admin"], ports: ["8000"]}}]}]`);
  assert.equal(m.send('foo/sleep', 80, { method: 'get' }).status, 400);
  const d = m.send('foo/sleep', 80, { path: '/public/../admin' });
  assert.equal(d.status, 403);
  assert.equal(d.policy?.name, 'no-admin');
  assert.ok(d.trace.some((t) => t.stage === 'normalize' && /`\/admin`/.test(t.detail)));
});

test('AZ-32 remote.ip at a sidecar is the right-most X-Forwarded-For entry (spoofable); source.ip is the peer', () => {
  const m = mesh(`apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: block-range, namespace: foo}
spec:
  action: DENY
  rules: [{from: [{source: {remoteIpBlocks: ["203.0.113.0/24"]}}]}]`);
  assert.equal(m.send('ip:203.0.113.9', 80).status, 403);
  assert.equal(m.send('ip:203.0.113.9', 80, { headers: [['x-forwarded-for', '198.51.100.7']] }).status, 200);
});

test('a workload without a sidecar enforces nothing', () => {
  const { compiled } = compileWith('apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: deny-all, namespace: legacy}\nspec: {action: DENY, rules: [{}]}');
  const target = prepareWorkload(compiled.workloads.get('legacy/curl')!);
  const d = evaluateRequest(target, { caller: { kind: 'external', ip: '1.2.3.4' }, port: 80 }, { trustDomain: 'cluster.local', pathNormalization: 'BASE', trace: true });
  assert.equal(d.allowed, true);
  assert.match(d.trace[0]!.detail, /no sidecar/);
});

test('CUSTOM runs before jwt_authn (listener_builder.go: authzCustomBuilder before authnBuilder): a denied ext_authz check wins over a bad token', async () => {
  const key = generateSigningKey('ES256', 'k');
  const cw = compileWith(
    `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ext, namespace: foo}
spec:
  selector: {matchLabels: {app: httpbin}}
  action: CUSTOM
  provider: {name: checker}
  rules: [{to: [{operation: {paths: ["/guarded"]}}]}]
---
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: ra, namespace: foo}
spec:
  jwtRules: [{issuer: https://issuer.test, jwks: '${JSON.stringify(key.jwks)}'}]`,
    { extensionProviders: [{ name: 'checker', allowIfHeader: { name: 'x-ok', value: '1' } }] },
  ).compiled.workloads.get('foo/httpbin')!;
  const jwt = await resolveJwks(compileJwtAuthn(cw.requestAuthentications)!, {});
  const target = prepareWorkload(cw);
  const authorizer = (_p: string, f: { http?: { headers: readonly (readonly [string, string])[] } }) => (f.http?.headers ?? []).some(([n, v]) => n === 'x-ok' && v === '1');
  const send = (path: string, headers: [string, string][]) =>
    evaluateRequest(target, { caller: { kind: 'external', ip: '1.2.3.4' }, port: 80, http: { path, headers } }, {
      trustDomain: 'cluster.local', pathNormalization: 'BASE', trace: true, now: 1_800_000_000, jwt, customAuthorizer: authorizer,
    });
  const bad: [string, string] = ['authorization', 'Bearer not.a.jwt'];
  assert.equal(send('/guarded', [bad]).status, 403, 'ext_authz denies before jwt_authn sees the token');
  assert.equal(send('/guarded', [bad, ['x-ok', '1']]).status, 401, 'ext_authz allows, then jwt_authn rejects the token');
  assert.equal(send('/open', [bad]).status, 401, 'no CUSTOM rule matches: jwt_authn decides');
});

test('the decision records what jwt_authn changed upstream: outputClaimToHeaders added, the token removed unless forwardOriginalToken', async () => {
  const key = generateSigningKey('ES256', 'k');
  const now = 1_800_000_000;
  const token = await signJwt(key, { iss: 'https://issuer.test', sub: 'alice', role: 'admin' }, { now, expiresIn: 600 });
  const run = async (forward: boolean) => {
    const cw = compileWith(`apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: ra, namespace: foo}
spec:
  jwtRules:
  - issuer: https://issuer.test
    jwks: '${JSON.stringify(key.jwks)}'
    forwardOriginalToken: ${forward}
    outputClaimToHeaders: [{header: x-role, claim: role}]`).compiled.workloads.get('foo/httpbin')!;
    const jwt = await resolveJwks(compileJwtAuthn(cw.requestAuthentications)!, {});
    return evaluateRequest(prepareWorkload(cw), { caller: { kind: 'external', ip: '1.2.3.4' }, port: 80, http: { headers: [['authorization', `Bearer ${token}`]] } }, {
      trustDomain: 'cluster.local', pathNormalization: 'BASE', trace: false, now, jwt,
    });
  };
  const dropped = await run(false);
  assert.equal(dropped.status, 200);
  assert.equal(dropped.requestPrincipal, 'https://issuer.test/alice');
  assert.deepEqual(dropped.upstream, { path: '/', headersAdded: [['x-role', 'admin']], headersRemoved: ['authorization'] });
  const forwarded = await run(true);
  assert.deepEqual(forwarded.upstream, { path: '/', headersAdded: [['x-role', 'admin']], headersRemoved: [] });
});
