/**
 * Shared setup for the JWT tests: the baseline of adversarial-cases.md B.1 (one
 * RequestAuthentication, issuer `https://issuer.example`, an inline JWKS with one RSA-2048 key
 * `kid: k1` and no `alg`, default locations, no audiences) and small request helpers.
 */
import type { KeyObject } from 'node:crypto';
import { compileJwtAuthn } from '../../src/compile/request-authn.js';
import { bindJwtAuthn, jwksStateFromJson, runJwtAuthn, type JwtAuthnResult, type ResolvedJwtAuthn } from '../../src/engine/jwt/index.js';
import { generateSigningKey, signRaw, type SigningKey } from '../../src/identity/jwt-sign.js';
import type { JwtRule, RequestAuthentication } from '../../src/model/resources.js';

export const ISSUER = 'https://issuer.example';
/** A fixed clock: T in the case table. */
export const T = 1_750_000_000;

export const k1: SigningKey = generateSigningKey('RS256', 'k1');
export const k2: SigningKey = generateSigningKey('RS256', 'k2');

/** The public JWK without `alg` (the B.1 baseline key). */
export function jwkNoAlg(key: SigningKey): Record<string, unknown> {
  const { alg: _alg, ...rest } = key.publicJwk as Record<string, unknown>;
  return rest;
}

export function jwksOf(...keys: Record<string, unknown>[]): string {
  return JSON.stringify({ keys });
}

export function requestAuthn(rules: JwtRule[], name = 'jwt', namespace = 'foo'): RequestAuthentication {
  return { apiVersion: 'security.istio.io/v1', kind: 'RequestAuthentication', metadata: { name, namespace }, spec: { jwtRules: rules } };
}

/** Compiles RAs and binds every provider's inline `jwks`. */
export function resolve(ras: RequestAuthentication[], cacheSize?: number): ResolvedJwtAuthn {
  const cfg = compileJwtAuthn(ras);
  if (!cfg) throw new Error('no jwt rules');
  const states = new Map(cfg.providers.map((p) => [p.name, jwksStateFromJson(p.jwks ?? '')]));
  return bindJwtAuthn(cfg, states, cacheSize === undefined ? {} : { cacheSize });
}

/** The baseline setup, with rule fields overridden. */
export function baseline(rule: Partial<JwtRule> = {}, jwks: string = jwksOf(jwkNoAlg(k1))): ResolvedJwtAuthn {
  return resolve([requestAuthn([{ issuer: ISSUER, jwks, ...rule }])]);
}

/** A token signed RS256 by `key` with the given header/payload fields (kid = the key's kid unless overridden). */
export function token(claims: Record<string, unknown> = {}, opts: { key?: SigningKey; header?: Record<string, unknown> } = {}): string {
  const key = opts.key ?? k1;
  const header = { alg: 'RS256', typ: 'JWT', kid: key.kid, ...opts.header };
  for (const [k, v] of Object.entries(header)) if (v === undefined) delete (header as Record<string, unknown>)[k];
  return signRaw(header, { iss: ISSUER, sub: 'alice', exp: T + 3600, ...claims }, { alg: String(header.alg), privateKey: key.privateKey as KeyObject });
}

export function get(
  cfg: ResolvedJwtAuthn,
  headers: [string, string][] = [],
  path = '/a',
  opts: { method?: string; now?: number } = {},
): JwtAuthnResult {
  return runJwtAuthn(cfg, { method: opts.method ?? 'GET', path, headers: [['host', 'h'], ...headers] }, opts.now ?? T);
}

export function bearer(t: string): [string, string] {
  return ['authorization', `Bearer ${t}`];
}

/** `status message` of a result, `200` when it passed: compact for table assertions. */
export function outcome(r: JwtAuthnResult): string {
  return r.ok ? '200' : `${r.status} ${r.message}`;
}
