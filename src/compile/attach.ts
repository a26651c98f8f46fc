/**
 * Which AuthorizationPolicies / RequestAuthentications / Telemetries attach to a workload, and in
 * which order (spec §1.2, §1.3). Source: `pilot/pkg/model/policyattachment.go`
 * (`ShouldAttachPolicy`), `pilot/pkg/model/authorization.go`, `pilot/pkg/model/config.go`.
 *
 * Candidates live in the root namespace or the workload's namespace (waypoints: also the
 * namespaces of the services they serve). Sidecars and classic gateways ignore any policy with a
 * targetRef; Gateway-API gateways and waypoints are selected through targetRefs.
 */
import type { ObjectMeta, PolicyTargetReference, Resource, WorkloadSelector } from '../model/resources.js';
import { compareByCreationThenName, labelsSubsetOf } from './resource-order.js';

export interface AttachTarget {
  namespace: string;
  labels: Readonly<Record<string, string>>;
  /** Default `sidecar`. */
  kind?: 'sidecar' | 'gateway' | 'gateway-api' | 'waypoint';
  /** Gateway-API gateways and waypoints: the pod's `gateway.networking.k8s.io/gateway-name` label. */
  gatewayName?: string;
  /** Waypoints only: the services the waypoint serves (for `Service` / `ServiceEntry` targetRefs). */
  services?: readonly { namespace: string; name: string; kind?: 'Service' | 'ServiceEntry' }[];
}

type AttachableKind = 'AuthorizationPolicy' | 'RequestAuthentication' | 'Telemetry';

const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** Creation time, then name, then namespace: the order istiod iterates configs in (spec §1.3). */
export function compareByCreation(a: { metadata: ObjectMeta }, b: { metadata: ObjectMeta }): number {
  return compareByCreationThenName(a, b);
}

/** `targetRefs`, or the legacy singular `targetRef` when the list is empty. */
function targetRefsOf(spec: { targetRef?: PolicyTargetReference; targetRefs?: PolicyTargetReference[] }): PolicyTargetReference[] {
  if (spec.targetRefs && spec.targetRefs.length > 0) return spec.targetRefs;
  return spec.targetRef ? [spec.targetRef] : [];
}

function selects(selector: WorkloadSelector | undefined, labels: Readonly<Record<string, string>>): boolean {
  return labelsSubsetOf(selector?.matchLabels ?? {}, labels);
}

function refMatches(ref: PolicyTargetReference, policyNs: string, target: AttachTarget, rootNamespace: string): boolean {
  const group = ref.group ?? '';
  const kind = ref.kind ?? '';
  const waypoint = target.kind === 'waypoint';
  if (kind === 'Gateway' && group === GATEWAY_API_GROUP) {
    return (
      policyNs === target.namespace &&
      (!ref.namespace || ref.namespace === policyNs) &&
      target.gatewayName !== undefined &&
      ref.name === target.gatewayName
    );
  }
  if (!waypoint) return false;
  if (kind === 'GatewayClass' && group === GATEWAY_API_GROUP) return ref.name === 'istio-waypoint' && policyNs === rootNamespace;
  const wantKind = kind === 'Service' && (group === '' || group === 'core') ? 'Service' : kind === 'ServiceEntry' && group === 'networking.istio.io' ? 'ServiceEntry' : undefined;
  if (!wantKind) return false;
  return (target.services ?? []).some((s) => (s.kind ?? 'Service') === wantKind && s.name === ref.name && s.namespace === policyNs);
}

function attaches(r: Resource<AttachableKind>, policyNs: string, target: AttachTarget, rootNamespace: string): boolean {
  const refs = targetRefsOf(r.spec);
  const kind = target.kind ?? 'sidecar';
  if (kind === 'sidecar' || kind === 'gateway') return refs.length === 0 && selects(r.spec.selector, target.labels);
  if (refs.length === 0) {
    // ENABLE_SELECTOR_BASED_K8S_GATEWAY_POLICY (default true) keeps selectors working on gateways;
    // waypoints never use selectors.
    return kind === 'gateway-api' && selects(r.spec.selector, target.labels);
  }
  return refs.some((ref) => refMatches(ref, policyNs, target, rootNamespace));
}

/**
 * AP/RA/Telemetry that attach to the target, sorted oldest first (creationTimestamp, then name,
 * then namespace). A resource without `metadata.namespace` lands in `defaultNamespace`.
 *
 * @example
 * selectAttached(aps, { namespace: 'foo', labels: { app: 'httpbin' } }, 'istio-system');
 */
export function selectAttached<R extends Resource<AttachableKind>>(
  resources: readonly R[],
  target: AttachTarget,
  rootNamespace: string,
  defaultNamespace = 'default',
): R[] {
  const namespaces = new Set([rootNamespace, target.namespace]);
  if (target.kind === 'waypoint') for (const s of target.services ?? []) namespaces.add(s.namespace);
  const out = resources.filter((r) => {
    const ns = r.metadata.namespace ?? defaultNamespace;
    return namespaces.has(ns) && attaches(r, ns, target, rootNamespace);
  });
  return out.sort((a, b) => compareWithDefault(a, b, defaultNamespace));
}

function compareWithDefault(a: Resource<AttachableKind>, b: Resource<AttachableKind>, defaultNamespace: string): number {
  const withNs = (r: Resource<AttachableKind>) => ({ metadata: { ...r.metadata, namespace: r.metadata.namespace ?? defaultNamespace } });
  return compareByCreation(withNs(a), withNs(b));
}
