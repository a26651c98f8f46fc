/**
 * What every lint rule reads, computed once per run: resources by kind, the mesh workloads with the
 * policies that attach to each (spec §1.2), their effective mTLS per port (spec §5.3), and the
 * reverse index "policy → workloads it applies to" that cross-resource rules need.
 *
 * Cost: policies are bucketed by namespace, so attaching is O(W × P_ns), not O(W × P).
 */
import { selectAttached, type AttachTarget } from '../../compile/attach.js';
import { buildHttpAuthz, buildTcpAuthz, type AuthzBuildOptions, type BuildNote } from '../../compile/authz/index.js';
import { authzBuildOptions } from '../../compile/mesh.js';
import { dryRunOf } from '../../compile/authz/dry-run.js';
import { composePeerAuthn, mtlsModeForPort, type EffectiveMode, type EffectivePeerAuthn } from '../../compile/peer-authn.js';
import type { MeshConfig } from '../../model/mesh.js';
import type {
  AuthorizationPolicy,
  PeerAuthentication,
  RequestAuthentication,
  Resource,
  ResourceKind,
  Telemetry,
} from '../../model/resources.js';
import { isHttpProtocol, type Workload, type WorkloadPort } from '../../model/workload.js';

export interface LintInput {
  resources: readonly Resource[];
  /** Every workload, including those without a proxy (`proxy: 'none'`). */
  workloads: readonly Workload[];
  mesh: MeshConfig;
  /** Where manifests without `metadata.namespace` land (`kubectl -n`). */
  defaultNamespace: string;
}

/** A workload with a proxy, and what applies to it. */
export interface WorkloadView {
  workload: Workload;
  /** `ns/name`. */
  key: string;
  /** Attached AuthorizationPolicies, oldest first (dry-run ones included). */
  policies: AuthorizationPolicy[];
  requestAuthentications: RequestAuthentication[];
  telemetries: Telemetry[];
  peerAuthn: EffectivePeerAuthn;
  /** Ports whose traffic goes through a TCP filter chain: TCP, TLS/HTTPS and sniffed (UNKNOWN) ports. */
  tcpPorts: WorkloadPort[];
  /** Ports with HTTP filters (HTTP attributes and JWT apply). */
  httpPorts: WorkloadPort[];
}

type Attachable = AuthorizationPolicy | RequestAuthentication | Telemetry;

export interface LintContext {
  readonly mesh: MeshConfig;
  readonly defaultNamespace: string;
  readonly resources: readonly Resource[];
  readonly authorizationPolicies: readonly AuthorizationPolicy[];
  readonly peerAuthentications: readonly PeerAuthentication[];
  readonly requestAuthentications: readonly RequestAuthentication[];
  readonly telemetries: readonly Telemetry[];
  /** Every workload given, with or without a proxy. */
  readonly allWorkloads: readonly Workload[];
  /** Workloads with a proxy (sidecar or gateway): the ones Istio policies can apply to. */
  readonly workloads: readonly WorkloadView[];
  /** Whether istiod or the API server would refuse the resource (it is then not part of the mesh). */
  isRejected(r: Resource): boolean;
  /** The namespace a resource lands in. */
  namespaceOf(r: Resource): string;
  /** The mesh workloads an AP / RA / Telemetry attaches to, sorted by key. */
  attachedTo(r: Resource): readonly WorkloadView[];
  /** `Kind ns/name`, with the namespace the resource lands in. */
  label(r: Resource): string;
  /** Whether an AuthorizationPolicy is dry-run (`istio.io/dry-run` parsed as a Go bool, spec §2.11). */
  isDryRun(ap: AuthorizationPolicy): boolean;
  /** The manifest a workload was derived from (Deployment, Pod…), for spans. */
  workloadResource(w: Workload): Resource | undefined;
  /** Effective mTLS mode of a workload port (spec §5.3). */
  mtlsMode(view: WorkloadView, port: WorkloadPort): EffectiveMode;
  /**
   * What istiod's builder noted while compiling the workload's HTTP (and, when it has TCP ports,
   * TCP) authorization filters: dropped rules and values, CUSTOM fallbacks. Computed on demand.
   */
  authzNotes(view: WorkloadView): readonly (BuildNote & { chain: 'http' | 'tcp' })[];
}

function byKind<K extends ResourceKind>(rs: readonly Resource[], kind: K): Resource<K>[] {
  return rs.filter((r): r is Resource<K> => r.kind === kind);
}

function bucket<R extends Resource>(rs: readonly R[], nsOf: (r: R) => string): Map<string, R[]> {
  const m = new Map<string, R[]>();
  for (const r of rs) {
    const ns = nsOf(r);
    const list = m.get(ns);
    if (list) list.push(r);
    else m.set(ns, [r]);
  }
  return m;
}

function attachTargetOf(w: Workload): AttachTarget {
  const gatewayName = w.labels['gateway.networking.k8s.io/gateway-name'];
  if (gatewayName !== undefined) return { namespace: w.namespace, labels: w.labels, kind: 'gateway-api', gatewayName };
  return { namespace: w.namespace, labels: w.labels, kind: w.proxy === 'gateway' ? 'gateway' : 'sidecar' };
}

