/**
 * Which workload attackers a destination chain cannot tell apart.
 *
 * A chain's classes for a caller depend only on the values of its fixed literals (`classes.ts`).
 * A fixed leaf reads one of three things:
 * - nothing of the caller (`destinationPort`, `destinationIp`; HTTP attributes, SNI and metadata
 *   on a TCP chain, or metadata no filter wrote): the same for every attacker at one port;
 * - an exact peer principal (`authenticated.principalName.exact`, what istiod emits for
 *   `principals: [ns/sa]`): true for the mTLS connection of the attackers running as that
 *   identity, false for everyone else — an index from SPIFFE id to attackers finds them;
 * - some other fact of the caller (principal patterns such as `namespaces`, `source.ip` /
 *   `remote.ip` CIDRs, filter state): evaluated once per attacker and leaf *of the whole mesh*
 *   (leaves are deduplicated by content), kept as a bitset over the attackers.
 * Attackers with the same bits on a chain's caller leaves, and named by none of its exact
 * principals, form one cell: every member gets the same fixed-literal vector, hence exactly the
 * same classes, so one member stands for all. Named attackers are evaluated one by one.
 * A leaf of any other shape makes every attacker of the chain evaluated one by one.
 *
 * Each attacker has two connection kinds: `mtls` (its sidecar's identity; sidecar attackers only)
 * and `plain` (no identity, its own pod IP).
 */
import { RbacRequest } from '../../engine/rbac/request-view.js';
import type { StringMatcher } from '../../model/envoy-rbac.js';
import { spiffeIdOf, type Workload } from '../../model/workload.js';
import type { ChainModel } from './destination.js';
import type { Leaf, Literal } from './literals.js';

export type ConnKind = 'mtls' | 'plain';

type Dependence = { t: 'none' } | { t: 'exact'; principal: string } | { t: 'caller' } | { t: 'unknown' };

const CALLER_INDEPENDENT = new Set(['destinationPort', 'destinationIp', 'metadata', 'header', 'urlPath', 'uriTemplate', 'requestedServerName']);
const CALLER_DEPENDENT = new Set(['filterState', 'sourceIp', 'directRemoteIp', 'remoteIp']);

/** What of the caller a fixed leaf reads (see the module comment). */
export function dependenceOf(leaf: Leaf): Dependence {
  const raw = leaf.raw as unknown as Record<string, unknown>;
  const set = Object.keys(raw).filter((k) => raw[k] !== undefined);
  const field = set.length === 1 ? (set[0] as string) : '';
  if (CALLER_INDEPENDENT.has(field)) return { t: 'none' };
  if (CALLER_DEPENDENT.has(field)) return { t: 'caller' };
  if (field === 'authenticated') {
    const pn = (raw['authenticated'] as { principalName?: StringMatcher } | null)?.principalName;
    if (pn && pn.exact !== undefined && pn.ignoreCase !== true) return { t: 'exact', principal: pn.exact };
    return { t: 'caller' };
  }
  return { t: 'unknown' };
}

/** A set of attacker indices. */
export type Bits = Uint32Array;

/** The members of `a ∧ b` (`b` optional), in increasing order. */
export function* members(a: Bits, b?: Bits): Generator<number> {
  for (let i = 0; i < a.length; i++) {
    let w = b ? (a[i] as number) & (b[i] as number) : (a[i] as number);
    while (w !== 0) {
      const low = w & -w;
      yield i * 32 + 31 - Math.clz32(low);
      w ^= low;
    }
  }
}

export interface ChainGroups {
  /** Attackers no exact principal of the chain names, by their values on its caller leaves. */
  cells: readonly Bits[];
  /** Attackers evaluated one by one (named by an exact principal, or all on an irregular chain). */
  singles: ReadonlySet<number>;
}

interface ChainShape {
  callerLeaves: { key: string; leaf: Leaf }[];
  exact: string[];
  irregular: boolean;
}

/** The workload attackers of one reach run, with their per-leaf bitsets. */
export class AttackerIndex {
  readonly words: number;
  private readonly requests: Record<ConnKind, (RbacRequest | undefined)[]>;
  private readonly all: Record<ConnKind, Bits>;
  private readonly bySpiffe = new Map<string, number[]>();
  private readonly leafBits = new Map<string, Bits>();
  private readonly partitions = new Map<string, Bits[]>();
  private readonly shapes = new WeakMap<ChainModel, ChainShape>();
  private readonly groups = new WeakMap<ChainModel, Partial<Record<ConnKind, ChainGroups>>>();

