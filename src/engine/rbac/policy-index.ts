/**
 * Candidate selection for one RBAC rule set, so a decision does not test every policy.
 *
 * Cost model. Let N be the number of policies, K of them indexable (every alternative pins one
 * attribute to exact values: url path, `/`-terminated path prefix, peer principal, `namespaces`
 * regex, host, port or method; see index-keys.ts) and U = N − K always scanned. Building costs
 * O(total values) once. A decision does one hash lookup per attribute in use (one per URI SAN,
 * per `/ns/` in a SAN, per `/` in the path for the multi-valued ones), then a k-way merge of the
 * hit buckets with the scanned list, by rank. It tests the U scanned policies plus only those
 * indexed policies whose key equals one of the request's values, and stops at the first match.
 * So cost grows with U and with the size of the hit buckets, not with N: 1,000 policies keyed on
 * distinct paths or principals cost about as much as a handful.
 * Worst case (no policy indexable) it is the linear scan Envoy itself does.
 *
 * Ranks are positions in lexicographic key order (Envoy keeps policies in a `std::map`), so the
 * merge visits candidates in exactly the order Envoy would test them and the first match found is
 * the one Envoy reports as the effective policy.
 */
import type { IndexAttr, IndexKeys } from './index-keys.js';
import type { RbacRequest } from './request-view.js';
import { namespacesIn } from './glob-regex.js';
import { asciiLower } from './string-matcher.js';

/** Preference when a policy could be keyed on several attributes: most selective first. */
const PREFERENCE: readonly IndexAttr[] = ['path', 'principal', 'namespace', 'pathPrefix', 'host', 'port', 'method'];
const EMPTY: readonly number[] = [];

export class PolicyIndex {
  private readonly buckets = new Map<IndexAttr, Map<string, number[]>>();
  private readonly scanned: number[] = [];
  private readonly attrs: IndexAttr[];

  /** `keys[rank]` are the index keys of the policy with that rank. */
  constructor(keys: readonly IndexKeys[]) {
    keys.forEach((k, rank) => {
      const attr = PREFERENCE.find((a) => k.has(a));
      if (!attr) {
        this.scanned.push(rank);
        return;
      }
      // An empty value set means the policy can never match: it is simply never a candidate.
      let byValue = this.buckets.get(attr);
      if (!byValue) this.buckets.set(attr, (byValue = new Map()));
      for (const v of k.get(attr) as ReadonlySet<string>) {
        const list = byValue.get(v);
        if (list) list.push(rank);
        else byValue.set(v, [rank]);
      }
    });
    this.attrs = PREFERENCE.filter((a) => this.buckets.has(a));
  }

  private lists(r: RbacRequest): (readonly number[])[] {
    // No inner helper functions here: this runs per decision (and tsx would wrap them in `__name`).
    const out: (readonly number[])[] = [];
    if (this.scanned.length > 0) out.push(this.scanned);
    let l: readonly number[] | undefined;
    for (const attr of this.attrs) {
      const byValue = this.buckets.get(attr) as Map<string, number[]>;
      if (attr === 'principal') {
        if (r.ssl) for (const p of r.peerPrincipals) if ((l = byValue.get(p))) out.push(l);
      } else if (attr === 'namespace') {
        if (r.ssl) for (const p of r.peerPrincipals) for (const ns of namespacesIn(p)) if ((l = byValue.get(ns))) out.push(l);
      } else if (attr === 'pathPrefix') {
        const u = r.urlPath;
        if (u !== undefined) for (let i = u.indexOf('/'); i >= 0; i = u.indexOf('/', i + 1)) if ((l = byValue.get(u.slice(0, i + 1)))) out.push(l);
      } else {
        const v =
          attr === 'path' ? r.urlPath
          : attr === 'method' ? r.method
          : attr === 'host' ? (r.authority === undefined ? undefined : asciiLower(r.authority))
          : String(r.destinationPort);
        if (v !== undefined && (l = byValue.get(v))) out.push(l);
      }
    }
    return out;
  }

  /**
   * Tests candidates in ascending rank (each once); returns the first matching rank, or -1. With
   * `all`, collects every matching rank instead of stopping.
   */
  scan(r: RbacRequest, test: readonly ((r: RbacRequest) => boolean)[], all?: number[]): number {
    const lists = this.lists(r);
    if (lists.length <= 1) {
      const only = lists[0] ?? EMPTY;
      for (let i = 0; i < only.length; i++) {
        const rank = only[i] as number;
        if ((test[rank] as (r: RbacRequest) => boolean)(r)) {
          if (!all) return rank;
          all.push(rank);
        }
      }
      return all && all.length > 0 ? (all[0] as number) : -1;
    }
    const pos = new Array<number>(lists.length).fill(0);
    let last = -1;
    for (;;) {
      let best = -1;
      let bestRank = Infinity;
      for (let i = 0; i < lists.length; i++) {
        const l = lists[i] as readonly number[];
        const p = pos[i] as number;
        if (p < l.length && (l[p] as number) < bestRank) {
          bestRank = l[p] as number;
          best = i;
        }
      }
      if (best < 0) return all && all.length > 0 ? (all[0] as number) : -1;
      pos[best] = (pos[best] as number) + 1;
      if (bestRank === last) continue;
      last = bestRank;
      if ((test[bestRank] as (r: RbacRequest) => boolean)(r)) {
        if (!all) return bestRank;
        all.push(bestRank);
      }
    }
  }
}
