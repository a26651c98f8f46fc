import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composePeerAuthn, mtlsModeForPort, mtlsDecidingPolicy } from '../../src/compile/peer-authn.js';
import type { MtlsMode, PeerAuthentication } from '../../src/model/index.js';

function pa(
  namespace: string,
  name: string,
  mode: MtlsMode | undefined,
  opts: { labels?: Record<string, string>; ports?: Record<string, MtlsMode>; created?: string } = {},
): PeerAuthentication {
  const spec: PeerAuthentication['spec'] = {};
  if (mode) spec.mtls = { mode };
  if (opts.labels) spec.selector = { matchLabels: opts.labels };
  if (opts.ports) spec.portLevelMtls = Object.fromEntries(Object.entries(opts.ports).map(([p, m]) => [p, { mode: m }]));
  const metadata: PeerAuthentication['metadata'] = { name, namespace };
  if (opts.created) metadata.creationTimestamp = opts.created;
  return { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata, spec };
}

const target = { namespace: 'foo', labels: { app: 'httpbin', version: 'v1' } };

test('no PeerAuthentication at all → PERMISSIVE (ComposePeerAuthentication default)', () => {
  assert.equal(composePeerAuthn([], target, 'istio-system').mode, 'PERMISSIVE');
});

test('mesh STRICT applies to every namespace; namespace and workload levels override it', () => {
  const mesh = pa('istio-system', 'default', 'STRICT');
  assert.equal(composePeerAuthn([mesh], target, 'istio-system').mode, 'STRICT');
  const nsPerm = pa('foo', 'ns', 'PERMISSIVE');
  assert.equal(composePeerAuthn([mesh, nsPerm], target, 'istio-system').mode, 'PERMISSIVE');
  const wlDisable = pa('foo', 'wl', 'DISABLE', { labels: { app: 'httpbin' } });
  const eff = composePeerAuthn([mesh, nsPerm, wlDisable], target, 'istio-system');
  assert.equal(eff.mode, 'DISABLE');
  assert.equal(mtlsDecidingPolicy(eff, 8000)?.metadata.name, 'wl');
});

test('MTLS-30 portLevelMtls is keyed by container port and only set ports change', () => {
  const wl = pa('foo', 'wl', 'STRICT', { labels: { app: 'httpbin' }, ports: { '8080': 'PERMISSIVE' } });
  const eff = composePeerAuthn([wl], target, 'istio-system');
  assert.equal(mtlsModeForPort(eff, 8080), 'PERMISSIVE');
  assert.equal(mtlsModeForPort(eff, 9090), 'STRICT');
});

test('MTLS-31 UNSET inherits at workload and port level', () => {
  const eff = composePeerAuthn(
    [
      pa('istio-system', 'mesh', 'STRICT'),
      pa('foo', 'ns', 'PERMISSIVE'),
      pa('foo', 'wl', 'UNSET', { labels: { app: 'httpbin' }, ports: { '80': 'UNSET' } }),
    ],
    target,
    'istio-system',
  );
  assert.equal(eff.mode, 'PERMISSIVE');
  assert.equal(mtlsModeForPort(eff, 80), 'PERMISSIVE');
  assert.equal(mtlsDecidingPolicy(eff, 80)?.metadata.name, 'ns');
});

test('MTLS-33 the oldest namespace-wide policy wins and the younger one is reported as shadowed', () => {
  const a = pa('foo', 'a', 'STRICT', { created: '2024-01-01T00:00:00Z' });
  const b = pa('foo', 'b', 'DISABLE', { created: '2024-06-01T00:00:00Z' });
  const eff = composePeerAuthn([b, a], target, 'istio-system');
  assert.equal(eff.mode, 'STRICT');
  assert.deepEqual(eff.shadowed.map((p) => p.metadata.name), ['b']);
});

test('a root-namespace PA with selector labels is ignored for sidecars (spec §5.1)', () => {
  const eff = composePeerAuthn([pa('istio-system', 'sel', 'STRICT', { labels: { app: 'httpbin' } })], target, 'istio-system');
  assert.equal(eff.mode, 'PERMISSIVE');
  assert.deepEqual(eff.ignored.map((p) => p.metadata.name), ['sel']);
});

test('a workload PA whose selector does not match, or in another namespace, does not apply', () => {
  const eff = composePeerAuthn(
    [pa('foo', 'other', 'STRICT', { labels: { app: 'other' } }), pa('bar', 'ns', 'STRICT')],
    target,
    'istio-system',
  );
  assert.equal(eff.mode, 'PERMISSIVE');
});

test('a mesh PA with UNSET counts as PERMISSIVE; an empty selector is namespace level', () => {
  assert.equal(composePeerAuthn([pa('istio-system', 'm', 'UNSET')], target, 'istio-system').mode, 'PERMISSIVE');
  const emptySel = pa('foo', 'e', 'STRICT', { labels: {} });
  const eff = composePeerAuthn([emptySel], target, 'istio-system');
  assert.equal(eff.mode, 'STRICT');
  assert.equal(eff.namespace?.metadata.name, 'e');
});
