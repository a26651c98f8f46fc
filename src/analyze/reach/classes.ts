/**
 * The reachable classes of one destination port for one kind of caller: every ALLOW alternative
 * whose fixed literals the caller satisfies (its peer identity, its address, the port), minus the
 * DENY alternatives that apply to it, kept iff satisfiable (`region.ts`).
 *
 * Callers differ only through the fixed literals, so the classes are memoized per chain on the
 * vector of fixed-literal values (plus the token issuers the caller prefers): a thousand attackers
 * that no policy names share one computation. `matrix.ts` goes further and calls this once per
 * group of attackers with equal vectors, so the vector is evaluated once per group, not per pair.
 */
import type { ConnectionFacts } from '../../model/request.js';
import { RbacRequest } from '../../engine/rbac/request-view.js';
import { testLiteral, type Literal } from './literals.js';
import type { ChainModel, DestinationModel } from './destination.js';
import { SearchLimitError, solveRegion, type DenyAlternative } from './region.js';
import type { Assignment, JwtContext } from './solve.js';

export interface ReachClass {
  /** The free literals of the ALLOW alternative (what the request must look like). */
  free: readonly Literal[];
  /** Fixed literals the caller satisfies (why it gets in: its identity, its address, the port). */
  held: readonly Literal[];
  /** `ns/name rule[i]`, or the default-allow text. */
  decidedBy: string;
  /** DENY alternatives that carve part of the class out. */
  partial: readonly DenyAlternative[];
  assignment: Assignment;
  /** Set when the search limit stopped the analysis of this class (never silently dropped). */
  unresolved?: true;
}

export const DEFAULT_ALLOW = 'no ALLOW policy (default allow)';

interface ChainCache {
  fixed: Literal[];
  /** Literal id → position in `fixed`. */
  index: Map<number, number>;
  memo: Map<string, ReachClass[]>;
}

const caches = new WeakMap<ChainModel, ChainCache>();

function cacheOf(chain: ChainModel): ChainCache {
  let c = caches.get(chain);
  if (!c) {
    const fixed = new Map<number, Literal>();
    for (const p of [...(chain.allow ?? []), ...chain.denies]) for (const a of p.alts) for (const l of a) if (l.kind === 'fixed') fixed.set(l.id, l);
    const list = [...fixed.values()];
    c = { fixed: list, index: new Map(list.map((l, i) => [l.id, i])), memo: new Map() };
    caches.set(chain, c);
  }
  return c;
}

export interface CallerFacts {
  connection: ConnectionFacts;
  /** Issuers of tokens the caller holds, tried first in witnesses. */
  preferIssuers: readonly string[];
}

type Resolved = { free: Literal[]; held: Literal[] } | undefined;

function resolve(alt: readonly Literal[], value: { get(id: number): boolean }): Resolved {
  const free: Literal[] = [];
  const held: Literal[] = [];
  for (const l of alt) {
    if (l.kind !== 'fixed') free.push(l);
    else if (value.get(l.id)) held.push(l);
    else return undefined;
  }
  return { free, held };
}

/** The classes `caller` reaches on `chain` of `dest` (connection facts include the port). */
export function classesFor(dest: DestinationModel, chain: ChainModel, caller: CallerFacts): ReachClass[] {
  const cache = cacheOf(chain);
  const req = new RbacRequest({ connection: caller.connection });
  // The fixed-literal values, packed 16 to a character: the memo key.
  const bits = new Uint8Array(cache.fixed.length);
  const codes: number[] = [];
  let word = 0;
  for (let i = 0; i < bits.length; i++) {
    if (testLiteral(cache.fixed[i] as Literal, req)) {
      bits[i] = 1;
      word |= 1 << (i & 15);
    }
    if ((i & 15) === 15) {
      codes.push(word);
      word = 0;
    }
  }
  codes.push(word);
  const sig = `${String.fromCharCode(...codes)}|${caller.preferIssuers.join(' ')}`;
  const hit = cache.memo.get(sig);
  if (hit) return hit;
  const value = { get: (id: number): boolean => bits[cache.index.get(id) ?? -1] === 1 };

  const denies: DenyAlternative[] = [];
  let coveredBy: string | undefined;
  for (const p of chain.denies) {
    for (const alt of p.alts) {
      const r = resolve(alt, value);
      if (!r) continue;
      if (r.free.length === 0) coveredBy ??= p.ref;
      denies.push({ ref: p.ref, kind: p.kind === 'custom' ? 'custom' : 'deny', free: r.free, table: chain.table });
    }
  }
  const out: ReachClass[] = [];
  if (coveredBy === undefined) {
    const jwt: JwtContext = { configs: dest.jwt && chain.http ? [dest.jwt] : [], preferIssuers: caller.preferIssuers };
    const allows: { free: Literal[]; held: Literal[]; ref: string }[] = [];
    if (!chain.allow) allows.push({ free: [], held: [], ref: DEFAULT_ALLOW });
    else for (const p of chain.allow) for (const alt of p.alts) {
      const r = resolve(alt, value);
      if (r) allows.push({ ...r, ref: p.ref });
    }
    const seen = new Set<string>();
    for (const a of allows) {
      const key = a.free.map((l) => l.id).sort((x, y) => x - y).join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      try {
        const region = solveRegion(dest.solver, a.free, denies, jwt);
        if (region) out.push({ free: a.free, held: a.held, decidedBy: a.ref, partial: region.partial, assignment: region.assignment });
      } catch (e) {
        if (!(e instanceof SearchLimitError)) throw e;
        out.push({ free: a.free, held: a.held, decidedBy: a.ref, partial: denies, assignment: { headers: new Map() }, unresolved: true });
      }
    }
  }
  cache.memo.set(sig, out);
  return out;
}
