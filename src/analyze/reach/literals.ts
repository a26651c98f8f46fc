/**
 * The symbolic view of an Envoy RBAC policy: its `permissions × principals` trees turned into a
 * disjunction of conjunctions ("alternatives") of literals, each literal one request attribute
 * tested against a set of leaf matchers (spec §2.3, §2.9.3).
 *
 * Istio emits `orRules`/`orIds` of leaves on one attribute for every field (`methods: [GET, POST]`
 * is one OR of two `:method` leaves), so such an OR stays *one* literal with several leaves instead
 * of being split into classes; only ORs across attributes (several `from`/`to` entries, several
 * `requestPrincipals`) become separate alternatives. NOT pushes down by De Morgan.
 *
 * Every leaf keeps the engine's own compiled matcher (`compilePermission`/`compilePrincipal`),
 * so a literal is always *evaluated* with the exact engine semantics; the symbolic part (which
 * values to try) lives in `candidates.ts`.
 */
import type { Permission, Principal } from '../../model/envoy-rbac.js';
import { MeshwardError } from '../../model/errors.js';
import { compilePermission, compilePrincipal, type MatchNode } from '../../engine/rbac/nodes.js';
import type { RbacRequest } from '../../engine/rbac/request-view.js';

/**
 * Attributes a request is judged on. `fixed` ones follow from who the attacker is and where it
 * connects (peer certificate, source/destination address, port, metadata it cannot write);
 * the others the attacker chooses freely.
 */
export type AttrKind = 'method' | 'path' | 'host' | 'header' | 'sni' | 'remoteIp' | 'claim' | 'fixed';

export interface Leaf {
  /** The RBAC leaf as istiod emitted it. */
  readonly raw: Permission | Principal;
  /** The engine's matcher for it. */
  readonly node: MatchNode;
}

export interface Literal {
  /** Unique within one destination's analysis; equal literals share an id. */
  readonly id: number;
  readonly kind: AttrKind;
  /** Grouping key: `method`, `header:x-foo`, `claim:["payload","role"]`, `fixed:<label>` … */
  readonly attr: string;
  /** For `header`: the lower-case name; for `claim`: the metadata path below the filter. */
  readonly name?: string;
  readonly path?: readonly string[];
  /** True: none of `leaves` may match; false: at least one must. */
  readonly neg: boolean;
  readonly leaves: readonly Leaf[];
  /** Which RBAC tree the leaves came from (they compile differently). */
  readonly side: 'permission' | 'principal';
}

export type Alternative = readonly Literal[];

const JWT_FILTER = 'envoy.filters.http.jwt_authn';
/** A cap on alternatives per tree: beyond it the policy is too irregular to enumerate (never for istiod output). */
const MAX_ALTERNATIVES = 4096;

/** Classifies an RBAC leaf by the request attribute it reads. */
function classify(raw: Permission | Principal, o: TableOptions): { kind: AttrKind; attr: string; name?: string; path?: string[] } {
  const p = raw as Permission & Principal;
  if (!o.http) {
    // On a TCP chain only the SNI is the attacker's to choose; HTTP attributes are absent.
    if (p.requestedServerName) return { kind: 'sni', attr: 'sni' };
    return { kind: 'fixed', attr: `fixed:${JSON.stringify(raw)}` };
  }
  if (p.header) {
    const name = p.header.name.toLowerCase();
    if (name === ':method') return { kind: 'method', attr: 'method' };
    if (name === ':authority') return { kind: 'host', attr: 'host' };
    if (name === ':path') return { kind: 'path', attr: 'path' };
    return { kind: 'header', attr: `header:${name}`, name };
  }
  if (p.urlPath || p.uriTemplate) return { kind: 'path', attr: 'path' };
  if (p.requestedServerName) return { kind: 'sni', attr: 'sni' };
  if (p.remoteIp && !o.remoteIpFixed) return { kind: 'remoteIp', attr: 'remoteIp' };
  if (!o.claimsAbsent && p.metadata && p.metadata.filter === JWT_FILTER && p.metadata.path[0]?.key === 'payload' && p.metadata.path.length > 1) {
    const path = p.metadata.path.slice(1).map((s) => s.key);
    return { kind: 'claim', attr: `claim:${JSON.stringify(path)}`, path };
  }
  return { kind: 'fixed', attr: `fixed:${JSON.stringify(raw)}` };
}

export interface TableOptions {
  /** HTTP chain (else TCP: only the SNI is free). */
  http: boolean;
  /** `remote.ip` cannot be chosen (a gateway trusting no proxy hops takes the peer address). */
  remoteIpFixed?: boolean;
  /** Claims are never present (CUSTOM rules run before jwt_authn, spec §2.1). */
  claimsAbsent?: boolean;
}

