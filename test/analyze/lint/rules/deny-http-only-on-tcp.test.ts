import { denyHttpOnlyOnTcp } from '../../../../src/analyze/lint/rules/deny-http-only-on-tcp.js';
import { ruleTester, wl } from '../helpers.js';

const ap = (rules: string): string => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: p, namespace: foo}
spec:
  action: DENY
  rules:
${rules}`;
const tcp = [wl('foo', 'db', { app: 'db' }, [[5432, 'TCP']]), wl('foo', 'api', { app: 'api' })];
const httpOnly = [wl('foo', 'api', { app: 'api' })];

ruleTester(denyHttpOnlyOnTcp, {
  valid: [
    { name: 'scoped with ports', workloads: tcp, yaml: ap('  - to: [{operation: {ports: ["8080"], methods: ["POST"]}}]\n') },
    { name: 'an L4 field remains on TCP', workloads: tcp, yaml: ap('  - from: [{source: {namespaces: ["x"]}}]\n    to: [{operation: {paths: ["/a"]}}]\n') },
    {
      name: 'dry-run: the shadow rule records but denies nothing (spec §2.11)',
      workloads: tcp,
      yaml: ap('  - when: [{key: "request.headers[x-a]", values: ["1"]}]\n').replace('namespace: foo}', 'namespace: foo, annotations: {istio.io/dry-run: "true"}}'),
    },
    { name: 'no TCP port in scope', workloads: httpOnly, yaml: ap('  - when: [{key: "request.headers[x-a]", values: ["1"]}]\n') },
  ],
  invalid: [
    {
      name: 'when-only rule: denies all TCP, and the webhook does not warn (spec §9 item 5)',
      workloads: tcp,
      yaml: ap('  - when:\n    - key: request.headers[x-request-rate]\n      values: ["high"]\n'),
      errors: [{ line: 7, column: 5, message: '`foo/db:5432`' }],
    },
    {
      name: 'methods only (AZ-48)',
      workloads: tcp,
      yaml: ap('  - to: [{operation: {ports: ["8080"]}}]\n  - to: [{operation: {methods: ["POST"]}}]\n'),
      errors: [{ line: 8, column: 5, message: 'rule 1 uses only' }],
    },
    {
      name: 'no workloads known: still reported',
      yaml: ap('  - from: [{source: {requestPrincipals: ["*"]}}]\n'),
      errors: [{ line: 7, column: 5, message: 'any TCP port' }],
    },
  ],
});
