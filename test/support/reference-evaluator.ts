/**
 * A deliberately plain reference evaluator for AuthorizationPolicy, written straight from spec §4
 * (the `decide` pseudo-code and its comparator table) over the *policy spec*, never over the Envoy
 * RBAC output. It exists only to be compared with `src/compile` + `src/engine` by property tests,
 * so it imports nothing from them: a shared bug would hide itself.
 *
 * This file is longer than our usual module (~500 lines) on purpose: it is meant to be read in one
 * sitting against spec §2.3–§2.9.4 and §4, one comparator per field, with no cleverness.
 *
 * Covered: ALLOW / DENY / AUDIT (CUSTOM policies are ignored: the reference has no authorizer),
 * dry-run (never enforced, §2.11), allow-nothing (`spec: {}`, §2.2), the from/to/when algebra
 * (§2.3), every Source/Operation field and every `when` key of §2.8, the value patterns of §2.6,
 * trust-domain aliases (§2.7.1), path templates (§2.7.3), request principals (§2.7.4), claims
 * (§2.7.5) and the TCP degradation of §2.9.4.
 */
import type {
  AuthorizationAction,
  AuthorizationPolicy,
  Condition,
  Operation,
  RequestFacts,
  Rule,
  Source,
} from '../../src/model/index.js';

export interface ReferenceRequest {
  facts: RequestFacts;
  /**
   * The url path after normalization (spec §8), without query and fragment. When absent it is the
   * raw `:path` cut at the first `?` or `#` (no normalization).
   */
  urlPath?: string;
}

export interface ReferenceOptions {
  /** Trust domain first, then aliases (spec §2.7.1). */
  trustDomainBundle: readonly string[];
  /** Evaluate as a TCP filter chain: HTTP-only attributes degrade per spec §2.9.4. */
  tcp: boolean;
  /** Namespace of a policy whose `metadata.namespace` is absent. */
  defaultNamespace?: string;
}

export type LocalAction = Exclude<AuthorizationAction, 'CUSTOM'>;

export interface ReferenceMatch {
  /** `namespace/name`. */
  id: string;
  action: LocalAction;
  dryRun: boolean;
  /** Indexes (in `spec.rules`) of the rules that matched. */
  rules: number[];
}

export interface ReferenceDecision {
  allowed: boolean;
  /** `ns/name` of every *enforced* (not dry-run) ALLOW, DENY or AUDIT policy that matched. */
  matchedPolicies: string[];
  /** Which step of spec §4 `decide` ended the evaluation. */
  decidedBy: 'deny-policy' | 'no-allow-policy' | 'allow-policy' | 'no-allow-match';
  /** Every policy that matched, enforced or dry-run, with its action. */
  matches: ReferenceMatch[];
  /** Enforced AUDIT policies that matched (spec §2.11). */
  audited: string[];
}

/** Decides one request at one workload as spec §4 `decide` does (without CUSTOM and JWT steps). */
export function referenceDecide(
  policies: readonly AuthorizationPolicy[],
  request: ReferenceRequest,
  options: ReferenceOptions,
): ReferenceDecision {
  const attrs = attributesOf(request, options.tcp);
  const matches: ReferenceMatch[] = [];
  let enforcedAllowExists = false;
  for (const p of policies) {
    const action = localAction(p.spec.action);
    if (action === undefined) continue;
    const dryRun = isDryRun(p);
    // An entirely dry-run ALLOW policy does not turn the workload into default-deny (§2.2, §2.11).
    if (action === 'ALLOW' && !dryRun) enforcedAllowExists = true;
    const namespace = p.metadata.namespace ?? options.defaultNamespace ?? 'default';
    const ctx: RuleContext = { action, tcp: options.tcp, bundle: options.trustDomainBundle, namespace, attrs };
    const matchedRules: number[] = [];
    (p.spec.rules ?? []).forEach((rule, i) => {
      if (ruleMatches(rule, ctx)) matchedRules.push(i);
    });
    if (matchedRules.length > 0) {
      matches.push({ id: `${namespace}/${p.metadata.name}`, action, dryRun, rules: matchedRules });
    }
  }
  const enforced = matches.filter((m) => !m.dryRun);
  const matchedPolicies = enforced.map((m) => m.id);
  const audited = enforced.filter((m) => m.action === 'AUDIT').map((m) => m.id);
  const base = { matchedPolicies, matches, audited };
  if (enforced.some((m) => m.action === 'DENY')) return { ...base, allowed: false, decidedBy: 'deny-policy' };
  if (!enforcedAllowExists) return { ...base, allowed: true, decidedBy: 'no-allow-policy' };
  if (enforced.some((m) => m.action === 'ALLOW')) return { ...base, allowed: true, decidedBy: 'allow-policy' };
  return { ...base, allowed: false, decidedBy: 'no-allow-match' };
}

