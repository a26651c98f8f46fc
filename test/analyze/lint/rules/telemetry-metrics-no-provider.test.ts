import { telemetryMetricsNoProvider } from '../../../../src/analyze/lint/rules/telemetry-metrics-no-provider.js';
import { ruleTester } from '../helpers.js';

ruleTester(telemetryMetricsNoProvider, {
  valid: [
    {
      name: 'overrides in the entry that names the provider',
      yaml: `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: t, namespace: istio-system}
spec:
  metrics:
  - providers: [{name: prometheus}]
    overrides:
    - match: {metric: REQUEST_COUNT}
      tagOverrides: {request_host: {value: "request.host"}}
`,
    },
    {
      name: 'an entry without provider and without overrides configures nothing',
      yaml: `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: t, namespace: istio-system}
spec:
  metrics:
  - providers: [{name: prometheus}]
  - reportingInterval: 10s
`,
    },
  ],
  invalid: [
    {
      name: 'seed security-monitoring: the provider and its overrides sit in two entries',
      yaml: `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: t, namespace: istio-system}
spec:
  metrics:
  - providers:
    - name: prometheus
  - overrides:
    - match: {metric: ALL_METRICS}
      tagOverrides: {request_host: {value: "request.host"}}
`,
      errors: [{ line: 8, column: 5, message: 'names no provider: they apply to the providers named by the other entries (`prometheus`)' }],
    },
  ],
});
