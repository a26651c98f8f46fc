import { allowRuleAnySource } from '../../../../src/analyze/lint/rules/allow-rule-any-source.js';
import { ruleTester } from '../helpers.js';

const head = `
  apiVersion: security.istio.io/v1
  kind: AuthorizationPolicy
  metadata: {name: p, namespace: foo}
  spec:
`;

ruleTester(allowRuleAnySource, {
  valid: [
    { name: 'every rule names its caller', yaml: `${head}    rules:\n    - from: [{source: {namespaces: ["a"]}}]\n    - when: [{key: source.principal, values: ["cluster.local/ns/b/sa/c"]}]\n` },
    { name: 'a lone public rule is a deliberate choice', yaml: `${head}    rules:\n    - to: [{operation: {paths: ["/health"]}}]\n` },
    { name: 'DENY is not widened by OR', yaml: `${head}    action: DENY\n    rules:\n    - from: [{source: {namespaces: ["a"]}}]\n    - to: [{operation: {paths: ["/x"]}}]\n` },
  ],
  invalid: [
    {
      name: 'seed rule (b): source.ip is not a caller identity (spec §9 item 2)',
      yaml: `${head}    rules:\n    - from: [{source: {principals: ["cluster.local/ns/a/sa/b"]}}]\n    - to: [{operation: {methods: ["POST"]}}]\n      when: [{key: source.ip, values: ["10.0.0.0/8"]}]\n`,
      errors: [{ line: 7, column: 5, message: 'rule 1 has no `from`' }],
    },
  ],
});
