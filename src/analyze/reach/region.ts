/**
 * A reachable region: one ALLOW alternative minus every DENY alternative (spec §2.1: DENY runs
 * before ALLOW, so a request is allowed iff it matches some ALLOW alternative and no DENY one).
 *
 * `A ∧ ¬D1 ∧ … ∧ ¬Dn` is satisfiable iff one literal of each intersecting Di can be negated
 * together with A — a small search: a DENY alternative that the current solution already escapes
 * costs nothing, and only DENY alternatives that intersect A are searched at all (those that do not
 * are irrelevant to the class; those that do become "except" notes). A DENY alternative with no
 * free literal left covers the whole class and removes it.
 */
import type { Literal } from './literals.js';
import type { LiteralTable } from './literals.js';
import { holds, type Assignment, type JwtContext, type Solver } from './solve.js';

export interface DenyAlternative {
  ref: string;
  kind: 'deny' | 'custom';
  free: readonly Literal[];
  table: LiteralTable;
}

export interface Region {
  assignment: Assignment;
  /** DENY alternatives that remove part of the class (reported as "except"). */
  partial: DenyAlternative[];
}

/** Beyond this many search steps a class is reported as unresolved rather than guessed. */
const MAX_STEPS = 20_000;

export class SearchLimitError extends Error {}

export function solveRegion(solver: Solver, allow: readonly Literal[], denies: readonly DenyAlternative[], jwt: JwtContext): Region | undefined {
  const base = solver.solve(allow, jwt);
  if (!base) return undefined;
  const partial: DenyAlternative[] = [];
  for (const d of denies) {
    if (d.free.length === 0) return undefined;
    if (solver.solve([...allow, ...d.free], jwt)) partial.push(d);
  }
  let steps = 0;
  const search = (i: number, lits: readonly Literal[], sol: Assignment): Assignment | undefined => {
    if (++steps > MAX_STEPS) throw new SearchLimitError('search limit');
    if (i === partial.length) return sol;
    const d = partial[i] as DenyAlternative;
    // The solution so far already escapes this DENY alternative. (Without an X-Forwarded-For the
    // `remote.ip` is the peer address, which the probe does not know: search instead.)
    const blind = sol.remoteIp === undefined && d.free.some((l) => l.kind === 'remoteIp');
    if (!blind && !holds(d.free, sol)) return search(i + 1, lits, sol);
    for (const l of d.free) {
      const next = [...lits, d.table.negate(l)];
      const s = solver.solve(next, jwt);
      if (s) {
        const r = search(i + 1, next, s);
        if (r) return r;
      }
    }
    return undefined;
  };
  const assignment = search(0, allow, base);
  return assignment ? { assignment, partial } : undefined;
}
