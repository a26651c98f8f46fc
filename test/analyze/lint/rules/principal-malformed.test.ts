import { principalMalformed } from '../../../../src/analyze/lint/rules/principal-malformed.js';
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

ruleTester(principalMalformed, {
  valid: [
    { name: 'full SPIFFE path', yaml: ap('["cluster.local/ns/a/sa/b"]') },
    { name: 'suffix pattern over namespace and sa', yaml: ap('["*/ns/a/sa/b"]') },
    { name: 'prefix pattern: every service account of a namespace', yaml: ap('["cluster.local/ns/a/*"]') },
    { name: 'suffix pattern on the sa name', yaml: ap('["*-reader"]') },
    { name: 'presence', yaml: ap('["*"]') },
    { name: 'scheme is MW101, not this rule', yaml: ap('["spiffe://cluster.local/ns/a/sa/b"]') },
  ],
  invalid: [
    { name: 'bare word (spec §9 item 2)', yaml: ap('["gateway"]'), errors: [{ line: 8, column: 22, message: 'exact identity `spiffe://gateway`' }] },
    { name: 'missing sa part', yaml: ap('["cluster.local/ns/a"]'), errors: [{ line: 8, column: 22, message: 'not of the form' }] },
    { name: 'serviceaccount instead of sa', yaml: ap('["cluster.local/ns/a/serviceaccount/b"]'), errors: [{ line: 8, column: 22 }] },
    { name: 'prefix that cannot be a SPIFFE path', yaml: ap('["cluster.local/namespace/*"]'), errors: [{ line: 8, column: 22, message: 'starts with' }] },
    { name: 'suffix with a wrong keyword', yaml: ap('["*/namespaces/a/sa/b"]'), errors: [{ line: 8, column: 22, message: 'ends with' }] },
    { name: 'only the bad value of a list', yaml: ap('["cluster.local/ns/a/sa/b", "b"]'), errors: [{ line: 8, column: 49 }] },
  ],
});