/** `remote.ip` at a sidecar: the override, else the right-most X-Forwarded-For entry, else the peer (§2.4, AZ-32). */
export function referenceRemoteIp(facts: RequestFacts): string | undefined {
  if (facts.remoteIp !== undefined) return facts.remoteIp;
  if (facts.http) {
    // Several XFF lines are read as if comma-joined; Envoy falls back to the peer when the
    // right-most entry is not an IP address.
    const xff = facts.http.headers.filter(([n]) => n.toLowerCase() === 'x-forwarded-for').map(([, v]) => v);
    if (xff.length > 0) {
      const last = xff.join(',').split(',').pop()?.trim() ?? '';
      if (parseIp(last) !== undefined) return last;
    }
  }
  return facts.connection.sourceIp;
}

// ---- request attributes (spec §4 request model) -----------------------------------------------

interface HttpAttributes {
  authority: string;
  method: string;
  urlPath: string;
  rawPath: string;
  /** Lower-cased name → every value, one per header line (AZ-28). */
  headers: Map<string, string[]>;
}

interface Attributes {
  /** URI SANs of a verified peer certificate; empty = no peer identity. */
  peerIds: readonly string[];
  directIp?: string;
  remoteIp?: string;
  dstIp?: string;
  dstPort: number;
  sni?: string;
  http?: HttpAttributes;
  jwt?: Readonly<Record<string, unknown>>;
  meta?: RequestFacts['filterMetadata'];
}

