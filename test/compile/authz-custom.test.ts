import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildHttpAuthz, buildTcpAuthz, type AuthzBuildOptions } from '../../src/compile/authz/index.js';
import type { ExtensionProvider } from '../../src/model/mesh.js';
import { OPTS, policy, rulesOf } from './authz-fixtures.js';

const grpc = (name: string): ExtensionProvider => ({ name, envoyExtAuthzGrpc: { service: 'authz.foo.svc.cluster.local', port: 9000 } });
const httpProvider: ExtensionProvider = { name: 'web', envoyExtAuthzHttp: { service: 'foo/authz.foo.svc.cluster.local', port: 8000 } };
const custom = (name: string, provider: string, paths = ['/x']) =>
  policy(name, { action: 'CUSTOM', provider: { name: provider }, rules: [{ to: [{ operation: { paths } }] }] });
const opts = (providers: ExtensionProvider[], extra: Partial<AuthzBuildOptions> = {}): AuthzBuildOptions => ({
  ...OPTS,
  extensionProviders: providers,
  ...extra,
});

describe('CUSTOM (spec §2.10)', () => {
  test('a valid gRPC provider gives a shadow RBAC filter and an ext_authz enabled by its metadata', () => {
    const { filters, notes } = buildHttpAuthz([custom('c', 'ext')], opts([grpc('ext')]));
    assert.deepEqual(filters.map((f) => f.name), ['envoy.filters.http.rbac', 'envoy.filters.http.ext_authz']);
    assert.deepEqual(Object.keys(rulesOf(filters, 0, 'shadowRules')?.policies ?? {}), ['istio-ext-authz-ext-ns[foo]-policy[c]-rule[0]']);
    assert.equal(rulesOf(filters, 0), undefined);
    const ext = filters[1]?.typedConfig as Record<string, unknown>;
    assert.deepEqual(ext.grpcService, {
      envoyGrpc: { clusterName: 'outbound|9000||authz.foo.svc.cluster.local', authority: 'authz.foo.svc.cluster.local' },
      timeout: '600s',
    });
    assert.deepEqual((ext.filterEnabledMetadata as { value: unknown }).value, { stringMatch: { prefix: 'istio-ext-authz-ext' } });
    assert.deepEqual(notes, []);
  });

  test('an unknown provider fails closed: enforced DENY of the CUSTOM rules, with notes', () => {
    const { filters, notes } = buildHttpAuthz([custom('c', 'missing')], opts([grpc('ext')]));
    assert.equal(filters.length, 1);
    assert.deepEqual(rulesOf(filters), {
      action: 'DENY',
      policies: {
        'istio-ext-authz-missing-ns[foo]-policy[c]-rule[0]-deny-due-to-bad-CUSTOM-action': {
          permissions: [{ andRules: { rules: [{ orRules: { rules: [{ urlPath: { path: { exact: '/x' } } }] } }] } }],
          principals: [{ andIds: { ids: [{ any: true }] } }],
        },
      },
    });
    assert.deepEqual(notes.map((n) => n.kind), ['provider-invalid', 'custom-fallback-deny']);
  });

  test('a registry that does not know the service makes the provider invalid', () => {
    const { filters, notes } = buildHttpAuthz([custom('c', 'ext')], opts([grpc('ext')], { resolveService: () => undefined }));
    assert.equal(rulesOf(filters)?.action, 'DENY');
    assert.match(notes[0]?.message ?? '', /unable to find service `authz\.foo\.svc\.cluster\.local`/);
  });

  test('a bare `*` in a header list invalidates an HTTP provider', () => {
    const bad: ExtensionProvider = { name: 'web', envoyExtAuthzHttp: { service: 'authz', port: 80, includeRequestHeadersInCheck: ['*'] } };
    const { filters, notes } = buildHttpAuthz([custom('c', 'web')], opts([bad]));
    assert.equal(rulesOf(filters)?.action, 'DENY');
    assert.match(notes[0]?.message ?? '', /single wildcard/);
  });

  test('two providers without the feature flag: one fallback DENY per provider, sorted by name', () => {
    const { filters } = buildHttpAuthz([custom('c1', 'zeta'), custom('c2', 'alpha')], opts([grpc('zeta'), grpc('alpha')]));
    assert.deepEqual(
      filters.map((f) => Object.keys(rulesOf([f])?.policies ?? {})),
      [['istio-ext-authz-alpha-ns[foo]-policy[c2]-rule[0]-deny-due-to-bad-CUSTOM-action'], ['istio-ext-authz-zeta-ns[foo]-policy[c1]-rule[0]-deny-due-to-bad-CUSTOM-action']],
    );
  });

  test('two providers with PILOT_ENABLE_MULTIPLE_CUSTOM_AUTHZ_PROVIDERS: one pair each', () => {
    const { filters } = buildHttpAuthz([custom('c1', 'zeta'), custom('c2', 'alpha')], opts([grpc('zeta'), grpc('alpha')], { enableMultipleCustomProviders: true }));
    assert.deepEqual(filters.map((f) => f.name.split('.').at(-1)), ['rbac', 'ext_authz', 'rbac', 'ext_authz']);
    const prefixes = [1, 3].map((i) => ((filters[i]?.typedConfig as Record<string, unknown>).filterEnabledMetadata as { value: { stringMatch: { prefix: string } } }).value.stringMatch.prefix);
    assert.deepEqual(prefixes, ['istio-ext-authz-alpha', 'istio-ext-authz-zeta']);
  });

  test('an HTTP provider does not check TCP traffic at all, and says so', () => {
    const { filters, notes } = buildTcpAuthz([custom('c', 'web')], opts([httpProvider]));
    assert.equal(filters.length, 0);
    assert.deepEqual(notes.map((n) => n.kind), ['field-dropped-tcp', 'custom-skipped-tcp']);
  });

  test('a dry-run CUSTOM policy lands in the enforced rules, as istiod does (spec §10)', () => {
    const p = { ...custom('c', 'ext'), metadata: { name: 'c', namespace: 'foo', annotations: { 'istio.io/dry-run': 'true' } } };
    const { filters, notes } = buildHttpAuthz([p], opts([grpc('ext')]));
    assert.deepEqual(Object.keys(rulesOf(filters)?.policies ?? {}), ['istio-ext-authz-ext-ns[foo]-policy[c]-rule[0]']);
    assert.deepEqual(rulesOf(filters, 0, 'shadowRules'), { action: 'DENY' });
    assert.deepEqual(notes.map((n) => n.kind), ['custom-fallback-deny']);
  });

  test('CUSTOM rules widen on TCP like DENY: HTTP-only fields are removed', () => {
    const { filters, notes } = buildTcpAuthz([custom('c', 'ext')], opts([grpc('ext')]));
    const shadow = rulesOf(filters, 0, 'shadowRules')?.policies?.['istio-ext-authz-ext-ns[foo]-policy[c]-rule[0]'];
    assert.deepEqual(shadow?.permissions, [{ andRules: { rules: [{ any: true }] } }]);
    assert.equal(filters[1]?.name, 'envoy.filters.network.ext_authz');
    assert.deepEqual(notes.map((n) => n.kind), ['field-dropped-tcp']);
  });
});
