/**
 * Lints a mesh of 10,000 resources: AuthorizationPolicies (ALLOW and DENY, with seed-style
 * mistakes), PeerAuthentications, RequestAuthentications, Telemetries, Deployments and Services
 * in 50 namespaces. Loading is measured apart; the figure that matters is `lint` (istiod
 * validation + every MW1xx rule), budget < 3 s. Prints one JSON line per measurement:
 * `{name, ms, resources, workloads, diagnostics}`. Fixed sizes and content, so runs compare.
 */
import { lint } from '../src/analyze/lint/index.js';
import { parseManifests } from '../src/load/manifests.js';
import { deriveWorkloads } from '../src/load/workloads/derive.js';
import { DEFAULT_MESH_CONFIG } from '../src/model/mesh.js';

const RESOURCES = 10_000;
const BUDGET_MS = 3_000;

function doc(i: number): string {
  const ns = `ns-${i % 50}`;
  const app = `app-${i % 97}`;
  switch (i % 6) {
    case 0:
      return i % 12 === 0
        ? `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny-${i}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: ${app}}}
  action: DENY
  rules:
  - when:
    - key: request.headers[x-request-rate]
      values: ["high"]
  - from:
    - source: {principals: ["spiffe://cluster.local/ns/${ns}/sa/sa-${i}"]}
    to:
    - operation: {paths: ["/internal/*"], hosts: ["svc-${i}.example.com"]}
`
        : `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: allow-${i}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: ${app}}}
  rules:
  - from:
    - source: {principals: ["cluster.local/ns/${ns}/sa/sa-${i}"], namespaces: ["${ns}"]}
    to:
    - operation: {methods: ["GET", "POST"], paths: ["/api/*", "/v1/{*}/items"], ports: ["8080"]}
    when:
    - key: request.auth.claims[role]
      values: ["admin", "user-*"]
  - to:
    - operation: {methods: ["POST"]}
    when:
    - key: source.ip
      values: ["10.0.0.0/8"]
`;
    case 1:
      return `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: pa-${i}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: ${app}}}
  mtls: {mode: STRICT}
  portLevelMtls:
    "8080": {mode: PERMISSIVE}
`;
    case 2:
      return `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: ra-${i}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: ${app}}}
  jwtRules:
  - issuer: https://issuer-${i % 7}.example.com
    jwksUri: https://issuer-${i % 7}.example.com/jwks.json
    audiences: [api]
`;
    case 3:
      return `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: tm-${i}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: ${app}}}
  metrics:
  - providers: [{name: prometheus}]
    overrides:
    - match: {metric: REQUEST_COUNT}
      tagOverrides:
        request_host: {value: "request.host"}
        source_workload: {value: "%{SOURCE_WORKLOAD}"}
`;
    case 4:
      return `apiVersion: apps/v1
kind: Deployment
metadata: {name: dep-${i}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: ${app}}}
  template:
    metadata: {labels: {app: ${app}}}
    spec:
      serviceAccountName: sa-${i}
      containers:
      - name: main
        ports: [{name: http, containerPort: 8080}, {name: tcp-db, containerPort: 5432}]
`;
    default:
      return `apiVersion: v1
kind: Service
metadata: {name: svc-${i}, namespace: ${ns}}
spec:
  selector: {app: ${app}}
  ports:
  - {name: http, port: 80, targetPort: 8080}
  - {name: tcp-db, port: 5432, targetPort: 5432}
`;
  }
}

const text = Array.from({ length: RESOURCES }, (_, i) => doc(i)).join('---\n');
let t0 = performance.now();
const loaded = parseManifests(text, 'bench.yaml');
const { workloads } = deriveWorkloads(loaded.resources);
const loadMs = performance.now() - t0;
process.stdout.write(`${JSON.stringify({ name: 'lint: load 10k resources (not counted)', ms: Math.round(loadMs), resources: loaded.resources.length, workloads: workloads.length })}\n`);

const mesh = { ...DEFAULT_MESH_CONFIG, trustDomainAliases: [], extensionProviders: [] };
t0 = performance.now();
const diagnostics = lint({ resources: loaded.resources, workloads, mesh, defaultNamespace: 'default' });
const ms = performance.now() - t0;
process.stdout.write(
  `${JSON.stringify({ name: 'lint: 10k resources, validation + all rules', ms: Math.round(ms), budgetMs: BUDGET_MS, withinBudget: ms < BUDGET_MS, resources: loaded.resources.length, workloads: workloads.length, diagnostics: diagnostics.length })}\n`,
);
if (ms >= BUDGET_MS) process.exitCode = 1;
