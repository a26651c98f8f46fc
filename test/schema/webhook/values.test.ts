/**
 * Value checks of the webhook, table-driven: IP/CIDR (Go netip), ports (ParseUint), path
 * templates, service accounts, trust domains, `when` keys, Go URL parsing and durations.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { durationError } from '../../../src/schema/webhook/duration.js';
import { parseGoRequestUri, parseGoUrl } from '../../../src/schema/webhook/go-url.js';
import { serviceAccountError, trustDomainError } from '../../../src/schema/webhook/identity-values.js';
import { ipError } from '../../../src/schema/webhook/ip.js';
import { checkJwks } from '../../../src/schema/webhook/jwks.js';
import { parseGoBool } from '../../../src/schema/webhook/metadata.js';
import { pathTemplateError } from '../../../src/schema/webhook/path-template.js';
import { portError } from '../../../src/schema/webhook/ports.js';
import { jwksUriError } from '../../../src/schema/webhook/request-authentication.js';
import { lookupWhenKey } from '../../../src/schema/webhook/when-keys.js';

const table = (name: string, fn: (v: string) => unknown, valid: string[], invalid: string[]) =>
  describe(name, () => {
    for (const v of valid) it(`accepts ${JSON.stringify(v)}`, () => assert.equal(fn(v), undefined));
    for (const v of invalid) it(`rejects ${JSON.stringify(v)}`, () => assert.equal(typeof fn(v), 'string'));
  });

table('ipError (netip)', ipError,
  ['1.2.3.4', '10.0.0.0/8', '0.0.0.0/0', '::1', '2001:db8::/32', 'fe80::1%eth0', '::ffff:1.2.3.4', '1.2.3.4/32', '1:2:3:4:5:6:7:8'],
  ['ip1', '1.2.3.4/33', '01.2.3.4', '1.2.3', '256.0.0.1', '10.0.0.0/08', 'fe80::1%eth0/64', '::1/129', '1:2:3:4:5:6:7:8:9', '1.2.3.4/', ':::']);

table('portError (ParseUint ≤ 65535)', portError, ['0', '80', '65535', '00080'], ['port1', '65536', '80-90', '*', '-1', '+1', '', '99999999999']);

describe('portError wording', () => {
  it('prints Go\'s nil error for 65536', () => assert.equal(portError('65536'), 'bad port (65536): <nil>'));
});

table('pathTemplateError', (p) => pathTemplateError(p, 'Paths'),
  ['/exact', '/prefix/*', '*/suffix', '*', '/path/template/{*}', '/{**}/path/template', '/a/{*}/b/{**}', '/{*}/{*}', '/', '/x*y'],
  ['/foo/{*}.txt', '/foo/{buzz}', '/{*}/foo/{}/bar', '/foo/{buzz=*}/bar/{**}', '/{**}/foo/{*}', '/{**}/{**}', '/a{/b', '/a/*/{*}', '/a//{*}']);

table('serviceAccountError', (v) => serviceAccountError(v, 'ServiceAccounts'), ['sa', 'ns/sa'], ['', 'ns/*', '*', 'a/b/c', '/sa', 'ns/', 'x'.repeat(321)]);

table('trustDomainError', (v) => trustDomainError(v, 'TrustDomains'), ['cluster.local', '*', '*-suffix', 'prefix-*'], ['', 'spiffe://cluster.local', 'cluster.local/ns/foo', '**', 'a*b', '*a*']);

describe('lookupWhenKey (spec §2.8)', () => {
  const known = ['request.headers[x-user]', 'source.ip', 'remote.ip', 'source.namespace', 'source.principal', 'source.serviceAccount', 'source.trustDomain',
    'request.auth.principal', 'request.auth.audiences', 'request.auth.presenter', 'request.auth.claims[iss]', 'request.auth.claims[a][b]',
    'destination.ip', 'destination.port', 'connection.sni', 'experimental.envoy.filters.a.b[c]'];
  for (const k of known) it(`knows ${k}`, () => assert.equal(lookupWhenKey(k).ok, true));
  const rejected: [string, string][] = [
    ['destination.namespace', 'attribute destination.namespace is replaced by the metadata.namespace'],
    ['destination.labels[app]', 'attribute destination.labels[app] is replaced by the workload selector'],
    ['destination.name', 'deprecated attribute destination.name: only supported in v1alpha1'],
    ['destination.user', 'deprecated attribute destination.user: only supported in v1alpha1'],
    ['request.time', 'unknown attribute: request.time'],
    ['request.headers[]', 'bad key (request.headers[]): should have format a[b]'],
    ['experimental.envoy.filters.x', 'bad key (experimental.envoy.filters.x): should have format a[b]'],
  ];
  for (const [k, reason] of rejected) it(`rejects ${k}`, () => assert.deepEqual(lookupWhenKey(k), { ok: false, reason }));
  it('marks HTTP-only keys', () => {
    const info = (k: string) => { const r = lookupWhenKey(k); assert.ok(r.ok); return r.info; };
    assert.equal(info('request.headers[a]').httpOnly, true);
    assert.equal(info('request.auth.claims[a]').httpOnly, true);
    assert.equal(info('destination.port').httpOnly, false);
    assert.equal(info('connection.sni').httpOnly, false);
  });
});

