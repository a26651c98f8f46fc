import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePermission, compilePrincipal } from '../../../src/engine/rbac/nodes.js';
import { RbacRequest } from '../../../src/engine/rbac/request-view.js';
import type { HeaderMatcher, Permission, Principal } from '../../../src/model/index.js';
import { facts, type FactsInput } from '../helpers.js';

const req = (i: FactsInput, path?: string): RbacRequest => new RbacRequest(facts(i), path ? { path, urlPath: path.split('?')[0] as string } : {});

test('header matcher: absent, present, inverted, and per-line matching', () => {
  const h = (m: HeaderMatcher): Permission => ({ header: m });
  const table: [HeaderMatcher, FactsInput, boolean][] = [
    [{ name: 'x-a', presentMatch: true }, {}, false],
    [{ name: 'x-a', presentMatch: true }, { headers: [['X-A', '']] }, true], // `*` on headers accepts an empty value
    [{ name: 'x-a', presentMatch: false }, {}, true],
    [{ name: 'x-a', presentMatch: true, invertMatch: true }, {}, true],
    [{ name: 'x-a', stringMatch: { exact: 'v' }, invertMatch: true }, {}, false], // Envoy: inverted value matcher on a missing header is false
    [{ name: 'x-a', stringMatch: { exact: 'v' }, invertMatch: true }, { headers: [['x-a', 'w']] }, true],
    [{ name: 'x-a', stringMatch: { exact: 'v' }, invertMatch: true }, { headers: [['x-a', 'w'], ['x-a', 'v']] }, false],
    [{ name: 'x-a', stringMatch: { exact: 'v' } }, { headers: [['x-a', 'w'], ['x-a', 'v']] }, true],
    [{ name: 'x-a' }, { headers: [['x-a', 'v']] }, true], // no specifier = present
    [{ name: ':authority', stringMatch: { exact: 'h' } }, { authority: 'h' }, true],
    [{ name: ':method', presentMatch: true }, { tcp: true }, false],
    [{ name: ':authority', stringMatch: { exact: 'h' } }, { authority: 'x', headers: [[':authority', 'h']] }, false], // pseudo headers come from the request line only
  ];
  for (const [m, i, want] of table) assert.equal(compilePermission(h(m)).test(req(i)), want, `${JSON.stringify(m)} ${JSON.stringify(i)}`);
  assert.equal(compilePermission(h({ name: ':path', stringMatch: { exact: '/a?x=1' } })).test(req({}, '/a?x=1')), true, '`:path` keeps the query');
  assert.throws(() => compilePermission(h({ name: 'x', rangeMatch: { start: 1, end: 2 } } as unknown as HeaderMatcher)), /unsupported header matcher/);
  assert.equal(compilePermission(h({ name: ':authority', safeRegexMatch: { regex: '(?i)example\\.com' } } as unknown as HeaderMatcher)).test(req({ authority: 'EXAMPLE.com' })), true);
});

test('principal leaves: authenticated, ip kinds, filter state', () => {
  const p = (x: Principal, i: FactsInput): boolean => compilePrincipal(x).test(req(i));
  assert.equal(p({ authenticated: {} }, { mtls: true, peer: [] }), true, 'no principalName = any TLS peer');
  assert.equal(p({ authenticated: {} }, { mtls: false }), false);
  assert.equal(p({ authenticated: { principalName: { exact: 'spiffe://b' } } }, { peer: ['spiffe://a', 'spiffe://b'] }), true, 'any URI SAN (MTLS-17)');
  assert.equal(p({ directRemoteIp: { addressPrefix: '10.0.0.0', prefixLen: 8 } }, { sourceIp: '10.9.9.9' }), true);
  assert.equal(p({ remoteIp: { addressPrefix: '1.2.3.4', prefixLen: 32 } }, { sourceIp: '10.9.9.9', remoteIp: '1.2.3.4' }), true);
  assert.equal(p({ remoteIp: { addressPrefix: '10.9.9.9', prefixLen: 32 } }, { sourceIp: '10.9.9.9' }), true, 'remote.ip defaults to the peer');
  assert.equal(p({ filterState: { key: 'io.istio.peer_principal', stringMatch: { prefix: 'spiffe://cluster.local/' } } }, { peer: ['spiffe://cluster.local/ns/a/sa/b'] }), true);
  assert.throws(() => compilePrincipal({ filterState: { key: 'other', stringMatch: { exact: 'x' } } }), /filter state/);
  assert.throws(() => compilePrincipal({ any: true, notId: { any: true } }), /exactly one/);
});

test('permission leaves: sni without SNI is the empty string, destination ip, metadata', () => {
  const p = (x: Permission, i: FactsInput): boolean => compilePermission(x).test(req(i));
  assert.equal(p({ requestedServerName: { safeRegex: { regex: '.+' } } }, {}), false);
  assert.equal(p({ notRule: { requestedServerName: { exact: 'a.com' } } }, {}), true);
  assert.equal(p({ requestedServerName: { suffix: '.com' } }, { sni: 'a.com' }), true);
  assert.equal(p({ destinationIp: { addressPrefix: '10.0.0.2', prefixLen: 32 } }, {}), true);
  const meta: Permission = { metadata: { filter: 'envoy.filters.a.b', path: [{ key: 'c' }], value: { listMatch: { oneOf: { stringMatch: { exact: 'v' } } } } } };
  assert.equal(p(meta, { meta: { 'envoy.filters.a.b': { c: ['u', 'v'] } } }), true);
  assert.equal(p(meta, { meta: { 'envoy.filters.a.b': { c: 'v' } } }), false);
  assert.equal(p({ andRules: { rules: [] } }, {}), true, 'AND of nothing is true');
  assert.equal(p({ orRules: { rules: [] } }, {}), false, 'OR of nothing is false');
});

test('explain names the attribute, its value and the matcher', () => {
  const n = compilePermission({ andRules: { rules: [{ destinationPort: 80 }, { urlPath: { path: { prefix: '/api/' } } }] } });
  const r = req({ port: 80 }, '/web');
  assert.equal(n.test(r), false);
  assert.equal(n.explain(r), 'url path `/web` does not match prefix `/api/`');
  const h = compilePrincipal({ header: { name: 'x-role', stringMatch: { exact: 'admin' } } });
  assert.equal(h.explain(req({ headers: [['x-role', 'a'], ['x-role', 'b']] })), '`x-role` `a`, `b` does not match exact `admin`');
});
