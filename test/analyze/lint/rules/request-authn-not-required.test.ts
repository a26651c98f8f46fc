import { requestAuthnNotRequired } from '../../../../src/analyze/lint/rules/request-authn-not-required.js';
import { ruleTester, wl } from '../helpers.js';

const ra = `
  apiVersion: security.istio.io/v1
  kind: RequestAuthentication
  metadata: {name: jwt, namespace: foo}
  spec:
    selector: {matchLabels: {app: api}}
    jwtRules:
    - issuer: https://issuer.example
`;
const workloads = [wl('foo', 'api', { app: 'api' })];

ruleTester(requestAuthnNotRequired, {
  valid: [
    {
      name: 'ALLOW requires requestPrincipals',
      workloads,
      yaml: `${ra}---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: require, namespace: foo}
        spec:
          rules:
          - from:
            - source: {requestPrincipals: ["*"]}
      `,
    },
    {
      name: 'DENY notRequestPrincipals',
      workloads,
      yaml: `${ra}---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: require, namespace: foo}
        spec:
          action: DENY
          rules:
          - from:
            - source: {notRequestPrincipals: ["*"]}
      `,
    },
    { name: 'RA that selects no workload is another rule\'s business', workloads: [wl('foo', 'other', { app: 'other' })], yaml: ra },
  ],
  invalid: [
    { name: 'RA alone (spec §9 item 7, CFG-V-15)', workloads, yaml: ra, errors: [{ line: 6, column: 3, message: '`foo/api`' }] },
    {
      name: 'one ALLOW rule without a token requirement opens the door',
      workloads,
      yaml: `${ra}---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: mixed, namespace: foo}
        spec:
          rules:
          - when:
            - key: request.auth.claims[role]
              values: ["admin"]
          - to:
            - operation: {paths: ["/health"]}
      `,
      errors: [{ line: 6, column: 5 }],
    },
    {
      name: 'a dry-run requirement does not count',
      workloads,
      yaml: `${ra}---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata:
          name: require
          namespace: foo
          annotations: {istio.io/dry-run: "true"}
        spec:
          rules:
          - from:
            - source: {requestPrincipals: ["*"]}
      `,
      errors: [{ line: 6, column: 5 }],
    },
  ],
});
