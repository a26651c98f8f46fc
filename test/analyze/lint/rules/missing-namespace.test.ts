import { missingNamespace } from '../../../../src/analyze/lint/rules/missing-namespace.js';
import { ruleTester, wl } from '../helpers.js';

const ap = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: threat-isolation
spec:
  action: DENY
  rules: [{}]
`;

ruleTester(missingNamespace, {
  valid: [{ name: 'namespace written', yaml: ap.replace('  name: threat-isolation\n', '  name: threat-isolation\n  namespace: production\n') }],
  invalid: [
    {
      name: 'lands in the -n namespace and applies namespace-wide (spec §9 item 9)',
      defaultNamespace: 'production',
      workloads: [wl('production', 'payments', { app: 'payments' }), wl('other', 'x', {})],
      yaml: ap,
      errors: [{ line: 3, column: 1, message: 'applied with `-n production` it lands in `production` and applies to every workload in `production` (`production/payments`)' }],
    },
    {
      name: 'mesh-wide when applied to the root namespace',
      defaultNamespace: 'istio-system',
      yaml: ap,
      errors: [{ line: 3, column: 1, message: 'applies to every workload in the mesh' }],
    },
  ],
});
