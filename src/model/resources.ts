/**
 * Typed Istio security resources and the Kubernetes objects meshward derives workloads from.
 * Field names follow the Istio API (istio/api `security/v1beta1/*.proto`, `telemetry/v1alpha1`);
 * optional fields are absent when the manifest omits them, so "absent" and "empty" stay distinct
 * (Istio gives them different meanings, e.g. `rules` absent vs `rules: [{}]`).
 */
import type { SourceRef } from './source.js';

export interface ObjectMeta {
  name: string;
  /** Absent when the manifest omits it; see {@link effectiveNamespace}. */
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** RFC 3339; decides "oldest wins" (spec §1.3). */
  creationTimestamp?: string;
}

export interface WorkloadSelector {
  matchLabels?: Record<string, string>;
}

export interface PolicyTargetReference {
  group?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

// ---- AuthorizationPolicy ----------------------------------------------------------------------

export type AuthorizationAction = 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM';

export interface Source {
  principals?: string[];
  notPrincipals?: string[];
  requestPrincipals?: string[];
  notRequestPrincipals?: string[];
  namespaces?: string[];
  notNamespaces?: string[];
  serviceAccounts?: string[];
  notServiceAccounts?: string[];
  trustDomains?: string[];
  notTrustDomains?: string[];
  ipBlocks?: string[];
  notIpBlocks?: string[];
  remoteIpBlocks?: string[];
  notRemoteIpBlocks?: string[];
}

export interface Operation {
  hosts?: string[];
  notHosts?: string[];
  ports?: string[];
  notPorts?: string[];
  methods?: string[];
  notMethods?: string[];
  paths?: string[];
  notPaths?: string[];
}

export interface Condition {
  key: string;
  values?: string[];
  notValues?: string[];
}

export interface RuleFrom {
  /** `null` when the manifest wrote an explicit null (rejected by validation). */
  source?: Source | null;
}

export interface RuleTo {
  operation?: Operation | null;
}

export interface Rule {
  from?: (RuleFrom | null)[];
  to?: (RuleTo | null)[];
  when?: (Condition | null)[];
}

export interface AuthorizationPolicySpec {
  selector?: WorkloadSelector;
  targetRef?: PolicyTargetReference;
  targetRefs?: PolicyTargetReference[];
  /** Absent, empty and `[{}]` mean different things (spec §2.2). `null` entries are kept. */
  rules?: (Rule | null)[];
  action?: AuthorizationAction;
  provider?: { name?: string };
}

// ---- PeerAuthentication -----------------------------------------------------------------------

export type MtlsMode = 'UNSET' | 'DISABLE' | 'PERMISSIVE' | 'STRICT';

export interface PeerAuthenticationSpec {
  selector?: WorkloadSelector;
  mtls?: { mode?: MtlsMode };
  /** Keys are workload (container) ports, as strings in YAML. */
  portLevelMtls?: Record<string, { mode?: MtlsMode }>;
}

// ---- RequestAuthentication --------------------------------------------------------------------

export interface JwtHeader {
  name: string;
  prefix?: string;
}

export interface ClaimToHeader {
  header: string;
  claim: string;
}

export interface JwtRule {
  issuer?: string;
  audiences?: string[];
  jwksUri?: string;
  /** Inline JWKS as a JSON string. */
  jwks?: string;
  fromHeaders?: JwtHeader[];
  fromParams?: string[];
  fromCookies?: string[];
  outputPayloadToHeader?: string;
  forwardOriginalToken?: boolean;
  outputClaimToHeaders?: ClaimToHeader[];
  /** Duration string such as `5s`. */
  timeout?: string;
  spaceDelimitedClaims?: string[];
  presence?: 'OPTIONAL' | 'REQUIRED';
}

export interface RequestAuthenticationSpec {
  selector?: WorkloadSelector;
  targetRef?: PolicyTargetReference;
  targetRefs?: PolicyTargetReference[];
  jwtRules?: JwtRule[];
}

// ---- Telemetry (the parts security monitoring uses; the schema keeps the rest) -----------------

export interface TelemetryProviderRef {
  name?: string;
}

export interface TelemetryTagOverride {
  operation?: 'UPSERT' | 'REMOVE';
  value?: string;
}

export interface TelemetryMetricsOverride {
  match?: { metric?: string; customMetric?: string; mode?: 'CLIENT_AND_SERVER' | 'CLIENT' | 'SERVER' };
  disabled?: boolean;
  tagOverrides?: Record<string, TelemetryTagOverride | null>;
}

export interface TelemetrySpec {
  selector?: WorkloadSelector;
  targetRef?: PolicyTargetReference;
  targetRefs?: PolicyTargetReference[];
  metrics?: { providers?: TelemetryProviderRef[]; overrides?: TelemetryMetricsOverride[]; reportingInterval?: string }[];
  accessLogging?: { providers?: TelemetryProviderRef[]; disabled?: boolean; match?: { mode?: string }; filter?: { expression?: string } }[];
  tracing?: unknown[];
}

// ---- Kubernetes -------------------------------------------------------------------------------

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

export interface PodSpecLite {
  serviceAccountName?: string;
  serviceAccount?: string;
  containers?: { name?: string; ports?: ContainerPort[] }[];
}

export interface PodTemplateLite {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: PodSpecLite;
}

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

export interface ServiceSpecLite {
  selector?: Record<string, string>;
  ports?: ServicePort[];
}

// ---- Resource envelope ------------------------------------------------------------------------

export interface SpecsByKind {
  AuthorizationPolicy: AuthorizationPolicySpec;
  PeerAuthentication: PeerAuthenticationSpec;
  RequestAuthentication: RequestAuthenticationSpec;
  Telemetry: TelemetrySpec;
  Namespace: Record<string, never>;
  ServiceAccount: Record<string, never>;
  Deployment: { replicas?: number; selector?: unknown; template?: PodTemplateLite };
  StatefulSet: { replicas?: number; selector?: unknown; template?: PodTemplateLite; serviceName?: string };
  DaemonSet: { selector?: unknown; template?: PodTemplateLite };
  Pod: PodSpecLite;
  Service: ServiceSpecLite;
}

export type ResourceKind = keyof SpecsByKind;

/** One loaded object. `source` is absent for objects built in code (tests, generators). */
export interface Resource<K extends ResourceKind = ResourceKind> {
  apiVersion: string;
  kind: K;
  metadata: ObjectMeta;
  spec: SpecsByKind[K];
  source?: SourceRef;
}

export type AuthorizationPolicy = Resource<'AuthorizationPolicy'>;
export type PeerAuthentication = Resource<'PeerAuthentication'>;
export type RequestAuthentication = Resource<'RequestAuthentication'>;
export type Telemetry = Resource<'Telemetry'>;

/** `ns/name` of a resource, with `(none)` standing for a missing namespace. */
export function resourceId(r: { metadata: ObjectMeta }): string {
  return `${r.metadata.namespace ?? '(none)'}/${r.metadata.name}`;
}

/**
 * The namespace a resource lands in. Kubernetes fills a missing `metadata.namespace` from the
 * client's context (spec §9 item 9); meshward uses `defaultNamespace` for it, `default` unless
 * the user says otherwise.
 */
export function effectiveNamespace(r: { metadata: ObjectMeta }, defaultNamespace = 'default'): string {
  return r.metadata.namespace ?? defaultNamespace;
}
