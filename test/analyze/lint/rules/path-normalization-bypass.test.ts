import { pathNormalizationBypass } from '../../../../src/analyze/lint/rules/path-normalization-bypass.js';
import { ruleTester, wl } from '../helpers.js';

const deny = (path: string): string => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny-admin, namespace: foo}
spec:
  action: DENY
  rules:
  - to:
    - operation:
        paths: ["${path}"]
`;
const allowOnly = (path: string): string => `---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: allow, namespace: foo}
spec:
  rules:
  - to: [{operation: {paths: ["${path}"]}}]
`;
const workloads = [wl('foo', 'api', { app: 'api' })];

ruleTester(pathNormalizationBypass, {
  valid: [
    { name: 'variants are denied anyway by the default-deny ALLOW (positive matching)', workloads, yaml: deny('/admin') + allowOnly('/api/*') },
    { name: 'presence matches every path', workloads, yaml: deny('*') },
    { name: 'lower-case-free path under DECODE_AND_MERGE_SLASHES', workloads, mesh: { pathNormalization: 'DECODE_AND_MERGE_SLASHES' }, yaml: deny('/_0/_1') },
  ],
  invalid: [
    {
      name: 'BASE: `//admin` and `/ADMIN` pass a DENY on `/admin` (AZ-01, AZ-14)',
      workloads,
      yaml: deny('/admin'),
      errors: [{ line: 9, column: 17, message: '`//admin`, `/ADMIN` are not denied at `foo/api` under path normalization `BASE`' }],
    },
    {
      name: 'MERGE_SLASHES still keeps `%2F` (AZ-02)',
      workloads,
      mesh: { pathNormalization: 'MERGE_SLASHES' },
      yaml: deny('/admin/secret'),
      errors: [{ line: 9, column: 17, message: '`/admin%2Fsecret`' }],
    },
    {
      name: 'ALLOW notPaths is the vulnerable mirror image (AZ-55)',
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: p, namespace: foo}\nspec:\n  rules:\n  - to: [{operation: {notPaths: ["/admin"]}}]\n',
      errors: [{ line: 6, column: 34, message: 'satisfy this `notPaths`' }],
    },
  ],
});
