import { identityWithoutStrictMtls } from '../../../../src/analyze/lint/rules/identity-without-strict-mtls.js';
import { ruleTester, wl } from '../helpers.js';

const strict = `
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: istio-system}
spec: {mtls: {mode: STRICT}}
---
`;
const deny = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: p, namespace: foo}
spec:
  action: DENY
  rules:
  - from:
    - source:
        namespaces: ["legacy"]
`;
const workloads = [wl('foo', 'api', { app: 'api' })];

ruleTester(identityWithoutStrictMtls, {
  valid: [
    { name: 'mesh-wide STRICT', yaml: strict + deny, workloads },
    {
      name: 'DENY notPrincipals ["*"] is the recommended guard (AZ-39)',
      workloads,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: p, namespace: foo}\nspec:\n  action: DENY\n  rules:\n  - from: [{source: {notPrincipals: ["*"]}}]\n',
    },
  ],
  invalid: [
    {
      name: 'default PERMISSIVE: plaintext from `legacy` escapes the DENY (AZ-36)',
      yaml: deny,
      workloads,
      errors: [{ line: 9, column: 22, message: 'never denied by it' }],
    },
    {
      name: 'port-level PERMISSIVE under a STRICT mesh',
      workloads,
      yaml:
        strict +
        'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: api, namespace: foo}\nspec:\n  selector: {matchLabels: {app: api}}\n  portLevelMtls:\n    "8080": {mode: PERMISSIVE}\n---\n' +
        deny,
      errors: [{ line: 22, column: 22, message: '`foo/api:8080 (PERMISSIVE)`' }],
    },
    {
      name: 'ALLOW on principals denies plaintext callers (AZ-38)',
      workloads,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: p, namespace: foo}\nspec:\n  rules:\n  - when:\n    - key: source.principal\n      values: ["cluster.local/ns/a/sa/b"]\n',
      errors: [{ line: 8, column: 16, message: 'denied by it' }],
    },
  ],
});
