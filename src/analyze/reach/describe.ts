/**
 * Classes in words: the methods, paths and hosts a class admits in Istio's own pattern notation
 * (spec §2.6), what the request must carry ("a token from issuer X with claim role=…", "header …
 * (client-set, no protection)"), and what is carved out of it ("except …").
 */
import type { ReachClass } from './classes.js';
import { shapesOf } from './candidates.js';
import type { Literal } from './literals.js';

function pattern(l: Literal): string[] {
  const out: string[] = [];
  for (const leaf of l.leaves) {
    for (const s of shapesOf(leaf.raw)) {
      switch (s.t) {
        case 'exact': out.push(s.v); break;
        case 'prefix': out.push(`${s.v}*`); break;
        case 'suffix': out.push(`*${s.v}`); break;
        case 'contains': out.push(`*${s.v}*`); break;
        case 'glob': out.push(s.pieces.join('*') || '*'); break;
        case 'template': out.push(s.v); break;
        case 'present': out.push('*'); break;
        case 'cidr': out.push(`${s.r.addressPrefix}/${s.r.prefixLen ?? 0}`); break;
        default: out.push(leaf.node.label);
      }
    }
  }
  return [...new Set(out)];
}

const tick = (xs: readonly string[]): string => xs.map((x) => `\`${x}\``).join(' | ');

function subject(l: Literal): string {
  switch (l.kind) {
    case 'method': return 'method';
    case 'path': return 'path';
    case 'host': return 'host';
    case 'sni': return 'sni';
    case 'remoteIp': return 'remote.ip';
    case 'header': return `header \`${l.name ?? ''}\``;
    case 'claim': return `claim \`${(l.path ?? []).join('.')}\``;
    default: return '';
  }
}

/** One literal in words, e.g. "method `GET` | `HEAD`" or "not header `x`: `1`". */
export function describeLiteral(l: Literal): string {
  if (l.kind === 'fixed') return `${l.neg ? 'not ' : ''}${l.leaves.map((x) => x.node.label).join(' or ')}`;
  return `${l.neg ? 'not ' : ''}${subject(l)} ${tick(pattern(l))}`;
}

export interface ClassText {
  methods: string[];
  paths: string[];
  hosts: string[];
  requires: string[];
  except: string[];
}

function field(c: ReachClass, kind: Literal['kind'], requires: string[]): string[] {
  const pos = c.free.filter((l) => l.kind === kind && !l.neg);
  if (pos.length === 0) return ['*'];
  for (const extra of pos.slice(1)) requires.push(`${describeLiteral(extra)} as well`);
  return pattern(pos[0] as Literal).sort();
}

/** `held` is the list of issuers whose tokens the attacker receives (replayable). */
export function describeClass(c: ReachClass, http: boolean, held: readonly string[]): ClassText {
  const requires: string[] = [];
  const except: string[] = [];
  const text: ClassText = { methods: [], paths: [], hosts: [], requires, except };
  if (http) {
    text.methods = field(c, 'method', requires);
    text.paths = field(c, 'path', requires);
    text.hosts = field(c, 'host', requires);
  }
  for (const l of c.held) requires.push(`holds: ${describeLiteral(l)}`);
  for (const l of c.free) {
    if (l.neg) {
      except.push(describeLiteral(l).replace(/^not /, ''));
      continue;
    }
    if (l.kind === 'header') requires.push(`${describeLiteral(l)} (client-set, no protection)`);
    else if (l.kind === 'remoteIp') requires.push(`${describeLiteral(l)} (from X-Forwarded-For, client-set at a sidecar)`);
    else if (l.kind === 'sni') requires.push(describeLiteral(l));
  }
  const token = c.assignment.token;
  if (token) {
    const claims = c.free.filter((l) => l.kind === 'claim' && !l.neg).map(describeLiteral);
    const aud = token.claims['aud'];
    const audText = aud === undefined ? '' : ` (audience ${tick(Array.isArray(aud) ? (aud as string[]) : [String(aud)])})`;
    const replay = held.includes(token.issuer) ? '; replayable: this workload receives tokens of this issuer' : '';
    requires.push(`a token from issuer \`${token.issuer}\`${audText}${claims.length ? ` with ${claims.join(', ')}` : ''}${replay}`);
  }
  for (const d of c.partial) {
    const what = d.free.map(describeLiteral).join(' and ');
    except.push(d.kind === 'custom' ? `${what}: sent to ext_authz by ${d.ref} (not modeled, counted as denied)` : `${what}: denied by ${d.ref}`);
  }
  if (c.unresolved) except.push('search limit reached: the DENY rules were not fully subtracted');
  return text;
}
