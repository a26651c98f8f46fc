import type { Rule } from '../../../model/resources.js';
import type { LintContext } from '../context.js';
import type { LintRule } from '../rule.js';
import { actionOf, rulesOf } from '../authz-sites.js';
import { principalProblem } from '../principal-shape.js';
import { isTimeKey } from './when-time-attribute.js';

/** Why a rule can never match, or undefined. */
function neverMatches(ctx: LintContext, rule: Rule): string | undefined {
  const bad = (v: string): boolean => {
    const p = principalProblem(v, ctx.mesh);
    return p !== undefined && p.kind !== 'foreign-trust-domain';
  };
  const timeKey = (rule.when ?? []).find((c) => c !== null && typeof c.key === 'string' && isTimeKey(c.key));
  if (timeKey) return `its \`when\` key \`${timeKey.key}\` does not exist, so istiod drops the rule`;
  const from = (rule.from ?? []).filter((f) => f !== null);
  if (from.length > 0 && from.every((f) => (f.source?.principals ?? []).length > 0 && (f.source?.principals ?? []).every(bad))) {
    return 'none of its principals can match a workload identity';
  }
  for (const c of rule.when ?? []) {
    if (c?.key === 'source.principal' && (c.values ?? []).length > 0 && (c.values ?? []).every(bad)) {
      return 'none of its `source.principal` values can match a workload identity';
    }
  }
  return undefined;
}

/** Spec §9 ("emergency-lockdown … a no-op"), §2.7.1, §2.9.4. */
export const denyNeverMatches: LintRule = {
  id: 'MW122',
  name: 'deny-never-matches',
  severity: 'error',
  summary: 'a DENY policy can never match, so it denies nothing',
  description: [
    'A DENY policy whose every rule is unmatchable is a no-op that looks like protection: the seed `emergency-lockdown`',
    'names its only principal with the `spiffe://` scheme, which Istio prefixes again (spec §2.7.1), so the compromised',
    'workload is never denied (spec §9). A rule with an unknown `when` key (only possible if validation is bypassed) is',
    'dropped by istiod even for DENY (spec §2.9.4). Rules are unmatchable here when all their principals are malformed.',
  ].join(' '),
  fix: {
    text: 'Fix the principals (no scheme, full SPIFFE path) so the DENY matches the intended caller.',
    example: 'action: DENY\nrules:\n- from:\n  - source:\n      principals: ["cluster.local/ns/compromised/sa/suspicious-service"]',
  },
  check(ctx, report) {
    for (const ap of ctx.authorizationPolicies) {
      if (actionOf(ap) !== 'DENY') continue;
      const rules = rulesOf(ap);
      if (rules.length === 0) continue;
      const reasons = rules.map(({ rule }) => neverMatches(ctx, rule));
      if (reasons.some((r) => r === undefined)) continue;
      const why = rules.length === 1 ? `its only rule cannot match: ${reasons[0]}` : `none of its ${rules.length} rules can match (${reasons.map((r, i) => `rule ${rules[i]?.index ?? i}: ${r}`).join('; ')})`;
      report({
        resource: ap,
        path: ['metadata', 'name'],
        message: `this DENY policy never denies anything: ${why}`,
        help: 'fix the rules so they can match (principals as `<trust-domain>/ns/<namespace>/sa/<service-account>`, no `spiffe://`), then test with `meshward check`',
      });
    }
  },
};