function attributesOf(request: ReferenceRequest, tcp: boolean): Attributes {
  const { facts } = request;
  const c = facts.connection;
  const out: Attributes = { peerIds: c.peerPrincipals, dstPort: c.destinationPort };
  if (c.sourceIp !== undefined) out.directIp = c.sourceIp;
  const remote = referenceRemoteIp(tcp ? { ...facts, http: undefined } : facts);
  if (remote !== undefined) out.remoteIp = remote;
  if (c.destinationIp !== undefined) out.dstIp = c.destinationIp;
  if (c.sni !== undefined) out.sni = c.sni;
  if (facts.filterMetadata !== undefined) out.meta = facts.filterMetadata;
  if (!tcp && facts.http) {
    const h = facts.http;
    const headers = new Map<string, string[]>();
    for (const [name, value] of h.headers) {
      const key = name.toLowerCase();
      headers.set(key, [...(headers.get(key) ?? []), value]);
    }
    // Pseudo-headers are headers to Envoy's header matcher too.
    headers.set(':authority', [h.authority]);
    headers.set(':method', [h.method]);
    headers.set(':path', [h.path]);
    const urlPath = request.urlPath ?? h.path.split(/[?#]/, 1)[0] ?? '';
    out.http = { authority: h.authority, method: h.method, urlPath, rawPath: h.path, headers };
    if (facts.jwt) out.jwt = facts.jwt.payload;
  }
  return out;
}

// ---- policy level -----------------------------------------------------------------------------

function localAction(a: AuthorizationAction | undefined): LocalAction | undefined {
  if (a === undefined || a === 'ALLOW') return 'ALLOW';
  if (a === 'DENY' || a === 'AUDIT') return a;
  return undefined; // CUSTOM: out of the reference's scope; unknown actions are dropped (§1.3)
}

/** `istio.io/dry-run` parsed as a Go boolean; a parse failure means enforced (§2.11). */
function isDryRun(p: AuthorizationPolicy): boolean {
  const v = p.metadata.annotations?.['istio.io/dry-run'];
  return v !== undefined && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v);
}

interface RuleContext {
  action: LocalAction;
  tcp: boolean;
  bundle: readonly string[];
  namespace: string;
  attrs: Attributes;
}

/** Thrown when the builder would not emit the rule at all (§2.9.4), so it can never match. */
class RuleDropped extends Error {}

function ruleMatches(rule: Rule | null, ctx: RuleContext): boolean {
  if (rule === null) return false; // a nil rule is skipped (§2.9.4)
  try {
    // Evaluate every part eagerly so that a dropped rule is dropped whatever the request.
    const when = (rule.when ?? []).map((c) => conditionMatches(c, ctx));
    const from = (rule.from ?? []).map((f) => (f?.source ? sourceMatches(f.source, ctx) : true));
    const to = (rule.to ?? []).map((t) => (t?.operation ? operationMatches(t.operation, ctx) : true));
    return (from.length === 0 || from.some(Boolean)) && (to.length === 0 || to.some(Boolean)) && when.every(Boolean);
  } catch (e) {
    if (e instanceof RuleDropped) return false;
    throw e;
  }
}

/**
 * `X`/`notX` (§2.3): `(pos empty or any cmp) and (neg empty or none cmp)`. A value the builder cannot
 * emit (`invalid` says why) drops the whole rule for ALLOW and just that value otherwise; when every
 * value of a part is dropped, the part disappears (§2.9.4).
 */
function fieldMatches(
  ctx: RuleContext,
  pos: readonly string[] | undefined,
  neg: readonly string[] | undefined,
  cmp: (v: string) => boolean,
  invalid: (v: string) => boolean = () => false,
): boolean {
  const keep = (vs: readonly string[] | undefined): string[] => {
    const out: string[] = [];
    for (const v of vs ?? []) {
      if (!invalid(v)) out.push(v);
      else if (ctx.action === 'ALLOW') throw new RuleDropped();
    }
    return out;
  };
  const p = keep(pos);
  const n = keep(neg);
  return (p.length === 0 || p.some(cmp)) && (n.length === 0 || !n.some(cmp));
}

/** Marks every value of an HTTP-only field as un-emittable on TCP chains (§2.9.4). */
function httpOnly(ctx: RuleContext): (v: string) => boolean {
  return () => ctx.tcp;
}

// ---- Source (§2.4) ----------------------------------------------------------------------------

function sourceMatches(s: Source, ctx: RuleContext): boolean {
  const a = ctx.attrs;
  const results = [
    fieldMatches(ctx, expandPrincipals(s.principals, ctx), expandPrincipals(s.notPrincipals, ctx), (v) =>
      a.peerIds.some((id) => principalMatches(id, v)),
    ),
    fieldMatches(ctx, s.requestPrincipals, s.notRequestPrincipals, (v) => requestPrincipalMatches(a.jwt, v), httpOnly(ctx)),
    fieldMatches(ctx, s.namespaces, s.notNamespaces, (v) => a.peerIds.some((id) => namespaceMatches(id, v))),
    fieldMatches(ctx, s.serviceAccounts, s.notServiceAccounts, (v) =>
      a.peerIds.some((id) => serviceAccountMatches(id, v, ctx.namespace)),
    ),
    fieldMatches(ctx, expandTrustDomains(s.trustDomains, ctx), expandTrustDomains(s.notTrustDomains, ctx), (v) =>
      a.peerIds.some((id) => trustDomainMatches(id, v)),
    ),
    fieldMatches(ctx, s.ipBlocks, s.notIpBlocks, (v) => cidrContains(v, a.directIp), badCidr),
    fieldMatches(ctx, s.remoteIpBlocks, s.notRemoteIpBlocks, (v) => cidrContains(v, a.remoteIp), badCidr),
  ];
  return results.every(Boolean);
}

/** `principals`: the value with `spiffe://` prepended, as a §2.6 pattern on the peer URI SAN (§2.7.1). */
function principalMatches(peerId: string, v: string): boolean {
  if (v === '*') return peerId.length > 0; // regex `.+`, no prefix
  if (v.startsWith('*')) return peerId.startsWith('spiffe://') && peerId.slice('spiffe://'.length).endsWith(v.slice(1));
  if (v.endsWith('*')) return peerId.startsWith(`spiffe://${v.slice(0, -1)}`);
  return peerId === `spiffe://${v}`;
}

/** Trust-domain alias expansion of principal values (§2.7.1). */
function expandPrincipals(values: readonly string[] | undefined, ctx: RuleContext): string[] | undefined {
  if (values === undefined) return undefined;
  const out: string[] = [];
  for (const v of values) {
    const parts = v.split('/');
    const td = parts[0] ?? '';
    if (parts.length !== 5 || td === '*') {
      out.push(v);
      continue;
    }
    const related = td === 'cluster.local' || ctx.bundle.some((entry) => loosePatternEq(td, entry));
    if (!related) {
      out.push(v);
      continue;
    }
    const rest = parts.slice(1).join('/');
    const expanded: string[] = [];
    for (const entry of ctx.bundle) {
      const candidate = td.startsWith('*') && entry.endsWith(td.slice(1)) ? v : `${entry}/${rest}`;
      if (!expanded.includes(candidate)) expanded.push(candidate);
    }
    out.push(...expanded);
  }
  return out;
}

/** Equal, or one side a `*`, `x*` or `*x` pattern that matches the other (§2.7.1). */
function loosePatternEq(a: string, b: string): boolean {
  const one = (s: string, pat: string): boolean =>
    pat === '*' ||
    (pat.endsWith('*') && s.startsWith(pat.slice(0, -1))) ||
    (pat.startsWith('*') && s.endsWith(pat.slice(1)));
  return a === b || one(a, b) || one(b, a);
}

// `namespaces`: regex `.*/ns/<v, * → .*>/.*` full-matched on the peer URI SAN (§2.4).
function namespaceMatches(peerId: string, v: string): boolean {
  const body = v.split('*').map(quoteRegex).join('.*');
  return fullMatch(`.*/ns/${body}/.*`, peerId);
}

/** `serviceAccounts`: `sa` or `ns/sa`; any trust domain (§2.4, §10). */
function serviceAccountMatches(peerId: string, v: string, policyNamespace: string): boolean {
  const slash = v.indexOf('/');
  const ns = slash < 0 ? policyNamespace : v.slice(0, slash);
  const sa = slash < 0 ? v : v.slice(slash + 1);
  return fullMatch(`spiffe://.+/ns/${quoteRegex(ns)}/(.+/|)sa/${quoteRegex(sa)}(/.+)?`, peerId);
}

/** `trustDomains` values equal to a bundle entry stand for the whole bundle (§2.7.1). */
function expandTrustDomains(values: readonly string[] | undefined, ctx: RuleContext): string[] | undefined {
  if (values === undefined) return undefined;
  const out: string[] = [];
  for (const v of values) {
    for (const x of ctx.bundle.includes(v) ? ctx.bundle : [v]) if (!out.includes(x)) out.push(x);
  }
  return out;
}

/** `trustDomains`: the trust-domain segment of the peer URI SAN; `*` stands for `[^/]*` (§2.4). */
function trustDomainMatches(peerId: string, v: string): boolean {
  if (v === '*') return peerId.startsWith('spiffe://');
  if (!v.includes('*')) return peerId.startsWith(`spiffe://${v}/`);
  const star = v.indexOf('*');
  return fullMatch(`spiffe://${quoteRegex(v.slice(0, star))}[^/]*${quoteRegex(v.slice(star + 1))}/.*`, peerId);
}

/** Request principal `<iss>/<sub>`, pattern split at the last `/` (§2.7.4). */
function requestPrincipalMatches(jwt: Attributes['jwt'], v: string): boolean {
  if (jwt === undefined) return false;
  const iss = jwt['iss'];
  const sub = jwt['sub'];
  if (typeof iss !== 'string' || typeof sub !== 'string') return false; // metadata string matchers
  const nonEmpty = (s: string): boolean => s.length > 0;
  const idx = v.lastIndexOf('/');
  const found = idx >= 0;
  const vIss = found ? v.slice(0, idx) : v;
  const vSub = found ? v.slice(idx + 1) : '';
  if (v === '*') return nonEmpty(iss) && nonEmpty(sub);
  if (v.startsWith('*')) {
    if (found) return (vIss === '*' ? nonEmpty(iss) : iss.endsWith(vIss.slice(1))) && sub === vSub;
    return nonEmpty(iss) && sub.endsWith(v.slice(1));
  }
  if (v.endsWith('*')) {
    if (found) return iss === vIss && (vSub === '*' ? nonEmpty(sub) : sub.startsWith(vSub.slice(0, -1)));
    return iss.startsWith(v.slice(0, -1)) && nonEmpty(sub);
  }
  return iss === vIss && sub === vSub;
}

// ---- Operation (§2.5) -------------------------------------------------------------------------

function operationMatches(o: Operation, ctx: RuleContext): boolean {
  const h = ctx.attrs.http;
  const results = [
    fieldMatches(ctx, o.hosts, o.notHosts, (v) => h !== undefined && headerPatternMatches([h.authority], v, true), httpOnly(ctx)),
    fieldMatches(ctx, o.methods, o.notMethods, (v) => h !== undefined && headerPatternMatches([h.method], v, false), httpOnly(ctx)),
    fieldMatches(ctx, o.paths, o.notPaths, (v) => h !== undefined && pathMatches(h.urlPath, v), httpOnly(ctx)),
    fieldMatches(ctx, o.ports, o.notPorts, (v) => ctx.attrs.dstPort === Number(v), badPort),
  ];
  return results.every(Boolean);
}

/** `paths`: a §2.6 pattern, or an Envoy URI template when it holds `{*}` / `{**}` (§2.7.3). */
function pathMatches(urlPath: string, v: string): boolean {
  if (v.includes('{*}') || v.includes('{**}')) return uriTemplateMatches(urlPath, v);
  return stringPatternMatches(urlPath, v, false);
}

/** `pchar` of RFC 3986 without `*` and `=`: what one template segment may hold (Envoy uri_template). */
const SEGMENT_CHARS = "a-zA-Z0-9\\-._~%!$&'()+,;:@";

/**
 * `{*}` = one non-empty segment, `{**}` = zero or more segments, anything else literal; full match
 * on the path without query (§2.7.3, AZ-18). A template Envoy would refuse never matches here.
 */
function uriTemplateMatches(urlPath: string, template: string): boolean {
  if (!template.startsWith('/')) return false;
  const segments = template.slice(1).split('/');
  const parts: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] ?? '';
    if (seg === '{*}') parts.push(`[${SEGMENT_CHARS}]+`);
    else if (seg === '{**}') parts.push(`[${SEGMENT_CHARS}/]*`);
    else if (seg === '' && i === segments.length - 1 && i > 0) parts.push('');
    else if (new RegExp(`^[${SEGMENT_CHARS}]+$`).test(seg)) parts.push(quoteRegex(seg));
    else return false;
  }
  return fullMatch(`/${parts.join('/')}`, urlPath);
}

