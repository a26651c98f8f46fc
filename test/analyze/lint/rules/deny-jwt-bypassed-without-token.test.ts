import { denyJwtBypassedWithoutToken } from '../../../../src/analyze/lint/rules/deny-jwt-bypassed-without-token.js';
import { ruleTester, wl } from '../helpers.js';

const deny = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: threat-isolation, namespace: production}
spec:
  action: DENY
  rules:
  - when:
    - key: request.auth.claims[sub]
      values: ["suspicious-*"]
---
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt, namespace: production}
spec:
  jwtRules: [{issuer: "https://issuer.example"}]
`;
const requireToken = `---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: require-jwt, namespace: production}
spec:
  action: DENY
  rules:
  - from:
    - source: {notRequestPrincipals: ["*"]}
`;
const workloads = [wl('production', 'payment-service', { app: 'payment-service' })];

ruleTester(denyJwtBypassedWithoutToken, {
  valid: [
    { name: 'a token is required', workloads, yaml: deny + requireToken },
    { name: 'no RA: MW123 reports instead', workloads, yaml: deny.split('---')[0]! },
  ],
  invalid: [
    {
      name: 'seed: leaving the token out escapes the claim DENY (spec §9 item 6)',
      workloads,
      yaml: deny,
      errors: [{ line: 8, column: 12, message: '`production/payment-service` accepts requests without one' }],
    },
  ],
});
