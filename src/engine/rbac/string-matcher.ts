/**
 * `envoy.type.matcher.v3.StringMatcher`, as Envoy's `Matchers::StringMatcherImpl` evaluates it
 * (`source/common/common/matchers.cc`): exactly one of exact/prefix/suffix/contains/safeRegex;
 * `ignoreCase` compares ASCII letters case-insensitively (absl `EqualsIgnoreCase`) and has no
 * effect on `safeRegex`; `safeRegex` is an RE2 full match.
 */
import { MeshwardError } from '../../model/errors.js';
import type { StringMatcher } from '../../model/envoy-rbac.js';
import { compileGlob, namespaceOfGlob, parseGlobRegex } from './glob-regex.js';
import { compileRe2FullMatch } from './re2.js';

export interface CompiledStringMatcher {
  test(value: string): boolean;
  /** Plain words for traces, e.g. "exact `POST`" or "prefix `/x/` (ignoring case)". */
  readonly label: string;
  /** Set for `exact` matchers: the value an index can hash (ASCII-lower-cased when `ignoreCase`). */
  readonly exact?: string;
  readonly ignoreCase: boolean;
  /** Set for case-sensitive `prefix` matchers: the prefix cut after its last `/` (index key). */
  readonly slashPrefix?: string;
  /** Set for the `namespaces` regex shape: the literal namespace (index key). */
  readonly namespace?: string;
}

/** Lower-cases ASCII letters only, as absl does; other characters are compared as they are. */
export function asciiLower(s: string): string {
  return /[A-Z]/.test(s) ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s;
}

/** Compiles one StringMatcher; throws `ERR_RBAC_CONFIG` when no (or more than one) pattern is set. */
export function compileStringMatcher(m: StringMatcher): CompiledStringMatcher {
  const set = (['exact', 'prefix', 'suffix', 'contains', 'safeRegex'] as const).filter((k) => m[k] !== undefined);
  if (set.length !== 1) {
    throw new MeshwardError('ERR_RBAC_CONFIG', `string matcher must set exactly one pattern, got ${set.length === 0 ? 'none' : set.join(', ')}`);
  }
  const ic = m.ignoreCase === true;
  const note = ic ? ' (ignoring case)' : '';
  if (m.safeRegex !== undefined) {
    const label = `regex \`${m.safeRegex.regex}\``;
    const glob = parseGlobRegex(m.safeRegex.regex);
    if (glob) {
      const ns = namespaceOfGlob(glob);
      return { test: compileGlob(glob), label, ignoreCase: false, ...(ns !== undefined ? { namespace: ns } : {}) };
    }
    const re = compileRe2FullMatch(m.safeRegex.regex);
    return { test: (v) => re.test(v), label, ignoreCase: false };
  }
  if (m.exact !== undefined) {
    const want = ic ? asciiLower(m.exact) : m.exact;
    return {
      test: ic ? (v) => v.length === want.length && asciiLower(v) === want : (v) => v === want,
      label: `exact \`${m.exact}\`${note}`,
      exact: want,
      ignoreCase: ic,
    };
  }
  if (m.prefix !== undefined) {
    const want = ic ? asciiLower(m.prefix) : m.prefix;
    return {
      test: ic ? (v) => asciiLower(v.slice(0, want.length)) === want : (v) => v.startsWith(want),
      label: `prefix \`${m.prefix}\`${note}`,
      ignoreCase: ic,
      ...(!ic && m.prefix.includes('/') ? { slashPrefix: m.prefix.slice(0, m.prefix.lastIndexOf('/') + 1) } : {}),
    };
  }
  if (m.suffix !== undefined) {
    const want = ic ? asciiLower(m.suffix) : m.suffix;
    return {
      test: ic ? (v) => v.length >= want.length && asciiLower(v.slice(v.length - want.length)) === want : (v) => v.endsWith(want),
      label: `suffix \`${m.suffix}\`${note}`,
      ignoreCase: ic,
    };
  }
  const want = ic ? asciiLower(m.contains as string) : (m.contains as string);
  return {
    test: ic ? (v) => asciiLower(v).includes(want) : (v) => v.includes(want),
    label: `contains \`${m.contains as string}\`${note}`,
    ignoreCase: ic,
  };
}
