/**
 * A jwt_authn config with its keys in hand: what {@link runJwtAuthn} evaluates. Built by
 * `identity/jwks.ts` (which may fetch keys) or directly by {@link bindJwtAuthn} when every JWKS
 * is already known (tests, inline `jwks`).
 */
import type { JwtAuthnConfig, JwtProviderConfig } from '../../compile/request-authn.js';
import { sanitizeAudience } from './claims.js';
import { planExtractor, type ExtractorPlan } from './extract.js';
import { parseJwks, type JwkKey } from './jwk-set.js';
import { LruCache } from './lru.js';
import type { ParsedJwt } from './parse.js';
import type { JwtStatus } from './status.js';

/**
 * The keys of one provider. `unavailable` fails closed: every token that reaches the key step is
 * rejected with `status`, while token-less requests still pass (spec §6.5):
 * - `JwtVerificationFail`: istiod could not fetch `jwksUri` and inlined a public-only JWKS whose
 *   private key is gone (JWT-55, Istio's default mode);
 * - `JwksFetchFail`: Envoy fetched the JWKS itself and failed (JWT-56);
 * - `JwksNoValidKeys`: an inline JWKS Envoy cannot use.
 */
export type JwksState =
  | { kind: 'keys'; keys: readonly JwkKey[]; dropped: readonly string[] }
  | { kind: 'unavailable'; status: 'JwtVerificationFail' | 'JwksFetchFail' | 'JwksNoValidKeys'; reason: string };

export interface ResolvedProvider {
  config: JwtProviderConfig;
  jwks: JwksState;
  /** Configured audiences after jvl's sanitizing; empty means no audience check. */
  audiences: ReadonlySet<string>;
  extractor: ExtractorPlan;
  /** `config.spaceDelimitedClaims` as a set, for normalizing each verified payload. */
  spaceDelimited: ReadonlySet<string>;
  /** Tokens that passed the signature check with these keys (Envoy's per-provider jwt cache). */
  verified: LruCache<string, VerifiedEntry>;
}

/** A token whose signature verified, with the payload as Envoy exposes it. */
export interface VerifiedEntry {
  jwt: ParsedJwt;
  payload: Readonly<Record<string, unknown>>;
}

export interface ResolvedJwtAuthn {
  config: JwtAuthnConfig;
  providers: ReadonlyMap<string, ResolvedProvider>;
}

/** The keys of an inline JWKS as Envoy loads them: a set with no usable key makes the provider unavailable. */
export function jwksStateFromJson(json: string): JwksState {
  const r = parseJwks(json);
  if (r.ok) return { kind: 'keys', keys: r.keys, dropped: r.dropped };
  const detail = [r.problem, ...r.dropped].join(': ');
  return { kind: 'unavailable', status: 'JwksNoValidKeys', reason: detail };
}

export interface BindOptions {
  /** Verified tokens remembered per provider (default 1024; 0 disables the cache). */
  cacheSize?: number;
}

/** Attaches key state to each provider; a provider missing from `jwks` is `unavailable`. */
export function bindJwtAuthn(
  config: JwtAuthnConfig,
  jwks: ReadonlyMap<string, JwksState>,
  options: BindOptions = {},
): ResolvedJwtAuthn {
  const providers = new Map<string, ResolvedProvider>();
  for (const p of config.providers) {
    const state: JwksState = jwks.get(p.name) ?? {
      kind: 'unavailable',
      status: 'JwtVerificationFail',
      reason: `no keys resolved for provider \`${p.name}\``,
    };
    providers.set(p.name, {
      config: p,
      jwks: state,
      audiences: new Set(p.audiences.map(sanitizeAudience)),
      extractor: planExtractor({
        fromHeaders: p.fromHeaders,
        fromParams: p.fromParams,
        fromCookies: p.fromCookies,
        sanitize: [...(p.forwardPayloadHeader ? [p.forwardPayloadHeader] : []), ...p.claimToHeaders.map((c) => c.headerName)],
      }),
      spaceDelimited: new Set(p.spaceDelimitedClaims),
      verified: new LruCache(options.cacheSize ?? 1024),
    });
  }
  return { config, providers };
}

export type { JwtStatus };
