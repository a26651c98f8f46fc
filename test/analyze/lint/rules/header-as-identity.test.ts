import { headerAsIdentity } from '../../../../src/analyze/lint/rules/header-as-identity.js';
import { ruleTester, wl } from '../helpers.js';

const ap = (action: string, header: string): string => `
  apiVersion: security.istio.io/v1
  kind: AuthorizationPolicy
  metadata: {name: p, namespace: foo}
  spec:
    action: ${action}
    rules:
    - when:
      - key: request.headers[${header}]
        values: ["v"]
`;
const raWritesHeader = `
---
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt, namespace: foo}
spec:
  jwtRules:
  - issuer: https://issuer.example
    outputClaimToHeaders: [{header: x-jwt-role, claim: role}]
`;

ruleTester(headerAsIdentity, {
  valid: [
    { name: 'AUDIT only marks requests', yaml: ap('AUDIT', 'x-debug') },
    { name: 'a header jwt_authn writes (and strips from clients, spec §6.2)', yaml: ap('ALLOW', 'x-jwt-role') + raWritesHeader, workloads: [wl('foo', 'api', {})] },
  ],
  invalid: [
    { name: 'ALLOW on a client header (seed x-request-context)', yaml: ap('ALLOW', 'x-request-context'), errors: [{ line: 8, column: 12, message: 'admitted' }] },
    { name: 'DENY on a client header (seed x-request-rate, spec §9 item 5)', yaml: ap('DENY', 'x-request-rate'), errors: [{ line: 8, column: 12, message: 'bypasses this DENY' }] },
  ],
});
