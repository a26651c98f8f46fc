/**
 * One AuthorizationPolicy → its named RBAC policies, one per rule (spec §2.9.2). Source: the rule
 * loop of `Builder.build` in `pilot/pkg/security/authz/builder/builder.go`.
 *
 * Keys are `ns[<ns>]-policy[<name>]-rule[<i>]` with `i` the index in `spec.rules`, so skipped
 * rules leave gaps. A policy without rules gets one never-matching entry under rule 0.
 */
import type { RbacPolicy } from '../../model/envoy-rbac.js';
import type { AuthorizationAction, AuthorizationPolicy } from '../../model/resources.js';
import { generatePolicy } from './generate.js';
import { buildRuleModel } from './model.js';
import type { NoteCollector } from './notes.js';
import { matchNeverPolicy } from './rbac-nodes.js';

export interface PolicyRulesEnv {
  forTCP: boolean;
  trustDomainBundle: readonly string[];
  useFilterState: boolean;
  defaultNamespace: string;
  notes: NoteCollector;
}

export function rbacPolicyName(namespace: string, name: string, rule: number, prefix = ''): string {
  return `${prefix}ns[${namespace}]-policy[${name}]-rule[${rule}]`;
}

/**
 * `action` decides error handling: ALLOW drops a rule on any generator error; DENY, AUDIT and
 * CUSTOM (built as DENY) drop only the failing value.
 */
export function compilePolicyRules(
  policy: AuthorizationPolicy,
  action: AuthorizationAction,
  env: PolicyRulesEnv,
  prefix = '',
): Map<string, RbacPolicy> {
  const namespace = policy.metadata.namespace ?? env.defaultNamespace;
  const id = `${namespace}/${policy.metadata.name}`;
  const out = new Map<string, RbacPolicy>();
  const rules = policy.spec?.rules ?? [];
  const strict = action === 'ALLOW';
  rules.forEach((rule, i) => {
    const name = rbacPolicyName(namespace, policy.metadata.name, i, prefix);
    const note = env.notes.bind(id, action, i);
    const rulePath = ['spec', 'rules', i];
    if (rule === null || rule === undefined) {
      note('rule-skipped', 'rule is null and is skipped', rulePath);
      return;
    }
    const m = buildRuleModel(rule, rulePath, { trustDomainBundle: env.trustDomainBundle, strict, note });
    if (!m.ok) {
      // istiod skips a rule it cannot model for every action, DENY included (spec §2.9.4, §10).
      note('rule-skipped', `rule skipped: ${m.error}`, m.path);
      return;
    }
    const g = generatePolicy(m.model, {
      forTCP: env.forTCP,
      strict,
      ctx: { useFilterState: env.useFilterState, policyNamespace: namespace },
      note,
    });
    if (!g.ok) {
      note('rule-skipped', `rule skipped: ${g.error}`, g.path);
      return;
    }
    out.set(name, g.policy);
  });
  if (rules.length === 0) out.set(rbacPolicyName(namespace, policy.metadata.name, 0, prefix), matchNeverPolicy());
  return out;
}
