/**
 * RE2 `safe_regex` patterns as JavaScript regular expressions with RE2's meaning.
 *
 * Envoy matches `safeRegex` with RE2 as a *full* match (`Regex::CompiledGoogleReMatcher::match`
 * calls `RE2::FullMatch`), on UTF-8 text. The regexes istiod emits (`.+`, `spiffe://.*X`,
 * `.*` + `/ns/X/.*`, `spiffe://.+/ns/X/(.+/|)sa/Y(/.+)?`, Go `QuoteMeta`-escaped literals) mean the same
 * in both dialects except for a few details this module rewrites:
 * - `.` in RE2 excludes only `\n`; in JavaScript it also excludes `\r`, U+2028, U+2029 → `[^\n]`;
 * - `\s` in RE2 is `[\t\n\f\r ]`; JavaScript's is Unicode-wide;
 * - `(?P<name>` → `(?<name>`, `\A` → `^`, `\z` → `$`, `\Q…\E` → escaped literal;
 * - a leading `(?i)` / `(?s)` becomes a flag.
 * Features RE2 refuses (look-around, back-references) make Envoy reject the config, so they
 * throw here as well; so does anything else the translation does not understand (fail closed).
 */
import { MeshwardError } from '../../model/errors.js';

function unsupported(pattern: string, why: string): MeshwardError {
  return new MeshwardError('ERR_RBAC_CONFIG', `regex \`${pattern}\` cannot be evaluated: ${why}`);
}

function escapeLiteral(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** Compiles an RE2 pattern into a JavaScript RegExp that matches the whole input, as Envoy does. */
export function compileRe2FullMatch(pattern: string): RegExp {
  let flags = 'u';
  let src = pattern;
  for (;;) {
    const m = /^\(\?([is]+)\)/.exec(src);
    if (!m) break;
    for (const f of m[1] as string) if (!flags.includes(f)) flags += f;
    src = src.slice(m[0].length);
  }
  const dotAll = flags.includes('s');
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (c === '\\') {
      const n = src[i + 1];
      if (n === undefined) throw unsupported(pattern, 'trailing backslash');
      if (n === 'Q') {
        const end = src.indexOf('\\E', i + 2);
        const lit = src.slice(i + 2, end < 0 ? src.length : end);
        out += inClass ? lit.replace(/[\\\]^-]/g, '\\$&') : escapeLiteral(lit);
        i = end < 0 ? src.length : end + 1;
        continue;
      }
      if (/[1-9]/.test(n)) throw unsupported(pattern, 'back-references are not RE2');
      if (n === 'A' && !inClass) out += '^';
      else if (n === 'z' && !inClass) out += '$';
      else if (n === 's') out += inClass ? '\\t\\n\\f\\r ' : '[\\t\\n\\f\\r ]';
      else if (n === 'S') {
        if (inClass) throw unsupported(pattern, '`\\S` inside a class');
        out += '[^\\t\\n\\f\\r ]';
      } else out += c + n;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']' && !out.endsWith('[') && !out.endsWith('[^')) inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      continue;
    }
    if (c === '(' && src[i + 1] === '?') {
      const rest = src.slice(i + 2);
      if (rest.startsWith('P<')) {
        out += '(?<';
        i += 3;
        continue;
      }
      if (rest.startsWith(':')) {
        out += '(?:';
        i += 2;
        continue;
      }
      if (rest.startsWith('<')) {
        out += '(?<';
        i += 2;
        continue;
      }
      throw unsupported(pattern, 'look-around and inline flags other than a leading `(?i)`/`(?s)` are not supported');
    }
    out += c === '.' && !dotAll ? '[^\\n]' : c;
  }
  try {
    return new RegExp(`^(?:${out})$`, flags);
  } catch (e) {
    throw unsupported(pattern, (e as Error).message);
  }
}
