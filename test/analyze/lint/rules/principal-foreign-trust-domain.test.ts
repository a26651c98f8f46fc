import { principalForeignTrustDomain } from '../../../../src/analyze/lint/rules/principal-foreign-trust-domain.js';
import { ruleTester } from '../helpers.js';

const ap = (values: string): string => `
  apiVersion: security.istio.io/v1
  kind: AuthorizationPolicy
  metadata: {name: p, namespace: foo}
  spec:
    rules:
    - from:
      - source:
          principals: ${values}
`;

ruleTester(principalForeignTrustDomain, {
  valid: [
    { name: 'cluster.local is rewritten to the bundle (CFG-V-10)', yaml: ap('["cluster.local/ns/a/sa/b"]'), mesh: { trustDomain: 'corp.example' } },
    { name: 'mesh trust domain', yaml: ap('["corp.example/ns/a/sa/b"]'), mesh: { trustDomain: 'corp.example' } },
    { name: 'alias', yaml: ap('["old.example/ns/a/sa/b"]'), mesh: { trustDomain: 'corp.example', trustDomainAliases: ['old.example'] } },
    { name: 'suffix pattern ignores the trust domain', yaml: ap('["*/ns/a/sa/b"]'), mesh: { trustDomain: 'corp.example' } },
  ],
  invalid: [
    {
      name: 'unknown trust domain',
      yaml: ap('["other.example/ns/a/sa/b"]'),
      mesh: { trustDomain: 'corp.example' },
      errors: [{ line: 8, column: 22, message: 'trust domain `other.example`' }],
    },
  ],
});