// ---- when conditions (§2.8) -------------------------------------------------------------------

function conditionMatches(c: Condition | null, ctx: RuleContext): boolean {
  if (c === null) throw new RuleDropped();
  const a = ctx.attrs;
  const k = c.key;
  const f = (cmp: (v: string) => boolean, invalid?: (v: string) => boolean): boolean =>
    fieldMatches(ctx, c.values, c.notValues, cmp, invalid);
  switch (k) {
    case 'source.ip':
      return f((v) => cidrContains(v, a.directIp), badCidr);
    case 'remote.ip':
      return f((v) => cidrContains(v, a.remoteIp), badCidr);
    case 'destination.ip':
      return f((v) => cidrContains(v, a.dstIp), badCidr);
    case 'destination.port':
      return f((v) => a.dstPort === Number(v), badPort);
    case 'connection.sni':
      return f((v) => a.sni !== undefined && stringPatternMatches(a.sni, v, false));
    case 'source.namespace':
      return f((v) => a.peerIds.some((id) => namespaceMatches(id, v)));
    case 'source.principal':
      return fieldMatches(ctx, expandPrincipals(c.values, ctx), expandPrincipals(c.notValues, ctx), (v) =>
        a.peerIds.some((id) => principalMatches(id, v)),
      );
    case 'source.serviceAccount':
      return f((v) => a.peerIds.some((id) => serviceAccountMatches(id, v, ctx.namespace)));
    case 'source.trustDomain':
      return fieldMatches(ctx, expandTrustDomains(c.values, ctx), expandTrustDomains(c.notValues, ctx), (v) =>
        a.peerIds.some((id) => trustDomainMatches(id, v)),
      );
    case 'request.auth.principal':
      return f((v) => requestPrincipalMatches(a.jwt, v), httpOnly(ctx));
    case 'request.auth.audiences':
      return f((v) => claimMatches(a.jwt, ['aud'], v), httpOnly(ctx));
    case 'request.auth.presenter':
      return f((v) => claimMatches(a.jwt, ['azp'], v), httpOnly(ctx));
  }
  const header = bracketed(k, 'request.headers');
  if (header !== undefined && header.length === 1 && header[0] !== '') {
    const name = (header[0] ?? '').toLowerCase();
    return f((v) => {
      const values = a.http?.headers.get(name);
      return values !== undefined && headerPatternMatches(values, v, false);
    }, httpOnly(ctx));
  }
  const claim = bracketed(k, 'request.auth.claims');
  if (claim !== undefined && claim.every((x) => x !== '')) {
    return f((v) => claimMatches(a.jwt, claim, v), httpOnly(ctx));
  }
  if (k.startsWith('experimental.envoy.filters.')) {
    const open = k.indexOf('[');
    if (open > 0 && k.endsWith(']')) {
      const filter = k.slice('experimental.'.length, open);
      const key = k.slice(open + 1, -1);
      return f((v) => metadataMatches(a.meta?.[filter]?.[key], v));
    }
  }
  // An unknown key makes istiod skip the whole rule, for every action (§2.9.4, §10).
  throw new RuleDropped();
}

