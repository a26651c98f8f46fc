import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildHttpAuthz, buildTcpAuthz } from '../../src/compile/authz/index.js';
import { OPTS, policy, policyOf, rulesOf } from './authz-fixtures.js';

const ANY_POLICY = { permissions: [{ andRules: { rules: [{ any: true }] } }], principals: [{ andIds: { ids: [{ any: true }] } }] };

describe('identity matchers', () => {
  test('a `spiffe://`-prefixed principal gets a second prefix and can never match (spec §2.7.1)', () => {
    const p = policy('p', { rules: [{ from: [{ source: { principals: ['spiffe://cluster.local/ns/a/sa/b'] } }] }] });
    const { filters } = buildHttpAuthz([p], { ...OPTS, trustDomainBundle: [] });
    const ids = policyOf(filters, 'ns[foo]-policy[p]-rule[0]')?.principals[0]?.andIds?.ids;
    assert.deepEqual(ids, [{ orIds: { ids: [{ authenticated: { principalName: { exact: 'spiffe://spiffe://cluster.local/ns/a/sa/b' } } }] } }]);
  });

  test('serviceAccounts default to the policy namespace and quote regex metacharacters', () => {
    const p = policy('p', { rules: [{ from: [{ source: { serviceAccounts: ['sa.v1', 'other/sa'] } }] }] }, undefined, null);
    const { filters } = buildHttpAuthz([p], { ...OPTS, defaultNamespace: 'team' });
    const ids = policyOf(filters, 'ns[team]-policy[p]-rule[0]')?.principals[0]?.andIds?.ids?.[0]?.orIds?.ids;
    assert.deepEqual(
      ids?.map((i) => i.authenticated?.principalName?.safeRegex?.regex),
      ['spiffe://.+/ns/team/(.+/|)sa/sa\\.v1(/.+)?', 'spiffe://.+/ns/other/(.+/|)sa/sa(/.+)?'],
    );
  });

  test('waypoints match identities from filter state (spec §2.9.5)', () => {
    const p = policy('p', { rules: [{ from: [{ source: { namespaces: ['ns1'] } }] }] });
    const { filters } = buildHttpAuthz([p], { ...OPTS, useFilterState: true });
    const leaf = policyOf(filters, 'ns[foo]-policy[p]-rule[0]')?.principals[0]?.andIds?.ids?.[0]?.orIds?.ids?.[0];
    assert.deepEqual(leaf, { filterState: { key: 'io.istio.peer_principal', stringMatch: { safeRegex: { regex: '.*/ns/ns1/.*' } } } });
  });

  test('a trust-domain alias widens a principal to the whole bundle (AZ-40)', () => {
    const p = policy('p', { rules: [{ from: [{ source: { principals: ['old-td/ns/foo/sa/bar'] } }] }] });
    const { filters } = buildHttpAuthz([p], { ...OPTS, trustDomainBundle: ['new-td', 'old-td'] });
    const ids = policyOf(filters, 'ns[foo]-policy[p]-rule[0]')?.principals[0]?.andIds?.ids?.[0]?.orIds?.ids;
    assert.deepEqual(ids?.map((i) => i.authenticated?.principalName?.exact), ['spiffe://new-td/ns/foo/sa/bar', 'spiffe://old-td/ns/foo/sa/bar']);
  });
});

