/**
 * Token extraction for one provider, following `envoy:.../jwt_authn/extractor.cc` (ExtractorImpl):
 *
 * - header locations first, in the order of their map key `lower(name) + prefix`; every line of a
 *   header is looked at separately; with a prefix, the prefix is searched *anywhere* in the value
 *   (not found: the line is skipped, the token counts as missing) and the token runs from the first
 *   base64url-or-`.` character after it to the end of the value (Envoy ≥ 1.28, JWT-04); with no
 *   such character the whole value is the token;
 * - then query parameters in key order (first value, percent-decoded);
 * - then cookies in name order (Envoy `parseCookies`: first occurrence wins, quotes stripped).
 *
 * Only this provider's locations are read, so a token sitting in another provider's location is
 * invisible to it (JWT-58).
 */
import { firstQueryValue, removeQueryParam } from './query.js';
import type { RequestState } from './request-state.js';

export interface HeaderLocation {
  /** Lower case, as Envoy's `LowerCaseString`. */
  name: string;
  valuePrefix: string;
}

/** A provider's token locations in Envoy's iteration order, de-duplicated. */
export interface ExtractorPlan {
  headers: readonly HeaderLocation[];
  params: readonly string[];
  cookies: readonly string[];
  /** Header names removed from every request before extraction (JWT-63). */
  sanitize: readonly string[];
}

export type ExtractedToken =
  | { token: string; from: 'header'; name: string }
  | { token: string; from: 'param'; name: string }
  | { token: string; from: 'cookie'; name: string };

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function planExtractor(loc: {
  fromHeaders: readonly { name: string; valuePrefix: string }[];
  fromParams: readonly string[];
  fromCookies: readonly string[];
  sanitize: readonly string[];
}): ExtractorPlan {
  const headers = new Map<string, HeaderLocation>();
  for (const h of loc.fromHeaders) {
    const name = h.name.toLowerCase();
    headers.set(name + h.valuePrefix, { name, valuePrefix: h.valuePrefix });
  }
  return {
    headers: [...headers.entries()].sort(([a], [b]) => byString(a, b)).map(([, v]) => v),
    params: [...new Set(loc.fromParams)].sort(byString),
    cookies: [...new Set(loc.fromCookies)].sort(byString),
    sanitize: loc.sanitize.map((h) => h.toLowerCase()),
  };
}

/** RFC 4648 §5 base64url characters plus `.` (Envoy `ConstantBase64UrlEncodingCharsPlusDot`). */
function isJwtChar(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f || c === 0x2e;
}

function tokenAfterPrefix(value: string, after: number): string {
  for (let i = after; i < value.length; i++) {
    if (isJwtChar(value.charCodeAt(i))) return i === 0 ? value : value.slice(i);
  }
  return value;
}

/** Envoy `forEachCookie` restricted to the names asked for; first occurrence wins. */
function parseCookies(state: RequestState, wanted: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of state.values('cookie')) {
    for (const s of line.split(';')) {
      if (s === '') continue;
      const eq = s.indexOf('=');
      if (eq < 0) continue;
      let start = 0;
      while (start < s.length && s[start] === ' ') start++;
      const key = start <= eq ? s.slice(start, eq) : '';
      let value = s.slice(eq + 1);
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
      if (wanted.has(key) && !out.has(key)) out.set(key, value);
    }
  }
  return out;
}

export function sanitizeHeaders(state: RequestState, plan: ExtractorPlan): void {
  for (const h of plan.sanitize) state.remove(h);
}

/** Tokens in extraction order; the authenticator verifies them from the *end* (JWT-07). */
export function extractTokens(state: RequestState, plan: ExtractorPlan): ExtractedToken[] {
  const tokens: ExtractedToken[] = [];
  for (const loc of plan.headers) {
    for (const value of state.values(loc.name)) {
      if (loc.valuePrefix === '') {
        tokens.push({ token: value, from: 'header', name: loc.name });
        continue;
      }
      const pos = value.indexOf(loc.valuePrefix);
      if (pos < 0) continue;
      tokens.push({ token: tokenAfterPrefix(value, pos + loc.valuePrefix.length), from: 'header', name: loc.name });
    }
  }
  if (plan.params.length > 0 && state.path.includes('?')) {
    for (const p of plan.params) {
      const v = firstQueryValue(state.path, p);
      if (v !== undefined) tokens.push({ token: v, from: 'param', name: p });
    }
  }
  if (plan.cookies.length > 0) {
    const cookies = parseCookies(state, new Set(plan.cookies));
    for (const c of plan.cookies) {
      const v = cookies.get(c);
      if (v !== undefined) tokens.push({ token: v, from: 'cookie', name: c });
    }
  }
  return tokens;
}

/**
 * Removes a verified token unless the provider forwards it: the whole header (every line), or the
 * query parameter. Cookies are left alone (`JwtCookieLocation::removeJwt` is a TODO no-op, JWT-11).
 */
export function removeToken(state: RequestState, t: ExtractedToken): void {
  if (t.from === 'header') state.remove(t.name);
  else if (t.from === 'param') state.path = removeQueryParam(state.path, t.name);
}
