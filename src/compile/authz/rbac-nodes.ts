/**
 * Small constructors for Envoy RBAC permission/principal trees and metadata matchers
 * (`pilot/pkg/security/authz/model/permission.go`, `principal.go`, `matcher/metadata.go`).
 */
import type { MetadataMatcher, Permission, Principal, StringMatcher, ValueMatcher } from '../../model/envoy-rbac.js';

export const JWT_FILTER = 'envoy.filters.http.jwt_authn';
export const PEER_PRINCIPAL_FILTER_STATE_KEY = 'io.istio.peer_principal';

export const permissionAny = (): Permission => ({ any: true });
export const permissionAnd = (rules: Permission[]): Permission => ({ andRules: { rules } });
export const permissionOr = (rules: Permission[]): Permission => ({ orRules: { rules } });
export const permissionNot = (rule: Permission): Permission => ({ notRule: rule });

export const principalAny = (): Principal => ({ any: true });
export const principalAnd = (ids: Principal[]): Principal => ({ andIds: { ids } });
export const principalOr = (ids: Principal[]): Principal => ({ orIds: { ids } });
export const principalNot = (id: Principal): Principal => ({ notId: id });

/** The peer identity: TLS peer certificate at sidecars/gateways, filter state at waypoints (spec §2.9.5). */
export function principalIdentity(m: StringMatcher, useFilterState: boolean): Principal {
  return useFilterState
    ? { filterState: { key: PEER_PRINCIPAL_FILTER_STATE_KEY, stringMatch: m } }
    : { authenticated: { principalName: m } };
}

export function metadataMatcher(filter: string, keys: readonly string[], value: ValueMatcher): MetadataMatcher {
  return { filter, path: keys.map((key) => ({ key })), value };
}

/** `payload.<claim>` of the verified JWT, matched as one string. */
export function jwtClaimStringMatcher(claim: string, m: StringMatcher): MetadataMatcher {
  return metadataMatcher(JWT_FILTER, ['payload', claim], { stringMatch: m });
}

/**
 * A claim that may be a string or a list: OR(list contains a match, the value itself matches),
 * so `aud: "x"` and `aud: ["x","y"]` both match `x` (spec §2.7.5).
 */
export function jwtClaimListOrStringMatcher(claims: readonly string[], inner: () => ValueMatcher): MetadataMatcher {
  return metadataMatcher(JWT_FILTER, ['payload', ...claims], {
    orMatch: { valueMatchers: [{ listMatch: { oneOf: inner() } }, inner()] },
  });
}

/** The policy that never matches: stands for ALLOW/DENY policies without rules (`rbacPolicyMatchNever`). */
export function matchNeverPolicy(): { permissions: Permission[]; principals: Principal[] } {
  return {
    permissions: [permissionNot(permissionAny())],
    principals: [principalNot(principalAny())],
  };
}
