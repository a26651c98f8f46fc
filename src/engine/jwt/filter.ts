/**
 * The `envoy.filters.http.jwt_authn` HTTP filter as Istio configures it (`envoy:.../jwt_authn/filter.cc`
 * `decodeHeaders` / `onComplete`): CORS preflight bypass, the single rule on path prefix `/`, the
 * requirement tree, and the local reply on failure.
 *
 * Pure: the clock is the `now` argument (seconds since the epoch); keys were resolved beforehand.
 */
import type { VerifiedJwt } from '../../model/request.js';
import type { AuthnContext } from './authenticate.js';
import { RequestState } from './request-state.js';
import type { ResolvedJwtAuthn } from './resolved.js';
import { jwtHttpStatus, jwtStatusMessage, type JwtStatus } from './status.js';
import { evaluateRequirement } from './verifier.js';

export interface JwtAuthnRequest {
  method: string;
  /** `:path` as the filter sees it (after the HCM's normalization), query included. */
  path: string;
  headers: readonly (readonly [string, string])[];
  /** `:authority`; defaults to the `:authority` or `host` header. */
  authority?: string;
  /** Scheme used for the `www-authenticate` realm when no `x-forwarded-proto` header is present (default `http`). */
  scheme?: string;
}

/** The provider (and so the RequestAuthentication rule) behind an accepted token. */
export interface JwtProviderRef {
  provider: string;
  namespace: string;
  name: string;
  ruleIndex: number;
}

export type JwtAuthnResult =
  | {
      ok: true;
      /** The payload Envoy exposes to RBAC; absent when no token was accepted. */
      jwt?: VerifiedJwt;
      /** `iss + "/" + sub` of that token (spec §6.6). */
      principal?: string;
      provider?: JwtProviderRef;
      /** Headers forwarded upstream: tokens removed, output headers sanitized and added. */
      headers: [string, string][];
      /** `:path` forwarded upstream (a query-parameter token is removed from it). */
      path: string;
      /** Set when the request skipped JWT checks. */
      bypass?: 'cors-preflight' | 'no-matching-rule';
    }
  | {
      ok: false;
      status: 401 | 403;
      /** Envoy's exact body, e.g. `Jwt is expired`. */
      message: string;
      jwtStatus: JwtStatus;
      wwwAuthenticate: string;
    };

function pass(req: JwtAuthnRequest, bypass: 'cors-preflight' | 'no-matching-rule'): JwtAuthnResult {
  return { ok: true, headers: req.headers.map(([n, v]) => [n, v]), path: req.path, bypass };
}

/** Envoy `filter.cc` `MaximumUriLength`. */
const MAX_REALM_PATH = 256;

function headerValue(headers: readonly (readonly [string, string])[], lower: string): string | undefined {
  for (const [n, v] of headers) if (n.toLowerCase() === lower) return v.trim();
  return undefined;
}

/** `Http::Utility::buildOriginalUri`: forwarded proto, host and the path cut at 256 characters. */
function realmOf(req: JwtAuthnRequest): string {
  const scheme = headerValue(req.headers, 'x-forwarded-proto') ?? req.scheme ?? 'http';
  const host = req.authority ?? headerValue(req.headers, ':authority') ?? headerValue(req.headers, 'host') ?? '';
  return `${scheme}://${host}${req.path.slice(0, MAX_REALM_PATH)}`;
}

function isCorsPreflight(req: JwtAuthnRequest): boolean {
  return (
    req.method === 'OPTIONS' &&
    (headerValue(req.headers, 'origin') ?? '') !== '' &&
    (headerValue(req.headers, 'access-control-request-method') ?? '') !== ''
  );
}

/**
 * Runs jwt_authn over one request.
 *
 * @example
 * const r = runJwtAuthn(resolved, { method: 'GET', path: '/a', headers: [['authorization', `Bearer ${t}`]] }, nowSeconds);
 * if (!r.ok) console.log(r.status, r.message); // 401 'Jwt is expired'
 */
export function runJwtAuthn(cfg: ResolvedJwtAuthn, req: JwtAuthnRequest, now: number): JwtAuthnResult {
  // The preflight carries no credentials; Envoy skips every requirement, sanitizing included.
  if (cfg.config.bypassCorsPreflight && isCorsPreflight(req)) return pass(req, 'cors-preflight');
  // Istio's only rule matches path prefix `/`; a path that does not start with `/` (`*`) matches
  // no rule, so no requirement applies.
  if (!req.path.startsWith('/')) return pass(req, 'no-matching-rule');

  const ctx: AuthnContext = { state: new RequestState(req.headers, req.path), now };
  const status = evaluateRequirement(cfg, cfg.config.requirement, ctx);
  if (status !== 'Ok') {
    // `error="invalid_token"` is added for every status except JwtMissed (never surfaced under Istio).
    const suffix = status === 'JwtMissed' ? '' : ', error="invalid_token"';
    return {
      ok: false,
      status: jwtHttpStatus(status),
      message: jwtStatusMessage(status),
      jwtStatus: status,
      wwwAuthenticate: `Bearer realm="${realmOf(req)}"${suffix}`,
    };
  }
  const result: JwtAuthnResult = { ok: true, headers: ctx.state.toHeaders(), path: ctx.state.path };
  const accepted = ctx.accepted;
  if (accepted) {
    const { jwt } = accepted.entry;
    const src = accepted.provider.config.source;
    result.jwt = { payload: accepted.entry.payload, issuer: jwt.iss };
    result.principal = `${jwt.iss}/${jwt.sub}`;
    result.provider = { provider: accepted.provider.config.name, namespace: src.namespace, name: src.name, ruleIndex: src.ruleIndex };
  }
  return result;
}
