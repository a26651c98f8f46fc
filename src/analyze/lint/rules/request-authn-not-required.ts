import type { LintRule } from '../rule.js';
import { listText } from '../authz-sites.js';
import { tokenRequired } from '../jwt-requirement.js';

/** Spec §6.4 and §9 item 7; adversarial CFG-V-15: a RequestAuthentication only rejects *bad* tokens. */
export const requestAuthnNotRequired: LintRule = {
  id: 'MW105',
  name: 'request-authn-not-required',
  severity: 'warning',
  summary: 'a RequestAuthentication applies but nothing requires a token, so requests without one pass',
  description: [
    'RequestAuthentication rejects requests that carry an invalid, expired or unknown-issuer token (401) or a wrong',
    'audience (403). A request **without** a token passes the jwt_authn filter with no principal (Istio configures',
    '`allow_missing`, spec §6.4). Requiring a token is the job of authorization: an ALLOW policy whose every rule needs',
    '`requestPrincipals` (or a `request.auth.*` condition), or a DENY rule with `notRequestPrincipals: ["*"]`',
    '(istio.io "Authorization with JWT"; spec §9 item 7).',
  ].join(' '),
  fix: {
    text: 'Add an ALLOW policy that requires a request principal on the same workloads, or a DENY for token-less requests.',
    example:
      'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: require-jwt, namespace: production}\nspec:\n  selector: {matchLabels: {app: payment-service}}\n  action: DENY\n  rules:\n  - from:\n    - source:\n        notRequestPrincipals: ["*"]',
  },
  check(ctx, report) {
    for (const ra of ctx.requestAuthentications) {
      const open = ctx
        .attachedTo(ra)
        .filter((v) => v.httpPorts.length > 0 && !tokenRequired(ctx, v))
        .map((v) => v.key);
      if (open.length === 0) continue;
      report({
        resource: ra,
        path: ['spec', 'jwtRules'],
        key: true,
        message: `requests without a token still reach ${listText(open)}: this RequestAuthentication only rejects invalid tokens and no authorization policy requires a request principal`,
        help: 'add an AuthorizationPolicy for the same workloads that requires a token: ALLOW rules with `from.source.requestPrincipals: ["*"]` (or `["<issuer>/*"]`), or a DENY rule with `notRequestPrincipals: ["*"]`',
      });
    }
  },
};
