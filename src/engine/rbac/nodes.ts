/**
 * Compiles RBAC `Permission` and `Principal` trees into matcher closures, one per node, with the
 * semantics of Envoy `source/extensions/filters/common/rbac/matchers.cc`:
 * AND of none is true, OR of none is false, `not` negates, leaves read one attribute each.
 * Every node also carries a static `label` and an `explain` that says, in plain words, why it did
 * not match; `explain` is only called when tracing, so untraced decisions pay nothing for it.
 * Leaves that require one exact value of an indexable attribute publish it in `keys`
 * (see policy-index.ts).
 */
import { MeshwardError } from '../../model/errors.js';
import type { HeaderMatcher, Permission, Principal, StringMatcher } from '../../model/envoy-rbac.js';
import { compileCidr, type ParsedIp } from './cidr.js';
import { compileMetadataMatcher } from './metadata-matcher.js';
import type { RbacRequest } from './request-view.js';
import { compileStringMatcher, type CompiledStringMatcher } from './string-matcher.js';
import { compileUriTemplate } from './uri-template.js';
import { intersectKeys, leafKeys, unionKeys, type IndexKeys } from './index-keys.js';

export interface MatchNode {
  test(r: RbacRequest): boolean;
  /** Why `test` returned false for `r`, in plain words. */
  explain(r: RbacRequest): string;
  readonly label: string;
  readonly keys: IndexKeys;
}

const URI_TEMPLATE_TYPE = 'type.googleapis.com/envoy.extensions.path.match.uri_template.v3.UriTemplateMatchConfig';
const NO_KEYS: IndexKeys = new Map();

function bad(msg: string): MeshwardError {
  return new MeshwardError('ERR_RBAC_CONFIG', msg);
}

function quote(values: readonly string[]): string {
  return values.map((v) => `\`${v}\``).join(', ');
}

function leaf(
  subject: string,
  label: string,
  test: (r: RbacRequest) => boolean,
  actual: (r: RbacRequest) => string | undefined,
  keys: IndexKeys = NO_KEYS,
): MatchNode {
  return {
    test,
    label: `${subject} ${label}`,
    keys,
    explain(r) {
      const a = actual(r);
      return a === undefined ? `${subject} is absent, so it does not match ${label}` : `${subject} ${a} does not match ${label}`;
    },
  };
}

function shorten(s: string): string {
  return s.length > 240 ? `${s.slice(0, 237)}...` : s;
}

function allOf(children: MatchNode[]): MatchNode {
  if (children.length === 1) return children[0] as MatchNode;
  return {
    test: (r) => {
      for (const c of children) if (!c.test(r)) return false;
      return true;
    },
    explain: (r) => children.find((c) => !c.test(r))?.explain(r) ?? 'matched',
    label: shorten(`all of (${children.map((c) => c.label).join('; ')})`),
    keys: intersectKeys(children.map((c) => c.keys)),
  };
}

function anyOf(children: MatchNode[]): MatchNode {
  if (children.length === 1) return children[0] as MatchNode;
  return {
    test: (r) => {
      for (const c of children) if (c.test(r)) return true;
      return false;
    },
    explain: (r) => {
      if (children.length === 0) return 'an empty list of alternatives never matches';
      const why = children.slice(0, 3).map((c) => c.explain(r));
      return `none of ${children.length} alternatives matched: ${why.join('; ')}${children.length > 3 ? '; ...' : ''}`;
    },
    label: shorten(`any of (${children.map((c) => c.label).join('; ')})`),
    keys: unionKeys(children.map((c) => c.keys)),
  };
}

function not(child: MatchNode): MatchNode {
  return {
    test: (r) => !child.test(r),
    explain: () => `${child.label} matched, and it is negated`,
    label: `not (${child.label})`,
    keys: NO_KEYS,
  };
}

const ALWAYS: MatchNode = { test: () => true, explain: () => 'matched', label: 'any', keys: NO_KEYS };

/** Deprecated HeaderMatcher specifiers (older istiod emitted `safeRegexMatch`), as StringMatchers. */
const LEGACY_SPECIFIERS: Record<string, (v: unknown) => StringMatcher> = {
  exactMatch: (v) => ({ exact: v as string }),
  safeRegexMatch: (v) => ({ safeRegex: v as { regex: string } }),
  prefixMatch: (v) => ({ prefix: v as string }),
  suffixMatch: (v) => ({ suffix: v as string }),
  containsMatch: (v) => ({ contains: v as string }),
};

