/**
 * Satisfiability of a conjunction of free literals, with a concrete solution.
 *
 * Literals on different attributes are independent, except JWT claims, which all live in one
 * token: a token is needed iff the claim literals cannot all hold with no token (spec §6.4: no
 * token ⇒ no principal, no claims; negative matchers then match, §2.3), and a token exists only if
 * a RequestAuthentication applies — its issuer must be one of the providers' and, when the
 * provider lists audiences, `aud` must hold one (§6.2). Header literals may be met by different
 * lines of a repeated header (Envoy matches each line on its own), and claim literals by elements
 * of a list claim (`listMatch.oneOf`, §2.7.5).
 *
 * Each attribute's candidates come from `candidates.ts` and are checked with the engine's
 * matchers; results are memoized per literal set, since many classes share them.
 */
import type { JwtAuthnConfig } from '../../compile/request-authn.js';
import type { RequestFacts } from '../../model/request.js';
import { RbacRequest } from '../../engine/rbac/request-view.js';
import { ipCandidates, stringCandidates } from './candidates.js';
import { testLiteral, type Literal } from './literals.js';

export type ClaimValue = string | readonly string[];

/** A concrete choice of every constrained free attribute. */
export interface Assignment {
  method?: string;
  path?: string;
  host?: string;
  sni?: string;
  /** Lower-case header name → lines. */
  headers: ReadonlyMap<string, readonly string[]>;
  /** Rightmost X-Forwarded-For entry to send (a sidecar's `remote.ip`); absent: none sent. */
  remoteIp?: string;
  token?: { issuer: string; claims: Readonly<Record<string, unknown>> };
}

export interface JwtContext {
  /** The jwt_authn configs the token must pass, one per proxy on the way (empty: no RequestAuthentication). */
  configs: readonly JwtAuthnConfig[];
  /** Issuers tried first (tokens the attacker already holds). */
  preferIssuers: readonly string[];
}

export interface Defaults {
  host: string;
}

type Group = { kind: Literal['kind']; attr: string; lits: Literal[] };

function groupOf(lits: readonly Literal[]): Map<string, Group> {
  const m = new Map<string, Group>();
  for (const l of lits) {
    const g = m.get(l.attr);
    if (g) {
      if (!g.lits.includes(l)) g.lits.push(l);
    } else m.set(l.attr, { kind: l.kind, attr: l.attr, lits: [l] });
  }
  return m;
}

function nest(path: readonly string[], v: unknown): Record<string, unknown> {
  let cur: unknown = v;
  for (let i = path.length - 1; i >= 0; i--) cur = { [path[i] as string]: cur };
  return cur as Record<string, unknown>;
}

/** A request holding just the given values: enough for every free-attribute leaf. */
export function probeRequest(a: Partial<Assignment> & { claims?: Record<string, unknown> }): RbacRequest {
  const headers: [string, string][] = [];
  for (const [n, lines] of a.headers ?? []) for (const v of lines) headers.push([n, v]);
  const path = a.path ?? '/';
  const facts: RequestFacts = {
    connection: { peerPrincipals: [], mtls: false, destinationPort: 0, ...(a.sni ? { sni: a.sni } : {}) },
    http: { method: a.method ?? 'GET', path, authority: a.host ?? '', headers },
  };
  if (a.claims) facts.jwt = { payload: a.claims, issuer: '' };
  return new RbacRequest(facts, { urlPath: path, path, ...(a.remoteIp !== undefined ? { remoteIp: a.remoteIp } : {}) });
}

const all = (lits: readonly Literal[], r: RbacRequest): boolean => lits.every((l) => testLiteral(l, r));

/** Solves conjunctions; one instance per destination, so its memo is shared by all attackers. */
export class Solver {
  private readonly memo = new Map<string, unknown>();

  constructor(private readonly defaults: Defaults) {}

  private cached<T>(key: string, f: () => T | undefined): T | undefined {
    if (this.memo.has(key)) return this.memo.get(key) as T | undefined;
    const v = f();
    this.memo.set(key, v);
    return v;
  }

  private key(g: Group, extra = ''): string {
    return `${g.attr}#${g.lits.map((l) => l.id).sort((a, b) => a - b).join(',')}${extra}`;
  }

  private solveString(g: Group): string | undefined {
    return this.cached(this.key(g), () => {
      const pos = g.lits.filter((l) => !l.neg);
      const pref = g.kind === 'host' ? [this.defaults.host] : g.kind === 'sni' ? [''] : [];
      for (const v of stringCandidates(g.kind, pos, pref)) {
        const r = probeRequest({ headers: new Map(), [g.kind]: v });
        if (all(g.lits, r)) return v;
      }
      return undefined;
    });
  }

  /** Lines of one header (`[]` = absent); lines may each meet a different positive literal. */
  private solveHeader(g: Group): readonly string[] | undefined {
    const name = g.lits[0]?.name ?? '';
    const test = (lines: readonly string[]): boolean => all(g.lits, probeRequest({ headers: new Map([[name, lines]]) }));
    return this.cached(this.key(g), () => {
      const pos = g.lits.filter((l) => !l.neg);
      if (pos.length === 0 && test([])) return [];
      for (const v of stringCandidates('header', pos)) if (test([v])) return [v];
      const lines = pos.map((l) => stringCandidates('header', [l]).find((v) => testLiteral(l, probeRequest({ headers: new Map([[name, [v]]]) }))));
      if (lines.every((x) => x !== undefined) && test(lines as string[])) return lines as string[];
      return undefined;
    });
  }

