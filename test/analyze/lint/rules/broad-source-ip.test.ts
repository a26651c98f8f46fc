import { broadSourceIp } from '../../../../src/analyze/lint/rules/broad-source-ip.js';
import { ruleTester } from '../helpers.js';

const ap = (action: string, body: string): string => `
  apiVersion: security.istio.io/v1
  kind: AuthorizationPolicy
  metadata: {name: p, namespace: foo}
  spec:
    action: ${action}
    rules:
${body}`;

ruleTester(broadSourceIp, {
  valid: [
    { name: 'narrow range', yaml: ap('ALLOW', '    - from: [{source: {ipBlocks: ["10.8.3.0/24"]}}]\n') },
    { name: 'DENY on a broad range denies more, not less', yaml: ap('DENY', '    - from: [{source: {ipBlocks: ["10.0.0.0/8"]}}]\n') },
  ],
  invalid: [
    {
      name: 'seed: source.ip 10.0.0.0/8 in ALLOW (spec §9 item 2)',
      yaml: ap('ALLOW', '    - when:\n      - key: source.ip\n        values: ["10.0.0.0/8"]\n'),
      errors: [{ line: 9, column: 16, message: '/8 range' }],
    },
    {
      name: 'ipBlocks 172.16.0.0/12 in ALLOW',
      yaml: ap('ALLOW', '    - from:\n      - source:\n          ipBlocks: ["172.16.0.0/12"]\n'),
      errors: [{ line: 9, column: 20 }],
    },
    {
      name: 'DENY exempting a broad range',
      yaml: ap('DENY', '    - from:\n      - source:\n          notIpBlocks: ["192.168.0.0/16"]\n'),
      errors: [{ line: 9, column: 23, message: 'exempts' }],
    },
  ],
});
