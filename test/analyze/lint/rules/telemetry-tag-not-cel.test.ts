import { telemetryTagNotCel } from '../../../../src/analyze/lint/rules/telemetry-tag-not-cel.js';
import { ruleTester } from '../helpers.js';

const tel = (tags: string): string => `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: t, namespace: istio-system}
spec:
  metrics:
  - providers: [{name: prometheus}]
    overrides:
    - tagOverrides:
${tags}`;

ruleTester(telemetryTagNotCel, {
  valid: [
    { name: 'CEL attribute', yaml: tel('        request_host: {value: "request.host"}\n') },
    { name: 'CEL function', yaml: tel('        dport: {value: "string(destination.port)"}\n') },
    { name: 'REMOVE has no value', yaml: tel('        source_principal: {operation: REMOVE}\n') },
  ],
  invalid: [
    {
      name: 'seed: `%{SOURCE_WORKLOAD}` drops the standard label (spec §9 item 8)',
      yaml: tel('        source_workload:\n          value: "%{SOURCE_WORKLOAD}"\n'),
      errors: [{ line: 10, column: 18, message: 'standard `source_workload` label disappears' }],
    },
    {
      name: 'Envoy access-log syntax is not CEL either',
      yaml: tel('        path: {value: "%REQ(:path)%"}\n'),
      errors: [{ line: 9, column: 23, message: 'tag `path` is never added' }],
    },
  ],
});
