/**
 * Which values to try for one free attribute, given the literals that constrain it.
 *
 * The values are *synthesized* from the patterns themselves (spec §2.6: exact, prefix `x*`,
 * suffix `*x`, presence `*`; §2.7.3 templates; the `.+`/`.*` globs istiod emits as regexes; CIDRs),
 * never sampled: for every combination of one alternative per positive literal, the strongest
 * prefix and suffix are joined around the required infixes with a filler, for several fillers
 * that start with different characters. A negative literal (`notPaths`, a DENY rule, …) rules out
 * a set described by the same patterns, so one of k+1 fillers with distinct first characters
 * escapes k negative prefixes/exacts; CIDR negatives are escaped exactly through the addresses
 * just outside them. Every candidate is then checked with the engine's own matchers
 * (`solve.ts`), so a candidate can be wasted but never wrong.
 *
 * Limits (documented, not silent): a `safeRegex` that is not a glob contributes no seeds of its
 * own (istiod only emits globs on attacker-chosen attributes), and more negatives on one attribute
 * than there are fillers can hide a solution.
 */
import type { CidrRange, HeaderMatcher, Permission, Principal, StringMatcher, ValueMatcher } from '../../model/envoy-rbac.js';
import { parseGlobRegex } from '../../engine/rbac/glob-regex.js';
import { parseIp } from '../../engine/rbac/cidr.js';
import type { AttrKind, Literal } from './literals.js';

type Shape =
  | { t: 'exact'; v: string }
  | { t: 'prefix'; v: string }
  | { t: 'suffix'; v: string }
  | { t: 'contains'; v: string }
  | { t: 'glob'; pieces: readonly string[] }
  | { t: 'template'; v: string }
  | { t: 'present' }
  | { t: 'cidr'; r: CidrRange }
  | { t: 'none' };

const FILLERS = ['', 'a', 'x', 'b', 'z', '0', 'q-1', 'M', '_'];
const MAX_COMBOS = 256;

function ofString(m: StringMatcher | undefined): Shape {
  if (!m) return { t: 'none' };
  if (m.exact !== undefined) return { t: 'exact', v: m.exact };
  if (m.prefix !== undefined) return { t: 'prefix', v: m.prefix };
  if (m.suffix !== undefined) return { t: 'suffix', v: m.suffix };
  if (m.contains !== undefined) return { t: 'contains', v: m.contains };
  const g = m.safeRegex ? parseGlobRegex(m.safeRegex.regex) : undefined;
  return g ? { t: 'glob', pieces: g.pieces } : { t: 'none' };
}

function ofValue(v: ValueMatcher | undefined, out: Shape[]): void {
  if (!v) return;
  if (v.stringMatch) out.push(ofString(v.stringMatch));
  if (v.listMatch) ofValue(v.listMatch.oneOf, out);
  if (v.orMatch) for (const x of v.orMatch.valueMatchers) ofValue(x, out);
  if (v.presentMatch) out.push({ t: 'present' });
}

/** The value shapes one leaf accepts (several for an OR'ed metadata matcher). */
export function shapesOf(raw: Permission | Principal): Shape[] {
  const p = raw as Permission & Principal;
  if (p.header) {
    const h: HeaderMatcher & Record<string, unknown> = p.header as HeaderMatcher & Record<string, unknown>;
    if (h.stringMatch) return [ofString(h.stringMatch)];
    if (typeof h['exactMatch'] === 'string') return [{ t: 'exact', v: h['exactMatch'] }];
    if (typeof h['prefixMatch'] === 'string') return [{ t: 'prefix', v: h['prefixMatch'] }];
    if (typeof h['suffixMatch'] === 'string') return [{ t: 'suffix', v: h['suffixMatch'] }];
    return [{ t: 'present' }];
  }
  if (p.urlPath) return [ofString(p.urlPath.path)];
  if (p.uriTemplate) return [{ t: 'template', v: p.uriTemplate.typedConfig.pathTemplate }];
  if (p.requestedServerName) return [ofString(p.requestedServerName)];
  if (p.remoteIp) return [{ t: 'cidr', r: p.remoteIp }];
  if (p.metadata) {
    const out: Shape[] = [];
    ofValue(p.metadata.value, out);
    return out;
  }
  return [{ t: 'none' }];
}

/** `/a/{*}/b/{**}` → `/a/w/b/w` (and a variant with `**` empty). */
function instantiateTemplate(t: string): string[] {
  const one = t.replace(/\{[^}=]*=\*\*\}|\{\*\*\}/g, '\u0001').replace(/\{[^}]*\}/g, 'w').replace(/\*\*/g, '\u0001').replace(/\*/g, 'w');
  return [one.replace(/\u0001/g, 'w'), one.replace(/\u0001/g, 'w/w'), one.replace(/\u0001/g, '')];
}

function overlapJoin(p: string, s: string): string[] {
  const out: string[] = [];
  for (let k = Math.min(p.length, s.length); k > 0; k--) if (p.endsWith(s.slice(0, k))) out.push(p + s.slice(k));
  return out;
}

