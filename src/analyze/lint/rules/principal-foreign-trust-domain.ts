import { trustDomainBundle } from '../../../model/mesh.js';
import type { LintRule } from '../rule.js';
import { listText } from '../authz-sites.js';
import { principalProblem } from '../principal-shape.js';
import { principalSites } from '../principal-sites.js';

/** Spec §2.7.1 (trust-domain aliases), §5.4 (STRICT accepts only the mesh trust domain and its aliases). */
export const principalForeignTrustDomain: LintRule = {
  id: 'MW103',
  name: 'principal-foreign-trust-domain',
  severity: 'warning',
  summary: 'a principal names a trust domain that is neither the mesh trust domain nor an alias',
  description: [
    'Principal values whose trust domain is in the bundle (`meshConfig.trustDomain` + `trustDomainAliases`) or is',
    '`cluster.local` are rewritten to every bundle entry (spec §2.7.1, `pilot/pkg/security/trustdomain/bundle.go`).',
    'Any other trust domain is kept as written; a peer from it only completes an mTLS handshake when its CA is',
    'trusted (spec §5.4), so such a value usually never matches — often a typo or a stale trust domain after a migration.',
  ].join(' '),
  fix: {
    text: 'Use the mesh trust domain (or `cluster.local`, which Istio rewrites), or add the old one to `trustDomainAliases`.',
    example: 'meshConfig:\n  trustDomain: corp.example\n  trustDomainAliases: ["old.example"]',
  },
  check(ctx, report) {
    const bundle = trustDomainBundle(ctx.mesh);
    for (const ap of ctx.authorizationPolicies) {
      for (const site of principalSites(ap)) {
        const p = principalProblem(site.value, ctx.mesh);
        if (p?.kind !== 'foreign-trust-domain') continue;
        report({
          resource: ap,
          path: site.path,
          message: `\`${site.field}\` value \`${site.value}\` names trust domain \`${p.trustDomain}\`, which is not in the mesh trust-domain bundle (${listText(bundle)})`,
          help: `use \`${bundle[0] ?? 'cluster.local'}\` (or \`cluster.local\`, which Istio rewrites to the bundle), or add \`${p.trustDomain}\` to \`meshConfig.trustDomainAliases\``,
        });
      }
    }
  },
};
