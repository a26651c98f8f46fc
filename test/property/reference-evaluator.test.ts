// Hand-written checks of the reference evaluator against spec §2 and adversarial-cases.md §A, so
// that the property test compares the engine with something that is itself known to be right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuthorizationPolicy, AuthorizationPolicySpec, RequestFacts } from '../../src/model/index.js';
import { referenceDecide, referenceRemoteIp, type ReferenceDecision } from '../support/reference-evaluator.js';

function policy(name: string, spec: AuthorizationPolicySpec, extra: { ns?: string; dryRun?: string } = {}): AuthorizationPolicy {
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: {
      name,
      namespace: extra.ns ?? 'foo',
      ...(extra.dryRun === undefined ? {} : { annotations: { 'istio.io/dry-run': extra.dryRun } }),
    },
    spec,
  };
}

interface Req {
  peer?: string | string[];
  ip?: string;
  port?: number;
  method?: string;
  path?: string;
  host?: string;
  headers?: [string, string][];
  jwt?: Record<string, unknown>;
  tcp?: boolean;
  sni?: string;
  dstIp?: string;
  remoteIp?: string;
}

function facts(r: Req): RequestFacts {
  const peers = r.peer === undefined ? [] : Array.isArray(r.peer) ? r.peer : [r.peer];
  const f: RequestFacts = {
    connection: {
      peerPrincipals: peers,
      mtls: peers.length > 0,
      sourceIp: r.ip ?? '10.1.2.3',
      destinationPort: r.port ?? 8080,
      ...(r.sni === undefined ? {} : { sni: r.sni }),
      ...(r.dstIp === undefined ? {} : { destinationIp: r.dstIp }),
    },
  };
  if (r.remoteIp !== undefined) f.remoteIp = r.remoteIp;
  if (!r.tcp) {
    f.http = { method: r.method ?? 'GET', path: r.path ?? '/', authority: r.host ?? 'svc.foo', headers: r.headers ?? [] };
    if (r.jwt) f.jwt = { payload: r.jwt, issuer: String(r.jwt['iss']) };
  }
  return f;
}

function decide(policies: AuthorizationPolicy[], r: Req, bundle: string[] = ['cluster.local']): ReferenceDecision {
  return referenceDecide(policies, { facts: facts(r) }, { trustDomainBundle: bundle, tcp: r.tcp ?? false });
}

const allowed = (policies: AuthorizationPolicy[], r: Req, bundle?: string[]): boolean => decide(policies, r, bundle).allowed;
const deny = (name: string, rules: AuthorizationPolicySpec['rules']) => policy(name, { action: 'DENY', rules });
const allow = (name: string, rules: AuthorizationPolicySpec['rules']) => policy(name, { rules });
const SLEEP = 'spiffe://cluster.local/ns/foo/sa/sleep';

test('§2.2 / AZ-47: spec {} is allow-nothing, rules [{}] allow-all, no ALLOW policy allows', () => {
  assert.equal(allowed([policy('none', {})], {}), false);
  assert.equal(allowed([policy('none', { rules: [] })], { tcp: true }), false);
  assert.equal(allowed([allow('all', [{}])], {}), true);
  assert.equal(allowed([], {}), true);
  assert.equal(allowed([deny('d', [{}])], { tcp: true }), false);
  assert.equal(allowed([policy('d', { action: 'DENY' })], {}), true, 'a DENY without rules never matches');
  assert.equal(decide([policy('none', {})], {}).decidedBy, 'no-allow-match');
});

test('AZ-46: DENY wins over ALLOW, and an unmatched ALLOW denies', () => {
  const ps = [deny('d', [{ to: [{ operation: { paths: ['/a'] } }] }]), allow('a', [{ from: [{ source: { namespaces: ['x'] } }] }])];
  const fromX = 'spiffe://cluster.local/ns/x/sa/default';
  assert.deepEqual(decide(ps, { path: '/a', peer: fromX }).decidedBy, 'deny-policy');
  assert.equal(allowed(ps, { path: '/b', peer: 'spiffe://cluster.local/ns/y/sa/default' }), false);
  assert.equal(allowed(ps, { path: '/b', peer: fromX }), true);
  assert.deepEqual(decide(ps, { path: '/b', peer: fromX }).matchedPolicies, ['foo/a']);
});

