/**
 * Workloads from Kubernetes objects: one per Deployment, StatefulSet, DaemonSet and Pod, with the
 * pod template's labels, its service account (`default` when unset, as Kubernetes fills it), and
 * its ports. A Service whose selector is a non-empty subset of the pod labels gives its ports:
 * the Service port, the container port behind it (`targetPort` as a number, a container port
 * name, or the Service port when absent) and the protocol Istio derives. Container ports no
 * Service targets are kept with a sniffed (UNKNOWN) protocol. UDP and SCTP ports are dropped:
 * the sidecar does not intercept them, so no Istio policy applies there.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { ContainerPort, PodSpecLite, Resource, ServiceSpecLite } from '../../model/resources.js';
import { effectiveNamespace } from '../../model/resources.js';
import type { SourceSpan } from '../../model/source.js';
import type { Workload, WorkloadPort } from '../../model/workload.js';
import { DiagnosticCodes } from '../../schema/codes.js';
import { decideInjection } from './injection.js';
import { servicePortProtocol } from './protocol.js';

const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';
const NO_SPAN: SourceSpan = { file: '', line: 1, column: 1, endLine: 1, endColumn: 1 };

interface PodView {
  resource: Resource;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: PodSpecLite;
}

function podView(r: Resource): PodView | undefined {
  switch (r.kind) {
    case 'Pod':
      return { resource: r, labels: r.metadata.labels ?? {}, annotations: r.metadata.annotations ?? {}, spec: r.spec as PodSpecLite };
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet': {
      const t = (r as Resource<'Deployment'>).spec.template;
      return { resource: r, labels: t?.metadata?.labels ?? {}, annotations: t?.metadata?.annotations ?? {}, spec: t?.spec ?? {} };
    }
    default:
      return undefined;
  }
}

function isTcp(protocol: string | undefined): boolean {
  return protocol === undefined || protocol === 'TCP';
}

function containerPorts(spec: PodSpecLite): ContainerPort[] {
  return (spec.containers ?? []).flatMap((c) => c.ports ?? []).filter((p) => isTcp(p.protocol));
}

function selects(selector: Readonly<Record<string, string>> | undefined, labels: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(selector ?? {});
  // Kubernetes: a Service without a selector selects no pods (endpoints are managed by hand).
  return keys.length > 0 && keys.every((k) => Object.hasOwn(labels, k) && labels[k] === selector?.[k]);
}

/** Istio gateway pods (classic `istio: ingressgateway|egressgateway`, or Gateway API) run a proxy of their own. */
function isGateway(labels: Readonly<Record<string, string>>): boolean {
  return labels.istio === 'ingressgateway' || labels.istio === 'egressgateway' || Object.hasOwn(labels, GATEWAY_NAME_LABEL);
}

function portsOf(view: PodView, namespace: string, services: readonly Resource[]): WorkloadPort[] {
  const declared = containerPorts(view.spec);
  const out: WorkloadPort[] = [];
  const targeted = new Set<number>();
  for (const svc of services) {
    if (effectiveNamespace(svc) !== namespace) continue;
    const spec = svc.spec as ServiceSpecLite;
    if (!selects(spec.selector, view.labels)) continue;
    for (const sp of spec.ports ?? []) {
      if (!isTcp(sp.protocol)) continue;
      let target: number | undefined;
      if (sp.targetPort === undefined) target = sp.port;
      else if (typeof sp.targetPort === 'number') target = sp.targetPort;
      else if (/^\d+$/.test(sp.targetPort)) target = Number(sp.targetPort);
      else target = declared.find((c) => c.name === sp.targetPort)?.containerPort;
      if (target === undefined) continue; // a named targetPort no container declares: no endpoint
      targeted.add(target);
      const port: WorkloadPort = { port: sp.port, targetPort: target, protocol: servicePortProtocol(sp.port, sp.name, sp.appProtocol) };
      if (sp.name !== undefined) port.name = sp.name;
      out.push(port);
    }
  }
  for (const c of declared) {
    if (targeted.has(c.containerPort)) continue;
    targeted.add(c.containerPort);
    const port: WorkloadPort = { port: c.containerPort, targetPort: c.containerPort, protocol: 'UNKNOWN' };
    if (c.name !== undefined) port.name = c.name;
    out.push(port);
  }
  const seen = new Set<string>();
  return out
    .filter((p) => {
      const id = `${p.port}/${p.targetPort}/${p.protocol}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .sort((a, b) => a.port - b.port || a.targetPort - b.targetPort);
}

/**
 * Derives the workloads of a set of loaded resources.
 *
 * @example
 * const { resources } = await loadManifests(['k8s/']);
 * const { workloads, diagnostics } = deriveWorkloads(resources);
 */
export function deriveWorkloads(resources: readonly Resource[]): { workloads: Workload[]; diagnostics: Diagnostic[] } {
  const namespaces = new Map<string, Record<string, string>>();
  for (const r of resources) if (r.kind === 'Namespace') namespaces.set(r.metadata.name, r.metadata.labels ?? {});
  const services = resources.filter((r) => r.kind === 'Service');
  const workloads: Workload[] = [];
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const r of resources) {
    const view = podView(r);
    if (!view) continue;
    const namespace = effectiveNamespace(r);
    const gateway = isGateway(view.labels);
    const injection = decideInjection(view.labels, view.annotations, namespaces.get(namespace));
    // The assumption is reported only where it decides something (a gateway has its proxy anyway).
    if (injection.assumed && !gateway && !reported.has(namespace)) {
      reported.add(namespace);
      diagnostics.push({
        code: DiagnosticCodes.ASSUMED_INJECTION,
        severity: 'info',
        message: `namespace \`${namespace}\` is not among the inputs; sidecar injection is assumed for its workloads`,
        help: 'add the Namespace manifest (with its `istio-injection` or `istio.io/rev` label) to decide injection',
        span: r.source?.locate(['metadata', 'namespace']) ?? NO_SPAN,
        resource: `${r.kind} ${namespace}/${r.metadata.name}`,
      });
    }
    const spec = view.spec;
    workloads.push({
      namespace,
      name: r.metadata.name,
      serviceAccount: spec.serviceAccountName || spec.serviceAccount || 'default',
      labels: { ...view.labels },
      ports: portsOf(view, namespace, services),
      proxy: gateway ? 'gateway' : injection.injected ? 'sidecar' : 'none',
      origin: `${r.kind} ${namespace}/${r.metadata.name}`,
    });
  }
  return { workloads, diagnostics };
}
