import { remoteIpAtSidecar } from '../../../../src/analyze/lint/rules/remote-ip-at-sidecar.js';
import { ruleTester, wl } from '../helpers.js';

const ap = `
  apiVersion: security.istio.io/v1
  kind: AuthorizationPolicy
  metadata: {name: p, namespace: foo}
  spec:
    action: DENY
    rules:
    - from:
      - source:
          remoteIpBlocks: ["203.0.113.0/24"]
    - when:
      - key: remote.ip
        values: ["198.51.100.7"]
`;

ruleTester(remoteIpAtSidecar, {
  valid: [
    { name: 'only a gateway is selected', yaml: ap, workloads: [wl('foo', 'ingress', { istio: 'ingressgateway' }, [[8080, 'HTTP']], 'gateway')] },
    { name: 'no workload known', yaml: ap },
  ],
  invalid: [
    {
      name: 'sidecar: remote.ip is the client-chosen XFF entry (AZ-32)',
      yaml: ap,
      workloads: [wl('foo', 'api', { app: 'api' })],
      errors: [
        { line: 9, column: 26, message: '`remoteIpBlocks` value `203.0.113.0/24`' },
        { line: 12, column: 16, message: '`remote.ip`' },
      ],
    },
  ],
});
