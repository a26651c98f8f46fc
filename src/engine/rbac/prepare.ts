/**
 * `prepareRbac`: one `envoy.config.rbac.v3.RBAC` rule set compiled for fast, repeated decisions.
 *
 * Envoy's engine (`source/extensions/filters/common/rbac/engine_impl.cc`) keeps policies in a
 * `std::map`, i.e. sorted by key bytes, tests them in that order and reports the first match as
 * the effective policy id. A policy matches when any permission and any principal match.
 * ALLOW allows iff a policy matches, DENY allows iff none does, LOG always allows and only marks
 * the request. Matching goes through {@link PolicyIndex}; the `*Linear` twins test every policy
 * in order and are what traces (and the index property test) use.
 */
import { MeshwardError } from '../../model/errors.js';
import type { RbacPolicy, RbacRules } from '../../model/envoy-rbac.js';
import { intersectKeys, unionKeys, type IndexKeys } from './index-keys.js';
import { compilePermission, compilePrincipal, type MatchNode } from './nodes.js';
import { PolicyIndex } from './policy-index.js';
import type { RbacRequest } from './request-view.js';

export type RbacAction = 'ALLOW' | 'DENY' | 'LOG';

export interface PreparedPolicy {
  /** The policy's key in the rules map, e.g. `ns[foo]-policy[bar]-rule[0]`. */
  readonly key: string;
  /** Position in lexicographic key order. */
  readonly rank: number;
  test(r: RbacRequest): boolean;
  /** Why the policy did not match `r` (call only when `test` was false). */
  explain(r: RbacRequest): string;
}

export interface PreparedRbac {
  readonly action: RbacAction;
  /** In Envoy's evaluation order (lexicographic by key). */
  readonly policies: readonly PreparedPolicy[];
  firstMatch(r: RbacRequest): PreparedPolicy | undefined;
  allMatches(r: RbacRequest): PreparedPolicy[];
  firstMatchLinear(r: RbacRequest): PreparedPolicy | undefined;
  allMatchesLinear(r: RbacRequest): PreparedPolicy[];
}

/** Byte order of the UTF-8 encodings, which is code point order (std::string comparison). */
export function compareKeys(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const d = (x.value.codePointAt(0) as number) - (y.value.codePointAt(0) as number);
    if (d !== 0) return d;
  }
}

function preparePolicy(key: string, rank: number, p: RbacPolicy): PreparedPolicy & { keys: IndexKeys } {
  if (!Array.isArray(p.permissions) || p.permissions.length === 0 || !Array.isArray(p.principals) || p.principals.length === 0) {
    throw new MeshwardError('ERR_RBAC_CONFIG', `policy \`${key}\` needs at least one permission and one principal`);
  }
  let perms: MatchNode[];
  let ids: MatchNode[];
  try {
    perms = p.permissions.map(compilePermission);
    ids = p.principals.map(compilePrincipal);
  } catch (e) {
    if (e instanceof MeshwardError) throw new MeshwardError(e.code, `policy \`${key}\`: ${e.message}`, { cause: e });
    throw e;
  }
  const anyPerm = (r: RbacRequest): boolean => {
    for (const n of perms) if (n.test(r)) return true;
    return false;
  };
  const anyId = (r: RbacRequest): boolean => {
    for (const n of ids) if (n.test(r)) return true;
    return false;
  };
  const side = (what: string, nodes: MatchNode[], r: RbacRequest): string =>
    nodes.length === 1 ? (nodes[0] as MatchNode).explain(r) : `no ${what} matched: ${nodes.map((n) => n.explain(r)).slice(0, 3).join('; ')}`;
  return {
    key,
    rank,
    test: (r) => anyPerm(r) && anyId(r),
    explain: (r) => (anyPerm(r) ? side('principal', ids, r) : side('permission', perms, r)),
    // Permissions are alternatives (OR), so are principals; the policy needs one of each (AND).
    keys: intersectKeys([unionKeys(perms.map((n) => n.keys)), unionKeys(ids.map((n) => n.keys))]),
  };
}

/**
 * Compiles a rule set. Throws `ERR_RBAC_CONFIG` for config Envoy would reject (a oneof with no or
 * two fields, a bad regex, CIDR or URI template), so a bad config never silently changes a decision.
 *
 * @example
 * const rbac = prepareRbac({ action: 'DENY', policies: { 'ns[foo]-policy[deny]-rule[0]': policy } });
 * rbac.firstMatch(new RbacRequest(facts))?.key;
 */
export function prepareRbac(rules: RbacRules): PreparedRbac {
  const action: RbacAction = rules.action ?? 'ALLOW';
  const keys = Object.keys(rules.policies ?? {}).sort(compareKeys);
  const prepared = keys.map((k, rank) => preparePolicy(k, rank, (rules.policies as Record<string, RbacPolicy>)[k] as RbacPolicy));
  const policies: readonly PreparedPolicy[] = prepared.map(({ key, rank, test, explain }) => ({ key, rank, test, explain }));
  const index = new PolicyIndex(prepared.map((p) => p.keys));
  const tests = policies.map((p) => p.test);
  return {
    action,
    policies,
    firstMatch(r) {
      const rank = index.scan(r, tests);
      return rank < 0 ? undefined : policies[rank];
    },
    allMatches(r) {
      const ranks: number[] = [];
      index.scan(r, tests, ranks);
      return ranks.map((k) => policies[k] as PreparedPolicy);
    },
    firstMatchLinear: (r) => policies.find((p) => p.test(r)),
    allMatchesLinear: (r) => policies.filter((p) => p.test(r)),
  };
}
