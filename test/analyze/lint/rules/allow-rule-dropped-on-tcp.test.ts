import { allowRuleDroppedOnTcp } from '../../../../src/analyze/lint/rules/allow-rule-dropped-on-tcp.js';
import { ruleTester, wl } from '../helpers.js';

const ap = (rules: string): string => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: p, namespace: foo}
spec:
  rules:
${rules}`;
const tcp = [wl('foo', 'db', { app: 'db' }, [[5432, 'TCP']])];

ruleTester(allowRuleDroppedOnTcp, {
  valid: [
    { name: 'L4 rule', workloads: tcp, yaml: ap('  - from: [{source: {principals: ["cluster.local/ns/a/sa/b"]}}]\n    to: [{operation: {ports: ["5432"]}}]\n') },
    { name: 'HTTP workload only', workloads: [wl('foo', 'api', {})], yaml: ap('  - to: [{operation: {methods: ["GET"]}}]\n') },
  ],
  invalid: [
    {
      name: 'namespace-wide HTTP rule lands on a TCP workload: all TCP denied',
      workloads: tcp,
      yaml: ap('  - to: [{operation: {methods: ["GET"]}}]\n'),
      errors: [{ line: 6, column: 5, message: 'every TCP connection there is denied' }],
    },
    {
      name: 'another rule survives: only this one is dropped',
      workloads: tcp,
      yaml: ap('  - from: [{source: {namespaces: ["a"]}}]\n  - from: [{source: {requestPrincipals: ["*"]}}]\n'),
      errors: [{ line: 7, column: 5, message: /^rule 1 uses HTTP attributes \(`requestPrincipals`\), so istiod drops this ALLOW rule on the TCP ports of `foo\/db:5432`$/ }],
    },
  ],
});
