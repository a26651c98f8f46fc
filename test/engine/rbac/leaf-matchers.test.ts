import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileStringMatcher } from '../../../src/engine/rbac/string-matcher.js';
import { compileRe2FullMatch } from '../../../src/engine/rbac/re2.js';
import { compileCidr, parseIp } from '../../../src/engine/rbac/cidr.js';
import { compileUriTemplate } from '../../../src/engine/rbac/uri-template.js';
import { compileMetadataMatcher, compileValueMatcher } from '../../../src/engine/rbac/metadata-matcher.js';
import { MeshwardError, type StringMatcher, type ValueMatcher } from '../../../src/model/index.js';

test('string matcher: every kind, ignoreCase on ASCII only, regex as a full match', () => {
  const table: [StringMatcher, string, boolean][] = [
    [{ exact: 'POST' }, 'POST', true],
    [{ exact: 'POST' }, 'post', false],
    [{ exact: '' }, '', true],
    [{ exact: 'secret.com', ignoreCase: true }, 'Secret.COM', true], // AZ-19
    [{ exact: 'example.com', ignoreCase: true }, 'example.com:80', false], // AZ-20
    [{ suffix: '.example.com', ignoreCase: true }, 'A.EXAMPLE.COM', true], // AZ-54
    [{ suffix: '.example.com', ignoreCase: true }, 'example.com', false],
    [{ suffix: '.example.com', ignoreCase: true }, 'a.example.com:443', false],
    [{ prefix: '/admin' }, '/admin', true], // AZ-15: prefix matches the value itself
    [{ prefix: '/admin' }, '/administrator', true],
    [{ prefix: '/admin' }, '/ADMIN', false], // AZ-14
    [{ prefix: 'ab', ignoreCase: true }, 'AB-x', true],
    [{ contains: 'mid', ignoreCase: true }, 'xxMIDxx', true],
    [{ exact: '\u0130', ignoreCase: true }, 'i\u0307', false], // Unicode folding is not ASCII folding
    [{ safeRegex: { regex: '.+' } }, '', false],
    [{ safeRegex: { regex: '.+' } }, 'x', true],
    [{ safeRegex: { regex: 'abc' } }, 'xabcx', false], // full match, not search
    [{ safeRegex: { regex: 'spiffe://.*/ns/ns1/sa/foo' } }, 'spiffe://cluster.local/ns/ns1/sa/foo', true], // AZ-42
    [{ safeRegex: { regex: '.*/ns/foo/.*' } }, 'spiffe://other-td/ns/foo/sa/x', true], // AZ-45
    [{ safeRegex: { regex: 'spiffe://.+/ns/foo/(.+/|)sa/bar(/.+)?' } }, 'spiffe://td/ns/foo/sa/bar', true],
    [{ safeRegex: { regex: 'spiffe://.+/ns/foo/(.+/|)sa/bar(/.+)?' } }, 'spiffe://td/ns/foo/sa/barx', false],
    [{ safeRegex: { regex: 'a.c' } }, 'a\rc', true], // RE2 `.` excludes only \n
    [{ safeRegex: { regex: 'a.c' } }, 'a\nc', false],
    [{ safeRegex: { regex: 'a\\sc' } }, 'a\u00a0c', false], // RE2 \s is ASCII
    [{ safeRegex: { regex: '(?i)abc' } }, 'ABC', true],
    [{ safeRegex: { regex: 'a\\.b' }, ignoreCase: true }, 'A.B', false], // ignoreCase does not apply to regex
  ];
  for (const [m, value, want] of table) assert.equal(compileStringMatcher(m).test(value), want, `${JSON.stringify(m)} on ${JSON.stringify(value)}`);
  assert.equal(compileStringMatcher({ exact: 'Secret.COM', ignoreCase: true }).exact, 'secret.com');
});

test('string matcher and regex refuse what Envoy would reject, with ERR_RBAC_CONFIG', () => {
  const bad = (f: () => unknown): void => {
    assert.throws(f, (e: unknown) => e instanceof MeshwardError && e.code === 'ERR_RBAC_CONFIG');
  };
  bad(() => compileStringMatcher({}));
  bad(() => compileStringMatcher({ exact: 'a', prefix: 'b' }));
  bad(() => compileRe2FullMatch('(?=a)b'));
  bad(() => compileRe2FullMatch('(a)\\1'));
  bad(() => compileRe2FullMatch('a('));
  assert.equal(compileRe2FullMatch('(?P<n>a+)b').test('aab'), true);
  assert.equal(compileRe2FullMatch('\\Qa.b\\E').test('axb'), false);
  assert.equal(compileRe2FullMatch('\\Qa.b\\E').test('a.b'), true);
});

