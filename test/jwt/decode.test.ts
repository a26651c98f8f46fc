/**
 * Unit tables for the pieces below the filter: abseil-compatible base64url, the check order of
 * `parseJwt`, and JWKS key acceptance (jvl `jwks.cc`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeBase64Url } from '../../src/engine/jwt/base64url.js';
import { parseJwks } from '../../src/engine/jwt/jwk-set.js';
import { parseJwt } from '../../src/engine/jwt/parse.js';
import { generateSigningKey } from '../../src/identity/jwt-sign.js';

const hex = (b: Buffer | undefined): string | undefined => b?.toString('hex');

test('base64url: abseil acceptance rules', () => {
  const cases: [string, string | undefined][] = [
    ['', ''],
    ['AQAB', '010001'],
    ['AQ', '01'],
    ['AQ==', '01'],
    ['AQ=', undefined], // wrong padding count
    ['AQA=', '0100'],
    ['A', undefined], // 4n+1 data characters
    ['AQ AB', '010001'], // whitespace skipped
    ['AQ+B', undefined], // standard alphabet
    ['AQ/B', undefined],
    ['AQ==AB', undefined], // data after padding
    ['AQ.', undefined], // '.' counts as padding: one is wrong after two characters
    ['AQ..', '01'],
    ['AQAB=', undefined], // padding after a full quantum
  ];
  for (const [input, want] of cases) assert.equal(hex(decodeBase64Url(input)), want, JSON.stringify(input));
});

test('base64url: agrees with Buffer on every canonical encoding', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      const s = Buffer.from(bytes).toString('base64url');
      assert.equal(hex(decodeBase64Url(s)), Buffer.from(bytes).toString('hex'));
    }),
    { numRuns: 200 },
  );
});

test('parseJwt: dots, empty segments and field order', () => {
  const h = Buffer.from('{"alg":"RS256"}').toString('base64url');
  const p = Buffer.from('{"iss":"i","sub":"s","aud":"a","exp":10.7}').toString('base64url');
  const r = parseJwt(`${h}.${p}.AAAA`);
  assert.ok(r.ok);
  assert.deepEqual([r.jwt.iss, r.jwt.sub, r.jwt.audiences, r.jwt.exp, r.jwt.kid, r.jwt.signature.length], ['i', 's', ['a'], 10, '', 3]);
  for (const t of ['a.b', 'a..b', '.a.b', `${h}.${p}.`, 'a.b.c.d']) {
    assert.deepEqual(parseJwt(t), { ok: false, status: 'JwtBadFormat' }, t);
  }
  // The payload is checked before the signature segment.
  assert.deepEqual(parseJwt(`${h}.${Buffer.from('{"iss":1}').toString('base64url')}.***`), { ok: false, status: 'JwtPayloadParseErrorIssNotString' });
  // Invalid UTF-8 is invalid JSON for protobuf.
  assert.deepEqual(parseJwt(`${h}.${Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')}.AAAA`), { ok: false, status: 'JwtPayloadParseErrorBadJson' });
});

test('parseJwks: key acceptance', () => {
  const rsa = generateSigningKey('RS256', 'r').publicJwk as Record<string, unknown>;
  const ec = generateSigningKey('ES256', 'e').publicJwk as Record<string, unknown>;
  const ed = generateSigningKey('EdDSA', 'd').publicJwk as Record<string, unknown>;
  const ok = parseJwks(JSON.stringify({ keys: [rsa, ec, ed, { kty: 'oct', k: 'c2VjcmV0' }, 'not-an-object'] }));
  assert.ok(ok.ok);
  assert.deepEqual(ok.keys.map((k) => [k.kty, k.kid, k.crv]), [['RSA', 'r', ''], ['EC', 'e', 'P-256'], ['OKP', 'd', 'Ed25519'], ['oct', '', '']]);
  const bad = parseJwks(JSON.stringify({
    keys: [
      { ...rsa, alg: 'ES256' },
      { ...ec, alg: 'ES384' },
      { ...ec, x: ec['y'] },
      { kty: 'OKP', crv: 'Ed448', x: 'AA' },
      { kty: 'oct', k: '' },
      { n: 'AQAB' },
    ],
  }));
  assert.ok(!bad.ok);
  assert.equal(bad.problem, "Jwks doesn't have any valid public key");
  assert.equal(bad.dropped.length, 6);
  assert.match(bad.dropped[0] ?? '', /\[alg\] is not started with \[RS\] or \[PS\] for an RSA key/);
  assert.match(bad.dropped[1] ?? '', /not compatible with \[alg\]/);
  assert.deepEqual(parseJwks('{"nokeys":1}'), { ok: false, problem: 'Jwks does not have [keys] field', dropped: [] });
  assert.deepEqual(parseJwks('{"keys":{}}'), { ok: false, problem: '[keys] in Jwks is not an array', dropped: [] });
});
