import { denyNeverMatches } from '../../../../src/analyze/lint/rules/deny-never-matches.js';
import { ruleTester } from '../helpers.js';

const deny = (principals: string): string => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: emergency-lockdown
  namespace: istio-system
spec:
  action: DENY
  rules:
  - from:
    - source:
        principals: ${principals}
`;

ruleTester(denyNeverMatches, {
  valid: [
    { name: 'correct principal', yaml: deny('["cluster.local/ns/compromised/sa/suspicious-service"]') },
    { name: 'one good value is enough', yaml: deny('["spiffe://cluster.local/ns/a/sa/b", "cluster.local/ns/a/sa/b"]') },
  ],
  invalid: [
    {
      name: 'seed emergency-lockdown: the only principal has the scheme',
      yaml: deny('["spiffe://cluster.local/ns/compromised/sa/suspicious-service"]'),
      errors: [{ line: 4, column: 9, message: 'this DENY policy never denies anything: its only rule cannot match' }],
    },
    {
      name: 'every rule unmatchable',
      yaml: `${deny('["gateway"]')}  - when:\n    - key: request.time.hour\n      values: ["3"]\n`,
      errors: [{ line: 4, column: 9, message: 'none of its 2 rules can match' }],
    },
  ],
});