  constructor(readonly workloads: readonly Workload[], trustDomain: string) {
    this.words = Math.ceil(workloads.length / 32);
    this.all = { mtls: this.empty(), plain: this.empty() };
    this.requests = { mtls: [], plain: [] };
    workloads.forEach((w, i) => {
      const ip = w.ip !== undefined ? { sourceIp: w.ip } : {};
      this.requests.plain.push(new RbacRequest({ connection: { peerPrincipals: [], mtls: false, destinationPort: 0, ...ip } }));
      set(this.all.plain, i);
      if (w.proxy === 'none') {
        this.requests.mtls.push(undefined);
        return;
      }
      const id = spiffeIdOf(w, trustDomain);
      this.requests.mtls.push(new RbacRequest({ connection: { peerPrincipals: [id], mtls: true, destinationPort: 0, ...ip } }));
      set(this.all.mtls, i);
      const list = this.bySpiffe.get(id);
      if (list) list.push(i);
      else this.bySpiffe.set(id, [i]);
    });
  }

  empty(): Bits {
    return new Uint32Array(this.words);
  }

  /** Attackers that have a connection of this kind. */
  kindSet(kind: ConnKind): Bits {
    return this.all[kind];
  }

  /** Attackers whose connection of `kind` satisfies the leaf. */
  private bitsOf(kind: ConnKind, key: string, leaf: Leaf): Bits {
    const k = `${kind}\u0000${key}`;
    let b = this.leafBits.get(k);
    if (!b) {
      b = this.empty();
      const reqs = this.requests[kind];
      for (let i = 0; i < reqs.length; i++) {
        const r = reqs[i];
        if (r && leaf.node.test(r)) set(b, i);
      }
      this.leafBits.set(k, b);
    }
    return b;
  }

  private shapeOf(chain: ChainModel): ChainShape {
    let s = this.shapes.get(chain);
    if (s) return s;
    const fixed = new Map<number, Literal>();
    for (const p of [...(chain.allow ?? []), ...chain.denies]) for (const a of p.alts) for (const l of a) if (l.kind === 'fixed') fixed.set(l.id, l);
    const callerLeaves = new Map<string, Leaf>();
    const exact = new Set<string>();
    let irregular = false;
    for (const l of fixed.values()) {
      for (const leaf of l.leaves) {
        const d = dependenceOf(leaf);
        if (d.t === 'unknown') irregular = true;
        else if (d.t === 'exact') exact.add(d.principal);
        else if (d.t === 'caller') callerLeaves.set(`${l.side}\u0000${JSON.stringify(leaf.raw)}`, leaf);
      }
    }
    s = { callerLeaves: [...callerLeaves].map(([key, leaf]) => ({ key, leaf })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)), exact: [...exact], irregular };
    this.shapes.set(chain, s);
    return s;
  }

  /** The cells and single attackers of `chain` for connections of `kind`. */
  groupsOf(chain: ChainModel, kind: ConnKind): ChainGroups {
    let byKind = this.groups.get(chain);
    if (!byKind) this.groups.set(chain, (byKind = {}));
    const hit = byKind[kind];
    if (hit) return hit;
    const shape = this.shapeOf(chain);
    let g: ChainGroups;
    if (shape.irregular) g = { cells: [], singles: new Set(members(this.all[kind])) };
    else {
      const singles = new Set<number>();
      if (kind === 'mtls') for (const p of shape.exact) for (const i of this.bySpiffe.get(p) ?? []) singles.add(i);
      g = { cells: this.partition(kind, shape.callerLeaves), singles };
    }
    byKind[kind] = g;
    return g;
  }

  /** The attackers of `kind` split by their values on `leaves`; shared by chains with the same leaves. */
  private partition(kind: ConnKind, leaves: readonly { key: string; leaf: Leaf }[]): Bits[] {
    const k = `${kind}\u0001${leaves.map((l) => l.key).join('\u0001')}`;
    let cells = this.partitions.get(k);
    if (cells) return cells;
    cells = [this.all[kind]];
    for (const { key, leaf } of leaves) {
      const b = this.bitsOf(kind, key, leaf);
      const next: Bits[] = [];
      for (const c of cells) {
        const inside = this.empty();
        const outside = this.empty();
        let any = 0;
        let none = 0;
        for (let i = 0; i < this.words; i++) {
          any |= inside[i] = (c[i] as number) & (b[i] as number);
          none |= outside[i] = (c[i] as number) & ~(b[i] as number);
        }
        if (any !== 0) next.push(inside);
        if (none !== 0) next.push(outside);
      }
      cells = next;
    }
    this.partitions.set(k, cells);
    return cells;
  }
}

function set(b: Bits, i: number): void {
  b[i >>> 5] = (b[i >>> 5] as number) | (1 << (i & 31));
}

/** A bitset of the given members. */
export function bitsOf(words: number, list: Iterable<number>): Bits {
  const b = new Uint32Array(words);
  for (const i of list) set(b, i);
  return b;
}
