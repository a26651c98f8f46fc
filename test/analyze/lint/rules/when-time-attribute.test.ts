import { whenTimeAttribute } from '../../../../src/analyze/lint/rules/when-time-attribute.js';
import { ruleTester } from '../helpers.js';

const ap = (key: string): string => `
  apiVersion: security.istio.io/v1
  kind: AuthorizationPolicy
  metadata: {name: p, namespace: foo}
  spec:
    rules:
    - when:
      - key: ${key}
        values: ["9"]
`;

ruleTester(whenTimeAttribute, {
  valid: [
    { name: 'a real attribute', yaml: ap('source.namespace') },
    { name: 'a header that mentions time is a header', yaml: ap('request.headers[x-time]') },
  ],
  invalid: [
    { name: 'request.time.hour (spec §9 item 4)', yaml: ap('request.time.hour'), errors: [{ line: 7, column: 12, message: '`request.time.hour` does not exist' }] },
    { name: 'request.time', yaml: ap('request.time'), errors: [{ line: 7, column: 12 }] },
  ],
});
