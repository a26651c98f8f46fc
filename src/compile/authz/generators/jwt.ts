/**
 * JWT generators: request principals, audiences, presenter and claims (spec §2.7.4, §2.7.5).
 * All are HTTP-only metadata matchers on `envoy.filters.http.jwt_authn` and aggregate their values
 * into one leaf. Source: `requestPrincipalGenerator`, `requestAudiencesGenerator`,
 * `requestPresenterGenerator`, `requestClaimGenerator` in `pilot/pkg/security/authz/model/generator.go`.
 */
import type { Principal, StringMatcher } from '../../../model/envoy-rbac.js';
import { jwtClaimListOrStringMatcher, jwtClaimStringMatcher, principalAnd, principalOr } from '../rbac-nodes.js';
import { matchNonEmpty, stringOrMatcher } from '../string-matcher.js';
import { fail, ok, type AggregateGenerator } from './generator.js';

/**
 * `<iss>/<sub>` split at the last `/` (issuers are URLs). `*` on either side of the split becomes a
 * non-empty match, so `*` requires a token with both `iss` and `sub`, and a value without `/`
 * only matches tokens whose `sub` is empty.
 */
function issSubMatchers(value: string): [iss: StringMatcher, sub: StringMatcher] {
  const idx = value.lastIndexOf('/');
  const found = idx >= 0;
  const iss = found ? value.slice(0, idx) : value;
  const sub = found ? value.slice(idx + 1) : '';
  if (value === '*') return [matchNonEmpty(), matchNonEmpty()];
  if (value.startsWith('*')) {
    if (found) return [iss === '*' ? matchNonEmpty() : { suffix: iss.slice(1) }, { exact: sub }];
    return [matchNonEmpty(), { suffix: value.slice(1) }];
  }
  if (value.endsWith('*')) {
    if (found) return [{ exact: iss }, sub === '*' ? matchNonEmpty() : { prefix: sub.slice(0, -1) }];
    return [{ prefix: value.slice(0, -1) }, matchNonEmpty()];
  }
  return [{ exact: iss }, { exact: sub }];
}

export const requestPrincipalGenerator: AggregateGenerator<Principal> = {
  shape: 'aggregate',
  httpOnly: true,
  combine: (_key, values) => {
    const alternatives = values.map((v): Principal => {
      const [iss, sub] = issSubMatchers(v);
      return principalAnd([{ metadata: jwtClaimStringMatcher('iss', iss) }, { metadata: jwtClaimStringMatcher('sub', sub) }]);
    });
    if (alternatives.length === 1) return ok(alternatives[0] as Principal);
    return ok(principalOr(alternatives));
  },
};

function claimLeaf(claims: readonly string[], values: readonly string[]): Principal {
  return { metadata: jwtClaimListOrStringMatcher(claims, () => stringOrMatcher(values)) };
}

function claimGenerator(claims: readonly string[]): AggregateGenerator<Principal> {
  return { shape: 'aggregate', httpOnly: true, combine: (_key, values) => ok(claimLeaf(claims, values)) };
}

export const audiencesGenerator = claimGenerator(['aud']);
export const presenterGenerator = claimGenerator(['azp']);

/**
 * `[a][b][c]` → `['a','b','c']`; bracket contents are literal (`[foo.com/name]` is one key). A
 * form that is not a clean run of bracket pairs falls back to single-bracket parsing, as istiod's
 * `extractNameInNestedBrackets` does.
 */
export function claimPath(s: string): string[] | undefined {
  const out: string[] = [];
  for (let begin = 0; begin < s.length; ) {
    let end = -1;
    if (s[begin] === '[') {
      for (let i = begin + 1; i < s.length; i++) {
        if (s[i] === '[') break;
        if (s[i] === ']') {
          end = i;
          break;
        }
      }
    }
    if (end < 0) return s.startsWith('[') && s.endsWith(']') ? [s.slice(1, -1)] : undefined;
    out.push(s.slice(begin + 1, end));
    begin = end + 1;
  }
  return out;
}

const CLAIMS_KEY = 'request.auth.claims';

export const requestClaimGenerator: AggregateGenerator<Principal> = {
  shape: 'aggregate',
  httpOnly: true,
  combine: (key, values) => {
    const path = claimPath(key.slice(CLAIMS_KEY.length));
    if (!path) return fail(`expecting format \`request.auth.claims[<name>]\`, found \`${key}\``);
    return ok(claimLeaf(path, values));
  },
};
