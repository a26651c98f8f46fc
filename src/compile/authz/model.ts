/**
 * One AuthorizationPolicy rule → a model: a list of principal alternatives (one per `from`) and
 * of permission alternatives (one per `to`), each an AND-list of field entries (spec §2.9.3).
 * Source: `New` in `pilot/pkg/security/authz/model/model.go`.
 *
 * Order inside an alternative must match istiod byte for byte: source fields (principals,
 * requestPrincipals, serviceAccounts, trustDomains, namespaces, remoteIpBlocks, ipBlocks) or
 * operation fields (hosts, methods, paths, ports) first, then the `when` conditions of that side
 * in `when` order.
 */
import type { Condition, Operation, Rule, Source } from '../../model/resources.js';
import type { FieldPath } from '../../model/source.js';
import type { PermissionGenerator, PrincipalGenerator } from './generators/generator.js';
import { envoyFilterGenerator } from './generators/envoy-filter.js';
import { hostGenerator, methodGenerator, pathGenerator, requestHeaderGenerator } from './generators/http.js';
import {
  namespaceGenerator,
  principalGenerator,
  serviceAccountGenerator,
  trustDomainGenerator,
} from './generators/identity.js';
import {
  audiencesGenerator,
  presenterGenerator,
  requestClaimGenerator,
  requestPrincipalGenerator,
} from './generators/jwt.js';
import {
  connectionSniGenerator,
  destinationIpGenerator,
  destinationPortGenerator,
  remoteIpGenerator,
  sourceIpGenerator,
} from './generators/network.js';
import type { NoteFn } from './notes.js';
import { expandPrincipals, expandTrustDomains } from './trust-domain.js';

export interface ModelEntry<G> {
  /** Attribute key (`source.principal`, `request.headers[x]`, …), handed to the generator. */
  key: string;
  /** How the field is named in messages: `methods`, `notMethods`, `when[request.auth.claims[iss]]`. */
  label: string;
  notLabel: string;
  values: readonly string[];
  notValues: readonly string[];
  gen: G;
  /** Where the entry sits; the value lists are `base` + `fields[0]` / `fields[1]`. Paths are only
   * materialised for notes, which keeps compiling large policy sets light on garbage. */
  base: FieldPath;
  fields: readonly [values: string, notValues: string];
}

export function entryPath(e: ModelEntry<unknown>, negate: boolean): FieldPath {
  return [...e.base, negate ? e.fields[1] : e.fields[0]];
}

export type PrincipalEntry = ModelEntry<PrincipalGenerator>;
export type PermissionEntry = ModelEntry<PermissionGenerator>;

export interface RuleModel {
  principals: PrincipalEntry[][];
  permissions: PermissionEntry[][];
}

export type ModelResult = { ok: true; model: RuleModel } | { ok: false; error: string; path: FieldPath };

type Route = { side: 'principal'; gen: PrincipalGenerator } | { side: 'permission'; gen: PermissionGenerator };

const EXACT_KEYS: Readonly<Record<string, Route>> = {
  'destination.ip': { side: 'permission', gen: destinationIpGenerator },
  'destination.port': { side: 'permission', gen: destinationPortGenerator },
  'connection.sni': { side: 'permission', gen: connectionSniGenerator },
  'source.ip': { side: 'principal', gen: sourceIpGenerator },
  'remote.ip': { side: 'principal', gen: remoteIpGenerator },
  'source.namespace': { side: 'principal', gen: namespaceGenerator },
  'source.serviceAccount': { side: 'principal', gen: serviceAccountGenerator },
  'source.principal': { side: 'principal', gen: principalGenerator },
  'source.trustDomain': { side: 'principal', gen: trustDomainGenerator },
  'request.auth.principal': { side: 'principal', gen: requestPrincipalGenerator },
  'request.auth.audiences': { side: 'principal', gen: audiencesGenerator },
  'request.auth.presenter': { side: 'principal', gen: presenterGenerator },
};

/** The `when` keys of spec §2.8; anything else is unknown and skips the whole rule. */
export function routeWhenKey(key: string): Route | undefined {
  if (Object.hasOwn(EXACT_KEYS, key)) return EXACT_KEYS[key];
  if (key.startsWith('experimental.envoy.filters.')) return { side: 'permission', gen: envoyFilterGenerator };
  if (key.startsWith('request.headers')) return { side: 'principal', gen: requestHeaderGenerator };
  if (key.startsWith('request.auth.claims')) return { side: 'principal', gen: requestClaimGenerator };
  return undefined;
}

export interface ModelOptions {
  trustDomainBundle: readonly string[];
  /** ALLOW treats a malformed rule piece as fatal for the rule; other actions drop the piece. */
  strict: boolean;
  note: NoteFn;
}

/**
 * Values as strings. The CRD only admits strings, but a YAML `ports: [80]` that skipped validation
 * arrives as a number; it is read as its text rather than crashing the whole build. `null` items
 * are dropped.
 */
function asStrings(values: readonly unknown[] | undefined): readonly string[] {
  if (!values) return [];
  if (values.every((v) => typeof v === 'string')) return values as readonly string[];
  return values.filter((v) => v !== null && v !== undefined).map((v) => String(v));
}

/** Trust-domain migration applies to principal and trust-domain values wherever they come from. */
function migrate(key: string, values: readonly string[], bundle: readonly string[]): readonly string[] {
  if (values.length === 0) return values;
  if (key === 'source.principal') return expandPrincipals(values, bundle);
  if (key === 'source.trustDomain') return expandTrustDomains(values, bundle);
  return values;
}