/**
 * `prefix[a][b]…` → `['a','b',…]`. Bracket content is literal; a malformed nested form falls back
 * to one bracket holding everything between the first `[` and the last `]` (§2.7.5).
 */
function bracketed(key: string, prefix: string): string[] | undefined {
  if (!key.startsWith(`${prefix}[`) || !key.endsWith(']')) return undefined;
  const inner = key.slice(prefix.length);
  const nested = /^(\[[^[\]]+\])+$/.test(inner);
  if (nested) return inner.slice(1, -1).split('][');
  return [inner.slice(1, -1)];
}

/** A claim: a string matches the pattern; a list matches if one string element does (§2.7.5). */
function claimMatches(jwt: Attributes['jwt'], path: readonly string[], v: string): boolean {
  let cur: unknown = jwt;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return false;
    cur = (cur as Record<string, unknown>)[seg];
  }
  if (typeof cur === 'string') return stringPatternMatches(cur, v, false);
  if (Array.isArray(cur)) return cur.some((x) => typeof x === 'string' && stringPatternMatches(x, v, false));
  return false;
}

// `experimental.envoy.filters.…`: `[v]` means "the list holds a match for v" (§2.7.6).
function metadataMatches(value: unknown, v: string): boolean {
  if (v.startsWith('[') && v.endsWith(']')) {
    const inner = v.replace(/^\[+|\]+$/g, '');
    return Array.isArray(value) && value.some((x) => typeof x === 'string' && stringPatternMatches(x, inner, false));
  }
  return typeof value === 'string' && stringPatternMatches(value, v, false);
}