test('§2.3: from entries OR, fields AND, when AND, not-fields on absent attributes match', () => {
  const p = allow('a', [
    {
      from: [{ source: { namespaces: ['foo'], ipBlocks: ['10.0.0.0/8'] } }, { source: { ipBlocks: ['192.168.0.0/16'] } }],
      when: [
        { key: 'request.headers[x-a]', values: ['1'] },
        { key: 'destination.port', values: ['8080'] },
      ],
    },
  ]);
  const h: [string, string][] = [['x-a', '1']];
  assert.equal(allowed([p], { peer: SLEEP, headers: h }), true);
  assert.equal(allowed([p], { headers: h }), false, 'namespaces needs a peer identity');
  assert.equal(allowed([p], { ip: '192.168.1.1', headers: h }), true, 'second from entry');
  assert.equal(allowed([p], { peer: SLEEP, headers: h, port: 9090 }), false, 'when conditions are ANDed');
  assert.equal(allowed([p], { peer: SLEEP }), false, 'missing header never matches a positive value');
  // AZ-39: `notPrincipals: ["*"]` matches plaintext callers only.
  const d = deny('d', [{ from: [{ source: { notPrincipals: ['*'] } }] }]);
  assert.equal(allowed([d], {}), false);
  assert.equal(allowed([d], { peer: SLEEP }), true);
});

test('§2.7.1 / AZ-42 / §9.3: principals get spiffe:// prepended, suffix form is a regex', () => {
  const mk = (v: string) => allow('a', [{ from: [{ source: { principals: [v] } }] }]);
  assert.equal(allowed([mk('cluster.local/ns/foo/sa/sleep')], { peer: SLEEP }), true);
  assert.equal(allowed([mk('spiffe://cluster.local/ns/foo/sa/sleep')], { peer: SLEEP }), false);
  assert.equal(allowed([mk('*/ns/foo/sa/sleep')], { peer: SLEEP }), true);
  assert.equal(allowed([mk('cluster.local/ns/foo/*')], { peer: SLEEP }), true);
  assert.equal(allowed([mk('*')], { peer: SLEEP }), true);
  assert.equal(allowed([mk('*')], {}), false, 'AZ-38: no identity without mTLS');
  assert.equal(allowed([mk('cluster.local/ns/foo/sa/sleep')], { peer: ['spiffe://x/y', SLEEP] }), true, 'MTLS-17: any URI SAN');
});

test('AZ-40: principals are expanded to every trust domain of the bundle', () => {
  const p = allow('a', [{ from: [{ source: { principals: ['old-td/ns/foo/sa/bar'] } }] }]);
  assert.equal(allowed([p], { peer: 'spiffe://new-td/ns/foo/sa/bar' }, ['new-td', 'old-td']), true);
  assert.equal(allowed([p], { peer: 'spiffe://new-td/ns/foo/sa/bar' }, ['new-td']), false);
  // cluster.local stands for the local trust domain and its aliases.
  const q = allow('a', [{ when: [{ key: 'source.principal', values: ['cluster.local/ns/foo/sa/bar'] }] }]);
  assert.equal(allowed([q], { peer: 'spiffe://td1/ns/foo/sa/bar' }, ['td1', 'td2']), true);
  assert.equal(allowed([q], { peer: 'spiffe://cluster.local/ns/foo/sa/bar' }, ['td1', 'td2']), false);
});

test('AZ-45 / §2.4: namespaces ignore the trust domain; serviceAccounts default to the policy namespace', () => {
  const ns = allow('a', [{ from: [{ source: { namespaces: ['foo'] } }] }]);
  assert.equal(allowed([ns], { peer: 'spiffe://other-td/ns/foo/sa/x' }), true);
  assert.equal(allowed([ns], { peer: 'spiffe://cluster.local/ns/foobar/sa/x' }), false);
  const nsPrefix = allow('a', [{ from: [{ source: { namespaces: ['foo*'] } }] }]);
  assert.equal(allowed([nsPrefix], { peer: 'spiffe://cluster.local/ns/foobar/sa/x' }), true);
  const sa = allow('a', [{ from: [{ source: { serviceAccounts: ['sleep'] } }] }]);
  assert.equal(allowed([sa], { peer: 'spiffe://any-td/ns/foo/sa/sleep' }), true);
  assert.equal(allowed([sa], { peer: 'spiffe://any-td/ns/bar/sa/sleep' }), false);
  assert.equal(allowed([sa], { peer: 'spiffe://any-td/ns/foo/sa/sleep-2' }), false);
  const saNs = allow('a', [{ from: [{ source: { serviceAccounts: ['bar/sleep'] } }] }]);
  assert.equal(allowed([saNs], { peer: 'spiffe://td/ns/bar/sa/sleep' }), true);
});