  private solveIp(g: Group): { ip?: string } | undefined {
    return this.cached(this.key(g), () => {
      // No X-Forwarded-For first: then `remote.ip` is the direct peer, which the caller of
      // `solve` already fixed (so a literal the peer address fails is left to the candidates).
      for (const ip of ipCandidates(g.lits)) if (all(g.lits, probeRequest({ headers: new Map(), remoteIp: ip }))) return { ip };
      return undefined;
    });
  }

  /** A value for one claim group: absent, a string, or a list (one element per positive literal). */
  private solveClaim(g: Group, fixed?: ClaimValue): ClaimValue | null | undefined {
    const path = g.lits[0]?.path ?? [];
    const test = (v: ClaimValue | undefined): boolean => all(g.lits, probeRequest({ headers: new Map(), claims: v === undefined ? {} : nest(path, v) }));
    if (fixed !== undefined) return test(fixed) ? fixed : undefined;
    return this.cached(this.key(g), () => {
      const pos = g.lits.filter((l) => !l.neg);
      if (pos.length === 0 && test(undefined)) return null;
      for (const v of stringCandidates('claim', pos)) if (test(v)) return v;
      const list = pos.map((l) => stringCandidates('claim', [l]).find((v) => testLiteral(l, probeRequest({ headers: new Map(), claims: nest(path, v) }))));
      if (list.every((x) => x !== undefined) && test(list as string[])) return list as string[];
      return undefined;
    });
  }

  private solveToken(groups: Group[], jwt: JwtContext): Assignment['token'] | null | undefined {
    const absent = groups.every((g) => all(g.lits, probeRequest({ headers: new Map(), claims: {} })));
    if (absent && groups.every((g) => all(g.lits, probeRequest({ headers: new Map() })))) return null;
    if (jwt.configs.length === 0) return undefined;
    const last = jwt.configs[jwt.configs.length - 1] as JwtAuthnConfig;
    const issuers = [...new Set([...jwt.preferIssuers, ...last.providers.map((p) => p.issuer)])].filter((i) => i !== '');
    for (const issuer of issuers) {
      const provs = jwt.configs.map((c) => c.providers.find((p) => p.issuer === issuer) ?? c.providers.find((p) => p.issuer === ''));
      if (provs.some((p) => p === undefined)) continue;
      const auds = provs.map((p) => p!.audiences[0]).filter((a): a is string => a !== undefined);
      const claims: Record<string, unknown> = { iss: issuer, sub: 'subject' };
      if (auds.length > 0) claims['aud'] = auds.length === 1 ? auds[0] : [...new Set(auds)];
      let ok = true;
      for (const g of groups) {
        const path = g.lits[0]?.path ?? [];
        const top = path[0];
        let v: ClaimValue | null | undefined;
        if (path.length === 1 && top === 'iss') v = this.solveClaim(g, issuer);
        else if (path.length === 1 && top === 'aud' && auds.length > 0) {
          const want = this.solveClaim(g);
          v = this.solveClaim(g, [...new Set([...auds, ...(want === null || want === undefined ? [] : typeof want === 'string' ? [want] : want)])]);
        } else v = this.solveClaim(g);
        if (v === undefined) {
          ok = false;
          break;
        }
        if (v !== null && top !== undefined) Object.assign(claims, path.length === 1 ? { [top]: v } : deepMerge(claims, nest(path, v)));
      }
      if (ok) return { issuer, claims };
    }
    return undefined;
  }

  /** A solution of the conjunction, or `undefined` when none exists. */
  solve(lits: readonly Literal[], jwt: JwtContext): Assignment | undefined {
    const groups = groupOf(lits);
    const out: { -readonly [K in keyof Assignment]: Assignment[K] } = { headers: new Map() };
    const headers = new Map<string, readonly string[]>();
    const claimGroups: Group[] = [];
    for (const g of groups.values()) {
      if (g.kind === 'method' || g.kind === 'path' || g.kind === 'host' || g.kind === 'sni') {
        const v = this.solveString(g);
        if (v === undefined) return undefined;
        out[g.kind] = v;
      } else if (g.kind === 'header') {
        const v = this.solveHeader(g);
        if (v === undefined) return undefined;
        if (v.length > 0) headers.set(g.lits[0]?.name ?? '', v);
      } else if (g.kind === 'remoteIp') {
        const v = this.solveIp(g);
        if (v === undefined) return undefined;
        if (v.ip !== undefined) out.remoteIp = v.ip;
      } else if (g.kind === 'claim') claimGroups.push(g);
      else return undefined;
    }
    out.headers = headers;
    if (claimGroups.length > 0) {
      const t = this.solveToken(claimGroups, jwt);
      if (t === undefined) return undefined;
      if (t !== null) out.token = t;
    }
    return out;
  }
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] = cur && typeof cur === 'object' && !Array.isArray(cur) && v && typeof v === 'object' && !Array.isArray(v) ? deepMerge(cur as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

/** Whether every literal holds for the assignment (used to skip DENY alternatives it already escapes). */
export function holds(lits: readonly Literal[], a: Assignment): boolean {
  const r = probeRequest({ ...a, ...(a.token ? { claims: a.token.claims as Record<string, unknown> } : {}) });
  return all(lits, r);
}
