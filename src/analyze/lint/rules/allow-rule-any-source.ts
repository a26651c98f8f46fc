import type { Rule } from '../../../model/resources.js';
import type { LintRule } from '../rule.js';
import { actionOf, rulesOf } from '../authz-sites.js';

/** `when` keys that name the caller, so a rule using one (positively) is not "any source". */
const IDENTITY_KEYS = new Set(['source.principal', 'source.namespace', 'source.serviceAccount', 'source.trustDomain', 'request.auth.principal']);

function namesCaller(rule: Rule): boolean {
  if ((rule.from ?? []).length > 0) return true;
  return (rule.when ?? []).some((c) => c !== null && IDENTITY_KEYS.has(c.key) && (c.values ?? []).length > 0);
}

/** Spec §2.3 (rules are OR'ed; `from` absent = any source) and §9 item 2, rule (b) of the seed. */
export const allowRuleAnySource: LintRule = {
  id: 'MW106',
  name: 'allow-rule-any-source',
  severity: 'warning',
  summary: 'an ALLOW rule without `from` admits every caller, widening rules that restrict the caller',
  description: [
    'A policy matches when **any** of its rules matches (spec §2.3). A rule without `from` matches requests from any',
    'source — any identity, or none at all — so when it sits next to rules that carefully name their callers, it opens',
    'what they close. In the seed write-up, rule (b) (`POST /api/v1/payments/process` from `source.ip 10.0.0.0/8`)',
    'admits any in-cluster caller without identity, JWT or header, regardless of rule (a) (spec §9 item 2).',
  ].join(' '),
  fix: {
    text: 'Give the rule its own `from` (principals, namespaces or requestPrincipals), or merge its `to` into the rule that names the caller.',
    example:
      'rules:\n- from:\n  - source:\n      principals: ["cluster.local/ns/api-gateway/sa/gateway-service"]\n  to:\n  - operation:\n      methods: ["POST"]\n      paths: ["/api/v1/payments/process"]',
  },
  check(ctx, report) {
    for (const ap of ctx.authorizationPolicies) {
      if (actionOf(ap) !== 'ALLOW') continue;
      const rules = rulesOf(ap);
      if (!rules.some(({ rule }) => namesCaller(rule))) continue;
      for (const { rule, index } of rules) {
        if (namesCaller(rule)) continue;
        report({
          resource: ap,
          path: ['spec', 'rules', index],
          message: `rule ${index} has no \`from\`, so it admits any caller (with or without identity) while other rules of this policy restrict the caller: rules are OR'ed`,
          help: 'add a `from.source` naming the intended callers to this rule, or move its `to`/`when` into the rule that already names them',
        });
      }
    }
  },
};
