/**
 * RequestAuthentication → jwt_authn config (spec §6.1–§6.4, Istio `convertToEnvoyJwtConfig`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileJwtAuthn, parseDurationMs, spaceDelimitedClaimsOf } from '../../src/compile/request-authn.js';
import { requestAuthn } from './helpers.js';

test('no rules: no jwt_authn filter', () => {
  assert.equal(compileJwtAuthn([]), undefined);
  assert.equal(compileJwtAuthn([requestAuthn([])]), undefined);
});

test('one rule: any(origins-0, allow_missing), default locations and claims', () => {
  const cfg = compileJwtAuthn([requestAuthn([{ issuer: 'i', jwksUri: 'https://k/jwks' }], 'ra', 'ns1')]);
  assert.ok(cfg);
  assert.deepEqual(cfg.requirement, { kind: 'any', requirements: [{ kind: 'provider', provider: 'origins-0' }], allowMissing: true });
  const p = cfg.providers[0];
  assert.ok(p);
  assert.deepEqual(p.fromHeaders, [{ name: 'Authorization', valuePrefix: 'Bearer ' }]);
  assert.deepEqual(p.fromParams, ['access_token']);
  assert.equal(p.usesDefaultLocations, true);
  assert.deepEqual(p.spaceDelimitedClaims, ['permission', 'scope']);
  assert.equal(p.timeoutMs, 5000);
  assert.equal(p.forward, false);
  assert.equal(p.payloadInMetadata, 'payload');
  assert.deepEqual(p.source, { namespace: 'ns1', name: 'ra', ruleIndex: 0 });
  assert.equal(cfg.bypassCorsPreflight, true);
});

test('rules of several RAs are concatenated, sorted by issuer, never de-duplicated', () => {
  const cfg = compileJwtAuthn([
    requestAuthn([{ issuer: 'z' }, { issuer: 'b', fromCookies: ['c'] }], 'first'),
    requestAuthn([{ issuer: 'a' }, { issuer: 'b', fromParams: ['t'] }], 'second'),
  ]);
  assert.ok(cfg);
  assert.deepEqual(cfg.providers.map((p) => [p.name, p.issuer, p.source.name, p.source.ruleIndex]), [
    ['origins-0', 'a', 'second', 0],
    ['origins-1', 'b', 'first', 1],
    ['origins-2', 'b', 'second', 1],
    ['origins-3', 'z', 'first', 0],
  ]);
  // Explicit locations replace the defaults.
  assert.deepEqual([cfg.providers[1]?.fromHeaders, cfg.providers[1]?.fromParams, cfg.providers[1]?.fromCookies], [[], [], ['c']]);
  const any = cfg.requirement;
  assert.ok(any.kind === 'any' && !any.allowMissing);
  assert.equal(any.requirements.length, 5);
  const all = any.requirements[4];
  assert.ok(all?.kind === 'all' && all.requirements.every((r) => r.kind === 'any' && r.allowMissing));
});

test('per-rule fields are carried over', () => {
  const cfg = compileJwtAuthn([
    requestAuthn([
      {
        issuer: 'i',
        audiences: ['a1'],
        jwks: '{"keys":[]}',
        fromHeaders: [{ name: 'x-jwt' }],
        forwardOriginalToken: true,
        outputPayloadToHeader: 'x-payload',
        outputClaimToHeaders: [{ header: 'x-sub', claim: 'sub' }],
        spaceDelimitedClaims: ['roles', 'scope'],
        timeout: '250ms',
      },
    ]),
  ]);
  const p = cfg?.providers[0];
  assert.ok(p);
  assert.deepEqual(p.audiences, ['a1']);
  assert.deepEqual(p.fromHeaders, [{ name: 'x-jwt', valuePrefix: '' }]);
  assert.deepEqual([p.forward, p.forwardPayloadHeader, p.jwks, p.timeoutMs], [true, 'x-payload', '{"keys":[]}', 250]);
  assert.deepEqual(p.claimToHeaders, [{ headerName: 'x-sub', claimName: 'sub' }]);
  assert.deepEqual(p.spaceDelimitedClaims, ['permission', 'roles', 'scope']);
});

test('durations and space-delimited claim sets', () => {
  assert.deepEqual(['5s', '0.5s', '100ms', '1m', 'x', undefined].map(parseDurationMs), [5000, 500, 100, 60000, undefined, undefined]);
  assert.deepEqual(spaceDelimitedClaimsOf(['b', 'b', 'a']), ['a', 'b', 'permission', 'scope']);
});

test('a Go-style compound JWKS timeout the webhook admits is read, not replaced by the 5 s default', () => {
  assert.deepEqual(['1m30s', '1h', '1.5s', '0'].map(parseDurationMs), [90000, 3600000, 1500, 0]);
});
