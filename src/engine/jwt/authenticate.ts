/**
 * One provider's authenticator (`envoy:.../jwt_authn/authenticator.cc`, `AuthenticatorImpl` with a
 * named provider): sanitize the output headers, extract this provider's tokens, then verify them
 * from the last extracted to the first; every token must pass, and the first failure is the result
 * (PR #12089: a good token beside a bad one must not pass, JWT-06).
 *
 * Per token, in this exact order (adversarial-cases.md B.0): parse → issuer → nbf/exp (60 s skew)
 * → audience (403) → keys present → signature. A token found in the verified-token cache skips only
 * the parse and the signature; issuer, time and audience are checked again against `now`.
 */
import { audienceAllowed, checkTime, claimHeaderValue, normalizePayload } from './claims.js';
import { extractTokens, removeToken, sanitizeHeaders, type ExtractedToken } from './extract.js';
import { parseJwtOrStatus } from './parse.js';
import type { RequestState } from './request-state.js';
import type { ResolvedProvider, VerifiedEntry } from './resolved.js';
import { verifySignature } from './signature.js';
import type { JwtStatus } from './status.js';

/** The accepted token Envoy last wrote to `envoy.filters.http.jwt_authn` → `payload`. */
export interface AcceptedToken {
  provider: ResolvedProvider;
  entry: VerifiedEntry;
}

export interface AuthnContext {
  state: RequestState;
  now: number;
  /** Updated by every accepted token; the last write wins, as with Envoy's metadata. */
  accepted?: AcceptedToken;
}

/** jvl/Envoy `JwtIssuerChecker`: an empty configured issuer accepts every `iss`. */
function issuerAllowed(configured: string, iss: string): boolean {
  return configured === '' || configured === iss;
}

/**
 * The cache key: the token's last 64 characters (signature bytes, unique per signed content),
 * because hashing a whole ~1 KB token on every lookup costs more than the rest of the check. The
 * entry is used only when its full token is equal, so a key collision is just a miss.
 */
function cacheKey(token: string): string {
  return token.length > 64 ? token.slice(-64) : token;
}

function verifyToken(ctx: AuthnContext, p: ResolvedProvider, t: ExtractedToken): JwtStatus {
  // A cache of capacity 0 never holds anything: skip building its key.
  const useCache = p.verified.capacity > 0;
  const key = useCache ? cacheKey(t.token) : '';
  let entry = useCache ? p.verified.get(key) : undefined;
  if (entry !== undefined && entry.jwt.token !== t.token) entry = undefined;
  const cached = entry !== undefined;
  let jwt = entry?.jwt;
  if (!jwt) {
    const parsed = parseJwtOrStatus(t.token);
    if (typeof parsed === 'string') return parsed;
    jwt = parsed;
  }
  if (!issuerAllowed(p.config.issuer, jwt.iss)) return 'JwtUnknownIssuer';
  const time = checkTime(jwt, ctx.now);
  if (time !== 'Ok') return time;
  if (!audienceAllowed(p.audiences, jwt.audiences)) return 'JwtAudienceNotAllowed';
  if (!entry) {
    if (p.jwks.kind === 'unavailable') return p.jwks.status;
    const sig = verifySignature(jwt, p.jwks.keys);
    if (sig !== 'Ok') return sig;
    entry = { jwt, payload: normalizePayload(jwt.payload, p.spaceDelimited) };
  }
  onGoodToken(ctx, p, t, entry);
  if (!cached && useCache) p.verified.set(key, entry);
  return 'Ok';
}

/** `handleGoodJwt`: payload header, claim headers (appended), token removal, metadata. */
function onGoodToken(ctx: AuthnContext, p: ResolvedProvider, t: ExtractedToken, entry: VerifiedEntry): void {
  const cfg = p.config;
  if (cfg.forwardPayloadHeader) ctx.state.add(cfg.forwardPayloadHeader.toLowerCase(), entry.jwt.payloadB64);
  for (const c of cfg.claimToHeaders) {
    // Envoy reads the claim from the payload as parsed, before space-delimited splitting.
    const v = claimHeaderValue(entry.jwt.payload, c.claimName);
    if (v !== undefined) ctx.state.add(c.headerName.toLowerCase(), v);
  }
  if (!cfg.forward) removeToken(ctx.state, t);
  ctx.accepted = { provider: p, entry };
}

/** Runs the provider over the request; `JwtMissed` when none of its locations holds a token. */
export function authenticateProvider(ctx: AuthnContext, p: ResolvedProvider): JwtStatus {
  sanitizeHeaders(ctx.state, p.extractor);
  const tokens = extractTokens(ctx.state, p.extractor);
  if (tokens.length === 0) return 'JwtMissed';
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    if (!t) continue;
    const status = verifyToken(ctx, p, t);
    if (status !== 'Ok') return status;
  }
  return 'Ok';
}