test('§2.4: trustDomains match the trust-domain segment, expanded over the bundle', () => {
  const td = (v: string) => allow('a', [{ from: [{ source: { trustDomains: [v] } }] }]);
  assert.equal(allowed([td('cluster.local')], { peer: SLEEP }), true);
  assert.equal(allowed([td('cluster')], { peer: SLEEP }), false);
  assert.equal(allowed([td('*.local')], { peer: SLEEP }), true);
  assert.equal(allowed([td('clus*')], { peer: SLEEP }), true);
  assert.equal(allowed([td('*')], { peer: SLEEP }), true);
  assert.equal(allowed([td('old')], { peer: 'spiffe://new/ns/a/sa/b' }, ['new', 'old']), true);
});

test('§2.4 / AZ-32 / AZ-35: ipBlocks use the direct peer, remoteIpBlocks the right-most XFF entry', () => {
  const rip = allow('a', [{ from: [{ source: { remoteIpBlocks: ['198.51.100.0/24'] } }] }]);
  const xff: [string, string][] = [['X-Forwarded-For', '1.1.1.1, 198.51.100.7']];
  assert.equal(allowed([rip], { headers: xff }), true);
  assert.equal(allowed([rip], {}), false);
  assert.equal(referenceRemoteIp(facts({ headers: xff })), '198.51.100.7');
  assert.equal(referenceRemoteIp(facts({ ip: '10.9.9.9' })), '10.9.9.9');
  const ip = allow('a', [{ from: [{ source: { ipBlocks: ['10.1.2.3', '2001:db8::/32'] } }] }]);
  assert.equal(allowed([ip], { ip: '10.1.2.3' }), true);
  assert.equal(allowed([ip], { ip: '10.1.2.4' }), false);
  assert.equal(allowed([ip], { ip: '2001:db8:0:1::5' }), true);
  assert.equal(allowed([ip], { ip: '2001:db9::5' }), false);
  assert.equal(allowed([ip], { ip: '::ffff:10.1.2.3' }), false, 'an IPv6 address never matches an IPv4 range');
});

test('AZ-19 / AZ-20 / AZ-54: hosts ignore case but not the port', () => {
  const h = (v: string) => allow('a', [{ to: [{ operation: { hosts: [v] } }] }]);
  assert.equal(allowed([h('secret.com')], { host: 'Secret.COM' }), true);
  assert.equal(allowed([h('example.com')], { host: 'example.com:80' }), false);
  assert.equal(allowed([h('example.com:*')], { host: 'example.com:80' }), true);
  assert.equal(allowed([h('*.example.com')], { host: 'A.EXAMPLE.COM' }), true);
  assert.equal(allowed([h('*.example.com')], { host: 'example.com' }), false);
  assert.equal(allowed([h('*.example.com')], { host: 'a.example.com:443' }), false);
});

test('AZ-15 / AZ-18 / AZ-12 / AZ-14 / AZ-26: paths and methods', () => {
  const p = (v: string) => allow('a', [{ to: [{ operation: { paths: [v] } }] }]);
  assert.equal(allowed([p('/admin*')], { path: '/administrator' }), true);
  assert.equal(allowed([p('/admin*')], { path: '/admin' }), true);
  assert.equal(allowed([p('/admin')], { path: '/admin?x=1' }), true, 'query is not part of the url path');
  assert.equal(allowed([p('/admin')], { path: '/ADMIN' }), false);
  assert.equal(allowed([p('*/x')], { path: '/a/x' }), true);
  assert.equal(allowed([p('/foo/{*}')], { path: '/foo/bar' }), true);
  assert.equal(allowed([p('/foo/{*}')], { path: '/foo/bar/baz' }), false);
  assert.equal(allowed([p('/foo/{*}')], { path: '/foo/' }), false);
  assert.equal(allowed([p('/foo/{**}')], { path: '/foo/bar/baz' }), true);
  assert.equal(allowed([p('/foo/{**}')], { path: '/foo/' }), true);
  assert.equal(allowed([p('/foo/{**}/')], { path: '/foo/bar/' }), true);
  assert.equal(allowed([p('/foo/{**}/')], { path: '/foo/bar' }), false);
  assert.equal(allowed([p('/{*}/x')], { path: '/a/x?q' }), true);
  const m = deny('d', [{ to: [{ operation: { methods: ['GET'] } }] }]);
  assert.equal(allowed([m], { method: 'HEAD' }), true);
  assert.equal(allowed([m], { method: 'GET' }), false);
});

