/**
 * `experimental.envoy.filters.<x>[<k>]`: a dynamic-metadata matcher on filter `envoy.filters.<x>`,
 * key `<k>`; a value written `[v]` means "the list contains v" (spec §2.7.6). Available on TCP.
 * Source: `envoyFilterGenerator` in `pilot/pkg/security/authz/model/generator.go`.
 */
import type { Permission, ValueMatcher } from '../../../model/envoy-rbac.js';
import { metadataMatcher } from '../rbac-nodes.js';
import { orValueMatcher, patternMatcher } from '../string-matcher.js';
import { fail, ok, type AggregateGenerator } from './generator.js';

/** Go `strings.Trim(v, "[]")`: every leading and trailing bracket character goes. */
function trimBrackets(v: string): string {
  return v.replace(/^[[\]]+/, '').replace(/[[\]]+$/, '');
}

export const envoyFilterGenerator: AggregateGenerator<Permission> = {
  shape: 'aggregate',
  httpOnly: false,
  combine: (key, values) => {
    let k = key.startsWith('experimental.') ? key.slice('experimental.'.length) : key;
    if (k.endsWith(']')) k = k.slice(0, -1);
    const open = k.indexOf('[');
    if (open < 0) return fail(`invalid key \`${key}\``);
    const filter = k.slice(0, open);
    const field = k.slice(open + 1);
    const matchers = values.map((v): ValueMatcher => {
      const m = { stringMatch: patternMatcher(v.startsWith('[') && v.endsWith(']') ? trimBrackets(v) : v) };
      return v.startsWith('[') && v.endsWith(']') ? { listMatch: { oneOf: m } } : m;
    });
    return ok({ metadata: metadataMatcher(filter, [field], orValueMatcher(matchers)) });
  },
};
