/**
 * Istio's sample JWKS, tokens and key (security/tools/jwt/samples, copied under
 * ../shared/conformance/istio/jwt) through the engine: the tokens the istio.io tasks use must pass
 * with the payload Envoy would expose, and the sample key must sign tokens the JWKS accepts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileJwtAuthn } from '../../src/compile/request-authn.js';
import { runJwtAuthn } from '../../src/engine/jwt/index.js';
import { resolveJwks } from '../../src/identity/jwks.js';
import { loadPrivateKeyPem, signJwt } from '../../src/identity/jwt-sign.js';
import { requestAuthn } from './helpers.js';

const repo = resolvePath(fileURLToPath(import.meta.url), '../../..');
const dir = join(process.env['MESHWARD_CONFORMANCE_DIR'] ?? join(repo, '..', 'shared', 'conformance', 'istio'), 'jwt');
const present = existsSync(join(dir, 'jwks.json'));
const skip = present ? false : `Istio sample JWT data not found at ${dir} (set MESHWARD_CONFORMANCE_DIR)`;
if (skip) console.log(`# skipping Istio sample JWT tests: ${skip}`);

const ISSUER = 'testing@secure.istio.io';
const read = (f: string): string => readFileSync(join(dir, f), 'utf8');
const NOW = 1_750_000_000;

async function resolved(rule: Record<string, unknown> = {}) {
  const cfg = compileJwtAuthn([requestAuthn([{ issuer: ISSUER, jwksUri: 'https://raw.githubusercontent.com/istio/istio/master/security/tools/jwt/samples/jwks.json', ...rule }])]);
  assert.ok(cfg);
  // No network: the sample JWKS is supplied as an override for the jwksUri.
  return resolveJwks(cfg, { overrides: new Map([[ISSUER, read('jwks.json')]]), fetch: () => Promise.reject(new Error('no network in tests')) });
}

test('istio sample demo.jwt passes with principal testing@secure.istio.io/testing@secure.istio.io', { skip }, async () => {
  const cfg = await resolved();
  const r = runJwtAuthn(cfg, { method: 'GET', path: '/headers', headers: [['authorization', `Bearer ${read('demo.jwt').trim()}`]] }, NOW);
  assert.ok(r.ok);
  assert.equal(r.principal, `${ISSUER}/${ISSUER}`);
  assert.deepEqual(r.jwt?.payload, { exp: 4685989700, foo: 'bar', iat: 1532389700, iss: ISSUER, sub: ISSUER });
});

test('istio sample groups-scope.jwt exposes list claims unchanged', { skip }, async () => {
  const cfg = await resolved({ outputClaimToHeaders: [{ header: 'x-jwt-foo', claim: 'foo' }] });
  const r = runJwtAuthn(cfg, { method: 'GET', path: '/', headers: [['authorization', `Bearer ${read('groups-scope.jwt').trim()}`]] }, NOW);
  assert.ok(r.ok);
  assert.deepEqual(r.jwt?.payload['groups'], ['group1', 'group2']);
  assert.deepEqual(r.jwt?.payload['scope'], ['scope1', 'scope2']);
  assert.equal(r.headers.find(([n]) => n === 'x-jwt-foo'), undefined);
});

test('istio sample token fails after its exp (demo.jwt at exp+61)', { skip }, async () => {
  const cfg = await resolved();
  const r = runJwtAuthn(cfg, { method: 'GET', path: '/', headers: [['authorization', `Bearer ${read('demo.jwt').trim()}`]] }, 4685989700 + 61);
  assert.ok(!r.ok);
  assert.equal(r.message, 'Jwt is expired');
});

test('istio sample key.pem signs tokens that the sample JWKS accepts; a tampered one fails', { skip }, async () => {
  const cfg = await resolved({ audiences: ['payment-api'] });
  const key = loadPrivateKeyPem(read('key.pem'), 'RS256', 'DHFbpoIUqrY8t2zpA2qXfCmr5VO5ZEr4RzHU_-envvQ');
  const t = await signJwt(key, { iss: ISSUER, sub: 'alice', aud: ['payment-api'] }, { now: NOW, expiresIn: 3600 });
  const ok = runJwtAuthn(cfg, { method: 'GET', path: '/', headers: [['authorization', `Bearer ${t}`]] }, NOW);
  assert.ok(ok.ok && ok.principal === `${ISSUER}/alice`);
  const [h, , s] = t.split('.');
  const forged = `${h}.${Buffer.from(JSON.stringify({ iss: ISSUER, sub: 'admin', aud: 'payment-api' })).toString('base64url')}.${s}`;
  const bad = runJwtAuthn(cfg, { method: 'GET', path: '/', headers: [['authorization', `Bearer ${forged}`]] }, NOW);
  assert.ok(!bad.ok);
  assert.equal(bad.message, 'Jwt verification fails');
});
