/**
 * RBAC rule sets and filter wrappers in protobuf-JSON form (spec §2.9.1). Message presence
 * matters: an enforced set with no policies is `rules: {}` and denies every request, unlike an
 * absent `rules`.
 */
import type {
  HttpRbacConfig,
  NetworkRbacConfig,
  RbacFilter,
  RbacPolicy,
  RbacRules,
} from '../../model/envoy-rbac.js';

export type RbacAction = 'ALLOW' | 'DENY' | 'LOG';

export const HTTP_RBAC_TYPE = 'type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC';
export const NETWORK_RBAC_TYPE = 'type.googleapis.com/envoy.extensions.filters.network.rbac.v3.RBAC';
export const TCP_STAT_PREFIX = 'tcp.';
export const DRY_RUN_ALLOW_PREFIX = 'istio_dry_run_allow_';
export const DRY_RUN_DENY_PREFIX = 'istio_dry_run_deny_';
export const EXT_AUTHZ_SHADOW_PREFIX = 'istio_ext_authz_';

/** `action` ALLOW is the enum zero value and so never printed. */
export function rbacRules(action: RbacAction, policies: ReadonlyMap<string, RbacPolicy>): RbacRules {
  const out: RbacRules = {};
  if (action !== 'ALLOW') out.action = action;
  if (policies.size > 0) out.policies = Object.fromEntries(policies);
  return out;
}

/**
 * istiod's `shadowRuleStatPrefix`: it reads the action of the shadow set, and an absent set reads
 * as ALLOW, so the allow prefix appears even without shadow rules; a LOG shadow set gets none.
 */
export function shadowStatPrefix(shadow: RbacRules | undefined): string | undefined {
  const action = shadow?.action ?? 'ALLOW';
  if (action === 'ALLOW') return DRY_RUN_ALLOW_PREFIX;
  if (action === 'DENY') return DRY_RUN_DENY_PREFIX;
  return undefined;
}

export interface RbacParts {
  rules?: RbacRules;
  shadowRules?: RbacRules;
  shadowRulesStatPrefix?: string;
}

export function rbacFilter(parts: RbacParts, forTCP: boolean): RbacFilter {
  const body = {
    ...(parts.rules ? { rules: parts.rules } : {}),
    ...(parts.shadowRules ? { shadowRules: parts.shadowRules } : {}),
    ...(parts.shadowRulesStatPrefix ? { shadowRulesStatPrefix: parts.shadowRulesStatPrefix } : {}),
  };
  if (forTCP) {
    const typedConfig: NetworkRbacConfig = { '@type': NETWORK_RBAC_TYPE, ...body, statPrefix: TCP_STAT_PREFIX };
    return { name: 'envoy.filters.network.rbac', typedConfig };
  }
  const typedConfig: HttpRbacConfig = { '@type': HTTP_RBAC_TYPE, ...body };
  return { name: 'envoy.filters.http.rbac', typedConfig };
}
