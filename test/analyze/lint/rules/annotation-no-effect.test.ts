import { annotationNoEffect } from '../../../../src/analyze/lint/rules/annotation-no-effect.js';
import { ruleTester } from '../helpers.js';

const ap = (annotations: string): string => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: p
  namespace: foo
  annotations:
${annotations}spec:
  action: DENY
  rules: [{}]
`;

ruleTester(annotationNoEffect, {
  valid: [
    { name: 'istio.io/dry-run', yaml: ap('    istio.io/dry-run: "true"\n') },
    { name: 'other tools\' annotations', yaml: ap('    argocd.argoproj.io/sync-wave: "1"\n') },
  ],
  invalid: [
    {
      name: 'seed: security.istio.io/incident-response (spec §9 item 10)',
      yaml: ap('    security.istio.io/incident-response: "active"\n'),
      errors: [{ line: 7, column: 5, message: '`security.istio.io/incident-response` has no effect' }],
    },
  ],
});