// ---- value patterns (§2.6) --------------------------------------------------------------------

/** Envoy's `ignore_case` folds ASCII letters only (absl `AsciiStrToLower`): `É` and `é` stay apart. */
function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Generic string matcher: `*` = non-empty (regex `.+`), `*x` suffix, `x*` prefix, else exact. */
function stringPatternMatches(s: string, v: string, ignoreCase: boolean): boolean {
  const a = ignoreCase ? asciiLower(s) : s;
  const p = ignoreCase ? asciiLower(v) : v;
  if (p === '*') return a.length > 0;
  if (p.startsWith('*')) return a.endsWith(p.slice(1));
  if (p.endsWith('*')) return a.startsWith(p.slice(0, -1));
  return a === p;
}

/** Header matcher: `*` = present (even empty); otherwise any single header line matches (AZ-28). */
function headerPatternMatches(values: readonly string[], v: string, ignoreCase: boolean): boolean {
  if (v === '*') return values.length > 0;
  return values.some((x) => stringPatternMatches(x, v, ignoreCase));
}

// ---- addresses and ports ----------------------------------------------------------------------

function badPort(v: string): boolean {
  return !/^\d{1,5}$/.test(v) || Number(v) > 65535;
}

function badCidr(v: string): boolean {
  return parseCidr(v) === undefined;
}

