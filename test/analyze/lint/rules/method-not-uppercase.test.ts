import { methodNotUppercase } from '../../../../src/analyze/lint/rules/method-not-uppercase.js';
import { ruleTester } from '../helpers.js';

const ap = (action: string, methods: string): string => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: p, namespace: foo}
spec:
  action: ${action}
  rules:
  - to:
    - operation:
        methods: ${methods}
`;

ruleTester(methodNotUppercase, {
  valid: [
    { name: 'upper case', yaml: ap('DENY', '["GET", "POST"]') },
    { name: 'presence', yaml: ap('ALLOW', '["*"]') },
  ],
  invalid: [
    { name: 'DENY get never fires (CFG-V-07)', yaml: ap('DENY', '["get"]'), errors: [{ line: 9, column: 19, message: 'so this DENY never fires on it' }] },
    { name: 'mixed case in ALLOW', yaml: ap('ALLOW', '["GET", "Post"]'), errors: [{ line: 9, column: 26, message: 'so it never matches' }] },
  ],
});
