import { defaultAllowWorkload } from '../../../../src/analyze/lint/rules/default-allow-workload.js';
import { ruleTester, wl } from '../helpers.js';

const deploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: foo
spec:
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api}]}
`;
const w = { ...wl('foo', 'api', { app: 'api' }), origin: 'Deployment foo/api' };

ruleTester(defaultAllowWorkload, {
  valid: [
    { name: 'namespace allow-nothing', workloads: [w], yaml: `${deploy}---\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: allow-nothing, namespace: foo}\nspec: {}\n` },
    { name: 'mesh-wide allow-nothing', workloads: [w], yaml: `${deploy}---\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: allow-nothing, namespace: istio-system}\nspec: {}\n` },
    { name: 'gateways accept outside traffic', workloads: [{ ...w, proxy: 'gateway' }], yaml: deploy },
    { name: 'no sidecar, no policy can apply', workloads: [{ ...w, proxy: 'none' }], yaml: deploy },
  ],
  invalid: [
    { name: 'no ALLOW policy', workloads: [w], yaml: deploy, errors: [{ line: 4, column: 9, message: '`foo/api` has no ALLOW policy' }] },
    {
      name: 'a dry-run ALLOW does not make default-deny (spec §2.2)',
      workloads: [w],
      yaml: `${deploy}---\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: allow-nothing\n  namespace: foo\n  annotations: {istio.io/dry-run: "true"}\nspec: {}\n`,
      errors: [{ line: 4, column: 9 }],
    },
  ],
});
