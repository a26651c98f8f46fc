import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareAuthzChain, runAuthzChain, type AuthzContext } from '../../src/engine/authz-chain.js';
import type { AuthzFilter, Permission, RbacRules } from '../../src/model/index.js';
import { facts, httpRbac, oneRule, tcpRbac, type FactsInput } from './helpers.js';

const path = (p: string): Permission => ({ andRules: { rules: [{ orRules: { rules: [{ urlPath: { path: { exact: p } } }] } }] } });
const method = (m: string): Permission => ({ andRules: { rules: [{ orRules: { rules: [{ header: { name: ':method', stringMatch: { exact: m } } }] } }] } });

const CUSTOM_KEY = 'istio-ext-authz-default-ns[foo]-policy[ext]-rule[0]';
const customRbac: AuthzFilter = httpRbac(undefined, oneRule('DENY', CUSTOM_KEY, { permissions: [path('/custom')] }), 'istio_ext_authz_');
const extAuthz: AuthzFilter = {
  name: 'envoy.filters.http.ext_authz',
  typedConfig: {
    '@type': 'type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz',
    filterEnabledMetadata: {
      filter: 'envoy.filters.http.rbac',
      path: [{ key: 'istio_ext_authz_shadow_effective_policy_id' }],
      value: { stringMatch: { prefix: 'istio-ext-authz-default' } },
    },
  },
};
const audit = httpRbac(oneRule('LOG', 'ns[foo]-policy[audit]-rule[0]', { permissions: [{ any: true }] }));
const deny = httpRbac(oneRule('DENY', 'ns[foo]-policy[deny]-rule[0]', { permissions: [path('/custom')] }));
const allow = httpRbac(oneRule(undefined, 'ns[foo]-policy[allow]-rule[0]', { permissions: [method('GET')] }));
const full = prepareAuthzChain([customRbac, extAuthz, audit, deny, allow]);

function run(chain: ReturnType<typeof prepareAuthzChain>, i: FactsInput, extra: Partial<AuthzContext> = {}, phase: 'custom' | 'local' | 'all' = 'all') {
  return runAuthzChain(chain, { facts: facts(i), trace: false, ...extra }, phase);
}

test('chain order: CUSTOM decides before AUDIT, DENY and ALLOW', () => {
  const calls: string[] = [];
  const no = (p: string): boolean => (calls.push(p), false);
  const o = run(full, { path: '/custom' }, { customAuthorizer: no });
  assert.deepEqual([o.allowed, o.status, o.reason, o.policy?.name, o.policy?.action], [false, 403, 'denied-by-custom', 'ext', 'CUSTOM']);
  assert.deepEqual(calls, ['default']);
  assert.deepEqual(o.audited, [], 'the AUDIT filter comes after the CUSTOM denial and never ran');
  assert.equal(o.message, undefined, 'an ext_authz denial carries the authorizer response, not the RBAC body');
});

test('chain order: with CUSTOM allowing, AUDIT marks and DENY decides before ALLOW', () => {
  const o = run(full, { path: '/custom' }, { customAuthorizer: () => true });
  assert.deepEqual([o.allowed, o.status, o.reason, o.policy?.name, o.message], [false, 403, 'denied-by-policy', 'deny', 'RBAC: access denied']);
  assert.deepEqual(o.audited.map((p) => [p.name, p.action, p.rule]), [['audit', 'AUDIT', 0]]);
  assert.equal(o.dynamicMetadata['envoy.common']?.['access_log_policy'], true);
});

test('ext_authz is not called when no CUSTOM rule matched, and ALLOW then decides', () => {
  let called = false;
  const ok = run(full, { path: '/x', method: 'GET' }, { customAuthorizer: () => (called = true) });
  assert.equal(called, false);
  assert.deepEqual([ok.allowed, ok.status, ok.reason, ok.policy?.name], [true, 200, 'allowed-by-policy', 'allow']);
  const no = run(full, { path: '/x', method: 'POST' });
  assert.deepEqual([no.allowed, no.status, no.reason, no.policy], [false, 403, 'denied-no-allow-match', undefined]);
});

test('a matching CUSTOM rule with no authorizer is denied (fail closed)', () => {
  const o = run(full, { path: '/custom' });
  assert.deepEqual([o.allowed, o.reason], [false, 'denied-by-custom']);
});

test('phases: `custom` runs only the CUSTOM filters, `local` only the local ones', () => {
  const c = run(full, { path: '/custom', method: 'POST' }, { customAuthorizer: () => true }, 'custom');
  assert.deepEqual([c.allowed, c.reason, c.audited.length], [true, 'allowed-no-allow-policy', 0]);
  const l = run(full, { path: '/custom' }, { customAuthorizer: () => false }, 'local');
  assert.deepEqual([l.allowed, l.reason, l.policy?.name], [false, 'denied-by-policy', 'deny']);
});

