import { customHttpProviderOnTcp } from '../../../../src/analyze/lint/rules/custom-http-provider-on-tcp.js';
import { ruleTester, wl } from '../helpers.js';

const custom = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ext, namespace: foo}
spec:
  action: CUSTOM
  provider: {name: my-authz}
  rules: [{}]
`;
const authz = wl('auth', 'ext-authz', { app: 'ext-authz' });
const http = { extensionProviders: [{ name: 'my-authz', envoyExtAuthzHttp: { service: 'ext-authz.auth.svc.cluster.local', port: 8000 } }] };
const grpc = { extensionProviders: [{ name: 'my-authz', envoyExtAuthzGrpc: { service: 'ext-authz.auth.svc.cluster.local', port: 9000 } }] };
const db = wl('foo', 'db', { app: 'db' }, [[5432, 'TCP']]);

ruleTester(customHttpProviderOnTcp, {
  valid: [
    { name: 'gRPC provider works on TCP', workloads: [db, authz], mesh: grpc, yaml: custom },
    { name: 'HTTP-only workloads', workloads: [wl('foo', 'api', {}), authz], mesh: http, yaml: custom },
  ],
  invalid: [
    {
      name: 'HTTP provider on a TCP workload is skipped (spec §2.10)',
      workloads: [db, authz],
      mesh: http,
      yaml: custom,
      errors: [{ line: 6, column: 20, message: 'TCP connections to `foo/db:5432` are never checked' }],
    },
  ],
});
