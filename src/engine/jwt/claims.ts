/**
 * The per-token checks that follow parsing, and what a good token exposes.
 * Sources: `jvl:src/jwt.cc` `verifyTimeConstraint`, `jvl:src/check_audience.cc`,
 * `envoy:.../jwt_authn/authenticator.cc` (`setPayloadMetadata`, `addJWTClaimToHeader`).
 */
import type { JsonObject } from './json.js';
import type { ParsedJwt } from './parse.js';
import type { JwtStatus } from './status.js';

/** Envoy's default `clock_skew_seconds` (jvl `kClockSkewInSecond`); Istio never sets it. */
export const CLOCK_SKEW_SECONDS = 60;

/**
 * Not yet valid when `now + skew < nbf`; expired when `exp != 0 && now > exp + skew`. `iat` is never
 * checked (JWT-32) and `exp` is not required (Istio leaves `require_expiration` unset).
 */
export function checkTime(jwt: Pick<ParsedJwt, 'nbf' | 'exp'>, now: number, skew = CLOCK_SKEW_SECONDS): JwtStatus {
  const t = Math.trunc(now);
  if (t + skew < jwt.nbf) return 'JwtNotYetValid';
  if (jwt.exp !== 0 && t > jwt.exp + skew) return 'JwtExpired';
  return 'Ok';
}

/** jvl `sanitizeAudience`: drop one leading `http://` or `https://` and one trailing `/`. */
export function sanitizeAudience(aud: string): string {
  let s = aud;
  if (s.startsWith('https://')) s = s.slice(8);
  else if (s.startsWith('http://')) s = s.slice(7);
  if (s.endsWith('/')) s = s.slice(0, -1);
  return s;
}

/**
 * True when no audiences are configured (Istio: empty `audiences` means no check at all, spec §6.2),
 * or when some JWT `aud` equals a configured one after sanitizing both (case-sensitive).
 */
export function audienceAllowed(configured: ReadonlySet<string>, jwtAudiences: readonly string[]): boolean {
  if (configured.size === 0) return true;
  for (let i = 0; i < jwtAudiences.length; i++) if (configured.has(sanitizeAudience(jwtAudiences[i] as string))) return true;
  return false;
}

/**
 * The payload as Envoy stores it under `envoy.filters.http.jwt_authn` → `payload`: each top-level
 * space-delimited claim holding a string becomes the list of its non-empty `' '`-separated parts
 * (only the space character splits; a string with no parts stays a string). Nested values stay
 * as they are. The result is frozen: the authorization engine only reads it.
 */
export function normalizePayload(payload: JsonObject, spaceDelimited: readonly string[] | ReadonlySet<string>): Readonly<JsonObject> {
  const claims = spaceDelimited instanceof Set ? spaceDelimited : new Set(spaceDelimited);
  if (claims.size === 0) return Object.freeze(payload);
  // A `__proto__` key would be set as a prototype by the assignments below: keep the spread.
  if (Object.hasOwn(payload, '__proto__')) return normalizeBySpread(payload, claims);
  // One pass over the payload's own keys, in order; the copy starts only at the first split.
  const keys = Object.keys(payload);
  let out: JsonObject | undefined;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    const v = payload[k];
    if (typeof v === 'string' && claims.has(k)) {
      const parts = splitOnSpaces(v);
      if (parts.length > 0) {
        if (out === undefined) {
          out = {};
          for (let j = 0; j < i; j++) out[keys[j] as string] = payload[keys[j] as string];
        }
        out[k] = parts;
        continue;
      }
    }
    if (out !== undefined) out[k] = v;
  }
  // Without a split the parsed payload itself is exposed; nothing mutates it afterwards.
  return Object.freeze(out ?? payload);
}

/** The general form (spread, then replace), kept for payloads with an own `__proto__` key. */
function normalizeBySpread(payload: JsonObject, claims: ReadonlySet<string>): Readonly<JsonObject> {
  let out: JsonObject | undefined;
  for (const claim of claims) {
    const v = payload[claim];
    if (typeof v !== 'string' || !Object.hasOwn(payload, claim)) continue;
    const parts = splitOnSpaces(v);
    if (parts.length === 0) continue;
    out ??= { ...payload };
    out[claim] = parts;
  }
  return Object.freeze(out ?? payload);
}

/** `v.split(' ').filter((p) => p !== '')` without the intermediate array. */
function splitOnSpaces(v: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (;;) {
    const i = v.indexOf(' ', start);
    const end = i < 0 ? v.length : i;
    if (end > start) parts.push(v.slice(start, end));
    if (i < 0) return parts;
    start = i + 1;
  }
}

/** Envoy `convertClaimDoubleToString`: integers in [0, 2^64) print as integers, others like `%f`. */
function numberToHeader(n: number): string {
  if (n >= 0 && n < 2 ** 64 && Number.isInteger(n)) return BigInt(n).toString();
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : n < 0 ? '-inf' : 'nan';
  return n.toFixed(6);
}

/**
 * The header value `outputClaimToHeaders` produces for `claim` (nested with `.`, jvl
 * `StructUtils::GetValue`), or `undefined` when nothing is added: a missing claim, a list or an
 * object, or an empty string.
 */
export function claimHeaderValue(payload: JsonObject, claim: string): string | undefined {
  let cur: unknown = payload;
  for (const part of claim.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !Object.hasOwn(cur, part)) return undefined;
    cur = (cur as JsonObject)[part];
  }
  let s: string | undefined;
  if (typeof cur === 'string') s = cur;
  else if (typeof cur === 'number') s = numberToHeader(cur);
  else if (typeof cur === 'boolean') s = cur ? 'true' : 'false';
  return s === undefined || s === '' ? undefined : s;
}
