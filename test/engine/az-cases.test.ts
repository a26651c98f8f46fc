/**
 * adversarial-cases.md section A: every AZ case about matching or normalization, run through the
 * engine as a sidecar would (validate → normalize → RBAC chain). Policies are written in the exact
 * shape istiod's builder emits for them (spec §2.9.3).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeRequestPath, validateHttpRequest } from '../../src/engine/normalize.js';
import { prepareAuthzChain, runAuthzChain } from '../../src/engine/authz-chain.js';
import { sidecarRemoteIp } from '../../src/engine/rbac/request-view.js';
import type { AuthzFilter, PathNormalization, Permission, Principal, StringMatcher } from '../../src/model/index.js';
import { facts, httpRbac, tcpRbac, type FactsInput } from './helpers.js';

// Istio-shaped leaves and wrappers.
const perm = (...rules: Permission[]): Permission => ({ andRules: { rules } });
const id = (...ids: Principal[]): Principal => ({ andIds: { ids } });
const anyP = (...rules: Permission[]): Permission => ({ orRules: { rules } });
const anyId = (...ids: Principal[]): Principal => ({ orIds: { ids } });
const urlPath = (m: StringMatcher): Permission => ({ urlPath: { path: m } });
const host = (m: StringMatcher | 'present'): Permission =>
  ({ header: m === 'present' ? { name: ':authority', presentMatch: true } : { name: ':authority', stringMatch: { ...m, ignoreCase: true } } });
const methodIs = (m: string): Permission => ({ header: { name: ':method', stringMatch: { exact: m } } });
const principal = (m: StringMatcher): Principal => ({ authenticated: { principalName: m } });
const ANY_P: Permission = perm({ any: true });
const ANY_ID: Principal = id({ any: true });

function filter(action: 'DENY' | 'ALLOW', permissions: Permission[], principals: Principal[] = [ANY_ID]): AuthzFilter {
  const rules = { policies: { 'ns[foo]-policy[p]-rule[0]': { permissions, principals } } };
  return httpRbac(action === 'DENY' ? { action, ...rules } : rules);
}

/** What the client sees: 400, 403 or 200. */
function status(filters: AuthzFilter[], i: FactsInput, mode: PathNormalization = 'BASE', xffRemote = false): number | 'reset' {
  const f = facts(i);
  if (f.http) {
    const v = validateHttpRequest(f.http.method, f.http.headers, f.http.authority);
    if (!v.ok) return v.status;
    const n = normalizeRequestPath(f.http.path, mode);
    if (!n.ok) return n.status;
    const remote = xffRemote ? sidecarRemoteIp(f) : undefined;
    return runAuthzChain(prepareAuthzChain(filters), { facts: f, path: n.path, urlPath: n.urlPath, trace: false, ...(remote ? { remoteIp: remote } : {}) }, 'all').status;
  }
  return runAuthzChain(prepareAuthzChain(filters), { facts: f, trace: false }, 'all').status;
}

const denyPath = (p: string): AuthzFilter[] => [filter('DENY', [perm(anyP(urlPath({ exact: p })))])];
const denyAdmin = denyPath('/admin');
const MODES: PathNormalization[] = ['NONE', 'BASE', 'MERGE_SLASHES', 'DECODE_AND_MERGE_SLASHES'];

// [id, filters, request, expected status per mode NONE / BASE / MERGE / DECODE_AND_MERGE]
const NORMALIZATION: [string, AuthzFilter[], FactsInput, [number, number, number, number]][] = [
  ['AZ-01 //admin', denyAdmin, { path: '//admin' }, [200, 200, 403, 403]],
  ['AZ-02 /admin%2Fsecret', denyPath('/admin/secret'), { path: '/admin%2Fsecret' }, [200, 200, 200, 403]],
  ['AZ-04 /public/../admin', denyAdmin, { path: '/public/../admin' }, [200, 403, 403, 403]],
  ['AZ-06 /%61dmin', denyAdmin, { path: '/%61dmin' }, [200, 403, 403, 403]],
  ['AZ-08 /admin\\x', denyPath('/admin/x'), { path: '/admin\\x' }, [200, 403, 403, 403]],
  ['AZ-09 /%5C..%5Cadmin', denyAdmin, { path: '/%5C..%5Cadmin' }, [200, 200, 200, 403]],
  ['AZ-10 %00', denyAdmin, { path: '/admin%00.json' }, [400, 400, 400, 400]],
  ['AZ-11 raw #fragment', denyPath('/user/profile'), { path: '/user/profile#section1' }, [403, 403, 403, 403]],
  ['AZ-12 query ignored', denyAdmin, { path: '/admin?x=1' }, [403, 403, 403, 403]],
  ['AZ-14 paths are case-sensitive', denyAdmin, { path: '/ADMIN' }, [200, 200, 200, 200]],
  ['AZ-55 ALLOW notPaths bypassed by //admin', [filter('ALLOW', [perm({ notRule: anyP(urlPath({ exact: '/admin' })) })])], { path: '//admin' }, [200, 200, 403, 403]],
];

