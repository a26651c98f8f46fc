import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCidr } from '../../src/compile/authz/cidr.js';
import { formatDuration } from '../../src/compile/authz/duration.js';
import { parseGoBool } from '../../src/compile/authz/dry-run.js';
import { claimPath } from '../../src/compile/authz/generators/jwt.js';
import { quoteMeta } from '../../src/compile/authz/quote-meta.js';
import { patternMatcher } from '../../src/compile/authz/string-matcher.js';
import { expandPrincipals, expandTrustDomains } from '../../src/compile/authz/trust-domain.js';
import { buildHttpAuthz } from '../../src/compile/authz/index.js';
import { OPTS, policy, policyOf } from './authz-fixtures.js';

describe('quoteMeta matches Go regexp.QuoteMeta (spec §4)', () => {
  const cases: [string, string][] = [
    ['plain-name', 'plain-name'],
    ['a.b', 'a\\.b'],
    ['rule[0]', 'rule\\[0\\]'],
    ['\\.+*?()|[]{}^$', '\\\\\\.\\+\\*\\?\\(\\)\\|\\[\\]\\{\\}\\^\\$'],
    ['/-_:', '/-_:'],
  ];
  for (const [input, want] of cases) test(input, () => assert.equal(quoteMeta(input), want));
  test('a quoted literal matches only itself', () => {
    assert.ok(new RegExp(`^${quoteMeta('a.b')}$`).test('a.b'));
    assert.ok(!new RegExp(`^${quoteMeta('a.b')}$`).test('aXb'));
  });
});

describe('value patterns (spec §2.6)', () => {
  const cases: [string, string, object][] = [
    ['*', '', { safeRegex: { regex: '.+' } }],
    ['*abc', '', { suffix: 'abc' }],
    ['abc*', '', { prefix: 'abc' }],
    ['*abc*', '', { suffix: 'abc*' }],
    ['a*c', '', { exact: 'a*c' }],
    ['*x.y', 'spiffe://', { safeRegex: { regex: 'spiffe://.*x\\.y' } }],
    ['x*', 'spiffe://', { prefix: 'spiffe://x' }],
  ];
  for (const [v, prefix, want] of cases) test(`\`${v}\` with prefix \`${prefix}\``, () => assert.deepEqual(patternMatcher(v, prefix), want));
});

describe('CIDR parsing like Go net/netip', () => {
  const good: [string, string, number][] = [
    ['1.2.3.4', '1.2.3.4', 32],
    ['10.1.2.3/8', '10.1.2.3', 8],
    ['0.0.0.0/0', '0.0.0.0', 0],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1', 128],
    ['2001:db8::/32', '2001:db8::', 32],
    ['::ffff:1.2.3.4', '::ffff:1.2.3.4', 128],
    ['1:0:0:1:0:0:0:1', '1:0:0:1::1', 128],
  ];
  for (const [input, prefix, len] of good) {
    test(`accepts ${input}`, () => assert.deepEqual(parseCidr(input), { ok: true, range: { addressPrefix: prefix, prefixLen: len } }));
  }
  for (const bad of ['', '1.2.3', '01.2.3.4', '256.1.1.1', '1.2.3.4/33', '1.2.3.4/08', '1.2.3.4/-1', '::1/129', 'fe80::1%eth0', 'host']) {
    test(`rejects \`${bad}\``, () => assert.equal(parseCidr(bad).ok, false));
  }
});

describe('Go ParseBool for istio.io/dry-run', () => {
  for (const t of ['1', 't', 'T', 'true', 'TRUE', 'True']) test(`${t} is true`, () => assert.equal(parseGoBool(t), true));
  for (const f of ['0', 'f', 'F', 'false', 'FALSE', 'False']) test(`${f} is false`, () => assert.equal(parseGoBool(f), false));
  for (const x of ['yes', 'tRUE', ' true', '']) test(`\`${x}\` is not a bool`, () => assert.equal(parseGoBool(x), undefined));
});

