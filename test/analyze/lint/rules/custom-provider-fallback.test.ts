import { customProviderFallback } from '../../../../src/analyze/lint/rules/custom-provider-fallback.js';
import { ruleTester, wl } from '../helpers.js';

const custom = (provider: string, name = 'ext'): string => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ${name}, namespace: foo}
spec:
  action: CUSTOM
  provider:
    name: ${provider}
  rules: [{}]
`;
const workloads = [wl('foo', 'api', { app: 'api' }), wl('auth', 'ext-authz', { app: 'ext-authz' })];
const mesh = { extensionProviders: [{ name: 'my-authz', envoyExtAuthzGrpc: { service: 'ext-authz.auth.svc.cluster.local', port: 9000 } }] };

ruleTester(customProviderFallback, {
  valid: [{ name: 'provider declared in the mesh config', workloads, mesh, yaml: custom('my-authz') }],
  invalid: [
    {
      name: 'unknown provider: istiod fails closed (spec §2.10)',
      workloads,
      mesh,
      yaml: custom('typo-authz'),
      errors: [{ line: 7, column: 11, message: /^provider `typo-authz` is not an ext_authz provider of the mesh config.*: matching requests are denied instead of being sent to the provider \(at `foo\/api`\)$/ }],
    },
    {
      name: 'two providers on one workload without the multi-provider flag',
      workloads,
      mesh: { extensionProviders: [...mesh.extensionProviders, { name: 'other', envoyExtAuthzGrpc: { service: 'ext-authz.auth.svc.cluster.local', port: 9001 } }] },
      yaml: `${custom('my-authz', 'a')}---\n${custom('other', 'b')}`,
      errors: [
        { line: 7, column: 11, message: 'PILOT_ENABLE_MULTIPLE_CUSTOM_AUTHZ_PROVIDERS' },
        { line: 16, column: 11, message: 'PILOT_ENABLE_MULTIPLE_CUSTOM_AUTHZ_PROVIDERS' },
      ],
    },
  ],
});
