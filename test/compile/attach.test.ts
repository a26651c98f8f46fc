import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareByCreation, selectAttached, type AttachTarget } from '../../src/compile/attach.js';
import type { AuthorizationPolicy, AuthorizationPolicySpec } from '../../src/model/resources.js';

function ap(name: string, namespace: string | undefined, spec: AuthorizationPolicySpec = {}, creationTimestamp?: string): AuthorizationPolicy {
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name, ...(namespace === undefined ? {} : { namespace }), ...(creationTimestamp ? { creationTimestamp } : {}) },
    spec,
  };
}

const httpbin: AttachTarget = { namespace: 'foo', labels: { app: 'httpbin', version: 'v1' } };
const names = (rs: AuthorizationPolicy[]) => rs.map((r) => `${r.metadata.namespace ?? '-'}/${r.metadata.name}`);

describe('selectAttached: sidecars', () => {
  const cases: { name: string; policy: AuthorizationPolicy; target?: AttachTarget; attached: boolean }[] = [
    { name: 'no selector, same namespace', policy: ap('a', 'foo'), attached: true },
    { name: 'selector subset of labels', policy: ap('a', 'foo', { selector: { matchLabels: { app: 'httpbin' } } }), attached: true },
    { name: 'selector equal to labels', policy: ap('a', 'foo', { selector: { matchLabels: { app: 'httpbin', version: 'v1' } } }), attached: true },
    { name: 'selector with a label the workload lacks', policy: ap('a', 'foo', { selector: { matchLabels: { app: 'httpbin', tier: 'x' } } }), attached: false },
    { name: 'selector value differs', policy: ap('a', 'foo', { selector: { matchLabels: { app: 'other' } } }), attached: false },
    { name: 'empty matchLabels selects everything', policy: ap('a', 'foo', { selector: { matchLabels: {} } }), attached: true },
    { name: 'empty label value only matches an empty label', policy: ap('a', 'foo', { selector: { matchLabels: { app: '' } } }), attached: false },
    { name: 'other namespace', policy: ap('a', 'bar'), attached: false },
    { name: 'root namespace, no selector: mesh-wide', policy: ap('a', 'istio-system'), attached: true },
    { name: 'root namespace selector applies in every namespace', policy: ap('a', 'istio-system', { selector: { matchLabels: { app: 'httpbin' } } }), attached: true },
    { name: 'root namespace selector that does not match', policy: ap('a', 'istio-system', { selector: { matchLabels: { app: 'x' } } }), attached: false },
    {
      name: 'targetRefs make a sidecar ignore the policy even when the selector matches',
      policy: ap('a', 'foo', { selector: { matchLabels: { app: 'httpbin' } }, targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw' }] }),
      attached: false,
    },
    { name: 'legacy singular targetRef is also a target', policy: ap('a', 'foo', { targetRef: { kind: 'Service', name: 'httpbin' } }), attached: false },
    { name: 'classic gateway behaves like a sidecar', policy: ap('a', 'foo', { targetRefs: [{ kind: 'Gateway', name: 'gw' }] }), target: { ...httpbin, kind: 'gateway' }, attached: false },
    { name: 'missing namespace lands in `default`', policy: ap('a', undefined), target: { namespace: 'default', labels: {} }, attached: true },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.equal(selectAttached([c.policy], c.target ?? httpbin, 'istio-system').length, c.attached ? 1 : 0);
    });
  }

  test('a custom defaultNamespace places namespace-less policies', () => {
    assert.equal(selectAttached([ap('a', undefined)], httpbin, 'istio-system', 'foo').length, 1);
    assert.equal(selectAttached([ap('a', undefined)], httpbin, 'istio-system').length, 0);
  });
});

describe('selectAttached: Gateway API gateways and waypoints', () => {
  const gwRef = { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw' };
  const gateway: AttachTarget = { namespace: 'foo', labels: { app: 'gw' }, kind: 'gateway-api', gatewayName: 'gw' };
  const waypoint: AttachTarget = { namespace: 'foo', labels: {}, kind: 'waypoint', gatewayName: 'waypoint', services: [{ namespace: 'foo', name: 'httpbin' }] };
  const cases: { name: string; policy: AuthorizationPolicy; target: AttachTarget; attached: boolean }[] = [
    { name: 'Gateway targetRef naming the gateway', policy: ap('a', 'foo', { targetRefs: [gwRef] }), target: gateway, attached: true },
    { name: 'Gateway targetRef naming another gateway', policy: ap('a', 'foo', { targetRefs: [{ ...gwRef, name: 'other' }] }), target: gateway, attached: false },
    { name: 'Gateway targetRef from the root namespace does not cross namespaces', policy: ap('a', 'istio-system', { targetRefs: [gwRef] }), target: gateway, attached: false },
    { name: 'selector still works on gateways (ENABLE_SELECTOR_BASED_K8S_GATEWAY_POLICY)', policy: ap('a', 'foo', { selector: { matchLabels: { app: 'gw' } } }), target: gateway, attached: true },
    { name: 'waypoints ignore selector-only policies', policy: ap('a', 'foo'), target: waypoint, attached: false },
    { name: 'waypoint: Service targetRef of a served service', policy: ap('a', 'foo', { targetRefs: [{ kind: 'Service', name: 'httpbin' }] }), target: waypoint, attached: true },
    { name: 'waypoint: Service targetRef of another service', policy: ap('a', 'foo', { targetRefs: [{ kind: 'Service', name: 'other' }] }), target: waypoint, attached: false },
    {
      name: 'waypoint: GatewayClass istio-waypoint in the root namespace',
      policy: ap('a', 'istio-system', { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'GatewayClass', name: 'istio-waypoint' }] }),
      target: waypoint,
      attached: true,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.equal(selectAttached([c.policy], c.target, 'istio-system').length, c.attached ? 1 : 0);
    });
  }
});

describe('ordering (spec §1.3)', () => {
  test('oldest first, then name, then namespace; no timestamp sorts first', () => {
    const rs = [
      ap('b', 'foo', {}, '2024-01-02T00:00:00Z'),
      ap('a', 'foo', {}, '2024-01-02T00:00:00Z'),
      ap('z', 'istio-system', {}, '2024-01-01T00:00:00Z'),
      ap('c', 'foo'),
      ap('a', 'istio-system', {}, '2024-01-02T00:00:00Z'),
    ];
    assert.deepEqual(names(selectAttached(rs, httpbin, 'istio-system')), [
      'foo/c',
      'istio-system/z',
      'foo/a',
      'istio-system/a',
      'foo/b',
    ]);
  });

  test('compareByCreation is a total order consistent with the timestamps', () => {
    const older = ap('x', 'foo', {}, '2020-05-01T10:00:00Z');
    const newer = ap('a', 'foo', {}, '2021-05-01T10:00:00Z');
    assert.ok(compareByCreation(older, newer) < 0);
    assert.ok(compareByCreation(newer, older) > 0);
    assert.equal(compareByCreation(older, older), 0);
  });
});
