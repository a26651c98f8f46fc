import { selectsNoWorkload } from '../../../../src/analyze/lint/rules/selects-no-workload.js';
import { ruleTester, wl } from '../helpers.js';

const ap = (ns: string, selector: string): string => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: p, namespace: ${ns}}
spec:
${selector}  rules: [{}]
`;
const workloads = [wl('foo', 'api', { app: 'api' }), wl('legacy', 'batch', { app: 'batch' }, [[8080, 'HTTP']], 'none')];

ruleTester(selectsNoWorkload, {
  valid: [
    { name: 'selector matches', workloads, yaml: ap('foo', '  selector: {matchLabels: {app: api}}\n') },
    { name: 'root-namespace selector matches in any namespace', workloads, yaml: ap('istio-system', '  selector: {matchLabels: {app: api}}\n') },
    { name: 'mesh-wide policy', workloads, yaml: ap('istio-system', '') },
    { name: 'no workloads in the input: nothing to judge', yaml: ap('foo', '  selector: {matchLabels: {app: nope}}\n') },
  ],
  invalid: [
    { name: 'label typo (IST0127)', workloads, yaml: ap('foo', '  selector: {matchLabels: {app: apii}}\n'), errors: [{ line: 5, column: 3, message: 'labels `app=apii`' }] },
    { name: 'only a workload without sidecar', workloads, yaml: ap('legacy', '  selector: {matchLabels: {app: batch}}\n'), errors: [{ line: 5, column: 3, message: 'without a sidecar' }] },
    { name: 'namespace-wide in a namespace without proxies', workloads, yaml: ap('legacy', ''), errors: [{ line: 3, column: 18, message: 'namespace `legacy` has no workload' }] },
    {
      name: 'PeerAuthentication with a selector in the root namespace is ignored (spec §10)',
      workloads,
      yaml: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: pa, namespace: istio-system}\nspec:\n  selector: {matchLabels: {app: api}}\n  mtls: {mode: STRICT}\n',
      errors: [{ line: 5, column: 3, message: 'is ignored by istiod' }],
    },
  ],
});