const WORKLOAD_KINDS = new Set<ResourceKind>(['Deployment', 'StatefulSet', 'DaemonSet', 'Pod']);

/**
 * Builds the context once; rules share it. `rejected` are resources istiod or the API server would
 * refuse: rules still see them (to explain what is wrong), but they attach to no workload, because
 * they never reach the mesh.
 */
export function buildLintContext(input: LintInput, rejected: ReadonlySet<Resource> = new Set()): LintContext {
  const { mesh, defaultNamespace } = input;
  const root = mesh.rootNamespace;
  const nsOf = (r: Resource): string => (r.kind === 'Namespace' ? r.metadata.name : (r.metadata.namespace ?? defaultNamespace));
  const aps = byKind(input.resources, 'AuthorizationPolicy');
  const pas = byKind(input.resources, 'PeerAuthentication');
  const ras = byKind(input.resources, 'RequestAuthentication');
  const tels = byKind(input.resources, 'Telemetry');
  const admitted = <R extends Resource>(rs: R[]): R[] => (rejected.size === 0 ? rs : rs.filter((r) => !rejected.has(r)));
  const apNs = bucket(admitted(aps), nsOf);
  const paNs = bucket(admitted(pas), nsOf);
  const raNs = bucket(admitted(ras), nsOf);
  const telNs = bucket(admitted(tels), nsOf);
  const scoped = <R extends Resource>(m: Map<string, R[]>, ns: string): R[] =>
    ns === root ? (m.get(ns) ?? []) : [...(m.get(root) ?? []), ...(m.get(ns) ?? [])];

  const reverse = new Map<Resource, WorkloadView[]>();
  const views: WorkloadView[] = [];
  const sorted = [...input.workloads].sort((a, b) => cmp(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`));
  for (const w of sorted) {
    if (w.proxy === 'none') continue;
    const target = attachTargetOf(w);
    const attach = <R extends Attachable>(m: Map<string, R[]>): R[] => selectAttached(scoped(m, w.namespace), target, root, defaultNamespace);
    const view: WorkloadView = {
      workload: w,
      key: `${w.namespace}/${w.name}`,
      policies: attach(apNs),
      requestAuthentications: attach(raNs),
      telemetries: attach(telNs),
      peerAuthn: composePeerAuthn(scoped(paNs, w.namespace), { namespace: w.namespace, labels: w.labels }, root, defaultNamespace),
      tcpPorts: w.ports.filter((p) => !isHttpProtocol(p.protocol)),
      httpPorts: w.ports.filter((p) => isHttpProtocol(p.protocol) || p.protocol === 'UNKNOWN'),
    };
    views.push(view);
    for (const r of [...view.policies, ...view.requestAuthentications, ...view.telemetries]) {
      const list = reverse.get(r);
      if (list) list.push(view);
      else reverse.set(r, [view]);
    }
  }

  const workloadIndex = new Map<string, Resource>();
  for (const r of input.resources) {
    if (WORKLOAD_KINDS.has(r.kind)) workloadIndex.set(`${r.kind} ${nsOf(r)}/${r.metadata.name}`, r);
  }
  const dryRun = new Map<AuthorizationPolicy, boolean>();
  let buildOpts: AuthzBuildOptions | undefined;
  const notes = new Map<WorkloadView, (BuildNote & { chain: 'http' | 'tcp' })[]>();

  return {
    mesh,
    defaultNamespace,
    resources: input.resources,
    authorizationPolicies: aps,
    peerAuthentications: pas,
    requestAuthentications: ras,
    telemetries: tels,
    allWorkloads: input.workloads,
    workloads: views,
    namespaceOf: nsOf,
    isRejected: (r) => rejected.has(r),
    attachedTo: (r) => reverse.get(r) ?? [],
    label: (r) => (r.kind === 'Namespace' ? `Namespace ${r.metadata.name}` : `${r.kind} ${nsOf(r)}/${r.metadata.name}`),
    isDryRun(ap) {
      let d = dryRun.get(ap);
      if (d === undefined) dryRun.set(ap, (d = dryRunOf(ap).dryRun));
      return d;
    },
    workloadResource(w) {
      // `origin` is `Kind ns/name` when the loader derived the workload from a manifest.
      if (w.origin) {
        const hit = workloadIndex.get(w.origin);
        if (hit) return hit;
      }
      for (const kind of WORKLOAD_KINDS) {
        const hit = workloadIndex.get(`${kind} ${w.namespace}/${w.name}`);
        if (hit) return hit;
      }
      return undefined;
    },
    mtlsMode: (view, port) => mtlsModeForPort(view.peerAuthn, port.targetPort),
    authzNotes(view) {
      let list = notes.get(view);
      if (!list) {
        buildOpts ??= authzBuildOptions(mesh, defaultNamespace, input.workloads);
        const policies = view.policies.filter((p) => !rejected.has(p));
        list = buildHttpAuthz(policies, buildOpts).notes.map((n) => ({ ...n, chain: 'http' as const }));
        if (view.tcpPorts.length > 0) list.push(...buildTcpAuthz(policies, buildOpts).notes.map((n) => ({ ...n, chain: 'tcp' as const })));
        notes.set(view, list);
      }
      return list;
    },
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
