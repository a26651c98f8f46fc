/**
 * Compiles a whole mesh: for each workload, the policies that attach to it and what istiod would
 * generate for its inbound proxy — effective mTLS per port, HTTP and TCP authorization filters with
 * the notes on what was dropped, and the RequestAuthentications behind its jwt_authn filter.
 *
 * Cost: policies are bucketed by namespace once, so each workload only looks at the policies of
 * its own namespace and the root namespace — O(W × P_ns) rather than O(W × P). Filters are built
 * per workload (not per port) because Istio's builder output does not depend on the port.
 */
import type { AuthorizationPolicy, PeerAuthentication, RequestAuthentication, Resource, Telemetry } from '../model/resources.js';
import type { MeshConfig } from '../model/mesh.js';
import { trustDomainBundle } from '../model/mesh.js';
import type { Workload } from '../model/workload.js';
import { selectAttached } from './attach.js';
import type { AttachTarget } from './attach.js';
import { buildHttpAuthz, buildTcpAuthz } from './authz/index.js';
import type { AuthzBuildOptions, AuthzBuildResult } from './authz/index.js';
import { composePeerAuthn } from './peer-authn.js';
import type { EffectivePeerAuthn } from './peer-authn.js';
import { namespaceOf } from './resource-order.js';

export interface MeshInputs {
  resources: readonly Resource[];
  workloads: readonly Workload[];
  mesh: MeshConfig;
  /** Where manifests without `metadata.namespace` land (kubectl's `-n`); default `default`. */
  defaultNamespace?: string;
  /** Compile only the workloads this returns true for (e.g. the destination of one request). */
  only?: (w: Workload) => boolean;
}

export interface CompiledWorkload {
  workload: Workload;
  /** The AuthorizationPolicies attached to this workload, oldest first. */
  policies: AuthorizationPolicy[];
  requestAuthentications: RequestAuthentication[];
  telemetries: Telemetry[];
  peerAuthn: EffectivePeerAuthn;
  http: AuthzBuildResult;
  tcp: AuthzBuildResult;
}

export interface CompiledMesh {
  mesh: MeshConfig;
  defaultNamespace: string;
  workloads: Map<string, CompiledWorkload>;
  /** Every resource by kind, for analyses that need the whole picture. */
  authorizationPolicies: AuthorizationPolicy[];
  peerAuthentications: PeerAuthentication[];
  requestAuthentications: RequestAuthentication[];
}

export function workloadKey(w: Pick<Workload, 'namespace' | 'name'>): string {
  return `${w.namespace}/${w.name}`;
}

function byKind<K extends Resource['kind']>(rs: readonly Resource[], kind: K): Resource<K>[] {
  return rs.filter((r): r is Resource<K> => r.kind === kind);
}

type Attachable = AuthorizationPolicy | RequestAuthentication | Telemetry;

function bucketByNamespace<R extends Resource>(rs: readonly R[], defaultNamespace: string): Map<string, R[]> {
  const m = new Map<string, R[]>();
  for (const r of rs) {
    const ns = namespaceOf(r, defaultNamespace);
    const list = m.get(ns);
    if (list) list.push(r);
    else m.set(ns, [r]);
  }
  return m;
}

export function attachTargetOf(w: Workload): AttachTarget {
  const gatewayName = w.labels['gateway.networking.k8s.io/gateway-name'];
  const t: AttachTarget = { namespace: w.namespace, labels: w.labels, kind: w.proxy === 'gateway' ? 'gateway' : 'sidecar' };
  if (gatewayName !== undefined) {
    t.kind = 'gateway-api';
    t.gatewayName = gatewayName;
  }
  return t;
}

/** Options for the authz builder that follow from the mesh config. */
export function authzBuildOptions(mesh: MeshConfig, defaultNamespace: string, workloads: readonly Workload[]): AuthzBuildOptions {
  // istiod resolves an ext_authz `service` against its registry (`host` or `namespace/host`);
  // meshward's registry is the Services it loaded, seen as `<name>.<ns>.svc.cluster.local`.
  const hosts = new Set<string>();
  for (const w of workloads) hosts.add(`${w.name}.${w.namespace}.svc.cluster.local`);
  return {
    trustDomainBundle: trustDomainBundle(mesh),
    extensionProviders: mesh.extensionProviders,
    enableMultipleCustomProviders: mesh.enableMultipleCustomProviders,
    defaultNamespace,
    resolveService: (service: string) => {
      const host = service.includes('/') ? service.slice(service.indexOf('/') + 1) : service;
      if (hosts.has(host)) return host;
      const short = host.split('.');
      // A short `name.ns` or `name.ns.svc` also names an in-cluster service.
      if (short.length >= 2 && hosts.has(`${short[0]}.${short[1]}.svc.cluster.local`)) return `${short[0]}.${short[1]}.svc.cluster.local`;
      return undefined;
    },
  };
}

/** Compiles every workload of the mesh. */
export function compileMesh(inputs: MeshInputs): CompiledMesh {
  const defaultNamespace = inputs.defaultNamespace ?? 'default';
  const aps = byKind(inputs.resources, 'AuthorizationPolicy');
  const pas = byKind(inputs.resources, 'PeerAuthentication');
  const ras = byKind(inputs.resources, 'RequestAuthentication');
  const tels = byKind(inputs.resources, 'Telemetry');
  const root = inputs.mesh.rootNamespace;
  const apNs = bucketByNamespace(aps, defaultNamespace);
  const paNs = bucketByNamespace(pas, defaultNamespace);
  const raNs = bucketByNamespace(ras, defaultNamespace);
  const telNs = bucketByNamespace(tels, defaultNamespace);
  const opts = authzBuildOptions(inputs.mesh, defaultNamespace, inputs.workloads);
  const scoped = <R extends Resource>(m: Map<string, R[]>, ns: string): R[] =>
    ns === root ? (m.get(ns) ?? []) : [...(m.get(root) ?? []), ...(m.get(ns) ?? [])];

  const workloads = new Map<string, CompiledWorkload>();
  for (const w of inputs.workloads) {
    if (inputs.only && !inputs.only(w)) continue;
    const target = attachTargetOf(w);
    const attach = <R extends Attachable>(m: Map<string, R[]>): R[] => selectAttached(scoped(m, w.namespace), target, root, defaultNamespace);
    const policies = attach(apNs);
    workloads.set(workloadKey(w), {
      workload: w,
      policies,
      requestAuthentications: attach(raNs),
      telemetries: attach(telNs),
      peerAuthn: composePeerAuthn(scoped(paNs, w.namespace), { namespace: w.namespace, labels: w.labels }, root, defaultNamespace),
      http: buildHttpAuthz(policies, opts),
      tcp: buildTcpAuthz(policies, opts),
    });
  }
  return { mesh: inputs.mesh, defaultNamespace, workloads, authorizationPolicies: aps, peerAuthentications: pas, requestAuthentications: ras };
}
