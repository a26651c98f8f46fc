/**
 * jwt_authn behaviour around the per-token checks: token locations and prefixes, several rules,
 * output headers, header sanitizing, CORS preflight, the verified-token cache, failed JWKS.
 * Case ids from adversarial-cases.md B.1 where one applies.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bindJwtAuthn, runJwtAuthn } from '../../src/engine/jwt/index.js';
import { compileJwtAuthn } from '../../src/compile/request-authn.js';
import { baseline, bearer, get, ISSUER, jwkNoAlg, jwksOf, k1, k2, outcome, requestAuthn, resolve, T, token } from './helpers.js';

test('header prefix is searched anywhere in the value and the token runs to the end', () => {
  const c = baseline({ fromHeaders: [{ name: 'X-Jwt', prefix: 'Token ' }] });
  assert.equal(outcome(get(c, [['x-jwt', `scheme=1, Token ${token()}`]])), '200');
  // Prefix absent: the line is skipped, the request is anonymous.
  const r = get(c, [['x-jwt', token()]]);
  assert.ok(r.ok && r.jwt === undefined);
  // Prefix present but no base64url character after it: the whole value is the token.
  assert.equal(outcome(get(c, [['x-jwt', 'Token !!!']])), '401 Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections');
});

test('a header location without prefix takes the whole value', () => {
  const c = baseline({ fromHeaders: [{ name: 'x-jwt' }] });
  assert.equal(outcome(get(c, [['x-jwt', token()]])), '200');
  assert.equal(outcome(get(c, [['x-jwt', `Bearer ${token()}`]])), '401 Jwt header is an invalid Base64url encoded');
});

test('query parameter token is percent-decoded and removed from the forwarded path', () => {
  const c = baseline({ fromParams: ['jwt'] });
  const t = token();
  const r = get(c, [], `/p?z=%2F&jwt=${t.replace(/\./g, '%2E')}&a=1`);
  assert.ok(r.ok && r.principal === `${ISSUER}/alice`);
  // Envoy rebuilds the query from its key-ordered, decoded parameter map.
  assert.equal(r.path, '/p?a=1&z=/');
});

test('a parameter without a value yields an empty token: bad format', () => {
  assert.equal(outcome(get(baseline(), [], '/a?access_token')), '401 Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections');
});

test('cookies: quotes stripped, first occurrence wins, other names ignored', () => {
  const c = baseline({ fromCookies: ['session'] });
  assert.equal(outcome(get(c, [['cookie', `session="${token()}"`]])), '200');
  assert.equal(outcome(get(c, [['cookie', `other=x; session=${token({ exp: T - 3600 })}`], ['cookie', `session=${token()}`]])), '401 Jwt is expired');
  const r = get(c, [['cookie', `session2=${token({ exp: 1 })}`]]);
  assert.ok(r.ok && r.jwt === undefined);
});

test('forwardOriginalToken keeps the Authorization header', () => {
  const r = get(baseline({ forwardOriginalToken: true }), [bearer(token())]);
  assert.ok(r.ok && r.headers.some(([n]) => n === 'authorization'));
});

test('JWT-60 scope and permission are split on spaces; other claims only when configured', () => {
  const t = token({ scope: 'read  write', permission: 'p1 p2', roles: 'admin user', tabbed: 'a\tb' });
  const plain = get(baseline(), [bearer(t)]);
  assert.ok(plain.ok);
  assert.deepEqual(plain.jwt?.payload['scope'], ['read', 'write']);
  assert.deepEqual(plain.jwt?.payload['permission'], ['p1', 'p2']);
  assert.equal(plain.jwt?.payload['roles'], 'admin user');
  const withRoles = get(baseline({ spaceDelimitedClaims: ['roles', 'tabbed'] }), [bearer(t)]);
  assert.ok(withRoles.ok);
  assert.deepEqual(withRoles.jwt?.payload['roles'], ['admin', 'user']);
  // Only the space character splits.
  assert.deepEqual(withRoles.jwt?.payload['tabbed'], ['a\tb']);
});

test('nested and list claims stay as they are in the payload', () => {
  const r = get(baseline(), [bearer(token({ groups: ['g1', 'g2'], org: { team: { name: 'x' } } }))]);
  assert.ok(r.ok);
  assert.deepEqual(r.jwt?.payload['groups'], ['g1', 'g2']);
  assert.deepEqual(r.jwt?.payload['org'], { team: { name: 'x' } });
});

test('outputClaimToHeaders: strings, nested, numbers, booleans; lists and objects are skipped', () => {
  const c = baseline({
    outputClaimToHeaders: [
      { header: 'x-sub', claim: 'sub' },
      { header: 'x-team', claim: 'org.team' },
      { header: 'x-n', claim: 'n' },
      { header: 'x-f', claim: 'f' },
      { header: 'x-b', claim: 'b' },
      { header: 'x-groups', claim: 'groups' },
      { header: 'x-missing', claim: 'nope' },
    ],
  });
  const r = get(c, [bearer(token({ org: { team: 'red' }, n: 42, f: 1.5, b: false, groups: ['a'] }))]);
  assert.ok(r.ok);
  const h = Object.fromEntries(r.headers);
  assert.deepEqual([h['x-sub'], h['x-team'], h['x-n'], h['x-f'], h['x-b']], ['alice', 'red', '42', '1.500000', 'false']);
  assert.equal(h['x-groups'], undefined);
  assert.equal(h['x-missing'], undefined);
});

test('JWT-63 forged output headers are removed even without a token', () => {
  const c = baseline({ outputClaimToHeaders: [{ header: 'x-jwt-group', claim: 'group' }], outputPayloadToHeader: 'x-payload' });
  const r = get(c, [['X-Jwt-Group', 'admin'], ['x-payload', 'forged']]);
  assert.ok(r.ok);
  assert.deepEqual(r.headers, [['host', 'h']]);
  // With a token the header carries the claim, never the forged value.
  const r2 = get(c, [['x-jwt-group', 'admin'], bearer(token({ group: 'dev' }))]);
  assert.ok(r2.ok);
  assert.deepEqual(r2.headers.filter(([n]) => n === 'x-jwt-group'), [['x-jwt-group', 'dev']]);
});

test('JWT-57 CORS preflight bypasses JWT checks (no sanitizing either)', () => {
  const c = baseline({ outputClaimToHeaders: [{ header: 'x-jwt-group', claim: 'group' }] });
  const headers: [string, string][] = [bearer('garbage'), ['origin', 'https://o'], ['access-control-request-method', 'GET'], ['x-jwt-group', 'admin']];
  const r = get(c, headers, '/a', { method: 'OPTIONS' });
  assert.ok(r.ok && r.bypass === 'cors-preflight');
  assert.ok(r.headers.some(([n]) => n === 'x-jwt-group'));
  // Without the preflight headers, OPTIONS is checked like any method.
  assert.equal(outcome(get(c, [bearer('garbage')], '/a', { method: 'OPTIONS' })), '401 Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections');
});

test('www-authenticate realm: forwarded proto, host and path (query kept, 256 chars max)', () => {
  const long = `/${'p'.repeat(300)}`;
  const r = runJwtAuthn(baseline(), { method: 'GET', path: '/a?b=1', headers: [['host', 'h'], bearer('x.y.z')] }, T);
  assert.ok(!r.ok);
  assert.equal(r.wwwAuthenticate, 'Bearer realm="http://h/a?b=1", error="invalid_token"');
  const r2 = runJwtAuthn(baseline(), { method: 'GET', path: long, headers: [['x-forwarded-proto', 'https'], bearer('x')], authority: 'svc:8000' }, T);
  assert.ok(!r2.ok);
  assert.equal(r2.wwwAuthenticate, `Bearer realm="https://svc:8000${long.slice(0, 256)}", error="invalid_token"`);
});

test('JWT-58 two rules: a token in the other provider\'s location is not checked by it', () => {
  const c = resolve([
    requestAuthn([
      { issuer: 'https://a.example', jwks: jwksOf(jwkNoAlg(k1)), fromHeaders: [{ name: 'x-a' }] },
      { issuer: 'https://b.example', jwks: jwksOf(jwkNoAlg(k2)), fromHeaders: [{ name: 'x-b' }] },
    ]),
  ]);
  const tb = token({ iss: 'https://b.example' }, { key: k2 });
  const r = get(c, [['x-b', tb]]);
  assert.ok(r.ok && r.principal === 'https://b.example/alice');
  assert.equal(r.ok && r.provider?.provider, 'origins-1');
  // Issuer A's token placed in B's location: B does not know A, A never sees it.
  assert.equal(outcome(get(c, [['x-b', token({ iss: 'https://a.example' })]])), '401 Jwt issuer is not configured');
  // Both tokens valid in their own places: both accepted, the last verified payload is exposed.
  assert.equal(outcome(get(c, [['x-a', token({ iss: 'https://a.example' })], ['x-b', tb]])), '200');
});

test('two rules sharing the default location: each issuer passes, an expired one fails', () => {
  const c = resolve([
    requestAuthn([{ issuer: 'https://b.example', jwks: jwksOf(jwkNoAlg(k2)) }], 'rb'),
    requestAuthn([{ issuer: 'https://a.example', jwks: jwksOf(jwkNoAlg(k1)) }], 'ra'),
  ]);
  // Rules are sorted by issuer: a.example is origins-0.
  assert.equal(c.config.providers[0]?.issuer, 'https://a.example');
  assert.equal(outcome(get(c, [bearer(token({ iss: 'https://a.example' }))])), '200');
  assert.equal(outcome(get(c, [bearer(token({ iss: 'https://b.example' }, { key: k2 }))])), '200');
  assert.equal(outcome(get(c, [bearer(token({ iss: 'https://a.example', exp: T - 3600 }))])), '401 Jwt is expired');
  assert.ok(get(c).ok);
});

test('the verified-token cache still re-checks exp against now', () => {
  const c = baseline();
  const t = token({ exp: T + 100 });
  assert.equal(outcome(get(c, [bearer(t)], '/a', { now: T })), '200');
  assert.equal(c.providers.get('origins-0')?.verified.size, 1);
  assert.equal(outcome(get(c, [bearer(t)], '/a', { now: T + 161 })), '401 Jwt is expired');
  assert.equal(outcome(get(c, [bearer(t)], '/a', { now: T + 1 })), '200');
});

test('a cached token is still bound to its provider issuer and audience', () => {
  const c = baseline({ audiences: ['api'] });
  assert.equal(outcome(get(c, [bearer(token({ aud: 'api' }))])), '200');
  assert.equal(outcome(get(c, [bearer(token({ aud: 'other' }))])), '403 Audiences in Jwt are not allowed');
});

test('JWT-55 keys unavailable: every token fails closed, token-less requests pass', () => {
  const cfg = compileJwtAuthn([requestAuthn([{ issuer: ISSUER, jwksUri: 'https://unreachable.example/jwks' }])]);
  assert.ok(cfg);
  const c = bindJwtAuthn(cfg, new Map([['origins-0', { kind: 'unavailable', status: 'JwtVerificationFail', reason: 'fetch failed' } as const]]));
  assert.equal(outcome(get(c, [bearer(token())])), '401 Jwt verification fails');
  assert.equal(outcome(get(c)), '200');
  // Checks before the key step keep their own messages.
  assert.equal(outcome(get(c, [bearer(token({ exp: T - 3600 }))])), '401 Jwt is expired');
});

test('inline JWKS without a usable key: Jwks doesn\'t have any valid public key', () => {
  for (const jwks of ['not json', '{"keys":[]}', jwksOf({ kty: 'RSA', n: 'AQAB', e: 'Aw', alg: 'ES256' }), jwksOf({ kty: 'XYZ' })]) {
    assert.equal(outcome(get(baseline({}, jwks), [bearer(token())])), "401 Jwks doesn't have any valid public key", jwks);
  }
});

test('a bad key is dropped and the good ones are kept', () => {
  const c = baseline({}, jwksOf({ kty: 'RSA', kid: 'bad', n: '***', e: 'AQAB' }, { ...jwkNoAlg(k1), e: 'Ag', kid: 'e2' }, jwkNoAlg(k1)));
  const p = c.providers.get('origins-0');
  assert.equal(p?.jwks.kind === 'keys' && p.jwks.keys.length, 1);
  assert.equal(outcome(get(c, [bearer(token())])), '200');
});
