import { labelsSubsetOf } from '../../../compile/resource-order.js';
import type { Resource } from '../../../model/resources.js';
import type { Finding, LintRule } from '../rule.js';
import type { Workload } from '../../../model/workload.js';
import type { LintContext, WorkloadView } from '../context.js';

type Selectable = Resource<'AuthorizationPolicy' | 'RequestAuthentication' | 'Telemetry' | 'PeerAuthentication'>;

function labelsOf(r: Selectable): Record<string, string> {
  return r.spec.selector?.matchLabels ?? {};
}

function hasTargetRefs(r: Selectable): boolean {
  if (r.kind === 'PeerAuthentication') return false;
  const s = r.spec as { targetRef?: unknown; targetRefs?: unknown[] };
  return s.targetRef !== undefined || (s.targetRefs ?? []).length > 0;
}

interface ByNamespace {
  mesh: Map<string, WorkloadView[]>;
  plain: Map<string, Workload[]>;
}

function group<V>(items: readonly V[], nsOf: (v: V) => string): Map<string, V[]> {
  const m = new Map<string, V[]>();
  for (const v of items) {
    const list = m.get(nsOf(v));
    if (list) list.push(v);
    else m.set(nsOf(v), [v]);
  }
  return m;
}

/** What the resource applies to, or a finding when that is nothing. */
function problem(ctx: LintContext, r: Selectable, index: ByNamespace): Omit<Finding, 'resource'> | undefined {
  const ns = ctx.namespaceOf(r);
  const root = ctx.mesh.rootNamespace;
  const labels = labelsOf(r);
  const labelled = Object.keys(labels).length > 0;
  const selectorText = Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  if (r.kind === 'PeerAuthentication' && labelled && ns === root) {
    return {
      path: ['spec', 'selector'],
      key: true,
      message: `a PeerAuthentication with a selector in the root namespace \`${root}\` is ignored by istiod`,
      help: 'move it to the namespace of the workloads it should select, or drop the selector to make it mesh-wide',
    };
  }
  if (!labelled && ns === root) return undefined; // mesh-wide
  // A PeerAuthentication outside the root namespace only selects workloads of its own namespace (spec §1.1).
  const attached =
    r.kind === 'PeerAuthentication' ? (index.mesh.get(ns) ?? []).filter((v) => labelsSubsetOf(labels, v.workload.labels)) : ctx.attachedTo(r);
  if (attached.length > 0) return undefined;
  if (!labelled) {
    return {
      path: ['metadata', 'name'],
      message: `\`${ctx.label(r)}\` applies namespace-wide, but namespace \`${ns}\` has no workload with an Istio proxy`,
      help: 'apply it in the namespace of the workloads it is meant for (check `metadata.namespace` or `kubectl -n`)',
    };
  }
  const candidates = ns === root ? [...index.plain.values()].flat() : (index.plain.get(ns) ?? []);
  const plain = candidates.filter((w) => labelsSubsetOf(labels, w.labels));
  const why = plain.length > 0 ? `it only matches workloads without a sidecar (\`${plain[0]?.namespace}/${plain[0]?.name}\`)` : `no workload in ${ns === root ? 'the mesh' : `namespace \`${ns}\``} has labels \`${selectorText}\``;
  return {
    path: ['spec', 'selector'],
    key: true,
    message: `selector matches no workload: ${why}`,
    help: 'fix the labels or the namespace so the selector matches the intended pods (istioctl analyze IST0127)',
  };
}

/** Spec §1.2, §3.5 (istioctl analyze IST0127), §10 (root-namespace PeerAuthentication selectors). */
export const selectsNoWorkload: LintRule = {
  id: 'MW115',
  name: 'selects-no-workload',
  severity: 'warning',
  summary: 'a policy selects no workload, so it has no effect',
  description: [
    'A policy only acts on the workloads it attaches to (spec §1.2): a selector whose labels match no pod in scope, or a',
    'namespace-wide policy in a namespace without proxies, does nothing — often a typo in a label, or a manifest applied',
    'to the wrong namespace. istioctl analyze reports the same as IST0127. A PeerAuthentication with a selector in the',
    'root namespace is silently ignored (spec §10). Checked only when workloads are part of the input.',
  ].join(' '),
  fix: {
    text: 'Match the selector to the pod labels of the intended workload, in its namespace.',
    example: 'metadata: {namespace: production}\nspec:\n  selector:\n    matchLabels: {app: payment-service}',
  },
  check(ctx, report) {
    if (ctx.allWorkloads.length === 0) return;
    const all: Selectable[] = [...ctx.authorizationPolicies, ...ctx.requestAuthentications, ...ctx.telemetries, ...ctx.peerAuthentications];
    const index: ByNamespace = {
      mesh: group(ctx.workloads, (v) => v.workload.namespace),
      plain: group(
        ctx.allWorkloads.filter((w) => w.proxy === 'none'),
        (w) => w.namespace,
      ),
    };
    for (const r of all) {
      if (hasTargetRefs(r) || ctx.isRejected(r)) continue; // a rejected resource selects nothing by definition
      const p = problem(ctx, r, index);
      if (p) report({ resource: r, ...p });
    }
  },
};