describe('skipped rules and values are reported, never silent', () => {
  test('an unknown `when` key skips the DENY rule with a note; other rules stay (spec §2.9.4, §10)', () => {
    const p = policy('d', {
      action: 'DENY',
      rules: [{ when: [{ key: 'request.time.hour', values: ['3'] }] }, { to: [{ operation: { paths: ['/admin'] } }] }],
    });
    const { filters, notes } = buildHttpAuthz([p], OPTS);
    assert.deepEqual(Object.keys(rulesOf(filters)?.policies ?? {}), ['ns[foo]-policy[d]-rule[1]']);
    assert.equal(rulesOf(filters)?.action, 'DENY');
    assert.deepEqual(notes, [
      {
        policy: 'foo/d',
        rule: 0,
        action: 'DENY',
        kind: 'rule-skipped',
        message: 'rule skipped: unknown attribute `request.time.hour`',
        path: ['spec', 'rules', 0, 'when', 0, 'key'],
      },
    ]);
  });

  test('a malformed CIDR drops the whole ALLOW rule but only the value of a DENY rule', () => {
    const rule = { from: [{ source: { ipBlocks: ['10.0.0.0/33', '10.1.0.0/16'] } }] };
    const allow = buildHttpAuthz([policy('a', { rules: [rule] })], OPTS);
    assert.deepEqual(rulesOf(allow.filters), {});
    assert.equal(allow.notes[0]?.kind, 'rule-skipped');
    assert.deepEqual(allow.notes[0]?.path, ['spec', 'rules', 0, 'from', 0, 'source', 'ipBlocks', 0]);

    const deny = buildHttpAuthz([policy('d', { action: 'DENY', rules: [rule] })], OPTS);
    const ids = policyOf(deny.filters, 'ns[foo]-policy[d]-rule[0]')?.principals[0]?.andIds?.ids;
    assert.deepEqual(ids, [{ orIds: { ids: [{ directRemoteIp: { addressPrefix: '10.1.0.0', prefixLen: 16 } }] } }]);
    assert.deepEqual(deny.notes.map((n) => n.kind), ['value-skipped']);
  });

  test('a null rule is skipped with a note and leaves a gap in the rule numbering', () => {
    const p = policy('p', { rules: [null, {}] });
    const { filters, notes } = buildHttpAuthz([p], OPTS);
    assert.deepEqual(Object.keys(rulesOf(filters)?.policies ?? {}), ['ns[foo]-policy[p]-rule[1]']);
    assert.deepEqual(notes.map((n) => [n.kind, n.rule]), [['rule-skipped', 0]]);
  });

  test('an unknown action ignores the policy with a note', () => {
    const p = policy('p', { action: 'LOG' as never, rules: [{}] });
    const { filters, notes } = buildHttpAuthz([p], OPTS);
    assert.equal(filters.length, 0);
    assert.deepEqual(notes.map((n) => n.kind), ['unknown-action']);
  });
});

describe('HTTP-only attributes on TCP chains (spec §2.9.4)', () => {
  test('an HTTP-only DENY rule becomes match-all on TCP, with one note per dropped field', () => {
    const p = policy('d', { action: 'DENY', rules: [{ to: [{ operation: { methods: ['POST'], paths: ['/x'] } }] }] });
    const { filters, notes } = buildTcpAuthz([p], OPTS);
    assert.equal(filters[0]?.name, 'envoy.filters.network.rbac');
    assert.deepEqual(policyOf(filters, 'ns[foo]-policy[d]-rule[0]'), ANY_POLICY);
    assert.deepEqual(
      notes.map((n) => [n.kind, n.path?.at(-1)]),
      [['field-dropped-tcp', 'methods'], ['field-dropped-tcp', 'paths']],
    );
  });

  test('scoping the DENY rule with ports keeps it to that port', () => {
    const p = policy('d', { action: 'DENY', rules: [{ to: [{ operation: { methods: ['POST'], ports: ['8080'] } }] }] });
    const { filters } = buildTcpAuthz([p], OPTS);
    const rules = policyOf(filters, 'ns[foo]-policy[d]-rule[0]')?.permissions[0]?.andRules?.rules;
    assert.deepEqual(rules, [{ orRules: { rules: [{ destinationPort: 8080 }] } }]);
  });

  test('an ALLOW rule with an HTTP-only `when` is dropped: the ALLOW set is empty and denies all TCP', () => {
    const p = policy('a', { rules: [{ when: [{ key: 'request.auth.claims[iss]', values: ['x'] }] }] });
    const { filters, notes } = buildTcpAuthz([p], OPTS);
    assert.deepEqual(rulesOf(filters), {});
    assert.deepEqual(notes.map((n) => [n.kind, n.path]), [['rule-skipped', ['spec', 'rules', 0, 'when', 0, 'values']]]);
    assert.match(notes[0]?.message ?? '', /HTTP-only and cannot apply on a TCP filter chain/);
  });

  test('the same rule on HTTP keeps the claim matcher', () => {
    const p = policy('a', { rules: [{ when: [{ key: 'request.auth.claims[iss]', values: ['x'] }] }] });
    const { filters, notes } = buildHttpAuthz([p], OPTS);
    assert.equal(notes.length, 0);
    const id = policyOf(filters, 'ns[foo]-policy[a]-rule[0]')?.principals[0]?.andIds?.ids?.[0];
    assert.deepEqual(id?.metadata?.path, [{ key: 'payload' }, { key: 'iss' }]);
  });
});

