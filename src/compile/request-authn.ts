/**
 * RequestAuthentication → the effective Envoy `jwt_authn` configuration of one workload.
 *
 * Follows Istio's `newPolicyApplier` / `convertToEnvoyJwtConfig` / `buildSpaceDelimitedClaims`
 * (pilot/pkg/security/authn/policy_applier.go) and spec §6.1–§6.4: the `jwtRules` of every attached
 * RequestAuthentication are concatenated and sorted by issuer (no de-duplication), each becomes a
 * provider `origins-<i>`, and the requirement is
 *   one rule:  any(P0, allow_missing)
 *   N rules:   any(P0, …, PN-1, all(any(P0, allow_missing), …, any(PN-1, allow_missing)))
 * applied to every path (prefix `/`) with CORS preflight bypassed.
 *
 * Pure: the caller passes the RequestAuthentications already selected for the workload (spec §1.2)
 * and ordered (§1.3). Keys are not resolved here (see `identity/jwks.ts`).
 */
import { effectiveNamespace, type RequestAuthentication } from '../model/resources.js';
import { durationNanos } from './authz/duration.js';

export interface JwtHeaderLocationConfig {
  name: string;
  valuePrefix: string;
}

export interface JwtClaimToHeader {
  headerName: string;
  claimName: string;
}

/** One Envoy `JwtProvider`, with the locations Envoy actually reads (defaults applied). */
export interface JwtProviderConfig {
  /** `origins-<index after sorting>`. */
  name: string;
  /** `""` accepts any issuer (only possible with `jwksUri`, spec §3.3). */
  issuer: string;
  audiences: readonly string[];
  /** Inline JWKS; when set it wins over `jwksUri` (istiod mode, spec §6.5). */
  jwks?: string;
  jwksUri?: string;
  /** JWKS fetch timeout (`timeout`, default 5 s). */
  timeoutMs: number;
  fromHeaders: readonly JwtHeaderLocationConfig[];
  fromParams: readonly string[];
  fromCookies: readonly string[];
  /** True when the rule named no location, so Envoy uses `Authorization: Bearer ` and `access_token`. */
  usesDefaultLocations: boolean;
  /** `forwardOriginalToken`: keep the token in the forwarded request. */
  forward: boolean;
  /** `outputPayloadToHeader`. */
  forwardPayloadHeader?: string;
  claimToHeaders: readonly JwtClaimToHeader[];
  /** Dynamic-metadata key of the payload (Istio `filters.EnvoyJwtFilterPayload`). */
  payloadInMetadata: 'payload';
  /** `scope`, `permission` and the rule's `spaceDelimitedClaims`, de-duplicated and sorted. */
  spaceDelimitedClaims: readonly string[];
  /** The RequestAuthentication rule behind this provider. */
  source: { namespace: string; name: string; ruleIndex: number };
}

/** Envoy `JwtRequirement`, restricted to the shapes Istio emits. */
export type JwtRequirement =
  | { kind: 'provider'; provider: string }
  | { kind: 'any'; requirements: readonly JwtRequirement[]; allowMissing: boolean }
  | { kind: 'all'; requirements: readonly JwtRequirement[] };

export interface JwtAuthnConfig {
  providers: readonly JwtProviderConfig[];
  /** The requirement of the single rule, matched on path prefix `/`. */
  requirement: JwtRequirement;
  bypassCorsPreflight: true;
}

export const DEFAULT_JWKS_TIMEOUT_MS = 5000;
const DEFAULT_HEADER: JwtHeaderLocationConfig = { name: 'Authorization', valuePrefix: 'Bearer ' };
const DEFAULT_PARAM = 'access_token';

/**
 * A protobuf-style duration (`5s`, `0.5s`, `1.5s`) or a Go-style one (`100ms`, `1m`, `1m30s`) in
 * milliseconds; `undefined` when it cannot be read (validation reports it; the default then applies).
 */
export function parseDurationMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ns = durationNanos(text.trim());
  return ns === undefined ? undefined : Math.round(Number(ns) / 1e6);
}

/** Istio `buildSpaceDelimitedClaims`: the defaults plus the rule's claims, as a sorted set. */
export function spaceDelimitedClaimsOf(extra: readonly string[] | undefined): string[] {
  return [...new Set([...(extra ?? []), 'permission', 'scope'])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The jwt_authn config for a workload, or `undefined` when no rule applies (then Istio adds no
 * jwt_authn filter at all).
 *
 * @example
 * const cfg = compileJwtAuthn(attachedRequestAuthentications);
 * cfg?.providers[0]?.name; // 'origins-0'
 */
export function compileJwtAuthn(ras: readonly RequestAuthentication[]): JwtAuthnConfig | undefined {
  const rules = ras.flatMap((ra) =>
    (ra.spec.jwtRules ?? []).map((rule, ruleIndex) => ({
      rule,
      source: { namespace: effectiveNamespace(ra), name: ra.metadata.name, ruleIndex },
    })),
  );
  if (rules.length === 0) return undefined;
  // Istio sorts with an unstable sort (slices.SortFunc); ties keep input order here.
  rules.sort((a, b) => {
    const x = a.rule.issuer ?? '';
    const y = b.rule.issuer ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  });

  const providers = rules.map(({ rule, source }, i): JwtProviderConfig => {
    const fromHeaders = (rule.fromHeaders ?? []).map((h) => ({ name: h.name, valuePrefix: h.prefix ?? '' }));
    const fromParams = [...(rule.fromParams ?? [])];
    const fromCookies = [...(rule.fromCookies ?? [])];
    const usesDefaultLocations = fromHeaders.length === 0 && fromParams.length === 0 && fromCookies.length === 0;
    const p: JwtProviderConfig = {
      name: `origins-${i}`,
      issuer: rule.issuer ?? '',
      audiences: [...(rule.audiences ?? [])],
      timeoutMs: parseDurationMs(rule.timeout) ?? DEFAULT_JWKS_TIMEOUT_MS,
      fromHeaders: usesDefaultLocations ? [DEFAULT_HEADER] : fromHeaders,
      fromParams: usesDefaultLocations ? [DEFAULT_PARAM] : fromParams,
      fromCookies,
      usesDefaultLocations,
      forward: rule.forwardOriginalToken === true,
      claimToHeaders: (rule.outputClaimToHeaders ?? []).map((c) => ({ headerName: c.header, claimName: c.claim })),
      payloadInMetadata: 'payload',
      spaceDelimitedClaims: spaceDelimitedClaimsOf(rule.spaceDelimitedClaims),
      source,
    };
    if (rule.jwks !== undefined && rule.jwks !== '') p.jwks = rule.jwks;
    if (rule.jwksUri !== undefined && rule.jwksUri !== '') p.jwksUri = rule.jwksUri;
    if (rule.outputPayloadToHeader !== undefined && rule.outputPayloadToHeader !== '') {
      p.forwardPayloadHeader = rule.outputPayloadToHeader;
    }
    return p;
  });

  const optional = (name: string): JwtRequirement => ({
    kind: 'any',
    requirements: [{ kind: 'provider', provider: name }],
    allowMissing: true,
  });
  const first = providers[0];
  const requirement: JwtRequirement =
    providers.length === 1 && first
      ? optional(first.name)
      : {
          kind: 'any',
          allowMissing: false,
          requirements: [
            ...providers.map((p): JwtRequirement => ({ kind: 'provider', provider: p.name })),
            { kind: 'all', requirements: providers.map((p) => optional(p.name)) },
          ],
        };
  return { providers, requirement, bypassCorsPreflight: true };
}