test('cidr: v4 and v6 containment, host bits masked, versions never mix', () => {
  const table: [string, number | undefined, string, boolean][] = [
    ['192.168.10.0', 24, '192.168.10.77', true],
    ['192.168.10.0', 24, '192.168.11.1', false],
    ['10.10.10.10', 32, '10.10.10.10', true],
    ['10.10.10.10', 32, '10.10.10.11', false],
    ['203.0.113.9', 24, '203.0.113.200', true], // host bits of the range are masked
    ['0.0.0.0', undefined, '8.8.8.8', true], // prefixLen absent = 0
    ['2001:db8::', 32, '2001:db8:ffff::1', true],
    ['2001:db8::', 32, '2001:db9::1', false],
    ['::1', 128, '0:0:0:0:0:0:0:1', true],
    ['::ffff:0:0', 96, '1.2.3.4', false], // a v4 address never matches a v6 range
    ['1.2.3.4', 32, '::ffff:1.2.3.4', false],
    ['10.0.0.0', 8, 'not-an-ip', false],
    ['10.0.0.0', 8, '010.0.0.1', false], // leading zeros are not an address
  ];
  for (const [prefix, len, ip, want] of table) {
    const c = compileCidr(len === undefined ? { addressPrefix: prefix } : { addressPrefix: prefix, prefixLen: len });
    assert.equal(c.test(parseIp(ip)), want, `${ip} in ${prefix}/${len}`);
  }
  assert.deepEqual(parseIp('::ffff:1.2.3.4')?.words, [0, 0, 0xffff, 0x01020304]);
  assert.throws(() => compileCidr({ addressPrefix: '1.2.3.4', prefixLen: 33 }), /invalid cidr/);
  assert.throws(() => compileCidr({ addressPrefix: 'x', prefixLen: 8 }), /invalid cidr/);
});

test('uri template: `*` is one non-empty segment, `**` any number of segments (AZ-18)', () => {
  const table: [string, string, boolean][] = [
    ['/foo/*', '/foo/bar', true],
    ['/foo/*', '/foo/bar/baz', false],
    ['/foo/*', '/foo/', false],
    ['/foo/**', '/foo/', true],
    ['/foo/**', '/foo/a/b/c', true],
    ['/**/path/template', '/a/b/path/template', true],
    ['/**/path/template', '/path/template', false], // `**` sits between two slashes
    ['/**/path/template', '//path/template', true],
    ['/foo/**/', '/foo/bar/', true],
    ['/foo/**/', '/foo//', true],
    ['/foo/**/', '/foo/bar', false],
    ['/**.mpd', '/content/123/manifest.mpd', true],
    ['/videos/*/*/*.m4s', '/videos/1/hls/x.m4s', true],
    ['/api/{id}/x', '/api/42/x', true],
    ['/a.b/*', '/aXb/c', false], // literals are literal
    ['/foo/*', '/foo/a*b', false], // `*` is not a pchar
  ];
  for (const [tpl, path, want] of table) assert.equal(compileUriTemplate(tpl).test(path), want, `${tpl} on ${path}`);
  for (const badTpl of ['foo/*', '/**/a/*', '/a/{', '/a b']) assert.throws(() => compileUriTemplate(badTpl), /uri template/);
});

test('value matcher: strings only match strings, lists by element, presence, or', () => {
  const claimOr: ValueMatcher = { orMatch: { valueMatchers: [{ listMatch: { oneOf: { stringMatch: { exact: 'read' } } } }, { stringMatch: { exact: 'read' } }] } };
  const table: [ValueMatcher, unknown, boolean][] = [
    [{ stringMatch: { exact: '1' } }, 1, false], // numeric claims never match a string
    [{ stringMatch: { exact: 'true' } }, true, false],
    [{ stringMatch: { exact: 'a' } }, 'a', true],
    [claimOr, ['write', 'read'], true],
    [claimOr, 'read', true],
    [claimOr, 'read write', false], // only the jwt filter splits space-delimited claims
    [claimOr, undefined, false],
    [{ presentMatch: true }, null, true],
    [{ presentMatch: true }, undefined, false],
    [{ presentMatch: false }, undefined, false],
    [{ boolMatch: true }, true, true],
    [{ boolMatch: true }, 'true', false],
  ];
  for (const [vm, v, want] of table) assert.equal(compileValueMatcher(vm).test(v), want, `${JSON.stringify(vm)} on ${JSON.stringify(v)}`);
});

test('metadata matcher walks nested structs; a missing step is unset; invert flips', () => {
  const m = compileMetadataMatcher({ filter: 'envoy.filters.http.jwt_authn', path: [{ key: 'payload' }, { key: 'iss' }], value: { stringMatch: { exact: 'a' } } });
  const inv = compileMetadataMatcher({ filter: 'envoy.filters.http.jwt_authn', path: [{ key: 'payload' }, { key: 'iss' }], value: { stringMatch: { exact: 'a' } }, invert: true });
  const meta = (v: unknown) => (f: string) => (f === 'envoy.filters.http.jwt_authn' ? (v as Record<string, unknown>) : undefined);
  assert.equal(m.test(meta({ payload: { iss: 'a' } })), true);
  assert.equal(m.test(meta({ payload: 'not-a-struct' })), false);
  assert.equal(m.test(meta(undefined)), false);
  assert.equal(inv.test(meta(undefined)), true);
  assert.equal(inv.test(meta({ payload: { iss: 'a' } })), false);
});