/** Strings that satisfy one alternative of each positive literal (when they can be satisfied together). */
function synthesize(combo: readonly Shape[]): string[] {
  const exacts = combo.filter((s): s is { t: 'exact'; v: string } => s.t === 'exact').map((s) => s.v);
  if (exacts.length > 0) return exacts;
  const templates = combo.filter((s): s is { t: 'template'; v: string } => s.t === 'template');
  if (templates.length > 0) return templates.flatMap((t) => instantiateTemplate(t.v));
  const prefixes: string[] = [];
  const suffixes: string[] = [];
  const infixes: string[] = [];
  for (const s of combo) {
    if (s.t === 'prefix') prefixes.push(s.v);
    else if (s.t === 'suffix') suffixes.push(s.v);
    else if (s.t === 'contains') infixes.push(s.v);
    else if (s.t === 'glob') {
      prefixes.push(s.pieces[0] ?? '');
      suffixes.push(s.pieces[s.pieces.length - 1] ?? '');
      infixes.push(...s.pieces.slice(1, -1));
    }
  }
  const p = prefixes.reduce((a, b) => (b.length > a.length ? b : a), '');
  const s = suffixes.reduce((a, b) => (b.length > a.length ? b : a), '');
  const out: string[] = [];
  for (const f of FILLERS) out.push(p + [f, ...infixes.flatMap((c) => [c, f])].join('') + s);
  if (infixes.length === 0) out.push(...overlapJoin(p, s));
  return out;
}

function combos(lists: readonly (readonly Shape[])[]): Shape[][] {
  let acc: Shape[][] = [[]];
  for (const l of lists) {
    const next: Shape[][] = [];
    for (const a of acc) for (const s of l) if (next.length < MAX_COMBOS) next.push([...a, s]);
    acc = next;
  }
  return acc;
}

const DEFAULTS: Record<Exclude<AttrKind, 'fixed' | 'remoteIp'>, readonly string[]> = {
  method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'CONNECT', 'X'],
  path: ['/', '/a', '/x', '/b/c', '/z0', '/M'],
  host: ['example.com', 'a.example', 'x', 'z0.test'],
  header: ['a', 'x', 'b', 'z', '0', 'M'],
  sni: ['', 'a', 'x.example', 'z0'],
  claim: ['a', 'x', 'b', 'z', '0', 'M'],
};

/** Makes a string acceptable where it goes: paths start with `/`, methods are upper-case tokens. */
function fit(kind: AttrKind, v: string): string | undefined {
  if (kind === 'path') return v.startsWith('/') ? v : undefined;
  if (kind === 'method') return /^[!#$%&'*+\-.^_`|~0-9A-Z]+$/.test(v) ? v : undefined;
  if (kind === 'header' || kind === 'host' || kind === 'claim' || kind === 'sni') return /[\0\r\n]/.test(v) ? undefined : v;
  return v;
}

/**
 * String candidates for `kind` under the positive literals `pos` (one per literal: any alternative
 * of each), in preference order, `preferred` first.
 */
export function stringCandidates(kind: AttrKind, pos: readonly Literal[], preferred: readonly string[] = []): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (v: string): void => {
    const f = fit(kind, v) ?? (kind === 'path' ? fit(kind, `/${v}`) : kind === 'method' ? fit(kind, v.toUpperCase()) : undefined);
    if (f !== undefined && !seen.has(f)) {
      seen.add(f);
      out.push(f);
    }
  };
  if (pos.length === 0) for (const v of [...preferred, ...DEFAULTS[kind as keyof typeof DEFAULTS]]) add(v);
  for (const combo of combos(pos.map((l) => l.leaves.flatMap((x) => shapesOf(x.raw))))) for (const v of synthesize(combo)) add(v);
  for (const v of preferred) add(v);
  return out;
}

// ---- addresses ------------------------------------------------------------------------------

function toBig(ip: string): { v: bigint; six: boolean } | undefined {
  const p = parseIp(ip);
  if (!p) return undefined;
  let v = 0n;
  for (const w of p.words) v = (v << 32n) | BigInt(w >>> 0);
  return { v, six: p.version === 6 };
}

function fromBig(v: bigint, six: boolean): string {
  if (!six) return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 255n)).join('.');
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((v >> BigInt(i * 16)) & 0xffffn).toString(16));
  return groups.join(':');
}

function rangeOf(r: CidrRange): { lo: bigint; hi: bigint; six: boolean } | undefined {
  const b = toBig(r.addressPrefix);
  if (!b) return undefined;
  const bits = b.six ? 128n : 32n;
  const len = BigInt(r.prefixLen ?? 0);
  const host = (1n << (bits - len)) - 1n;
  const lo = b.v & ~host & ((1n << bits) - 1n);
  return { lo, hi: lo | host, six: b.six };
}

/**
 * Addresses for a `remote.ip` constrained by CIDR literals: the ends of every positive range and
 * the first address past each end of every negative range. If a feasible address exists, the
 * smallest one in some positive range is one of these, so the list is complete.
 */
export function ipCandidates(lits: readonly Literal[]): string[] {
  const out = new Set<string>(['203.0.113.9', '2001:db8::9']);
  for (const l of lits) {
    for (const leaf of l.leaves) {
      for (const s of shapesOf(leaf.raw)) {
        if (s.t !== 'cidr') continue;
        const r = rangeOf(s.r);
        if (!r) continue;
        const max = r.six ? (1n << 128n) - 1n : (1n << 32n) - 1n;
        for (const v of [r.lo, r.hi, r.lo - 1n, r.hi + 1n]) if (v >= 0n && v <= max) out.add(fromBig(v, r.six));
      }
    }
  }
  return [...out];
}
