import { peerAuthnNotStrict } from '../../../../src/analyze/lint/rules/peer-authn-not-strict.js';
import { ruleTester } from '../helpers.js';

const pa = (body: string): string => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: pa, namespace: foo}
spec:
${body}`;

ruleTester(peerAuthnNotStrict, {
  valid: [
    { name: 'STRICT', yaml: pa('  mtls: {mode: STRICT}\n') },
    { name: 'UNSET inherits', yaml: pa('  mtls: {mode: UNSET}\n') },
  ],
  invalid: [
    { name: 'PERMISSIVE', yaml: pa('  mtls:\n    mode: PERMISSIVE\n'), errors: [{ line: 6, column: 11, message: '`PERMISSIVE`' }] },
    {
      name: 'port-level DISABLE',
      yaml: pa('  selector: {matchLabels: {app: api}}\n  mtls: {mode: STRICT}\n  portLevelMtls:\n    "9090":\n      mode: DISABLE\n'),
      errors: [{ line: 9, column: 13, message: 'port `9090`' }],
    },
  ],
});
