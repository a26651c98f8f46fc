import { jwtWithoutRequestAuthn } from '../../../../src/analyze/lint/rules/jwt-without-request-authn.js';
import { ruleTester, wl } from '../helpers.js';

const ap = (action: string, rule: string): string => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: p, namespace: production}
spec:
  action: ${action}
  rules:
${rule}`;
const ra = `---
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt, namespace: production}
spec:
  jwtRules: [{issuer: "https://issuer.example"}]
`;
const workloads = [wl('production', 'inventory', { app: 'inventory' }), wl('production', 'db', { app: 'db' }, [[5432, 'TCP']])];
const claimRule = '  - when:\n    - key: request.auth.claims[sub]\n      values: ["suspicious-*"]\n';

ruleTester(jwtWithoutRequestAuthn, {
  valid: [
    { name: 'an RA covers the namespace', workloads, yaml: ap('DENY', claimRule) + ra },
    { name: 'TCP-only workloads are MW111\'s business', workloads: [workloads[1]!], yaml: ap('DENY', claimRule) },
  ],
  invalid: [
    {
      name: 'seed threat-isolation: DENY on claims never fires without an RA (spec §9 item 6)',
      workloads,
      yaml: ap('DENY', claimRule),
      errors: [{ line: 8, column: 12, message: 'no RequestAuthentication applies to `production/inventory`: this DENY condition never fires there' }],
    },
    {
      name: 'ALLOW requestPrincipals admits nobody',
      workloads,
      yaml: ap('ALLOW', '  - from:\n    - source:\n        requestPrincipals: ["*"]\n'),
      errors: [{ line: 9, column: 9, message: 'never admits anyone' }],
    },
    {
      name: 'notValues always match',
      workloads,
      yaml: ap('ALLOW', '  - when:\n    - key: request.auth.claims[transaction_id]\n      notValues: ["x"]\n'),
      errors: [{ line: 8, column: 12, message: 'the negation always matches' }],
    },
  ],
});
