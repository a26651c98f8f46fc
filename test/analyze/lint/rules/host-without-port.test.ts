import { hostWithoutPort } from '../../../../src/analyze/lint/rules/host-without-port.js';
import { ruleTester } from '../helpers.js';

const ap = (hosts: string): string => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: p, namespace: istio-system}
spec:
  action: DENY
  rules:
  - to:
    - operation:
        hosts: ${hosts}
`;

ruleTester(hostWithoutPort, {
  valid: [
    { name: 'both forms (istio.io best practice)', yaml: ap('["example.com", "Example.com:*"]') },
    { name: 'explicit port', yaml: ap('["example.com:8443"]') },
    { name: 'wildcards are not judged', yaml: ap('["*.example.com"]') },
  ],
  invalid: [
    { name: 'bare host in a DENY (AZ-20, CFG-V-22)', yaml: ap('["secret.example.com"]'), errors: [{ line: 9, column: 17, message: '`secret.example.com:<port>`' }] },
    { name: 'only the host lacking its port form', yaml: ap('["a.com", "a.com:*", "b.com"]'), errors: [{ line: 9, column: 37 }] },
  ],
});