describe('dry-run and stat prefixes (spec §2.9.1, §2.11)', () => {
  test('`True` and `1` are dry-run (Go ParseBool); `yes` is not a boolean and is enforced with a note', () => {
    const ps = [
      policy('a', { rules: [{}] }, { 'istio.io/dry-run': 'True' }),
      policy('b', { rules: [{}] }, { 'istio.io/dry-run': '1' }),
      policy('c', { rules: [{}] }, { 'istio.io/dry-run': 'yes' }),
    ];
    const { filters, notes } = buildHttpAuthz(ps, OPTS);
    assert.deepEqual(Object.keys(rulesOf(filters, 0, 'shadowRules')?.policies ?? {}), ['ns[foo]-policy[a]-rule[0]', 'ns[foo]-policy[b]-rule[0]']);
    assert.deepEqual(Object.keys(rulesOf(filters)?.policies ?? {}), ['ns[foo]-policy[c]-rule[0]']);
    assert.deepEqual(notes.map((n) => [n.kind, n.policy]), [['dry-run-invalid', 'foo/c']]);
  });

  test('AUDIT uses action LOG and still carries the allow dry-run prefix', () => {
    const { filters } = buildHttpAuthz([policy('a', { action: 'AUDIT', rules: [{}] })], OPTS);
    const cfg = filters[0]?.typedConfig as { rules?: { action?: string }; shadowRulesStatPrefix?: string };
    assert.equal(cfg.rules?.action, 'LOG');
    assert.equal(cfg.shadowRulesStatPrefix, 'istio_dry_run_allow_');
  });

  test('filters come out AUDIT, DENY, ALLOW whatever the input order', () => {
    const ps = [policy('a', { rules: [{}] }), policy('d', { action: 'DENY', rules: [{}] }), policy('l', { action: 'AUDIT', rules: [{}] })];
    const { filters } = buildHttpAuthz(ps, OPTS);
    assert.deepEqual(filters.map((f) => (f.typedConfig as { rules?: { action?: string } }).rules?.action ?? 'ALLOW'), ['LOG', 'DENY', 'ALLOW']);
  });
});

describe('robustness on input that skipped validation', () => {
  test('a numeric port from unquoted YAML is read as its text', () => {
    const p = policy('p', { rules: [{ to: [{ operation: { ports: [8080 as unknown as string] } }] }] });
    const { filters } = buildHttpAuthz([p], OPTS);
    const rules = policyOf(filters, 'ns[foo]-policy[p]-rule[0]')?.permissions[0]?.andRules?.rules;
    assert.deepEqual(rules, [{ orRules: { rules: [{ destinationPort: 8080 }] } }]);
  });

  test('a null `from` entry skips an ALLOW rule but widens a DENY rule', () => {
    const rule = { from: [null, { source: { namespaces: ['x'] } }] };
    const allow = buildHttpAuthz([policy('a', { rules: [rule] })], OPTS);
    assert.deepEqual(rulesOf(allow.filters), {});
    const deny = buildHttpAuthz([policy('d', { action: 'DENY', rules: [rule] })], OPTS);
    assert.deepEqual(policyOf(deny.filters, 'ns[foo]-policy[d]-rule[0]')?.principals[0], { andIds: { ids: [{ any: true }] } });
    assert.deepEqual(deny.notes.map((n) => n.kind), ['value-skipped']);
  });
});

describe('experimental envoy metadata', () => {
  test('`[v]` means "list contains v"; a single value has no OR wrapper', () => {
    const p = policy('p', { rules: [{ when: [{ key: 'experimental.envoy.filters.a.b[c]', values: ['[v]'] }] }] });
    const { filters } = buildTcpAuthz([p], OPTS);
    const rule = policyOf(filters, 'ns[foo]-policy[p]-rule[0]')?.permissions[0]?.andRules?.rules?.[0];
    assert.deepEqual(rule, { metadata: { filter: 'envoy.filters.a.b', path: [{ key: 'c' }], value: { listMatch: { oneOf: { stringMatch: { exact: 'v' } } } } } });
  });
});