/** Ids are unique in the process, so literals of different tables can meet in one conjunction. */
let nextId = 0;

/** Builds literals and hands out ids, so equal literals (same leaves, same sign) share one. */
export class LiteralTable {
  private readonly ids = new Map<string, Literal>();

  constructor(readonly options: TableOptions) {}

  literal(leaves: readonly (Permission | Principal)[], neg: boolean, side: 'permission' | 'principal'): Literal {
    const first = leaves[0] as Permission | Principal;
    const c = classify(first, this.options);
    const key = `${neg ? '!' : ''}${c.attr}|${JSON.stringify(leaves)}`;
    const hit = this.ids.get(key);
    if (hit) return hit;
    const compile = side === 'permission' ? (x: Permission | Principal) => compilePermission(x as Permission) : (x: Permission | Principal) => compilePrincipal(x as Principal);
    const lit: Literal = {
      id: nextId++,
      kind: c.kind,
      attr: c.kind === 'fixed' ? `fixed:${key}` : c.attr,
      neg,
      side,
      leaves: leaves.map((raw) => ({ raw, node: compile(raw) })),
      ...(c.name !== undefined ? { name: c.name } : {}),
      ...(c.path !== undefined ? { path: c.path } : {}),
    };
    this.ids.set(key, lit);
    return lit;
  }

  negate(l: Literal): Literal {
    return this.literal(
      l.leaves.map((x) => x.raw),
      !l.neg,
      l.side,
    );
  }
}

/** Whether the request satisfies the literal, with the engine's matchers. */
export function testLiteral(l: Literal, r: RbacRequest): boolean {
  let hit = false;
  for (const leaf of l.leaves) {
    if (leaf.node.test(r)) {
      hit = true;
      break;
    }
  }
  return hit !== l.neg;
}

function product(parts: readonly (readonly Alternative[])[]): Alternative[] {
  let acc: Alternative[] = [[]];
  for (const p of parts) {
    const out: Alternative[] = [];
    for (const a of acc) for (const b of p) out.push([...a, ...b]);
    if (out.length > MAX_ALTERNATIVES) throw new MeshwardError('ERR_REACH_TOO_COMPLEX', `a policy expands to more than ${MAX_ALTERNATIVES} alternatives`);
    acc = out;
  }
  return acc;
}

type Node = Permission & Principal;

function children(n: Node): Node[] | undefined {
  return (n.andRules?.rules ?? n.andIds?.ids ?? n.orRules?.rules ?? n.orIds?.ids) as Node[] | undefined;
}

function isLeaf(n: Node): boolean {
  return !n.andRules && !n.andIds && !n.orRules && !n.orIds && !n.notRule && !n.notId && n.any === undefined;
}

/** An OR whose children are leaves on one attribute: one literal. */
function sameAttrLeaves(kids: readonly Node[], table: LiteralTable): boolean {
  if (kids.length === 0 || !kids.every(isLeaf)) return false;
  const attr = classify(kids[0]!, table.options).attr;
  return kids.every((k) => classify(k, table.options).attr === attr) && !attr.startsWith('fixed:');
}

/** The tree as alternatives (DNF); `neg` walks the negation of the tree. */
export function toAlternatives(n: Node, table: LiteralTable, side: 'permission' | 'principal', neg = false): Alternative[] {
  if (n.any !== undefined) return neg ? [] : [[]];
  const not = (n.notRule ?? n.notId) as Node | undefined;
  if (not) return toAlternatives(not, table, side, !neg);
  const kids = children(n);
  if (kids) {
    const isAnd = Boolean(n.andRules || n.andIds);
    if (!isAnd && sameAttrLeaves(kids, table)) return [[table.literal(kids, neg, side)]];
    const subs = kids.map((k) => toAlternatives(k, table, side, neg));
    // AND of ORs (or, negated, NOT of an OR) multiplies out; OR (or NOT of an AND) concatenates.
    return isAnd !== neg ? product(subs) : subs.flat();
  }
  if (!isLeaf(n)) throw new MeshwardError('ERR_INTERNAL', 'unsupported rbac node');
  return [[table.literal([n], neg, side)]];
}

/** A policy: any permission alternative together with any principal alternative (spec §2.9.3). */
export function policyAlternatives(p: { permissions: Permission[]; principals: Principal[] }, table: LiteralTable): Alternative[] {
  const perms = p.permissions.flatMap((x) => toAlternatives(x as Node, table, 'permission'));
  const ids = p.principals.flatMap((x) => toAlternatives(x as Node, table, 'principal'));
  return product([perms, ids]);
}
