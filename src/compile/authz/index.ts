/** AuthorizationPolicy → Envoy RBAC / ext_authz filters, with Istio golden-file parity. */
export { buildHttpAuthz, buildTcpAuthz } from './build.js';
export type { AuthzBuildOptions, AuthzBuildResult, BuildNote, BuildNoteKind, ServiceResolver } from './types.js';
export { parseGoBool, DRY_RUN_ANNOTATION } from './dry-run.js';
export { quoteMeta } from './quote-meta.js';
