/**
 * Request path normalization and request sanity checks, as an Istio sidecar's HTTP connection
 * manager applies them before any filter runs (spec §8, adversarial-cases A.0 item 4).
 *
 * `meshConfig.pathNormalization` maps to Envoy HCM settings in
 * `pilot/pkg/networking/core/listener_builder.go`; the canonicalization itself is Envoy's
 * `PathUtil::canonicalPath` (`source/common/http/path_utility.cc`, Chromium's URL canonicalizer):
 * decode percent-escapes of unreserved characters once, `\` → `/`, RFC 3986 dot-segment removal.
 * Order with DECODE_AND_MERGE_SLASHES: unescape `%2F`/`%5C` → canonicalize → merge slashes.
 */
import type { PathNormalization } from '../model/mesh.js';

export type NormalizedPath =
  | {
      ok: true;
      /** The `:path` Envoy forwards and header matchers see: normalized, query kept, fragment stripped. */
      path: string;
      /** What `urlPath` / `uriTemplate` matchers see: `path` without its query. */
      urlPath: string;
    }
  | { ok: false; status: 400; reason: string };

export type RequestCheck = { ok: true } | { ok: false; status: 400; reason: string };

const HEX = '0123456789ABCDEF';
const UTF8 = new TextEncoder();

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** RFC 3986 unreserved: ALPHA / DIGIT / `-` / `.` / `_` / `~` — the only escapes BASE decodes. */
function isUnreserved(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) ||
    c === 0x2d || c === 0x2e || c === 0x5f || c === 0x7e
  );
}

function rejected(reason: string): { ok: false; status: 400; reason: string } {
  return { ok: false, status: 400, reason };
}

/**
 * Decodes escaped unreserved characters (hex case-insensitive), turns `\` into `/`, and
 * percent-encodes non-ASCII characters as UTF-8 (Chromium canonicalizer). Other escapes, such as
 * `%2F`, `%5C` and `%25`, are kept byte for byte, so nothing is decoded twice.
 */
function canonicalChars(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c === 0x25 && i + 2 < p.length) {
      const hi = hexValue(p.charCodeAt(i + 1));
      const lo = hexValue(p.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0 && isUnreserved(hi * 16 + lo)) {
        out += String.fromCharCode(hi * 16 + lo);
        i += 2;
        continue;
      }
      out += '%';
    } else if (c === 0x5c) {
      out += '/';
    } else if (c > 0x7e) {
      const cp = p.codePointAt(i) ?? c;
      if (cp > 0xffff) i++;
      for (const byte of UTF8.encode(String.fromCodePoint(cp))) out += '%' + HEX[byte >> 4] + HEX[byte & 15];
    } else {
      out += p[i];
    }
  }
  return out;
}

/** Paths made only of these characters are unchanged by {@link canonicalChars}. */
const CANONICAL = /^[A-Za-z0-9\-._~/!$&'()*+,;=:@]*$/;
/** A `.` or `..` segment, which {@link removeDotSegments} would resolve. */
const DOT_SEGMENT = /(^|\/)\.\.?(\/|$)/;

/** RFC 3986 §5.2.4 remove_dot_segments for a path that starts with `/`. */
function removeDotSegments(p: string): string {
  const segs = p.split('/');
  const out: string[] = [];
  for (let i = 1; i < segs.length; i++) {
    const s = segs[i] as string;
    const last = i === segs.length - 1;
    if (s === '.') {
      if (last) out.push('');
    } else if (s === '..') {
      out.pop();
      if (last) out.push('');
    } else {
      out.push(s);
    }
  }
  return '/' + out.join('/');
}

/** Envoy's canonicalization without the fast path (exported for the test that the two agree). */
export function canonicalizePath(path: string): string {
  return removeDotSegments(canonicalChars(path));
}

/**
 * Normalizes a raw `:path` the way the sidecar does before routing and authorization.
 *
 * @example
 * normalizeRequestPath('/public/../admin?x=1#top', 'BASE')
 * // → { ok: true, path: '/admin?x=1', urlPath: '/admin' }
 */
export function normalizeRequestPath(rawPath: string, mode: PathNormalization): NormalizedPath {
  // Fragment stripping is on by default (HTTP_STRIP_FRAGMENT_FROM_PATH_UNSAFE_IF_DISABLED, AZ-11,
  // CVE-2021-39156): everything from the first `#`, even one inside the query, is dropped.
  const hash = rawPath.indexOf('#');
  const noFragment = hash >= 0 ? rawPath.slice(0, hash) : rawPath;
  // `%00` is refused under every option (AZ-10); raw control bytes never get past the codec.
  if (/%00/.test(noFragment)) return rejected(`path \`${noFragment}\` contains an encoded nul (%00)`);
  if (/[\x00-\x20\x7f]/.test(noFragment)) return rejected(`path \`${JSON.stringify(noFragment)}\` contains a control or space character`);
  // Envoy answers a non-relative path with 404 before normalization; meshward reports it as a bad request.
  if (!noFragment.startsWith('/')) return rejected(`path \`${noFragment}\` does not start with \`/\``);

  const q = noFragment.indexOf('?');
  let path = q >= 0 ? noFragment.slice(0, q) : noFragment;
  const query = q >= 0 ? noFragment.slice(q) : '';
  if (mode !== 'NONE') {
    if (mode === 'DECODE_AND_MERGE_SLASHES') path = path.replace(/%2f/gi, '/').replace(/%5c/gi, '\\');
    // Fast path: without escapes, backslashes, non-ASCII or dot segments, canonicalization is the identity.
    if (!CANONICAL.test(path) || DOT_SEGMENT.test(path)) path = canonicalizePath(path);
    if (mode === 'MERGE_SLASHES' || mode === 'DECODE_AND_MERGE_SLASHES') path = path.replace(/\/{2,}/g, '/');
  }
  return { ok: true, path: path + query, urlPath: path };
}

/** RFC 9110 token characters (method names and header field names). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * The request checks Envoy's codec and HCM make before any filter (normalization page, AZ-25,
 * AZ-53): a method with lower-case letters, a header name with white space (or any non-token
 * character), and a NUL, CR or LF inside a header value or the authority are all answered with 400.
 */
export function validateHttpRequest(
  method: string,
  headers: readonly (readonly [name: string, value: string])[],
  authority?: string,
): RequestCheck {
  if (!TOKEN.test(method)) return rejected(`method \`${method}\` is not a valid token`);
  if (/[a-z]/.test(method)) return rejected(`method \`${method}\` is not upper case`);
  if (authority !== undefined && /[\0\r\n]/.test(authority)) return rejected('authority contains a nul, cr or lf character');
  for (const [name, value] of headers) {
    const bare = name.startsWith(':') ? name.slice(1) : name;
    if (!TOKEN.test(bare)) return rejected(`header name \`${name}\` contains white space or a character outside the token set`);
    if (/[\0\r\n]/.test(value)) return rejected(`header \`${name}\` has a value with a nul, cr or lf character`);
  }
  return { ok: true };
}
