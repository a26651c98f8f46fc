import type { LintRule } from '../rule.js';
import { principalProblem } from '../principal-shape.js';
import { neverMatchEffect, principalSites } from '../principal-sites.js';

/** Spec §2.7.1, §9 item 2: principals are SPIFFE paths `<td>/ns/<ns>/sa/<sa>`; nothing validates their shape. */
export const principalMalformed: LintRule = {
  id: 'MW102',
  name: 'principal-malformed',
  severity: 'error',
  summary: 'a principal that is not `<trust-domain>/ns/<namespace>/sa/<service-account>` never matches',
  description: [
    'Every Istio workload identity is `spiffe://<trust-domain>/ns/<namespace>/sa/<service-account>`, and a principal',
    'value is matched against it after Istio prepends `spiffe://` (spec §2.7.1). A bare word such as `gateway`',
    'becomes the exact identity `spiffe://gateway`; a value missing `/ns/` or `/sa/` cannot match either. The webhook',
    'does not check the format (spec §3.1 "NOT validated"), so the mistake only shows as denied (ALLOW) or',
    'never-denied (DENY) traffic.',
  ].join(' '),
  fix: {
    text: 'Write the full SPIFFE path without the scheme, use a `*` prefix/suffix pattern, or use `serviceAccounts`.',
    example: 'principals: ["cluster.local/ns/api-gateway/sa/gateway-service"]\n# or: serviceAccounts: ["api-gateway/gateway-service"]',
  },
  check(ctx, report) {
    for (const ap of ctx.authorizationPolicies) {
      for (const site of principalSites(ap)) {
        const p = principalProblem(site.value, ctx.mesh);
        if (p?.kind !== 'malformed') continue;
        report({
          resource: ap,
          path: site.path,
          message: `\`${site.field}\` value \`${site.value}\` can never match a workload identity: ${p.reason}, ${neverMatchEffect(site.negative)}`,
          help: 'write `<trust-domain>/ns/<namespace>/sa/<service-account>` (e.g. `cluster.local/ns/foo/sa/bar`) or use `serviceAccounts: ["<namespace>/<service-account>"]`',
        });
      }
    }
  },
};
