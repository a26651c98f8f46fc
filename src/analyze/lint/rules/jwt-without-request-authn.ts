import type { LintRule } from '../rule.js';
import { actionOf, listText } from '../authz-sites.js';
import { jwtSites } from '../jwt-sites.js';

/** Spec §2.7.5 ("claims exist only if a RequestAuthentication applies"), §9 items 2 and 6. */
export const jwtWithoutRequestAuthn: LintRule = {
  id: 'MW123',
  name: 'jwt-without-request-authn',
  severity: 'warning',
  summary: 'a JWT condition on a workload that no RequestAuthentication covers can never see a token',
  description: [
    '`requestPrincipals` and `request.auth.*` read the payload that the jwt_authn filter stores after validating a',
    'token, and that filter exists only on workloads with a RequestAuthentication (spec §6.1, §2.7.5). Elsewhere the',
    'attributes are always absent: a positive condition never matches (an ALLOW rule admits nobody, a DENY rule never',
    'fires) and a negative one always matches (spec §2.3). In the seed, the namespace-wide `threat-isolation` DENY on',
    '`request.auth.claims[sub]` never fires for workloads without a RequestAuthentication (spec §9 item 6).',
  ].join(' '),
  fix: {
    text: 'Add a RequestAuthentication that selects the same workloads, or scope the policy to workloads that have one.',
    example: 'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata: {name: jwt-auth, namespace: production}\nspec:\n  selector: {matchLabels: {app: inventory}}\n  jwtRules:\n  - issuer: "https://identity-server.internal"\n    jwksUri: "https://identity-server.internal/.well-known/jwks.json"',
  },
  check(ctx, report) {
    for (const ap of ctx.authorizationPolicies) {
      const action = actionOf(ap);
      if (action === 'CUSTOM') continue; // validation forbids JWT fields with CUSTOM
      const bare = ctx
        .attachedTo(ap)
        .filter((v) => v.httpPorts.length > 0 && v.requestAuthentications.length === 0)
        .map((v) => v.key);
      if (bare.length === 0) continue;
      for (const s of jwtSites(ap)) {
        const effect = s.negative
          ? 'the negation always matches there'
          : action === 'DENY'
            ? 'this DENY condition never fires there'
            : action === 'ALLOW'
              ? 'this rule never admits anyone there'
              : 'it never matches there';
        report({
          resource: ap,
          path: s.path,
          key: s.key,
          message: `${s.what} needs a validated JWT, but no RequestAuthentication applies to ${listText(bare, 3)}: ${effect}`,
          help: 'add a RequestAuthentication selecting these workloads, or narrow this policy\'s selector to workloads that validate tokens',
        });
      }
    }
  },
};