describe('durations in protobuf JSON form', () => {
  const cases: [string, string | undefined][] = [
    ['10s', '10s'],
    ['0.002s', '0.002s'],
    ['2ms', '0.002s'],
    ['1m30s', '90s'],
    ['1.5s', '1.500s'],
    ['1us', '0.000001s'],
    ['0', '0s'],
    ['10', undefined],
    ['-1s', undefined],
    ['abc', undefined],
  ];
  for (const [input, want] of cases) test(`${input} → ${String(want)}`, () => assert.equal(formatDuration(input), want));
});

describe('claim paths (spec §2.7.5)', () => {
  const cases: [string, string[] | undefined][] = [
    ['[iss]', ['iss']],
    ['[a][b][c]', ['a', 'b', 'c']],
    ['[foo.com/name]', ['foo.com/name']],
    ['[a[b]', ['a[b']],
    ['iss', undefined],
  ];
  for (const [input, want] of cases) test(input, () => assert.deepEqual(claimPath(input), want));
});

describe('request principals split at the last `/` (spec §2.7.4)', () => {
  const issSub = (value: string) => {
    const { filters } = buildHttpAuthz([policy('p', { rules: [{ from: [{ source: { requestPrincipals: [value] } }] }] })], OPTS);
    const ids = policyOf(filters, 'ns[foo]-policy[p]-rule[0]')?.principals[0]?.andIds?.ids?.[0]?.andIds?.ids ?? [];
    return ids.map((i) => i.metadata?.value.stringMatch);
  };
  const cases: [string, object[]][] = [
    ['*', [{ safeRegex: { regex: '.+' } }, { safeRegex: { regex: '.+' } }]],
    ['https://iss.example/sub', [{ exact: 'https://iss.example' }, { exact: 'sub' }]],
    ['issuer-only', [{ exact: 'issuer-only' }, { exact: '' }]],
    ['*/sub', [{ safeRegex: { regex: '.+' } }, { exact: 'sub' }]],
    ['*.example/sub', [{ suffix: '.example' }, { exact: 'sub' }]],
    ['iss/*', [{ exact: 'iss' }, { safeRegex: { regex: '.+' } }]],
    ['iss/ab*', [{ exact: 'iss' }, { prefix: 'ab' }]],
    ['*suffix', [{ safeRegex: { regex: '.+' } }, { suffix: 'suffix' }]],
  ];
  for (const [value, want] of cases) test(value, () => assert.deepEqual(issSub(value), want));
});

describe('trust-domain expansion (spec §2.7.1)', () => {
  const bundle = ['new-td', 'old-td'];
  const cases: [string, string[]][] = [
    ['old-td/ns/a/sa/b', ['new-td/ns/a/sa/b', 'old-td/ns/a/sa/b']],
    ['cluster.local/ns/a/sa/b', ['new-td/ns/a/sa/b', 'old-td/ns/a/sa/b']],
    ['other/ns/a/sa/b', ['other/ns/a/sa/b']],
    ['*/ns/a/sa/b', ['*/ns/a/sa/b']],
    ['*-td/ns/a/sa/b', ['*-td/ns/a/sa/b']],
    ['ns/a/sa/b', ['ns/a/sa/b']],
    ['*', ['*']],
  ];
  for (const [input, want] of cases) test(input, () => assert.deepEqual(expandPrincipals([input], bundle), want));
  test('an empty bundle keeps principals instead of deleting them (fail closed)', () => {
    assert.deepEqual(expandPrincipals(['cluster.local/ns/a/sa/b'], []), ['cluster.local/ns/a/sa/b']);
  });
  test('trustDomains naming a bundle entry stand for the whole bundle', () => {
    assert.deepEqual(expandTrustDomains(['old-td', 'x'], bundle), ['new-td', 'old-td', 'x']);
  });
});
