/**
 * Public types of the AuthorizationPolicy → Envoy RBAC compiler (spec §2.9, §2.10).
 */
import type { AuthorizationAction } from '../../model/resources.js';
import type { AuthzFilter } from '../../model/envoy-rbac.js';
import type { ExtensionProvider } from '../../model/mesh.js';
import type { FieldPath } from '../../model/source.js';

/**
 * Resolves an ext_authz provider `service` (`host` or `namespace/host`) to the hostname of a known
 * service, or `undefined` when no such service exists (istiod: `extensionproviders.LookupCluster`).
 */
export type ServiceResolver = (service: string) => string | undefined;

export interface AuthzBuildOptions {
  /** Trust domain first, then its aliases (spec §2.7.1); see `trustDomainBundle()` in the model. */
  trustDomainBundle: readonly string[];
  extensionProviders: readonly ExtensionProvider[];
  /** `PILOT_ENABLE_MULTIPLE_CUSTOM_AUTHZ_PROVIDERS` (default false). */
  enableMultipleCustomProviders: boolean;
  /** Waypoints read the peer identity from filter state instead of the TLS peer (spec §2.9.5). */
  useFilterState?: boolean;
  /** Namespace of policies without `metadata.namespace` (default `default`). */
  defaultNamespace?: string;
  /**
   * Service registry for CUSTOM providers. When absent every syntactically valid service is
   * accepted and `namespace/host` resolves to `host`.
   */
  resolveService?: ServiceResolver;
}

export type BuildNoteKind =
  | 'rule-skipped'
  | 'value-skipped'
  | 'field-dropped-tcp'
  | 'custom-fallback-deny'
  | 'custom-skipped-tcp'
  | 'provider-invalid'
  | 'dry-run-invalid'
  | 'unknown-action';

/** Why a rule/value was dropped or a policy degraded; for lint and the engine's trace. */
export interface BuildNote {
  /** `ns/name` of the policy. */
  policy: string;
  rule?: number;
  action: AuthorizationAction;
  kind: BuildNoteKind;
  message: string;
  /** Into the policy, e.g. `['spec','rules',0,'when',1]`. */
  path?: FieldPath;
}

export interface AuthzBuildResult {
  filters: AuthzFilter[];
  notes: BuildNote[];
}