test('AZ-28 / AZ-30 / AZ-31: header names ignore case, values do not, each line matched alone', () => {
  const d = deny('d', [{ when: [{ key: 'request.headers[x-role]', values: ['admin'] }] }]);
  const h = (...lines: [string, string][]) => ({ headers: lines });
  assert.equal(allowed([d], h(['x-role', 'user'], ['x-role', 'admin'])), false);
  assert.equal(allowed([d], h(['X-Role', 'admin'])), false);
  assert.equal(allowed([d], h(['x-role', 'Admin'])), true);
  const nd = deny('d', [{ when: [{ key: 'request.headers[x-role]', notValues: ['admin'] }] }]);
  assert.equal(allowed([nd], h(['x-role', 'user'], ['x-role', 'admin'])), true, 'notValues: no line may match');
  assert.equal(allowed([nd], {}), false, 'absent header: notValues matches');
  const present = allow('a', [{ when: [{ key: 'request.headers[x-e]', values: ['*'] }] }]);
  assert.equal(allowed([present], h(['x-e', ''])), true, '`*` on a header is a present-match');
});

test('§2.7.4: request principals split at the last slash', () => {
  const rp = (v: string) => allow('a', [{ from: [{ source: { requestPrincipals: [v] } }] }]);
  const jwt = { iss: 'https://issuer.example.com', sub: 'alice' };
  assert.equal(allowed([rp('https://issuer.example.com/alice')], { jwt }), true);
  assert.equal(allowed([rp('*')], { jwt }), true);
  assert.equal(allowed([rp('*')], { jwt: { iss: 'i', sub: '' } }), false);
  assert.equal(allowed([rp('*')], {}), false);
  assert.equal(allowed([rp('*/alice')], { jwt }), true);
  assert.equal(allowed([rp('*.com/alice')], { jwt }), true);
  assert.equal(allowed([rp('https://issuer.example.com/*')], { jwt }), true);
  assert.equal(allowed([rp('https://issuer.example.com/al*')], { jwt }), true);
  assert.equal(allowed([rp('https://issuer.example.com')], { jwt }), false, 'no slash: sub must be empty');
  assert.equal(allowed([rp('https://issuer.example.com')], { jwt: { iss: 'https://issuer.example.com', sub: '' } }), false, 'split at the last slash');
  assert.equal(allowed([rp('issuer')], { jwt: { iss: 'issuer', sub: '' } }), true);
  assert.equal(allowed([rp('*ice')], { jwt }), true);
  assert.equal(allowed([rp('https:/*')], { jwt }), false, 'ends with * and holds a slash: exact iss `https:`');
  assert.equal(allowed([rp('https:*')], { jwt }), true, 'ends with *, no slash: iss prefix, any non-empty sub');
});

test('§2.7.5: claims match strings and list elements; non-strings never match', () => {
  const c = (key: string, v: string) => allow('a', [{ when: [{ key, values: [v] }] }]);
  const jwt = { iss: 'i', sub: 's', groups: ['g1', 'g2'], aud: 'api', azp: 'web', n: 1, nested: { role: 'admin' }, scope: ['read', 'write'] };
  assert.equal(allowed([c('request.auth.claims[groups]', 'g2')], { jwt }), true);
  assert.equal(allowed([c('request.auth.claims[groups]', 'g3')], { jwt }), false);
  assert.equal(allowed([c('request.auth.claims[nested][role]', 'adm*')], { jwt }), true);
  assert.equal(allowed([c('request.auth.claims[n]', '1')], { jwt }), false);
  assert.equal(allowed([c('request.auth.audiences', 'api')], { jwt }), true);
  assert.equal(allowed([c('request.auth.presenter', '*')], { jwt }), true);
  assert.equal(allowed([c('request.auth.claims[scope]', 'read')], { jwt }), true);
  assert.equal(allowed([c('request.auth.claims[groups]', 'g1')], {}), false, 'no token, no claims');
});

