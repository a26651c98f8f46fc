/**
 * The generator contract: one generator per attribute, turning the values of one field or `when`
 * condition into Envoy RBAC leaves (Istio: `pilot/pkg/security/authz/model/generator.go`).
 *
 * "simple" generators make one leaf per value (OR'ed by the caller); "aggregate" generators make
 * one combined leaf for the whole value list (request principals, JWT claims, envoy metadata).
 * A generator reports a malformed value or an HTTP-only attribute on TCP as an error; the caller
 * decides per action what the error means (spec §2.9.4).
 */
import type { Permission, Principal } from '../../../model/envoy-rbac.js';

export type LeafResult<T> = { ok: true; node: T } | { ok: false; error: string };

export interface GenContext {
  useFilterState: boolean;
  /** Namespace of the policy: `serviceAccounts` without a namespace default to it. */
  policyNamespace: string;
}

export interface SimpleGenerator<T> {
  shape: 'simple';
  /** Cannot be evaluated on a TCP filter chain. */
  httpOnly: boolean;
  leaf(key: string, value: string, ctx: GenContext): LeafResult<T>;
}

export interface AggregateGenerator<T> {
  shape: 'aggregate';
  httpOnly: boolean;
  combine(key: string, values: readonly string[], ctx: GenContext): LeafResult<T>;
}

export type PrincipalGenerator = SimpleGenerator<Principal> | AggregateGenerator<Principal>;
export type PermissionGenerator = SimpleGenerator<Permission> | AggregateGenerator<Permission>;

export function ok<T>(node: T): LeafResult<T> {
  return { ok: true, node };
}

export function fail<T>(error: string): LeafResult<T> {
  return { ok: false, error };
}

/** `x[y]` → `y` (one pair of brackets trimmed), as istiod's `extractNameInBrackets`. */
export function nameInBrackets(s: string): string | undefined {
  if (!s.startsWith('[') || !s.endsWith(']')) return undefined;
  return s.slice(1, -1);
}
