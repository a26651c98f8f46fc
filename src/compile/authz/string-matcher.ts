/**
 * Envoy string/header/path matchers built from Istio value patterns (spec §2.6).
 * Source: `pilot/pkg/security/authz/matcher/{string,header}.go`.
 */
import type { HeaderMatcher, StringMatcher, ValueMatcher } from '../../model/envoy-rbac.js';
import { quoteMeta } from './quote-meta.js';

export function regexMatcher(regex: string): StringMatcher {
  return { safeRegex: { regex } };
}

/** `.+`: Istio's `*` is "present and non-empty", never `.*`. */
export function matchNonEmpty(): StringMatcher {
  return regexMatcher('.+');
}

/**
 * A value pattern as a string matcher, with `prefix` glued in front of the literal part.
 * `*` alone ignores the prefix (any non-empty value); `*x` needs a regex when a prefix must be
 * kept, because Envoy has no "prefix and suffix" matcher; the `*`-first test runs before the
 * `*`-last test, so `*x*` is "suffix `x*`".
 */
export function patternMatcher(value: string, prefix = ''): StringMatcher {
  if (value === '*') return regexMatcher('.+');
  if (value.startsWith('*')) {
    const rest = value.slice(1);
    return prefix === '' ? { suffix: rest } : regexMatcher(`${quoteMeta(prefix)}.*${quoteMeta(rest)}`);
  }
  if (value.endsWith('*')) return { prefix: prefix + value.slice(0, -1) };
  return { exact: prefix + value };
}

/** `*` is a presence match on a header (it also accepts an empty value, unlike `.+`). */
export function headerMatcher(name: string, value: string): HeaderMatcher {
  if (value === '*') return { name, presentMatch: true };
  return { name, stringMatch: patternMatcher(value) };
}

/** Hosts compare case-insensitively since CVE-2021-39155 (`HostMatcher`, spec §2.5). */
export function hostMatcher(name: string, value: string): HeaderMatcher {
  if (value === '*') return { name, presentMatch: true };
  return { name, stringMatch: { ...patternMatcher(value), ignoreCase: true } };
}

/** One value matcher per pattern, OR'ed; a single matcher is used without the OR wrapper. */
export function orValueMatcher(matchers: ValueMatcher[]): ValueMatcher {
  if (matchers.length === 1) return matchers[0] as ValueMatcher;
  return { orMatch: { valueMatchers: matchers } };
}

export function stringOrMatcher(values: readonly string[]): ValueMatcher {
  return orValueMatcher(values.map((v) => ({ stringMatch: patternMatcher(v) })));
}