test('§2.9.4 / AZ-48: on TCP an ALLOW rule with HTTP-only fields is dropped, a DENY rule loses them', () => {
  const d = deny('d', [{ to: [{ operation: { methods: ['POST'] } }] }]);
  assert.equal(allowed([d], { tcp: true }), false, 'denies every TCP connection');
  const dPort = deny('d', [{ to: [{ operation: { methods: ['POST'], ports: ['8080'] } }] }]);
  assert.equal(allowed([dPort], { tcp: true, port: 9090 }), true);
  assert.equal(allowed([dPort], { tcp: true, port: 8080 }), false);
  const a = allow('a', [{ from: [{ source: { ipBlocks: ['10.0.0.0/8'] } }, { source: { requestPrincipals: ['*'] } }] }, { to: [{ operation: { ports: ['9090'] } }] }]);
  assert.equal(allowed([a], { tcp: true, port: 8080 }), false, 'the whole first rule is dropped, not one from entry');
  assert.equal(allowed([a], { tcp: true, port: 9090 }), true);
  const w = deny('d', [{ when: [{ key: 'request.headers[x-rate]', values: ['high'] }, { key: 'destination.port', values: ['9090'] }] }]);
  assert.equal(allowed([w], { tcp: true, port: 9090 }), false);
  assert.equal(allowed([w], { tcp: true, port: 8080 }), true);
  const n = deny('d', [{ from: [{ source: { notRequestPrincipals: ['*'], ipBlocks: ['192.168.0.0/16'] } }] }]);
  assert.equal(allowed([n], { tcp: true }), true, 'the rest of the source still applies');
  assert.equal(allowed([n], { tcp: true, ip: '192.168.0.1' }), false);
});

test('§2.9.4 / §10: an unknown when key skips the rule for every action', () => {
  const d = deny('d', [{ when: [{ key: 'request.time.hour', values: ['1'] }] }]);
  assert.equal(allowed([d], {}), true);
  const a = allow('a', [{ when: [{ key: 'request.time.hour', values: ['1'] }] }]);
  assert.equal(allowed([a], {}), false);
});

test('§2.11: dry-run policies are never enforced; AUDIT never decides', () => {
  assert.equal(allowed([policy('d', { action: 'DENY', rules: [{}] }, { dryRun: 'true' })], {}), true);
  assert.equal(allowed([policy('a', { rules: [] }, { dryRun: 'True' })], {}), true, 'a dry-run ALLOW does not make default-deny');
  assert.equal(allowed([policy('d', { action: 'DENY', rules: [{}] }, { dryRun: 'yes' })], {}), false, 'unparsable = enforced');
  const r = decide([policy('au', { action: 'AUDIT', rules: [{}] }), policy('d', { action: 'DENY', rules: [{}] }, { dryRun: '1' })], {});
  assert.equal(r.allowed, true);
  assert.deepEqual(r.audited, ['foo/au']);
  assert.deepEqual(
    r.matches.map((m) => [m.id, m.dryRun]),
    [
      ['foo/au', false],
      ['foo/d', true],
    ],
  );
});

test('§2.8: sni, destination.ip and experimental metadata keys', () => {
  const k = (key: string, v: string) => allow('a', [{ when: [{ key, values: [v] }] }]);
  assert.equal(allowed([k('connection.sni', '*.example.com')], { sni: 'a.example.com' }), true);
  assert.equal(allowed([k('connection.sni', '*')], {}), false);
  assert.equal(allowed([k('destination.ip', '10.0.0.0/8')], { dstIp: '10.0.0.9' }), true);
  const meta: RequestFacts = { ...facts({}), filterMetadata: { 'envoy.filters.x': { k: ['a', 'b'], s: 'v' } } };
  const run = (key: string, v: string) =>
    referenceDecide([k(key, v)], { facts: meta }, { trustDomainBundle: ['cluster.local'], tcp: false }).allowed;
  assert.equal(run('experimental.envoy.filters.x[k]', '[b]'), true);
  assert.equal(run('experimental.envoy.filters.x[k]', 'b'), false);
  assert.equal(run('experimental.envoy.filters.x[s]', 'v'), true);
});
