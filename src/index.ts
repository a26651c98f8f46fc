/**
 * meshward's public API: what a program needs to load Istio manifests, compile them as istiod
 * does, decide requests as the sidecar does, and run policy test suites. Everything else is
 * internal and may change.
 *
 * @example
 * import { loadManifests, deriveWorkloads, compileMesh, prepareWorkload, evaluateRequest, DEFAULT_MESH_CONFIG } from 'meshward';
 * const { resources } = await loadManifests(['k8s/']);
 * const { workloads } = deriveWorkloads(resources);
 * const mesh = compileMesh({ resources, workloads, mesh: DEFAULT_MESH_CONFIG });
 * const target = prepareWorkload(mesh.workloads.get('foo/httpbin')!);
 * const d = evaluateRequest(target, { caller: { kind: 'external', ip: '203.0.113.7' }, port: 8000, http: { path: '/admin' } },
 *   { trustDomain: 'cluster.local', pathNormalization: 'BASE', trace: true });
 * d.status; // 200 | 400 | 401 | 403 | 'reset'
 */
export * from './model/index.js';

// load
export { loadManifests, parseManifests, loadMeshConfig, parseMeshConfig, deriveWorkloads } from './load/index.js';
export type { LoadResult } from './load/index.js';

// validation as the API server and istiod do it
export { admitResources } from './schema/admit.js';
export type { Admission } from './schema/admit.js';
export { validateWebhook, WEBHOOK_CODES } from './schema/webhook/index.js';
export { validateCel, parseCelExpression } from './schema/cel/index.js';

// compile
export { compileMesh, workloadKey } from './compile/mesh.js';
export type { CompiledMesh, CompiledWorkload, MeshInputs } from './compile/mesh.js';
export { selectAttached } from './compile/attach.js';
export type { AttachTarget } from './compile/attach.js';
export { buildHttpAuthz, buildTcpAuthz } from './compile/authz/index.js';
export type { AuthzBuildOptions, AuthzBuildResult, BuildNote } from './compile/authz/index.js';
export { composePeerAuthn, mtlsModeForPort } from './compile/peer-authn.js';
export type { EffectivePeerAuthn } from './compile/peer-authn.js';
export { compileJwtAuthn } from './compile/request-authn.js';
export type { JwtAuthnConfig } from './compile/request-authn.js';

// engine
export { evaluateRequest, prepareWorkload } from './engine/pipeline.js';
export type { Caller, InboundRequest, PipelineOptions, PreparedWorkload } from './engine/pipeline.js';
export { prepareAuthzChain, runAuthzChain } from './engine/authz-chain.js';
export type { AuthzContext, AuthzOutcome, PreparedAuthzChain } from './engine/authz-chain.js';
export { normalizeRequestPath, validateHttpRequest } from './engine/normalize.js';
export { runJwtAuthn } from './engine/jwt/index.js';
export type { JwtAuthnResult } from './engine/jwt/index.js';

// identity
export { resolveJwks } from './identity/jwks.js';
export { generateSigningKey, loadPrivateKeyPem, signJwt } from './identity/jwt-sign.js';

// test suites
export { loadSuite } from './suite/load.js';
export { runSuite } from './suite/run.js';
export type { CaseResult, SuiteResult } from './suite/run.js';
export type { TestSuite } from './suite/types.js';

// lint
export { lint, builtinRules, istiodValidation } from './analyze/lint/index.js';
export type { LintInput, LintOptions, LintRule } from './analyze/lint/index.js';
export { toSarif } from './report/sarif.js';
export { toDiagnosticsJson } from './report/diagnostics-json.js';
export { formatDiagnosticsText } from './report/diagnostics-text.js';

// reach
export { computeReach, toReport, measureLayers, quarantineWhatIf, verifyWitnesses } from './analyze/reach/index.js';
export type { ReachOptions } from './analyze/reach/index.js';
export { renderReachHtml } from './report/html/index.js';
