import { duplicateResource } from '../../../../src/analyze/lint/rules/duplicate-resource.js';
import { ruleTester, wl } from '../helpers.js';

const pa = (name: string, ns: string, created: string): string => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: ${name}
  namespace: ${ns}
  creationTimestamp: "${created}"
spec:
  mtls: {mode: STRICT}
`;

ruleTester(duplicateResource, {
  valid: [
    { name: 'same name, different namespaces', yaml: `${pa('default', 'a', '2024-01-01T00:00:00Z')}---\n${pa('default', 'b', '2024-01-01T00:00:00Z')}` },
  ],
  invalid: [
    {
      name: 'a manifest without namespace collides with the one naming where it lands',
      defaultNamespace: 'a',
      yaml: `${pa('default', 'a', '2024-01-01T00:00:00Z')}---\n${pa('default', 'a', '2024-01-01T00:00:00Z').replace('  namespace: a\n', '')}`,
      errors: [{ line: 13, column: 9, message: '`PeerAuthentication a/default` is defined twice' }],
    },
    {
      name: 'two namespace-level PeerAuthentications: only the oldest counts (spec §5.2, CFG-V-21)',
      workloads: [wl('a', 'api', {})],
      yaml: `${pa('old', 'a', '2024-01-01T00:00:00Z')}---\n${pa('new', 'a', '2025-01-01T00:00:00Z')}`,
      errors: [{ line: 13, column: 9, message: '`PeerAuthentication a/new` is ignored: `PeerAuthentication a/old` is older' }],
    },
  ],
});