function headerStringMatcher(h: HeaderMatcher): StringMatcher | undefined {
  const raw = h as unknown as Record<string, unknown>;
  const specs = Object.keys(raw).filter((k) => k !== 'name' && k !== 'invertMatch' && raw[k] !== undefined);
  if (specs.length > 1) throw bad(`header matcher on \`${h.name}\` sets ${specs.join(', ')}`);
  const spec = specs[0];
  if (spec === undefined || spec === 'presentMatch') return undefined;
  if (spec === 'stringMatch') return h.stringMatch;
  const legacy = LEGACY_SPECIFIERS[spec];
  if (!legacy) throw bad(`unsupported header matcher \`${spec}\` on \`${h.name}\``);
  return legacy(raw[spec]);
}

/** Header matcher, each line of a repeated header matched on its own (AZ-28, Envoy CVE-2026-26308). */
function headerNode(h: HeaderMatcher): MatchNode {
  const name = h.name.toLowerCase();
  const invert = h.invertMatch === true;
  const spec = headerStringMatcher(h);
  const sm: CompiledStringMatcher | undefined = spec ? compileStringMatcher(spec) : undefined;
  // No specifier at all means "present" (Envoy HeaderData default).
  const present = sm ? undefined : h.presentMatch ?? true;
  const label = `${invert ? 'not ' : ''}${sm ? sm.label : present ? 'present' : 'absent'}`;
  let keys = NO_KEYS;
  if (sm?.exact !== undefined && !invert) {
    if (name === ':method' && !sm.ignoreCase) keys = leafKeys('method', sm.exact);
    else if (name === ':authority' && sm.ignoreCase) keys = leafKeys('host', sm.exact);
  }
  return leaf(
    `\`${h.name}\``,
    label,
    (r) => {
      const values = r.header(name);
      // Envoy HeaderUtility::matchHeaders: an absent header matches only present:false (or, inverted, present:true).
      if (values === undefined) return present !== undefined && (invert ? present : !present);
      const hit = sm ? values.some((v) => sm.test(v)) : (present as boolean);
      return hit !== invert;
    },
    (r) => {
      const values = r.header(name);
      return values === undefined ? undefined : quote(values);
    },
    keys,
  );
}

function urlPathNode(path: Permission['urlPath']): MatchNode {
  if (!path?.path) throw bad('`urlPath` needs `path`');
  const sm = compileStringMatcher(path.path);
  const keys =
    sm.exact !== undefined && !sm.ignoreCase ? leafKeys('path', sm.exact)
    : sm.slashPrefix !== undefined ? leafKeys('pathPrefix', sm.slashPrefix)
    : NO_KEYS;
  return leaf('url path', sm.label, (r) => r.urlPath !== undefined && sm.test(r.urlPath), (r) => (r.urlPath === undefined ? undefined : quote([r.urlPath])), keys);
}

function ipNode(subject: string, range: Parameters<typeof compileCidr>[0], read: (r: RbacRequest) => ParsedIp | undefined, text: (r: RbacRequest) => string | undefined): MatchNode {
  const c = compileCidr(range);
  return leaf(subject, `cidr ${c.label}`, (r) => c.test(read(r)), (r) => {
    const t = text(r);
    return t === undefined ? undefined : quote([t]);
  });
}

function metadataNode(m: NonNullable<Permission['metadata']>): MatchNode {
  const mm = compileMetadataMatcher(m);
  return leaf(mm.subject, mm.label, (r) => mm.test((f) => r.metadata(f)), (r) => {
    const v = mm.read((f) => r.metadata(f));
    return v === undefined ? undefined : `\`${JSON.stringify(v)}\``;
  });
}

/** The one field of a oneof-shaped object, or an error naming what was found. */
function oneField<T extends object>(what: string, o: T): keyof T {
  const keys = Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined) as (keyof T)[];
  if (keys.length !== 1) throw bad(`${what} must set exactly one rule, got ${keys.length === 0 ? 'none' : keys.join(', ')}`);
  return keys[0] as keyof T;
}

