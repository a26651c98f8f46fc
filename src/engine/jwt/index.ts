/**
 * Envoy `jwt_authn` as Istio configures it: the public surface of the JWT engine.
 */
export { runJwtAuthn, type JwtAuthnRequest, type JwtAuthnResult, type JwtProviderRef } from './filter.js';
export {
  bindJwtAuthn,
  jwksStateFromJson,
  type BindOptions,
  type JwksState,
  type ResolvedJwtAuthn,
  type ResolvedProvider,
} from './resolved.js';
export { parseJwks, type JwkKey, type JwksParseResult } from './jwk-set.js';
export { parseJwt, SUPPORTED_ALGS, type JwtAlg, type ParsedJwt } from './parse.js';
export { JWT_STATUS_MESSAGES, jwtHttpStatus, jwtStatusMessage, type JwtStatus } from './status.js';
export { CLOCK_SKEW_SECONDS, sanitizeAudience } from './claims.js';
