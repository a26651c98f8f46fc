import type { LintRule } from '../rule.js';
import { actionOf, listText } from '../authz-sites.js';
import { tokenRequired } from '../jwt-requirement.js';
import { jwtSites } from '../jwt-sites.js';

/** Spec §9 item 6 ("token-less requests are not denied"), §6.4, §2.3 (absent attributes never match). */
export const denyJwtBypassedWithoutToken: LintRule = {
  id: 'MW124',
  name: 'deny-jwt-bypassed-without-token',
  severity: 'warning',
  summary: 'a DENY on JWT claims or request principals is bypassed by sending no token',
  description: [
    'A positive JWT condition only matches requests that carry a valid token: with no token there are no claims and no',
    'request principal, so the DENY does not match (spec §2.3). Unless something requires a token on the workload',
    '(spec §6.4), a caller escapes `request.auth.claims[sub]: ["suspicious-*"]` simply by leaving the token out',
    '(spec §9 item 6).',
  ].join(' '),
  fix: {
    text: 'Also require a token on these workloads (DENY `notRequestPrincipals: ["*"]` or ALLOW rules with `requestPrincipals`).',
    example: 'action: DENY\nrules:\n- from:\n  - source:\n      notRequestPrincipals: ["*"]',
  },
  check(ctx, report) {
    for (const ap of ctx.authorizationPolicies) {
      if (actionOf(ap) !== 'DENY') continue;
      const open = ctx
        .attachedTo(ap)
        .filter((v) => v.httpPorts.length > 0 && v.requestAuthentications.length > 0 && !tokenRequired(ctx, v))
        .map((v) => v.key);
      if (open.length === 0) continue;
      for (const s of jwtSites(ap)) {
        if (s.negative) continue;
        report({
          resource: ap,
          path: s.path,
          key: s.key,
          message: `${s.what} only matches requests with a valid token, and ${listText(open, 3)} ${open.length === 1 ? 'accepts' : 'accept'} requests without one: leaving the token out escapes this DENY`,
          help: 'require a token on these workloads: a DENY rule with `from.source.notRequestPrincipals: ["*"]`, or ALLOW rules that all need `requestPrincipals`',
        });
      }
    }
  },
};