test('`rules: {}` on an ALLOW filter denies everything; no enforced rules allows everything', () => {
  const empty = prepareAuthzChain([httpRbac({})]);
  const o = run(empty, {});
  assert.deepEqual([o.allowed, o.status, o.reason], [false, 403, 'denied-no-allow-match']);
  const shadowOnly = prepareAuthzChain([httpRbac(undefined, oneRule(undefined, 'ns[foo]-policy[a]-rule[0]', { permissions: [path('/nope')] }))]);
  const s = run(shadowOnly, {});
  assert.deepEqual([s.allowed, s.reason], [true, 'allowed-no-allow-policy']);
  const emptyDeny = prepareAuthzChain([httpRbac({ action: 'DENY' })]);
  assert.equal(run(emptyDeny, {}).allowed, true);
});

test('network filters reset the connection instead of answering 403', () => {
  const chain = prepareAuthzChain([tcpRbac(oneRule('DENY', 'ns[foo]-policy[d]-rule[0]', { permissions: [{ destinationPort: 9000 }] }))]);
  const o = run(chain, { tcp: true, port: 9000 });
  assert.deepEqual([o.allowed, o.status, o.message], [false, 'reset', undefined]);
  assert.equal(run(chain, { tcp: true, port: 9001 }).allowed, true);
  assert.equal(run(prepareAuthzChain([tcpRbac({})]), { tcp: true }).status, 'reset');
});

test('shadow rules are recorded, never enforced, with Envoy dynamic metadata', () => {
  const dryDeny: RbacRules = oneRule('DENY', 'ns[foo]-policy[dry]-rule[0]', { permissions: [path('/admin')] });
  const chain = prepareAuthzChain([httpRbac(undefined, dryDeny, 'istio_dry_run_deny_')]);
  const hit = run(chain, { path: '/admin' });
  assert.equal(hit.allowed, true);
  assert.deepEqual(hit.shadow, [{ policy: { namespace: 'foo', name: 'dry', action: 'DENY', rule: 0, dryRun: true }, result: 'denied' }]);
  assert.deepEqual(hit.dynamicMetadata['envoy.filters.http.rbac'], {
    istio_dry_run_deny_shadow_effective_policy_id: 'ns[foo]-policy[dry]-rule[0]',
    istio_dry_run_deny_shadow_engine_result: 'denied',
  });
  const miss = run(chain, { path: '/public' });
  assert.deepEqual(miss.shadow, [{ policy: { namespace: 'foo', name: 'dry', action: 'DENY', dryRun: true }, result: 'allowed' }]);
  assert.deepEqual(miss.dynamicMetadata['envoy.filters.http.rbac'], { istio_dry_run_deny_shadow_engine_result: 'allowed' });
});

test('the effective policy is the lexicographically first match, as std::map orders keys', () => {
  const rules: RbacRules = {
    action: 'DENY',
    policies: {
      'ns[foo]-policy[b]-rule[2]': { permissions: [{ any: true }], principals: [{ any: true }] },
      'ns[foo]-policy[b]-rule[10]': { permissions: [{ any: true }], principals: [{ any: true }] },
      'ns[foo]-policy[c]-rule[0]': { permissions: [{ any: true }], principals: [{ any: true }] },
    },
  };
  const o = run(prepareAuthzChain([httpRbac(rules)]), {});
  assert.deepEqual([o.policy?.name, o.policy?.rule], ['b', 10]);
});

test('trace: every policy looked at, the first failing condition in plain words; none when off', () => {
  const rules: RbacRules = {
    policies: {
      'ns[foo]-policy[a]-rule[0]': { permissions: [method('POST')], principals: [{ any: true }] },
      'ns[foo]-policy[b]-rule[0]': {
        permissions: [{ any: true }],
        principals: [{ andIds: { ids: [{ orIds: { ids: [{ authenticated: { principalName: { exact: 'spiffe://cluster.local/ns/x/sa/y' } } }] } }] } }],
      },
    },
  };
  const chain = prepareAuthzChain([httpRbac(rules)]);
  const o = runAuthzChain(chain, { facts: facts({ method: 'GET' }), trace: true }, 'all');
  assert.deepEqual(
    o.trace.map((t) => [t.stage, t.policy?.name, t.matched, t.detail]),
    [
      ['allow', 'a', false, '`:method` `GET` does not match exact `POST`'],
      ['allow', 'b', false, 'peer principal is absent, so it does not match exact `spiffe://cluster.local/ns/x/sa/y`'],
      ['allow', undefined, false, 'no ALLOW policy matched'],
    ],
  );
  assert.deepEqual(runAuthzChain(chain, { facts: facts({ method: 'GET' }), trace: false }, 'all').trace, []);
});

test('two CUSTOM providers share one metadata key: the second RBAC keeps the first id when it does not match', () => {
  const second = httpRbac(undefined, oneRule('DENY', 'istio-ext-authz-zeta-ns[foo]-policy[z]-rule[0]', { permissions: [path('/z')] }), 'istio_ext_authz_');
  const secondAuthz: AuthzFilter = JSON.parse(JSON.stringify(extAuthz).replace('istio-ext-authz-default', 'istio-ext-authz-zeta')) as AuthzFilter;
  const chain = prepareAuthzChain([customRbac, extAuthz, second, secondAuthz]);
  const asked: string[] = [];
  const o = run(chain, { path: '/custom' }, { customAuthorizer: (p) => (asked.push(p), true) });
  assert.equal(o.allowed, true);
  assert.deepEqual(asked, ['default'], 'zeta is not asked: the id left by `default` does not have its prefix');
});