describe('Go url parsing', () => {
  it('parses scheme, host and port', () => {
    assert.deepEqual(parseGoUrl('HTTPS://example.com:8443/jwks?x=1#f'), { ok: true, url: { scheme: 'https', hostname: 'example.com', port: '8443', opaque: false, absolutePath: true } });
    assert.deepEqual(parseGoUrl('https://[::1]:80/'), { ok: true, url: { scheme: 'https', hostname: '::1', port: '80', opaque: false, absolutePath: true } });
  });
  it('rejects what Go rejects', () => {
    assert.deepEqual(parseGoUrl('https://foo.com:not-a-number'), { ok: false, error: 'parse "https://foo.com:not-a-number": invalid port ":not-a-number" after host' });
    assert.equal(parseGoUrl('a\bb').ok, false);
    assert.equal(parseGoUrl(':foo').ok, false);
    assert.equal(parseGoUrl('foo:bar/x').ok, true); // scheme "foo", opaque
    assert.equal(parseGoUrl('a/b:c').ok, true);
    assert.equal(parseGoUrl('ab:c').ok, true);
    assert.equal(parseGoUrl('1a:c').ok, false); // no scheme, colon in first segment
    assert.equal(parseGoUrl('http://x/%zz').ok, false);
  });
  it('ParseRequestURI wants an absolute URL or path', () => {
    assert.equal(parseGoRequestUri('foo.com').ok, false);
    assert.equal(parseGoRequestUri('/jwks').ok, true);
    assert.equal(parseGoRequestUri('').ok, false);
  });
  it('jwksUriError follows security.ParseJwksURI', () => {
    assert.equal(jwksUriError('https://example.com/.well-known/jwks.json'), undefined);
    assert.equal(jwksUriError('http://example.com:8080/jwks'), undefined);
    assert.equal(jwksUriError('foo.com'), 'URI scheme "" is not supported');
    assert.equal(jwksUriError('ftp://x/jwks'), 'URI scheme "ftp" is not supported');
  });
});

table('durationError (≥1ms, whole ms)', durationError, ['1ms', '5s', '0.002s', '1.5s', '1m30s', '2h'], ['apple', '0s', '0.5ms', '1.0005s', '999us', '-1s', '', '5']);

describe('checkJwks', () => {
  it('accepts a public JWK set and a single JWK', () => {
    assert.deepEqual(checkJwks('{"keys":[{"kty":"RSA","n":"x","e":"AQAB"}]}'), { ok: true, privateKeyIndexes: [] });
    assert.deepEqual(checkJwks('{"kty":"EC","crv":"P-256","x":"a","y":"b"}'), { ok: true, privateKeyIndexes: [] });
  });
  it('flags private key material by index', () => {
    assert.deepEqual(checkJwks('{"keys":[{"kty":"EC","x":"a"},{"kty":"EC","d":"s"},{"kty":"oct","k":"c"}]}'), { ok: true, privateKeyIndexes: [1, 2] });
  });
  it('rejects what is not a JWK set', () => {
    for (const bad of ['foo', '[]', '{"keys":"x"}', '{"keys":[{"n":"x"}]}', '{"keys":[{"kty":"XYZ"}]}', '{"keys":[1]}']) {
      assert.equal(checkJwks(bad).ok, false, bad);
    }
  });
});

describe('parseGoBool (istio.io/dry-run)', () => {
  it('accepts Go booleans only', () => {
    for (const t of ['1', 't', 'T', 'TRUE', 'true', 'True']) assert.equal(parseGoBool(t), true);
    for (const f of ['0', 'f', 'F', 'FALSE', 'false', 'False']) assert.equal(parseGoBool(f), false);
    for (const x of ['yes', 'foo', '', 'tRUE']) assert.equal(parseGoBool(x), undefined);
  });
});
