/** Helpers for the compiler tests: policy literals and readers of the emitted filters. */
import type { AuthorizationPolicy, AuthorizationPolicySpec } from '../../src/model/resources.js';
import type { AuthzBuildOptions } from '../../src/compile/authz/index.js';
import type { AuthzFilter, RbacPolicy, RbacRules } from '../../src/model/envoy-rbac.js';

/** `namespace: null` leaves `metadata.namespace` out. */
export function policy(name: string, spec: AuthorizationPolicySpec, annotations?: Record<string, string>, namespace: string | null = 'foo'): AuthorizationPolicy {
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name, ...(namespace === null ? {} : { namespace }), ...(annotations ? { annotations } : {}) },
    spec,
  };
}

export const OPTS: AuthzBuildOptions = {
  trustDomainBundle: ['cluster.local'],
  extensionProviders: [],
  enableMultipleCustomProviders: false,
};

/** The `rules` (or `shadowRules`) of the i-th filter, which must be an RBAC filter. */
export function rulesOf(filters: AuthzFilter[], i = 0, which: 'rules' | 'shadowRules' = 'rules'): RbacRules | undefined {
  const f = filters[i];
  if (!f || !f.name.endsWith('.rbac')) throw new Error(`filter ${i} is not an RBAC filter`);
  return (f.typedConfig as { rules?: RbacRules; shadowRules?: RbacRules })[which];
}

export function policyOf(filters: AuthzFilter[], key: string, i = 0): RbacPolicy | undefined {
  return rulesOf(filters, i)?.policies?.[key];
}