function entry<G>(
  key: string,
  gen: G,
  field: [name: string, notName: string],
  values: readonly string[] | undefined,
  notValues: readonly string[] | undefined,
  base: FieldPath,
  bundle: readonly string[],
): ModelEntry<G> | undefined {
  if (!values?.length && !notValues?.length) return undefined;
  return {
    key,
    gen,
    label: field[0],
    notLabel: field[1],
    values: migrate(key, asStrings(values), bundle),
    notValues: migrate(key, asStrings(notValues), bundle),
    base,
    fields: field,
  };
}

function sourceEntries(s: Source, base: FieldPath, bundle: readonly string[]): PrincipalEntry[] {
  const all = [
    entry<PrincipalGenerator>('source.principal', principalGenerator, ['principals', 'notPrincipals'], s.principals, s.notPrincipals, base, bundle),
    entry<PrincipalGenerator>('request.auth.principal', requestPrincipalGenerator, ['requestPrincipals', 'notRequestPrincipals'], s.requestPrincipals, s.notRequestPrincipals, base, bundle),
    entry<PrincipalGenerator>('source.serviceAccount', serviceAccountGenerator, ['serviceAccounts', 'notServiceAccounts'], s.serviceAccounts, s.notServiceAccounts, base, bundle),
    entry<PrincipalGenerator>('source.trustDomain', trustDomainGenerator, ['trustDomains', 'notTrustDomains'], s.trustDomains, s.notTrustDomains, base, bundle),
    entry<PrincipalGenerator>('source.namespace', namespaceGenerator, ['namespaces', 'notNamespaces'], s.namespaces, s.notNamespaces, base, bundle),
    entry<PrincipalGenerator>('remote.ip', remoteIpGenerator, ['remoteIpBlocks', 'notRemoteIpBlocks'], s.remoteIpBlocks, s.notRemoteIpBlocks, base, bundle),
    entry<PrincipalGenerator>('source.ip', sourceIpGenerator, ['ipBlocks', 'notIpBlocks'], s.ipBlocks, s.notIpBlocks, base, bundle),
  ];
  return all.filter((e): e is PrincipalEntry => e !== undefined);
}

function operationEntries(o: Operation, base: FieldPath): PermissionEntry[] {
  const all = [
    entry<PermissionGenerator>(':authority', hostGenerator, ['hosts', 'notHosts'], o.hosts, o.notHosts, base, []),
    entry<PermissionGenerator>(':method', methodGenerator, ['methods', 'notMethods'], o.methods, o.notMethods, base, []),
    entry<PermissionGenerator>('path', pathGenerator, ['paths', 'notPaths'], o.paths, o.notPaths, base, []),
    entry<PermissionGenerator>('destination.port', destinationPortGenerator, ['ports', 'notPorts'], o.ports, o.notPorts, base, []),
  ];
  return all.filter((e): e is PermissionEntry => e !== undefined);
}

/**
 * A `null` list entry is rejected by validation; if one gets here, ALLOW skips the rule and the
 * other actions treat it as an empty entry (wider), so the result always errs towards denying.
 */
function nullEntry(opts: ModelOptions, path: FieldPath, what: string): ModelResult | undefined {
  const message = `\`${what}\` entry is null`;
  if (opts.strict) return { ok: false, error: message, path };
  opts.note('value-skipped', `${message}: treated as an empty entry`, path);
  return undefined;
}

export function buildRuleModel(rule: Rule, rulePath: FieldPath, opts: ModelOptions): ModelResult {
  const bundle = opts.trustDomainBundle;
  const basePrincipal: PrincipalEntry[] = [];
  const basePermission: PermissionEntry[] = [];
  const when = rule.when ?? [];
  for (let w = 0; w < when.length; w++) {
    const cond: Condition | null | undefined = when[w];
    const path = [...rulePath, 'when', w];
    if (cond === null || cond === undefined) {
      const fail = nullEntry(opts, path, 'when');
      if (fail) return fail;
      continue;
    }
    const route = typeof cond.key === 'string' ? routeWhenKey(cond.key) : undefined;
    if (!route) return { ok: false, error: `unknown attribute \`${String(cond.key)}\``, path: [...path, 'key'] };
    const e = entry(cond.key, route.gen, ['values', 'notValues'], cond.values, cond.notValues, path, bundle);
    if (!e) continue;
    e.label = `when[${cond.key}].values`;
    e.notLabel = `when[${cond.key}].notValues`;
    if (route.side === 'principal') basePrincipal.push(e as PrincipalEntry);
    else basePermission.push(e as PermissionEntry);
  }

  const principals: PrincipalEntry[][] = [];
  const from = rule.from ?? [];
  for (let f = 0; f < from.length; f++) {
    const item = from[f];
    const base: FieldPath = [...rulePath, 'from', f, 'source'];
    if (item === null || item === undefined) {
      const fail = nullEntry(opts, [...rulePath, 'from', f], 'from');
      if (fail) return fail;
    }
    const source = item?.source;
    principals.push([...(source ? sourceEntries(source, base, bundle) : []), ...basePrincipal]);
  }
  if (from.length === 0) principals.push([...basePrincipal]);

  const permissions: PermissionEntry[][] = [];
  const to = rule.to ?? [];
  for (let t = 0; t < to.length; t++) {
    const item = to[t];
    const base: FieldPath = [...rulePath, 'to', t, 'operation'];
    if (item === null || item === undefined) {
      const fail = nullEntry(opts, [...rulePath, 'to', t], 'to');
      if (fail) return fail;
    }
    const operation = item?.operation;
    permissions.push([...(operation ? operationEntries(operation, base) : []), ...basePermission]);
  }
  if (to.length === 0) permissions.push([...basePermission]);

  return { ok: true, model: { principals, permissions } };
}
