import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadMeshConfig, parseMeshConfig } from '../../src/load/mesh-config.js';
import { MeshwardError } from '../../src/model/errors.js';

const BUILTINS = [
  { name: 'prometheus', otherKind: 'prometheus' },
  { name: 'stackdriver', otherKind: 'stackdriver' },
  { name: 'envoy', otherKind: 'envoyFileAccessLog' },
];

test('an empty file gives Istio defaults (plus the built-in providers)', () => {
  const r = parseMeshConfig('', 'empty.yaml');
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.mesh, {
    rootNamespace: 'istio-system',
    trustDomain: 'cluster.local',
    trustDomainAliases: [],
    pathNormalization: 'BASE',
    extensionProviders: BUILTINS,
    enableMultipleCustomProviders: false,
    numTrustedProxies: 0,
    defaultProviders: { metrics: ['prometheus'] },
  });
});

test('a MeshConfig document: security fields read, ext_authz providers typed, aliases sorted', () => {
  const r = parseMeshConfig(
    `rootNamespace: istio-config
trustDomain: td1
trustDomainAliases: [some-td, cluster.local, some-td]
pathNormalization: {normalization: DECODE_AND_MERGE_SLASHES}
enableTracing: true          # known to Istio, ignored by meshward
defaultConfig:
  concurrency: 2
  gatewayTopology: {numTrustedProxies: 1}
defaultProviders: {accessLogging: [envoy]}
extensionProviders:
- name: default
  envoyExtAuthzGrpc:
    service: foo/my-custom-ext-authz.foo.svc.cluster.local
    port: 9000
    timeout: 0.002s
    failOpen: true
    statusOnError: "403"
    includeRequestBodyInCheck: {maxRequestBytes: 4096, allowPartialMessage: true}
- name: otel
  opentelemetry: {service: otel.svc, port: 4317}
`,
    'mesh.yaml',
  );
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.mesh.rootNamespace, 'istio-config');
  assert.equal(r.mesh.trustDomain, 'td1');
  assert.deepEqual(r.mesh.trustDomainAliases, ['cluster.local', 'some-td']);
  assert.equal(r.mesh.pathNormalization, 'DECODE_AND_MERGE_SLASHES');
  assert.equal(r.mesh.numTrustedProxies, 1);
  assert.deepEqual(r.mesh.defaultProviders, { metrics: ['prometheus'], accessLogging: ['envoy'] });
  assert.deepEqual(r.mesh.extensionProviders.slice(3), [
    {
      name: 'default',
      envoyExtAuthzGrpc: {
        service: 'foo/my-custom-ext-authz.foo.svc.cluster.local',
        port: 9000,
        timeout: '0.002s',
        failOpen: true,
        statusOnError: '403',
        includeRequestBodyInCheck: { maxRequestBytes: 4096, allowPartialMessage: true },
      },
    },
    { name: 'otel', otherKind: 'opentelemetry' },
  ]);
});

test('the istio ConfigMap: positions inside data.mesh point at the outer file', () => {
  const r = parseMeshConfig(
    `apiVersion: v1
kind: ConfigMap
metadata:
  name: istio
  namespace: istio-system
data:
  mesh: |-
    trustDomain: corp.example
    extensionProviders:
    - name: authz
      envoyExtAuthzHttp:
        service: authz.foo.svc.cluster.local
        port: 8000
        statusOnError: 403
    trustDomian: typo
  meshNetworks: 'networks: {}'
`,
    'cm.yaml',
  );
  assert.deepEqual(
    r.diagnostics.map((d) => `${d.code} ${d.span.file}:${d.span.line}:${d.span.column}-${d.span.endLine}:${d.span.endColumn} ${d.message} (${d.help})`),
    [
      'MW003 cm.yaml:14:24-14:27 `extensionProviders[0].envoyExtAuthzHttp.statusOnError` must be of type string, found integer (quote the value to make it a string)',
      'MW002 cm.yaml:15:5-15:16 unknown field `trustDomian` (did you mean `trustDomain`?)',
    ],
  );
  // A mesh config with errors is refused as a whole, as istiod refuses it: defaults apply.
  assert.equal(r.mesh.trustDomain, 'cluster.local');
});

test('a valid ConfigMap mesh is read', () => {
  const r = parseMeshConfig(
    `kind: ConfigMap\napiVersion: v1\nmetadata: {name: istio}\ndata:\n  mesh: |\n    rootNamespace: mesh-root\n    pathNormalization:\n      normalization: NONE\n`,
    'cm.yaml',
  );
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.mesh.rootNamespace, 'mesh-root');
  assert.equal(r.mesh.pathNormalization, 'NONE');
});

test('a ConfigMap without data.mesh is an error', () => {
  const r = parseMeshConfig(`kind: ConfigMap\napiVersion: v1\nmetadata: {name: istio}\ndata: {other: x}\n`, 'cm.yaml');
  assert.deepEqual(r.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column}`), ['MW005 4:7']);
});

test('mesh config structural problems: one provider kind per entry, duration format, enum', () => {
  const r = parseMeshConfig(
    `extensionProviders:
- name: two
  prometheus: {}
  envoyFileAccessLog: {}
- name: http
  envoyExtAuthzHttp: {service: a, port: 80, timeout: 10m}
pathNormalization: {normalization: MERGE}
`,
    'bad.yaml',
  );
  assert.deepEqual(
    r.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column} ${d.message}`),
    [
      'MW006 2:3 `extensionProviders[0]` may set only one of `envoyExtAuthzHttp`, `envoyExtAuthzGrpc`, `zipkin`, `lightstep`, `datadog`, `stackdriver`, `opencensus`, `skywalking`, `opentelemetry`, `prometheus`, `envoyFileAccessLog`, `envoyHttpAls`, `envoyTcpAls`, `envoyOtelAls`, `sds`',
      'MW006 6:54 `extensionProviders[1].envoyExtAuthzHttp.timeout` must be a duration in seconds such as `10s` or `0.5s`, found `10m`',
      'MW004 7:36 `pathNormalization.normalization` must be one of `DEFAULT`, `NONE`, `BASE`, `MERGE_SLASHES`, `DECODE_AND_MERGE_SLASHES`, found `MERGE`',
    ],
  );
});

test('the test provider allowIfHeader is accepted only when asked for', () => {
  const text = `extensionProviders:\n- name: t\n  allowIfHeader: {name: x-ext-authz, value: allow}\n`;
  assert.deepEqual(parseMeshConfig(text, 'm.yaml').diagnostics.map((d) => d.code), ['MW002', 'MW006']);
  const ok = parseMeshConfig(text, 'm.yaml', { testProviders: true });
  assert.deepEqual(ok.diagnostics, []);
  assert.deepEqual(ok.mesh.extensionProviders[3], { name: 't', allowIfHeader: { name: 'x-ext-authz', value: 'allow' } });
});

test('loadMeshConfig names an unreadable file', async () => {
  const missing = join(import.meta.dirname, 'missing-mesh.yaml');
  await assert.rejects(loadMeshConfig(missing), (e: unknown) => e instanceof MeshwardError && e.code === 'ERR_MESH_CONFIG' && e.message.includes(missing));
});
