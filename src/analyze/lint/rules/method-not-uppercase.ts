import type { LintRule } from '../rule.js';
import { actionOf, operationSites } from '../authz-sites.js';

/** Adversarial CFG-V-07, AZ-25: methods match exactly and case-sensitively; lower-case requests get 400. */
export const methodNotUppercase: LintRule = {
  id: 'MW128',
  name: 'method-not-uppercase',
  severity: 'error',
  summary: 'a `methods` value with lower-case letters never matches a request',
  description: [
    '`methods` is an exact, case-sensitive match on `:method` (spec §2.5), and Envoy rejects requests whose method is',
    'not upper case with 400 before authorization runs (istio.io normalization page, AZ-25). A value such as `get`',
    'therefore never matches: an ALLOW rule admits nobody through it, a DENY rule silently denies nothing, and a',
    '`notMethods` value excludes nothing (CFG-V-07).',
  ].join(' '),
  fix: {
    text: 'Write HTTP methods in upper case.',
    example: 'to:\n- operation:\n    methods: ["GET", "HEAD"]',
  },
  check(ctx, report) {
    for (const ap of ctx.authorizationPolicies) {
      const action = actionOf(ap);
      for (const s of operationSites(ap, ['methods', 'notMethods'])) {
        if (s.value === '*' || s.value === s.value.toUpperCase()) continue;
        const effect = s.negative ? 'so it excludes nothing' : action === 'DENY' ? 'so this DENY never fires on it' : 'so it never matches';
        report({
          resource: ap,
          path: s.path,
          message: `\`${s.field}\` value \`${s.value}\` is not upper case: request methods are upper case (others are rejected with 400), ${effect}`,
          help: `write \`${s.value.toUpperCase()}\``,
        });
      }
    }
  },
};