for (const [name, filters, req, want] of NORMALIZATION) {
  test(name, () => {
    assert.deepEqual(MODES.map((m) => status(filters, req, m)), want);
  });
}

test('AZ-15 `/admin*` is a prefix that also matches `/admin`', () => {
  const f = [filter('DENY', [perm(anyP(urlPath({ prefix: '/admin' })))])];
  assert.deepEqual(['/administrator', '/admin', '/adm'].map((p) => status(f, { path: p })), [403, 403, 200]);
});

test('AZ-18 `{*}` is exactly one non-empty segment, query stripped', () => {
  const tpl: Permission = { uriTemplate: { name: 'uri-template', typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.path.match.uri_template.v3.UriTemplateMatchConfig', pathTemplate: '/foo/*' } } };
  const f = [filter('ALLOW', [perm(anyP(tpl))])];
  assert.deepEqual(['/foo/bar', '/foo/bar/baz', '/foo/', '/foo/bar?x=/y'].map((p) => status(f, { path: p })), [200, 403, 403, 200]);
});

test('AZ-19 / AZ-20 / AZ-54 hosts ignore case but not the port', () => {
  const secret = [filter('DENY', [perm(anyP(host({ exact: 'secret.com' })))])];
  assert.equal(status(secret, { authority: 'Secret.COM' }), 403);
  const example = [filter('DENY', [perm(anyP(host({ exact: 'example.com' })))])];
  assert.deepEqual(['example.com:80', 'example.com:443', 'example.com:8080'].map((a) => status(example, { authority: a })), [200, 200, 200]);
  const both = [filter('DENY', [perm(anyP(host({ exact: 'example.com' }), host({ prefix: 'example.com:' })))])];
  assert.equal(status(both, { authority: 'example.com:8080' }), 403);
  const wildcard = [filter('ALLOW', [perm(anyP(host({ suffix: '.example.com' })))])];
  assert.deepEqual(['a.example.com', 'example.com', 'a.example.com:443', 'A.EXAMPLE.COM'].map((a) => status(wildcard, { authority: a })), [200, 403, 403, 200]);
});

test('AZ-23 host rules on a sidecar follow the client-chosen Host', () => {
  assert.equal(status([filter('ALLOW', [perm(anyP(host({ exact: 'httpbin.foo' })))])], { authority: 'anything' }), 403);
  assert.equal(status([filter('DENY', [perm(anyP(host({ exact: 'httpbin.foo' })))])], { authority: 'x' }), 200);
});

test('AZ-25 / AZ-53 lower-case methods, NUL in a header and spaces in a name are 400 before authz', () => {
  const allowAll = [filter('ALLOW', [ANY_P])];
  assert.equal(status(allowAll, { method: 'get' }), 400);
  assert.equal(status(allowAll, { headers: [['x-role', 'admin\0']] }), 400);
  assert.equal(status(allowAll, { headers: [['x role', 'admin']] }), 400);
});

test('AZ-26 methods match exactly: DENY GET does not catch HEAD', () => {
  const f = [filter('DENY', [perm(anyP(methodIs('GET')))])];
  assert.deepEqual(['HEAD', 'GET'].map((m) => status(f, { method: m })), [200, 403]);
});

test('AZ-28 / AZ-30 / AZ-31 headers: each line matched alone, names case-insensitive, values not', () => {
  const role = (v: string, name = 'x-role'): AuthzFilter[] => [filter('DENY', [ANY_P], [id(anyId({ header: { name, stringMatch: { exact: v } } }))])];
  assert.equal(status(role('admin'), { headers: [['x-role', 'user'], ['x-role', 'admin']] }), 403);
  assert.equal(status(role('admin', 'X-Role'), { headers: [['x-role', 'admin']] }), 403);
  assert.equal(status(role('Admin'), { headers: [['x-role', 'admin']] }), 200);
  assert.equal(status(role('user,admin'), { headers: [['x-role', 'user'], ['x-role', 'admin']] }), 200, 'values are no longer comma-joined');
});

test('AZ-32 / AZ-35 remote.ip is the right-most XFF entry at a sidecar; source.ip is the real peer', () => {
  const remote = (cidr: string, prefixLen: number, action: 'DENY' | 'ALLOW'): AuthzFilter[] => [filter(action, [ANY_P], [id(anyId({ remoteIp: { addressPrefix: cidr, prefixLen } }))])];
  const attacker: FactsInput = { sourceIp: '10.1.2.3', headers: [['x-forwarded-for', '198.51.100.7']] };
  assert.equal(status(remote('203.0.113.0', 24, 'DENY'), attacker, 'BASE', true), 200);
  assert.equal(status(remote('198.51.100.0', 24, 'ALLOW'), attacker, 'BASE', true), 200, 'spoofed XFF satisfies the ALLOW');
  const direct = [filter('ALLOW', [ANY_P], [id(anyId({ directRemoteIp: { addressPrefix: '198.51.100.0', prefixLen: 24 } }))])];
  assert.equal(status(direct, attacker, 'BASE', true), 403, 'ipBlocks see the real peer');
  const gatewayBehind: FactsInput = { sourceIp: '10.9.9.9', headers: [['x-forwarded-for', '1.2.3.4, 10.9.9.9']] };
  const endUser = [filter('ALLOW', [ANY_P], [id(anyId({ directRemoteIp: { addressPrefix: '1.2.3.4', prefixLen: 32 } }))])];
  assert.equal(status(endUser, gatewayBehind), 403);
});

test('AZ-36 / AZ-38 / AZ-39 identity matchers never match plaintext; `not *` does', () => {
  const fooNs = principal({ safeRegex: { regex: '.*/ns/foo/.*' } });
  const plain: FactsInput = { peer: [], mtls: false };
  assert.equal(status([filter('DENY', [ANY_P], [id(anyId(fooNs))])], plain), 200);
  assert.equal(status([filter('ALLOW', [ANY_P], [id(anyId(principal({ exact: 'spiffe://cluster.local/ns/a/sa/b' })))])], plain), 403);
  const notAny = [filter('DENY', [ANY_P], [id({ notId: anyId(principal({ safeRegex: { regex: '.+' } })) })])];
  assert.equal(status(notAny, plain), 403);
  assert.equal(status(notAny, { peer: ['spiffe://cluster.local/ns/a/sa/b'] }), 200);
});

test('AZ-42 / AZ-45 principal and namespace regexes', () => {
  const peer: FactsInput = { peer: ['spiffe://cluster.local/ns/ns1/sa/foo'] };
  assert.equal(status([filter('DENY', [ANY_P], [id(anyId(principal({ safeRegex: { regex: 'spiffe://.*/ns/ns1/sa/foo' } })))])], peer), 403);
  const ns = [filter('ALLOW', [ANY_P], [id(anyId(principal({ safeRegex: { regex: '.*/ns/foo/.*' } })))])];
  assert.equal(status(ns, { peer: ['spiffe://other-td/ns/foo/sa/x'] }), 200);
});

test('AZ-46 DENY before ALLOW; an ALLOW that exists but does not match denies', () => {
  const filters = [denyAdmin[0] as AuthzFilter, filter('ALLOW', [ANY_P], [id(anyId(principal({ safeRegex: { regex: '.*/ns/x/.*' } })))])];
  assert.equal(status(filters, { path: '/admin', peer: ['spiffe://cluster.local/ns/x/sa/a'] }), 403);
  assert.equal(status(filters, { path: '/b', peer: ['spiffe://cluster.local/ns/y/sa/a'] }), 403);
  assert.equal(status(filters, { path: '/b', peer: ['spiffe://cluster.local/ns/x/sa/a'] }), 200);
  assert.equal(status(denyAdmin, { path: '/b' }), 200);
});

test('AZ-48 on TCP a DENY stripped of HTTP fields denies every connection; an emptied ALLOW too', () => {
  const deny = [tcpRbac({ action: 'DENY', policies: { 'ns[foo]-policy[d]-rule[0]': { permissions: [ANY_P], principals: [ANY_ID] } } })];
  assert.equal(status(deny, { tcp: true }), 'reset');
  const scoped = [tcpRbac({ action: 'DENY', policies: { 'ns[foo]-policy[d]-rule[0]': { permissions: [perm(anyP({ destinationPort: 8080 }))], principals: [ANY_ID] } } })];
  assert.deepEqual([8080, 9090].map((port) => status(scoped, { tcp: true, port })), ['reset', 200]);
  assert.equal(status([tcpRbac({})], { tcp: true }), 'reset');
});

test('AZ-49 without a token, ALLOW requestPrincipals `*` denies with 403', () => {
  const jwtMeta = (key: string): Principal => ({ metadata: { filter: 'envoy.filters.http.jwt_authn', path: [{ key: 'payload' }, { key }], value: { stringMatch: { safeRegex: { regex: '.+' } } } } });
  const f = [filter('ALLOW', [ANY_P], [id(anyId(id(jwtMeta('iss'), jwtMeta('sub'))))])];
  assert.equal(status(f, {}), 403);
  assert.equal(status(f, { jwt: { iss: 'https://issuer', sub: 'alice' } }), 200);
  assert.equal(status(f, { jwt: { iss: 'https://issuer' } }), 403, 'both iss and sub must be non-empty');
});