interface Cidr {
  version: 4 | 6;
  bits: bigint;
  len: number;
}

function cidrContains(cidr: string, ip: string | undefined): boolean {
  const range = parseCidr(cidr);
  const addr = ip === undefined ? undefined : parseIp(ip);
  if (range === undefined || addr === undefined || range.version !== addr.version) return false;
  const width = range.version === 4 ? 32 : 128;
  const shift = BigInt(width - range.len);
  return addr.bits >> shift === range.bits >> shift;
}

function parseCidr(s: string): Cidr | undefined {
  const [addr, len, extra] = s.split('/');
  if (addr === undefined || extra !== undefined) return undefined;
  const ip = parseIp(addr);
  if (ip === undefined) return undefined;
  const width = ip.version === 4 ? 32 : 128;
  if (len === undefined) return { ...ip, len: width };
  if (!/^\d{1,3}$/.test(len) || Number(len) > width) return undefined;
  return { ...ip, len: Number(len) };
}

function parseIp(s: string): { version: 4 | 6; bits: bigint } | undefined {
  const v4 = parseIpv4(s);
  if (v4 !== undefined) return { version: 4, bits: v4 };
  const v6 = parseIpv6(s);
  return v6 === undefined ? undefined : { version: 6, bits: v6 };
}

function parseIpv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let out = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return undefined;
    out = (out << 8n) | BigInt(p);
  }
  return out;
}

function parseIpv6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i] ?? '';
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) out.push(parseInt(piece, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  let out = 0n;
  for (const g of [...head, ...new Array<number>(missing).fill(0), ...tail]) out = (out << 16n) | BigInt(g);
  return out;
}

// ---- regex helpers ----------------------------------------------------------------------------

/** Quote like Go's `regexp.QuoteMeta` (spec §4). */
function quoteRegex(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** RE2 `FullMatch` as Envoy's safe_regex does it. */
function fullMatch(re: string, s: string): boolean {
  return new RegExp(`^(?:${re})$`).test(s);
}
