/**
 * Parses and validates 10,000 resources (a mix of AuthorizationPolicy, PeerAuthentication,
 * RequestAuthentication, Telemetry, Deployment and Service documents in one multi-document
 * stream) and derives workloads. Prints one JSON line per measurement:
 * `{name, ops, ms, cpuMs, opsPerSec, load, resources, diagnostics}`. Fixed sizes and content, so runs
 * compare. The stream is plain manifest YAML, so it takes the direct reader (src/load/parse/fast-parse.ts);
 * `load.parse-validate-10k-yaml-path` measures the same input through the `yaml` package path.
 */
import { loadavg } from 'node:os';
import { parseManifests } from '../src/load/manifests.js';
import { deriveWorkloads } from '../src/load/workloads/derive.js';

const RESOURCES = 10_000;

function doc(i: number): string {
  const ns = `ns-${i % 50}`;
  switch (i % 6) {
    case 0:
      return `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ap-${i}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: app-${i % 97}}}
  action: ${i % 12 === 0 ? 'DENY' : 'ALLOW'}
  rules:
  - from:
    - source: {principals: ["cluster.local/ns/${ns}/sa/sa-${i}"], namespaces: ["${ns}"]}
    to:
    - operation: {methods: ["GET", "POST"], paths: ["/api/*", "/v1/{*}/items"], ports: ["8080"]}
    when:
    - key: request.headers[x-role]
      values: ["admin", "user-*"]
`;
    case 1:
      return `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: pa-${i}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: app-${i % 97}}}
  mtls: {mode: STRICT}
  portLevelMtls:
    "8080": {mode: PERMISSIVE}
`;
    case 2:
      return `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: ra-${i}, namespace: ${ns}}
spec:
  jwtRules:
  - issuer: https://issuer-${i % 7}.example.com
    jwksUri: https://issuer-${i % 7}.example.com/jwks.json
    audiences: [api]
    fromHeaders: [{name: authorization, prefix: "Bearer "}]
    outputClaimToHeaders: [{header: x-sub, claim: sub}]
`;
    case 3:
      return `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: tm-${i}, namespace: ${ns}}
spec:
  metrics:
  - providers: [{name: prometheus}]
    overrides:
    - match: {metric: REQUEST_COUNT, mode: SERVER}
      tagOverrides: {request_host: {value: request.host}}
`;
    case 4:
      return `apiVersion: apps/v1
kind: Deployment
metadata: {name: app-${i}, namespace: ${ns}}
spec:
  replicas: 2
  selector: {matchLabels: {app: app-${i % 97}}}
  template:
    metadata: {labels: {app: app-${i % 97}, version: v1}}
    spec:
      serviceAccountName: sa-${i}
      containers:
      - name: app
        image: example/app:1.0
        ports: [{name: http, containerPort: 8080}, {containerPort: 9090}]
`;
    default:
      return `apiVersion: v1
kind: Service
metadata: {name: svc-${i}, namespace: ${ns}}
spec:
  selector: {app: app-${i % 97}}
  ports: [{name: http-web, port: 80, targetPort: http}]
`;
  }
}

const text = Array.from({ length: RESOURCES }, (_, i) => doc(i)).join('---\n');

function measure<T>(name: string, fn: () => T, extra: (r: T) => Record<string, unknown>): void {
  fn(); // warm-up (JIT, regexp caches)
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const r = fn();
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  // CPU time (user + system, GC threads included) next to wall time: on a busy machine the wall
  // time grows while the CPU time stays put; the load average says how busy it was.
  const cpuMs = Math.round((cpu.user + cpu.system) / 100) / 10;
  const load = loadavg().map((x) => Math.round(x * 100) / 100);
  console.log(JSON.stringify({ name, ops: 1, ms: Math.round(ms * 10) / 10, cpuMs, opsPerSec: Math.round((RESOURCES / ms) * 1000), load, ...extra(r) }));
}

const loaded = parseManifests(text, 'bench.yaml');
if (loaded.resources.length !== RESOURCES || loaded.diagnostics.length !== 0) {
  throw new Error(`bench input is not clean: ${loaded.resources.length} resources, ${loaded.diagnostics.length} diagnostics`);
}
measure('load.parse-validate-10k', () => parseManifests(text, 'bench.yaml'), (r) => ({
  resources: r.resources.length,
  diagnostics: r.diagnostics.length,
  bytes: text.length,
}));
measure('load.parse-validate-10k-yaml-path', () => parseManifests(`# through the yaml package\n${text}`, 'bench.yaml'), (r) => ({
  resources: r.resources.length,
  diagnostics: r.diagnostics.length,
}));
measure('load.derive-workloads-10k', () => deriveWorkloads(loaded.resources), (r) => ({
  resources: RESOURCES,
  workloads: r.workloads.length,
  diagnostics: r.diagnostics.length,
}));
