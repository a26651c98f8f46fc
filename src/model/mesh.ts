/**
 * The mesh-wide settings that change security decisions, with Istio's defaults
 * (`pkg/config/mesh/mesh.go`): root namespace `istio-system`, trust domain `cluster.local`,
 * path normalization BASE.
 */
export type PathNormalization = 'NONE' | 'BASE' | 'MERGE_SLASHES' | 'DECODE_AND_MERGE_SLASHES';

export interface ExtAuthzHttpProvider {
  service: string;
  port: number;
  timeout?: string;
  pathPrefix?: string;
  failOpen?: boolean;
  clearRouteCache?: boolean;
  statusOnError?: string;
  includeRequestHeadersInCheck?: string[];
  includeHeadersInCheck?: string[];
  includeAdditionalHeadersInCheck?: Record<string, string>;
  includeRequestBodyInCheck?: { maxRequestBytes?: number; allowPartialMessage?: boolean; packAsBytes?: boolean };
  headersToUpstreamOnAllow?: string[];
  headersToDownstreamOnDeny?: string[];
  headersToDownstreamOnAllow?: string[];
}

export interface ExtAuthzGrpcProvider {
  service: string;
  port: number;
  timeout?: string;
  failOpen?: boolean;
  clearRouteCache?: boolean;
  statusOnError?: string;
  includeRequestBodyInCheck?: { maxRequestBytes?: number; allowPartialMessage?: boolean; packAsBytes?: boolean };
}

/**
 * A `meshConfig.extensionProviders` entry. Only ext_authz kinds matter to authorization; other
 * kinds (telemetry providers) are kept by name. `allowIfHeader` is meshward's test provider of
 * the TestSuite format: the authorizer allows iff the request carries that header value.
 */
export interface ExtensionProvider {
  name: string;
  envoyExtAuthzHttp?: ExtAuthzHttpProvider;
  envoyExtAuthzGrpc?: ExtAuthzGrpcProvider;
  allowIfHeader?: { name: string; value: string };
  /** Any other provider kind (prometheus, envoyFileAccessLog, …), by its field name. */
  otherKind?: string;
}

/** `meshConfig.defaultProviders`: the providers a Telemetry entry gets when it names none (spec §7). */
export interface DefaultProviders {
  metrics?: string[];
  tracing?: string[];
  accessLogging?: string[];
}

export interface MeshConfig {
  rootNamespace: string;
  trustDomain: string;
  trustDomainAliases: string[];
  pathNormalization: PathNormalization;
  extensionProviders: ExtensionProvider[];
  /** `PILOT_ENABLE_MULTIPLE_CUSTOM_AUTHZ_PROVIDERS` (default false). */
  enableMultipleCustomProviders: boolean;
  /** `meshConfig.defaultConfig.gatewayTopology.numTrustedProxies` (default 0). */
  numTrustedProxies: number;
  /** `meshConfig.defaultProviders`; absent means none configured. */
  defaultProviders?: DefaultProviders;
}

export const DEFAULT_MESH_CONFIG: Readonly<MeshConfig> = Object.freeze({
  rootNamespace: 'istio-system',
  trustDomain: 'cluster.local',
  trustDomainAliases: [],
  pathNormalization: 'BASE',
  extensionProviders: [],
  enableMultipleCustomProviders: false,
  numTrustedProxies: 0,
});

/** The trust-domain bundle: the trust domain first, then its aliases (spec §2.7.1). */
export function trustDomainBundle(mesh: Pick<MeshConfig, 'trustDomain' | 'trustDomainAliases'>): string[] {
  const out: string[] = [];
  for (const td of [mesh.trustDomain, ...mesh.trustDomainAliases]) if (td && !out.includes(td)) out.push(td);
  return out;
}
