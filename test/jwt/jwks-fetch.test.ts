/**
 * JWKS resolution against a real HTTP server on 127.0.0.1:0: fetch, OIDC discovery, cache,
 * timeout and failures (which must fail closed, spec §6.5 / JWT-55, JWT-56).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compileJwtAuthn } from '../../src/compile/request-authn.js';
import { runJwtAuthn } from '../../src/engine/jwt/index.js';
import { JwksFetchCache, resolveJwks } from '../../src/identity/jwks.js';
import type { JwtRule } from '../../src/model/resources.js';
import { jwkNoAlg, jwksOf, k1, outcome, requestAuthn, T, token } from './helpers.js';

const hits = new Map<string, number>();
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const url = req.url ?? '/';
  hits.set(url, (hits.get(url) ?? 0) + 1);
  if (url === '/jwks') return void res.writeHead(200, { 'content-type': 'application/json' }).end(jwksOf(jwkNoAlg(k1)));
  if (url === '/idp/.well-known/openid-configuration') return void res.writeHead(200).end(JSON.stringify({ jwks_uri: `${base}/jwks` }));
  if (url === '/not-jwks') return void res.writeHead(200).end('{"hello":"world"}');
  if (url === '/slow') return void setTimeout(() => res.writeHead(200).end(jwksOf(jwkNoAlg(k1))), 500);
  res.writeHead(404).end('nope');
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
after(() => new Promise<void>((r) => server.close(() => r())));

async function check(rule: JwtRule, opts: Parameters<typeof resolveJwks>[1] = {}) {
  const cfg = compileJwtAuthn([requestAuthn([rule])]);
  assert.ok(cfg);
  const resolved = await resolveJwks(cfg, { cache: new JwksFetchCache(), ...opts });
  const iss = rule.issuer ?? '';
  return {
    resolved,
    withToken: runJwtAuthn(resolved, { method: 'GET', path: '/', headers: [['authorization', `Bearer ${token({ iss })}`]] }, T),
    without: runJwtAuthn(resolved, { method: 'GET', path: '/', headers: [] }, T),
  };
}

test('jwksUri is fetched and its keys verify tokens', async () => {
  const r = await check({ issuer: 'https://issuer.example', jwksUri: `${base}/jwks` });
  assert.equal(outcome(r.withToken), '200');
});

test('OIDC discovery is used when jwksUri is absent', async () => {
  const r = await check({ issuer: `${base}/idp` });
  assert.equal(outcome(r.withToken), '200');
});

test('fetch failures fail closed for tokens, token-less requests pass', async () => {
  for (const path of ['/missing', '/not-jwks']) {
    const r = await check({ issuer: 'https://issuer.example', jwksUri: `${base}${path}` });
    assert.equal(outcome(r.withToken), '401 Jwt verification fails', path);
    assert.equal(outcome(r.without), '200', path);
    const p = r.resolved.providers.get('origins-0');
    assert.ok(p?.jwks.kind === 'unavailable' && p.jwks.reason.includes(path));
  }
});

test('a connection refused and the envoy mode give Jwks remote fetch is failed', async () => {
  const r = await check({ issuer: 'https://issuer.example', jwksUri: 'http://127.0.0.1:1/jwks' }, { mode: 'envoy' });
  assert.equal(outcome(r.withToken), '401 Jwks remote fetch is failed');
});

test('timeout: a slow JWKS server beyond the rule timeout fails closed', async () => {
  const r = await check({ issuer: 'https://issuer.example', jwksUri: `${base}/slow`, timeout: '0.1s' });
  assert.equal(outcome(r.withToken), '401 Jwt verification fails');
  const p = r.resolved.providers.get('origins-0');
  assert.ok(p?.jwks.kind === 'unavailable' && p.jwks.reason.includes('timed out after 100 ms'));
});

test('the cache serves a second resolution without a new request, until its ttl passes', async () => {
  let now = 0;
  const cache = new JwksFetchCache(1000, () => now);
  const before = hits.get('/jwks') ?? 0;
  const rule: JwtRule = { issuer: 'https://issuer.example', jwksUri: `${base}/jwks` };
  await check(rule, { cache });
  await check(rule, { cache });
  assert.equal((hits.get('/jwks') ?? 0) - before, 1);
  now = 2000;
  await check(rule, { cache });
  assert.equal((hits.get('/jwks') ?? 0) - before, 2);
});

test('overrides supply keys without network, by issuer or jwksUri', async () => {
  const refuse = () => Promise.reject(new Error('network used'));
  const r = await check({ issuer: 'https://issuer.example', jwksUri: 'https://nowhere.example/jwks' }, {
    fetch: refuse,
    overrides: new Map([['https://nowhere.example/jwks', { keys: [jwkNoAlg(k1)] }]]),
  });
  assert.equal(outcome(r.withToken), '200');
});

test('inline jwks wins over jwksUri', async () => {
  const r = await check({ issuer: 'https://issuer.example', jwks: jwksOf(jwkNoAlg(k1)), jwksUri: `${base}/missing` });
  assert.equal(outcome(r.withToken), '200');
});