export function compilePermission(p: Permission): MatchNode {
  const f = oneField('permission', p);
  switch (f) {
    case 'andRules': return allOf((p.andRules?.rules ?? []).map(compilePermission));
    case 'orRules': return anyOf((p.orRules?.rules ?? []).map(compilePermission));
    case 'notRule': return not(compilePermission(p.notRule as Permission));
    case 'any':
      if (p.any !== true) throw bad('`any` must be true');
      return ALWAYS;
    case 'header': return headerNode(p.header as HeaderMatcher);
    case 'urlPath': return urlPathNode(p.urlPath);
    case 'destinationIp':
      return ipNode('destination ip', p.destinationIp as NonNullable<Permission['destinationIp']>, (r) => r.destinationIp(), (r) => r.facts.connection.destinationIp);
    case 'destinationPort': {
      const port = p.destinationPort as number;
      return leaf('destination port', `${port}`, (r) => r.destinationPort === port, (r) => `${r.destinationPort}`, leafKeys('port', String(port)));
    }
    case 'metadata': return metadataNode(p.metadata as NonNullable<Permission['metadata']>);
    case 'requestedServerName': {
      const sm = compileStringMatcher(p.requestedServerName as NonNullable<Permission['requestedServerName']>);
      return leaf('sni', sm.label, (r) => sm.test(r.sni), (r) => (r.sni === '' ? '(none sent)' : quote([r.sni])));
    }
    case 'uriTemplate': {
      const t = p.uriTemplate as NonNullable<Permission['uriTemplate']>;
      if (t.typedConfig?.['@type'] !== URI_TEMPLATE_TYPE) throw bad(`unsupported path matcher \`${String(t.typedConfig?.['@type'])}\``);
      const re = compileUriTemplate(t.typedConfig.pathTemplate);
      return leaf('url path', `template \`${t.typedConfig.pathTemplate}\``, (r) => r.urlPath !== undefined && re.test(r.urlPath), (r) => (r.urlPath === undefined ? undefined : quote([r.urlPath])));
    }
    default:
      throw bad(`unsupported permission rule \`${String(f)}\``);
  }
}

const PEER_PRINCIPAL_KEY = 'io.istio.peer_principal';

export function compilePrincipal(p: Principal): MatchNode {
  const f = oneField('principal', p);
  switch (f) {
    case 'andIds': return allOf((p.andIds?.ids ?? []).map(compilePrincipal));
    case 'orIds': return anyOf((p.orIds?.ids ?? []).map(compilePrincipal));
    case 'notId': return not(compilePrincipal(p.notId as Principal));
    case 'any':
      if (p.any !== true) throw bad('`any` must be true');
      return ALWAYS;
    case 'authenticated': {
      const pn = p.authenticated?.principalName;
      const peer = (r: RbacRequest): string | undefined => (r.ssl ? (r.peerPrincipals.length > 0 ? quote(r.peerPrincipals) : '(no uri san)') : undefined);
      // Envoy AuthenticatedMatcher: false without TLS; no principalName = any authenticated peer.
      if (!pn) return leaf('peer principal', 'any authenticated peer', (r) => r.ssl, peer);
      const sm = compileStringMatcher(pn);
      const keys =
        sm.exact !== undefined && !sm.ignoreCase ? leafKeys('principal', sm.exact)
        : sm.namespace !== undefined ? leafKeys('namespace', sm.namespace)
        : NO_KEYS;
      return leaf('peer principal', sm.label, (r) => r.ssl && r.peerPrincipals.some((s) => sm.test(s)), peer, keys);
    }
    case 'directRemoteIp':
    case 'sourceIp':
      return ipNode('source ip', (p.directRemoteIp ?? p.sourceIp) as NonNullable<Principal['directRemoteIp']>, (r) => r.directRemoteIp(), (r) => r.facts.connection.sourceIp);
    case 'remoteIp':
      return ipNode('remote ip', p.remoteIp as NonNullable<Principal['remoteIp']>, (r) => r.remoteIp(), (r) => r.remoteIpText);
    case 'header': return headerNode(p.header as HeaderMatcher);
    case 'urlPath': return urlPathNode(p.urlPath);
    case 'metadata': return metadataNode(p.metadata as NonNullable<Principal['metadata']>);
    case 'filterState': {
      const fs = p.filterState as NonNullable<Principal['filterState']>;
      if (fs.key !== PEER_PRINCIPAL_KEY || !fs.stringMatch) throw bad(`unsupported filter state matcher on \`${fs.key}\``);
      const sm = compileStringMatcher(fs.stringMatch);
      // Waypoints: the peer identity of the HBONE tunnel, stored by istio as filter state (spec §2.9.5).
      const first = (r: RbacRequest): string | undefined => r.peerPrincipals[0];
      return leaf(`filter state \`${PEER_PRINCIPAL_KEY}\``, sm.label, (r) => {
        const v = first(r);
        return v !== undefined && sm.test(v);
      }, (r) => {
        const v = first(r);
        return v === undefined ? undefined : quote([v]);
      });
    }
    default:
      throw bad(`unsupported principal identifier \`${String(f)}\``);
  }
}
