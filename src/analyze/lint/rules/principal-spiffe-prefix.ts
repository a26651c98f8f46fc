import type { LintRule } from '../rule.js';
import { neverMatchEffect, principalSites } from '../principal-sites.js';

/** Spec §9 item 3, §2.7.1: Istio prepends `spiffe://` itself and never strips a user-written one. */
export const principalSpiffePrefix: LintRule = {
  id: 'MW101',
  name: 'principal-spiffe-prefix',
  severity: 'error',
  summary: 'a principal written with the `spiffe://` scheme never matches',
  description: [
    'Istio turns each `principals` / `notPrincipals` / `source.principal` value into a matcher on the peer',
    'certificate identity by **prepending** `spiffe://` (spec §2.7.1, `pilot/pkg/security/authz/matcher/string.go`).',
    'A value that already carries the scheme becomes `spiffe://spiffe://cluster.local/…`, which no certificate has.',
    'The webhook accepts it silently and trust-domain alias handling skips it (it does not have 5 segments).',
    'In an ALLOW rule the intended caller is denied; in a DENY rule the caller is never denied; in `notPrincipals`',
    'the negation matches everyone.',
  ].join(' '),
  fix: {
    text: 'Drop the scheme, or name the service account with `serviceAccounts`.',
    example: 'from:\n- source:\n    principals: ["cluster.local/ns/orders/sa/order-service"]\n    # or: serviceAccounts: ["orders/order-service"]',
  },
  check(ctx, report) {
    for (const ap of ctx.authorizationPolicies) {
      for (const site of principalSites(ap)) {
        if (!/^\*?spiffe:\/\//.test(site.value)) continue;
        const fixed = site.value.replace(/^(\*?)spiffe:\/\//, '$1');
        report({
          resource: ap,
          path: site.path,
          message: `\`${site.field}\` value \`${site.value}\` is matched as \`spiffe://${site.value}\`, ${neverMatchEffect(site.negative)}`,
          help: `write \`${fixed}\`: Istio adds the \`spiffe://\` scheme itself`,
        });
      }
    }
  },
};
