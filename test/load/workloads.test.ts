import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifests } from '../../src/load/manifests.js';
import { decideInjection } from '../../src/load/workloads/injection.js';
import { servicePortProtocol } from '../../src/load/workloads/protocol.js';
import { deriveWorkloads } from '../../src/load/workloads/derive.js';

function workloadsOf(yaml: string) {
  const loaded = parseManifests(yaml, 'w.yaml');
  assert.deepEqual(loaded.diagnostics.filter((d) => d.severity === 'error'), []);
  return deriveWorkloads(loaded.resources);
}

const NS_FOO = `apiVersion: v1\nkind: Namespace\nmetadata: {name: foo, labels: {istio-injection: enabled}}\n---\n`;

test('Deployment + Service: named targetPort, appProtocol, port-name prefix, uncovered container port', () => {
  const { workloads, diagnostics } = workloadsOf(`${NS_FOO}apiVersion: apps/v1
kind: Deployment
metadata: {name: httpbin, namespace: foo}
spec:
  template:
    metadata:
      labels: {app: httpbin, version: v1}
    spec:
      serviceAccountName: httpbin
      containers:
      - name: app
        ports:
        - {name: web, containerPort: 8080}
        - {name: metrics, containerPort: 9090}
        - {name: dns, containerPort: 5353, protocol: UDP}
      - name: side
        ports:
        - {containerPort: 7070}
---
apiVersion: v1
kind: Service
metadata: {name: httpbin, namespace: foo}
spec:
  selector: {app: httpbin}
  ports:
  - {name: http-web, port: 80, targetPort: web}
  - {name: tcp-side, port: 7000, targetPort: 7070, appProtocol: grpc}
  - {name: missing, port: 81, targetPort: nope}
---
apiVersion: v1
kind: Service
metadata: {name: other-ns, namespace: bar}
spec:
  selector: {app: httpbin}
  ports: [{port: 1}]
`);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(workloads, [
    {
      namespace: 'foo',
      name: 'httpbin',
      serviceAccount: 'httpbin',
      labels: { app: 'httpbin', version: 'v1' },
      ports: [
        { port: 80, targetPort: 8080, protocol: 'HTTP', name: 'http-web' },
        { port: 7000, targetPort: 7070, protocol: 'GRPC', name: 'tcp-side' },
        { port: 9090, targetPort: 9090, protocol: 'UNKNOWN', name: 'metrics' },
      ],
      proxy: 'sidecar',
      origin: 'Deployment foo/httpbin',
    },
  ]);
});

test('service port protocol follows Istio ConvertProtocol', () => {
  const table: [number, string | undefined, string | undefined, string][] = [
    [80, 'http', undefined, 'HTTP'],
    [80, 'HTTP-api', undefined, 'HTTP'],
    [80, 'http2-x', undefined, 'HTTP2'],
    [80, 'grpc-web-ui', undefined, 'GRPC'],
    [80, 'grpc', undefined, 'GRPC'],
    [443, 'https-ext', undefined, 'HTTPS'],
    [443, 'tls', undefined, 'TLS'],
    [6379, 'redis', undefined, 'TCP'],
    [80, 'web', undefined, 'UNKNOWN'],
    [3306, 'db', undefined, 'TCP'], // well-known server-first port
    [80, 'tcp-x', 'http', 'HTTP'], // appProtocol wins over the name
    [80, 'http', 'kubernetes.io/h2c', 'HTTP2'],
    [80, undefined, 'kubernetes.io/ws', 'HTTP'],
    [443, undefined, 'kubernetes.io/wss', 'HTTPS'],
    [80, undefined, undefined, 'UNKNOWN'],
  ];
  for (const [port, name, app, want] of table) assert.equal(servicePortProtocol(port, name, app), want, `${port} ${name} ${app}`);
});

test('injection rules: pod label and annotation, namespace labels, revisions', () => {
  const en = { 'istio-injection': 'enabled' };
  const dis = { 'istio-injection': 'disabled' };
  const rev = { 'istio.io/rev': 'canary' };
  const table: [Record<string, string>, Record<string, string>, Record<string, string> | undefined, boolean, boolean][] = [
    [{}, {}, en, true, false],
    [{}, {}, dis, false, false],
    [{}, {}, rev, true, false],
    [{}, {}, {}, false, false],
    [{ 'sidecar.istio.io/inject': 'false' }, {}, en, false, false],
    [{}, { 'sidecar.istio.io/inject': 'false' }, en, false, false],
    [{ 'sidecar.istio.io/inject': 'true' }, {}, {}, true, false],
    [{ 'sidecar.istio.io/inject': 'true' }, {}, dis, false, false], // either disabled wins
    [{}, {}, undefined, true, true], // undeclared namespace: assumed
    [{ 'sidecar.istio.io/inject': 'true' }, {}, undefined, true, false],
  ];
  table.forEach(([labels, ann, ns, injected, assumed], i) => {
    assert.deepEqual(decideInjection(labels, ann, ns), { injected, assumed }, `row ${i}`);
  });
});

test('proxy kinds, bare pods, default service account, and MW010 once per undeclared namespace', () => {
  const { workloads, diagnostics } = workloadsOf(`apiVersion: v1
kind: Namespace
metadata: {name: legacy}
---
apiVersion: v1
kind: Pod
metadata: {name: curl, namespace: legacy}
spec:
  containers: [{name: c}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec:
  template:
    metadata: {labels: {istio: ingressgateway}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: istio-system}
spec:
  template:
    metadata:
      labels: {app: db}
      annotations: {sidecar.istio.io/inject: "false"}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: gw, namespace: istio-system}
spec:
  template:
    metadata: {labels: {gateway.networking.k8s.io/gateway-name: gw}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app}
spec:
  template:
    spec: {serviceAccount: legacy-sa}
`);
  assert.deepEqual(
    workloads.map((w) => `${w.origin} sa=${w.serviceAccount} proxy=${w.proxy}`),
    [
      'Pod legacy/curl sa=default proxy=none',
      'Deployment istio-system/istio-ingressgateway sa=default proxy=gateway',
      'StatefulSet istio-system/db sa=default proxy=none',
      'DaemonSet istio-system/gw sa=default proxy=gateway',
      'Deployment default/app sa=legacy-sa proxy=sidecar',
    ],
  );
  assert.deepEqual(
    diagnostics.map((d) => `${d.code} ${d.severity} ${d.span.line}:${d.span.column} ${d.message}`),
    [
      // istio-system is undeclared too, but its only pod without an opt-out is a gateway.
      // `app` has no metadata.namespace: the span falls back to `metadata`.
      'MW010 info 36:11 namespace `default` is not among the inputs; sidecar injection is assumed for its workloads',
    ],
  );
});
