import { principalSpiffePrefix } from '../../../../src/analyze/lint/rules/principal-spiffe-prefix.js';
import { ruleTester } from '../helpers.js';

const ap = (source: string, action = 'ALLOW'): string => `
  apiVersion: security.istio.io/v1
  kind: AuthorizationPolicy
  metadata:
    name: p
    namespace: foo
  spec:
    action: ${action}
    rules:
    - from:
      - source:
          ${source}
`;

ruleTester(principalSpiffePrefix, {
  valid: [
    { name: 'SPIFFE path without scheme', yaml: ap('principals: ["cluster.local/ns/orders/sa/order-service"]') },
    { name: 'presence', yaml: ap('principals: ["*"]') },
    { name: 'serviceAccounts', yaml: ap('serviceAccounts: ["orders/order-service"]') },
  ],
  invalid: [
    {
      name: 'scheme in principals (spec §9 item 3)',
      yaml: ap('principals: ["spiffe://cluster.local/ns/orders/sa/order-service"]'),
      errors: [{ line: 11, column: 22, message: 'is matched as `spiffe://spiffe://cluster.local/ns/orders/sa/order-service`' }],
    },
    {
      name: 'scheme in notPrincipals of a DENY: the negation matches everyone',
      yaml: ap('notPrincipals: ["cluster.local/ns/a/sa/b", "spiffe://cluster.local/ns/a/sa/c"]', 'DENY'),
      errors: [{ line: 11, column: 52, message: 'the negation matches every caller' }],
    },
    {
      name: 'scheme in a source.principal condition',
      yaml: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: p, namespace: foo}
        spec:
          rules:
          - when:
            - key: source.principal
              values: ["spiffe://cluster.local/ns/a/sa/b"]
      `,
      errors: [{ line: 8, column: 16, message: '`source.principal` value' }],
    },
  ],
});
