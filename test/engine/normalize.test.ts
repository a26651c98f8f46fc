import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeRequestPath, validateHttpRequest } from '../../src/engine/normalize.js';
import type { PathNormalization } from '../../src/model/index.js';

const MODES: PathNormalization[] = ['NONE', 'BASE', 'MERGE_SLASHES', 'DECODE_AND_MERGE_SLASHES'];

// [case, raw :path, expected urlPath per mode NONE / BASE / MERGE_SLASHES / DECODE_AND_MERGE_SLASHES]
const TABLE: [string, string, [string, string, string, string]][] = [
  ['AZ-01 double slash merged only by the merge options', '//admin', ['//admin', '//admin', '/admin', '/admin']],
  ['AZ-02 %2F decoded only by DECODE_AND_MERGE_SLASHES', '/admin%2Fsecret', ['/admin%2Fsecret', '/admin%2Fsecret', '/admin%2Fsecret', '/admin/secret']],
  ['AZ-04 dot segments resolved unless NONE', '/public/../admin', ['/public/../admin', '/admin', '/admin', '/admin']],
  ['AZ-06 unreserved escapes decoded', '/%61dmin', ['/%61dmin', '/admin', '/admin', '/admin']],
  ['AZ-08 backslash becomes slash', '/admin\\x', ['/admin\\x', '/admin/x', '/admin/x', '/admin/x']],
  ['AZ-09 %5C..%5C is a traversal only once decoded', '/%5C..%5Cadmin', ['/%5C..%5Cadmin', '/%5C..%5Cadmin', '/%5C..%5Cadmin', '/admin']],
  ['AZ-11 raw fragment stripped', '/user/profile#section1', ['/user/profile', '/user/profile', '/user/profile', '/user/profile']],
  ['AZ-12 query not part of the url path', '/admin?x=1', ['/admin', '/admin', '/admin', '/admin']],
  ['decoding happens once', '/a%252e%252e/b', ['/a%252e%252e/b', '/a%252e%252e/b', '/a%252e%252e/b', '/a%252e%252e/b']],
  ['escaped dots are dot segments (hex case-insensitive)', '/a/b/%2E%2e/c', ['/a/b/%2E%2e/c', '/a/c', '/a/c', '/a/c']],
  ['reserved escapes keep their hex case', '/a/%5c%25/c', ['/a/%5c%25/c', '/a/%5c%25/c', '/a/%5c%25/c', '/a/%25/c']],
  ['unreserved range %2d %5f %7e %30-%39', '/%2D%5f%7E%30%39', ['/%2D%5f%7E%30%39', '/-_~09', '/-_~09', '/-_~09']],
  ['a trailing .. keeps the trailing slash', '/a/b/..', ['/a/b/..', '/a/', '/a/', '/a/']],
  ['.. above the root stays at the root', '/../../a', ['/../../a', '/a', '/a', '/a']],
  ['non-ascii is percent-encoded as utf-8', '/caf\u00e9', ['/caf\u00e9', '/caf%C3%A9', '/caf%C3%A9', '/caf%C3%A9']],
];

for (const [name, raw, expected] of TABLE) {
  test(`normalizeRequestPath: ${name}`, () => {
    MODES.forEach((mode, i) => {
      const r = normalizeRequestPath(raw, mode);
      assert.equal(r.ok, true, `${mode}: ${JSON.stringify(r)}`);
      if (r.ok) assert.equal(r.urlPath, expected[i], `mode ${mode}`);
    });
  });
}

test('normalizeRequestPath keeps the query on the forwarded path, untouched by merging', () => {
  assert.deepEqual(normalizeRequestPath('/a//b?x=//y#frag', 'MERGE_SLASHES'), { ok: true, path: '/a/b?x=//y', urlPath: '/a/b' });
  assert.deepEqual(normalizeRequestPath('/a/./b?q=%2e%2e', 'BASE'), { ok: true, path: '/a/b?q=%2e%2e', urlPath: '/a/b' });
});

test('AZ-10: %00 is a 400 under every normalization option', () => {
  for (const mode of MODES) {
    for (const raw of ['/admin%00.json', '/xyz/.%00../abc', '/AAAAA%%0000/abc']) {
      const r = normalizeRequestPath(raw, mode);
      assert.equal(r.ok, false, `${mode} ${raw}`);
      if (!r.ok) {
        assert.equal(r.status, 400);
        assert.match(r.reason, /%00/);
      }
    }
  }
});

test('normalizeRequestPath refuses relative paths and control characters with 400', () => {
  for (const raw of ['a/b', '', '/a b', '/a\u0001']) {
    const r = normalizeRequestPath(raw, 'BASE');
    assert.equal(r.ok, false, JSON.stringify(raw));
  }
});

test('validateHttpRequest: AZ-25 lower-case method, AZ-53 NUL in a value, white space in a name', () => {
  assert.deepEqual(validateHttpRequest('GET', [['x-role', 'admin']]), { ok: true });
  assert.deepEqual(validateHttpRequest('PROPFIND', []), { ok: true });
  const cases: [string, [string, string][], string | undefined, RegExp][] = [
    ['get', [], undefined, /not upper case/],
    ['Get', [], undefined, /not upper case/],
    ['', [], undefined, /not a valid token/],
    ['GET', [['x-role', 'admin\0']], undefined, /nul/],
    ['GET', [['x role', 'admin']], undefined, /white space/],
    ['GET', [['x-role\t', 'admin']], undefined, /white space/],
    ['GET', [], 'host\0', /authority/],
  ];
  for (const [method, headers, authority, why] of cases) {
    const r = validateHttpRequest(method, headers, authority);
    assert.equal(r.ok, false, `${method} ${JSON.stringify(headers)}`);
    if (!r.ok) {
      assert.equal(r.status, 400);
      assert.match(r.reason, why);
    }
  }
});
