/**
 * AUDIT / DENY / ALLOW → one RBAC filter per action that has policies, in that order (spec §2.1,
 * §2.9.1). Source: `build` and `Builder.build` in `pilot/pkg/security/authz/builder/builder.go`.
 *
 * Dry-run policies go to `shadowRules`; an entirely dry-run ALLOW set therefore creates no
 * enforced ALLOW set and does not turn the workload default-deny (spec §2.11).
 */
import type { RbacFilter, RbacPolicy, RbacRules } from '../../model/envoy-rbac.js';
import type { AuthorizationAction, AuthorizationPolicy } from '../../model/resources.js';
import { dryRunOf } from './dry-run.js';
import { compilePolicyRules, type PolicyRulesEnv } from './policy-rules.js';
import { rbacFilter, rbacRules, shadowStatPrefix, type RbacAction } from './rbac-config.js';

export function policyId(p: AuthorizationPolicy, defaultNamespace: string): string {
  return `${p.metadata.namespace ?? defaultNamespace}/${p.metadata.name}`;
}

/** Dry-run per policy, reporting an annotation that does not parse (the policy is then enforced). */
export function isDryRun(p: AuthorizationPolicy, action: AuthorizationAction, env: PolicyRulesEnv): boolean {
  const d = dryRunOf(p);
  if (d.invalid !== undefined) {
    env.notes.add({
      policy: policyId(p, env.defaultNamespace),
      action,
      kind: 'dry-run-invalid',
      message: `annotation \`istio.io/dry-run\` value \`${d.invalid}\` is not a boolean: the policy is enforced`,
      path: ['metadata', 'annotations', 'istio.io/dry-run'],
    });
  }
  return d.dryRun;
}

function buildAction(
  policies: readonly AuthorizationPolicy[],
  action: AuthorizationAction,
  rbac: RbacAction,
  env: PolicyRulesEnv,
): RbacFilter | undefined {
  if (policies.length === 0) return undefined;
  const enforced = new Map<string, RbacPolicy>();
  const shadow = new Map<string, RbacPolicy>();
  let hasEnforced = false;
  let hasShadow = false;
  for (const p of policies) {
    const dry = isDryRun(p, action, env);
    if (dry) hasShadow = true;
    else hasEnforced = true;
    const target = dry ? shadow : enforced;
    for (const [k, v] of compilePolicyRules(p, action, env)) target.set(k, v);
  }
  const rules: RbacRules | undefined = hasEnforced ? rbacRules(rbac, enforced) : undefined;
  const shadowRules: RbacRules | undefined = hasShadow ? rbacRules(rbac, shadow) : undefined;
  const prefix = shadowStatPrefix(shadowRules);
  return rbacFilter(
    { ...(rules ? { rules } : {}), ...(shadowRules ? { shadowRules } : {}), ...(prefix ? { shadowRulesStatPrefix: prefix } : {}) },
    env.forTCP,
  );
}

export interface LocalPolicies {
  audit: readonly AuthorizationPolicy[];
  deny: readonly AuthorizationPolicy[];
  allow: readonly AuthorizationPolicy[];
}

export function buildLocalFilters(p: LocalPolicies, env: PolicyRulesEnv): RbacFilter[] {
  return [
    buildAction(p.audit, 'AUDIT', 'LOG', env),
    buildAction(p.deny, 'DENY', 'DENY', env),
    buildAction(p.allow, 'ALLOW', 'ALLOW', env),
  ].filter((f): f is RbacFilter => f !== undefined);
}
