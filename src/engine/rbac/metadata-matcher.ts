/**
 * `envoy.type.matcher.v3.MetadataMatcher` / `ValueMatcher`, as Envoy evaluates them
 * (`source/common/common/matchers.cc`, `source/common/config/metadata.cc`):
 * - the path is walked through nested structs; a missing key, or a non-struct on the way, yields
 *   an unset value;
 * - `stringMatch` matches only string values (numbers and booleans never match, spec §2.7.5);
 * - `listMatch.oneOf` matches a list with at least one matching element;
 * - `orMatch` matches when any matcher does; `boolMatch` only booleans;
 * - `presentMatch: true` matches any set value; `presentMatch: false` never matches;
 * - `invert` flips the final result, so an inverted matcher on absent metadata matches.
 * Used by RBAC `metadata` leaves (JWT claims under `envoy.filters.http.jwt_authn`,
 * `experimental.envoy.filters.*`) and by ext_authz `filterEnabledMetadata`.
 */
import { MeshwardError } from '../../model/errors.js';
import type { MetadataMatcher, ValueMatcher } from '../../model/envoy-rbac.js';
import { compileStringMatcher } from './string-matcher.js';

export interface CompiledValueMatcher {
  test(value: unknown): boolean;
  readonly label: string;
}

function isStruct(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Compiles a ValueMatcher; throws `ERR_RBAC_CONFIG` unless exactly one kind is set. */
export function compileValueMatcher(vm: ValueMatcher): CompiledValueMatcher {
  const kinds = (['stringMatch', 'listMatch', 'orMatch', 'presentMatch', 'boolMatch'] as const).filter((k) => vm[k] !== undefined);
  if (kinds.length !== 1) throw new MeshwardError('ERR_RBAC_CONFIG', `value matcher must set exactly one kind, got ${kinds.join(', ') || 'none'}`);
  if (vm.stringMatch) {
    const sm = compileStringMatcher(vm.stringMatch);
    return { test: (v) => typeof v === 'string' && sm.test(v), label: sm.label };
  }
  if (vm.listMatch) {
    const inner = compileValueMatcher(vm.listMatch.oneOf);
    return { test: (v) => Array.isArray(v) && v.some((e) => inner.test(e)), label: `a list element ${inner.label}` };
  }
  if (vm.orMatch) {
    const all = vm.orMatch.valueMatchers.map(compileValueMatcher);
    return { test: (v) => all.some((m) => m.test(v)), label: all.map((m) => m.label).join(' or ') };
  }
  if (vm.presentMatch !== undefined) {
    const want = vm.presentMatch;
    return { test: (v) => want && v !== undefined, label: want ? 'present' : 'present: false (never matches)' };
  }
  const b = vm.boolMatch as boolean;
  return { test: (v) => v === b, label: `boolean ${String(b)}` };
}

/** Reads `filter` + `path` from a metadata source; `undefined` stands for an unset value. */
export function metadataValue(root: Record<string, unknown> | undefined, path: readonly { key: string }[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (!isStruct(cur)) return undefined;
    cur = Object.prototype.hasOwnProperty.call(cur, seg.key) ? cur[seg.key] : undefined;
  }
  return cur;
}

export interface CompiledMetadataMatcher {
  /** `lookup` returns the struct a filter wrote, or undefined. */
  test(lookup: (filter: string) => Record<string, unknown> | undefined): boolean;
  /** The value the matcher reads, for traces. */
  read(lookup: (filter: string) => Record<string, unknown> | undefined): unknown;
  readonly label: string;
  readonly subject: string;
}

export function compileMetadataMatcher(m: MetadataMatcher): CompiledMetadataMatcher {
  if (typeof m.filter !== 'string' || !Array.isArray(m.path) || m.path.length === 0 || !m.value) {
    throw new MeshwardError('ERR_RBAC_CONFIG', 'metadata matcher needs `filter`, a non-empty `path` and `value`');
  }
  const vm = compileValueMatcher(m.value);
  const invert = m.invert === true;
  const path = m.path.map((p) => ({ key: p.key }));
  const read = (lookup: (f: string) => Record<string, unknown> | undefined): unknown => metadataValue(lookup(m.filter), path);
  return {
    read,
    test: (lookup) => vm.test(read(lookup)) !== invert,
    label: `${invert ? 'not ' : ''}${vm.label}`,
    subject: `metadata \`${m.filter}\` \`${path.map((p) => p.key).join('.')}\``,
  };
}
