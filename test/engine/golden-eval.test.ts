/**
 * The engine run on real istiod output: the builder goldens of the conformance data
 * (`builder/{http,tcp}/*-out*.yaml`), each fed requests whose outcome follows from the policy
 * inputs next to them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { prepareAuthzChain, runAuthzChain, type AuthzContext } from '../../src/engine/authz-chain.js';
import type { AuthzFilter } from '../../src/model/index.js';
import { conformanceDir, facts, golden, NO_CONFORMANCE, type FactsInput } from './helpers.js';

const DIR = conformanceDir();

function decide(files: string[], i: FactsInput, extra: Partial<AuthzContext> = {}) {
  const chain = prepareAuthzChain(files.map((f) => golden(DIR as string, f)));
  return runAuthzChain(chain, { facts: facts(i), trace: true, ...extra }, 'all');
}

test('every builder golden compiles into a chain', (t) => {
  if (!DIR) return t.skip(NO_CONFORMANCE);
  let n = 0;
  for (const sub of ['http', 'tcp']) {
    for (const f of readdirSync(join(DIR, 'builder', sub)).filter((x) => /-out\d?\.yaml$/.test(x))) {
      const filter: AuthzFilter = golden(DIR, `${sub}/${f}`);
      assert.doesNotThrow(() => prepareAuthzChain([filter]), `${sub}/${f}`);
      n++;
    }
  }
  assert.ok(n >= 60, `only ${n} goldens found`);
});

test('AZ-47 allow-nothing denies every request, `rules: [{}]` allows every request', (t) => {
  if (!DIR) return t.skip(NO_CONFORMANCE);
  const none = decide(['http/allow-nil-rule-out.yaml'], { path: '/anything', peer: ['spiffe://cluster.local/ns/a/sa/b'] });
  assert.deepEqual([none.status, none.reason], [403, 'denied-no-allow-match']);
  assert.equal(none.trace[0]?.detail, 'any matched, and it is negated');
  const all = decide(['http/allow-empty-rule-out.yaml'], { path: '/anything', method: 'DELETE', mtls: false });
  assert.deepEqual([all.status, all.reason, all.policy?.name], [200, 'allowed-by-policy', 'allow-all']);
});

test('allow-path: the negative list holds `.+`, so the policy can never match a real path', (t) => {
  if (!DIR) return t.skip(NO_CONFORMANCE);
  for (const p of ['/exact', '/prefix/x', '/path/template/a', '/a/b/path/template']) {
    const o = decide(['http/allow-path-out.yaml'], { path: p });
    assert.equal(o.status, 403, p);
    assert.match(o.trace[0]?.detail ?? '', /matched, and it is negated/);
  }
});

test('deny-and-allow: DENY on principal `deny`, ALLOW on principal `allow`', (t) => {
  if (!DIR) return t.skip(NO_CONFORMANCE);
  const files = ['http/deny-and-allow-out1.yaml', 'http/deny-and-allow-out2.yaml'];
  assert.equal(decide(files, { peer: ['spiffe://deny'] }).reason, 'denied-by-policy');
  const ok = decide(files, { peer: ['spiffe://allow'] });
  assert.deepEqual([ok.status, ok.policy], [200, { namespace: 'foo', name: 'httpbin-allow', action: 'ALLOW', rule: 0, dryRun: false }]);
  assert.equal(decide(files, { peer: [], mtls: false }).reason, 'denied-no-allow-match');
});

test('dry-run-mix: the enforced ALLOW decides, the dry-run ALLOW only leaves a verdict', (t) => {
  if (!DIR) return t.skip(NO_CONFORMANCE);
  const enforced = decide(['http/dry-run-mix-out.yaml'], { path: '/another' });
  assert.deepEqual([enforced.status, enforced.policy?.name, enforced.policy?.dryRun], [200, 'httpbin-2', false]);
  const shadowOnly = decide(['http/dry-run-mix-out.yaml'], { path: '/allow' });
  assert.equal(shadowOnly.status, 403);
  assert.deepEqual(shadowOnly.shadow, [{ policy: { namespace: 'foo', name: 'httpbin-1', action: 'ALLOW', rule: 0, dryRun: true }, result: 'allowed' }]);
});

test('custom-http-provider: the authorizer is asked only for the CUSTOM paths', (t) => {
  if (!DIR) return t.skip(NO_CONFORMANCE);
  const files = ['http/custom-http-provider-out1.yaml', 'http/custom-http-provider-out2.yaml'];
  const asked: string[] = [];
  const authorizer = (p: string): boolean => (asked.push(p), false);
  const denied = decide(files, { path: '/httpbin2' }, { customAuthorizer: authorizer });
  assert.deepEqual([denied.status, denied.reason, denied.policy?.name, denied.policy?.action], [403, 'denied-by-custom', 'httpbin-2', 'CUSTOM']);
  const other = decide(files, { path: '/other' }, { customAuthorizer: authorizer });
  assert.equal(other.status, 200);
  assert.deepEqual(asked, ['default']);
});

test('custom-bad-multiple-providers: matching requests are denied without any authorizer', (t) => {
  if (!DIR) return t.skip(NO_CONFORMANCE);
  const files = ['http/custom-bad-multiple-providers-out1.yaml', 'http/custom-bad-multiple-providers-out2.yaml'];
  const o = decide(files, { path: '/httpbin2' }, { customAuthorizer: () => true });
  assert.deepEqual([o.status, o.reason, o.policy?.action, o.policy?.name], [403, 'denied-by-custom', 'CUSTOM', 'httpbin-2']);
  assert.equal(decide(files, { path: '/elsewhere' }).status, 200);
});

test('tcp goldens: emptied ALLOW resets all; surviving rule[3] needs port 80 and ns-1', (t) => {
  if (!DIR) return t.skip(NO_CONFORMANCE);
  assert.equal(decide(['tcp/allow-only-http-out.yaml'], { tcp: true }).status, 'reset');
  const ok = decide(['tcp/allow-both-http-tcp-out.yaml'], { tcp: true, port: 80, peer: ['spiffe://cluster.local/ns/ns-1/sa/x'] });
  assert.deepEqual([ok.status, ok.policy?.rule], [200, 3]);
  assert.equal(decide(['tcp/allow-both-http-tcp-out.yaml'], { tcp: true, port: 81, peer: ['spiffe://cluster.local/ns/ns-1/sa/x'] }).status, 'reset');
  assert.equal(decide(['tcp/deny-both-http-tcp-out.yaml'], { tcp: true, port: 12345 }).status, 'reset');
});

test('AZ-40 trust-domain aliases: the principal is accepted under the trust domain and its alias only', (t) => {
  if (!DIR) return t.skip(NO_CONFORMANCE);
  const files = ['http/simple-policy-td-aliases-out.yaml'];
  const status = (td: string): number | 'reset' =>
    decide(files, { method: 'rule[1]-to[0]-method[0]', peer: [`spiffe://${td}/ns/rule[1]/sa/from[0]-principal[0]`] }).status;
  assert.deepEqual(['td1', 'cluster.local', 'other-td'].map(status), [200, 200, 403]);
  const traced = decide(files, { method: 'rule[1]-to[0]-method[0]', peer: ['spiffe://td1/ns/rule[1]/sa/from[0]-principal[0]'] });
  assert.deepEqual(traced.trace.map((s) => [s.policy?.rule, s.matched]), [[0, false], [1, true]]);
});
