import { hostsAtSidecar } from '../../../../src/analyze/lint/rules/hosts-at-sidecar.js';
import { ruleTester, wl } from '../helpers.js';

const ap = (action: string, field: string): string => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: p, namespace: istio-system}
spec:
  action: ${action}
  rules:
  - to:
    - operation:
        ${field}: ["admin.example.com", "admin.example.com:*"]
`;
const gateway = wl('istio-system', 'ingress', { istio: 'ingressgateway' }, [[8080, 'HTTP']], 'gateway');
const sidecar = wl('foo', 'api', { app: 'api' });

ruleTester(hostsAtSidecar, {
  valid: [{ name: 'gateway only', workloads: [gateway], yaml: ap('DENY', 'hosts') }],
  invalid: [
    {
      name: 'DENY hosts at a sidecar is bypassed with another Host (AZ-23)',
      workloads: [gateway, sidecar],
      yaml: ap('DENY', 'hosts'),
      errors: [
        { line: 9, column: 17, message: 'escapes it by sending another Host header' },
        { line: 9, column: 38 },
      ],
    },
    {
      name: 'ALLOW notHosts at a sidecar',
      workloads: [sidecar],
      yaml: ap('ALLOW', 'notHosts'),
      errors: [
        { line: 9, column: 20, message: 'escapes it' },
        { line: 9, column: 41 },
      ],
    },
  ],
});
