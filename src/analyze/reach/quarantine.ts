/**
 * Quarantine what-if: a mesh-wide DENY of one identity (root namespace, no selector,
 * `from.source.principals: [<td>/ns/<ns>/sa/<sa>]` — an L4 field, so it also cuts TCP, spec §2.4),
 * then reach again. Reported: the identity's blast radius before and after (plaintext paths that
 * bypass the sidecar survive a principal-based DENY unless STRICT mTLS refuses them), and every
 * flow that disappears — other attackers' entries that vanish, plus all the identity could call.
 */
import { compileMesh, type MeshInputs } from '../../compile/mesh.js';
import { MeshwardError } from '../../model/errors.js';
import type { AuthorizationPolicy } from '../../model/resources.js';
import { computeReach, type ReachItem, type ReachOptions, type ReachResult } from './reach.js';
import type { QuarantineReport } from './types.js';

/** The DENY policy that quarantines `ns/sa`. */
export function quarantinePolicy(id: string, rootNamespace: string, trustDomain: string): AuthorizationPolicy {
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(id);
  if (!m) throw new MeshwardError('ERR_USAGE', `--quarantine \`${id}\` is not of the form ns/serviceaccount`);
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name: `meshward-quarantine-${m[1]}-${m[2]}`, namespace: rootNamespace },
    spec: { action: 'DENY', rules: [{ from: [{ source: { principals: [`${trustDomain}/ns/${m[1]}/sa/${m[2]}`] } }] }] },
  };
}

const flowKey = (from: string, i: ReachItem): string => `${from}\u0000${i.entry.to}\u0000${i.entry.port}\u0000${i.entry.protocol}\u0000${i.entry.transport}\u0000${i.entry.via ?? ''}\u0000${i.entry.decidedBy}\u0000${JSON.stringify([i.entry.methods, i.entry.paths, i.entry.requires])}`;

function radius(items: readonly ReachItem[]): { entries: number; destinations: number } {
  return { entries: items.length, destinations: new Set(items.map((i) => i.entry.to)).size };
}

export function quarantineWhatIf(inputs: MeshInputs, before: ReachResult, ids: readonly string[], opts: ReachOptions = {}): QuarantineReport[] {
  const root = inputs.mesh.rootNamespace;
  return ids.map((id) => {
    const policy = quarantinePolicy(id, root, inputs.mesh.trustDomain);
    const [ns, sa] = id.split('/') as [string, string];
    const after = computeReach(compileMesh({ ...inputs, resources: [...inputs.resources, policy] }), opts);
    const members = new Set(before.attackers.filter((a) => a.spec.kind === 'workload' && a.spec.workload.namespace === ns && a.spec.workload.serviceAccount === sa).map((a) => a.name));
    const afterKeys = new Set(after.attackers.flatMap((a) => a.items.map((i) => flowKey(a.name, i))));
    const broken: QuarantineReport['broken'] = [];
    for (const a of before.attackers) {
      for (const i of a.items) {
        if (afterKeys.has(flowKey(a.name, i))) continue;
        const e = i.entry;
        broken.push({ from: a.name, to: e.to, port: e.port, protocol: e.protocol, transport: e.transport, decidedBy: e.decidedBy, methods: e.methods, paths: e.paths });
      }
    }
    const mine = (r: ReachResult): ReachItem[] => r.attackers.filter((a) => members.has(a.name)).flatMap((a) => a.items);
    const remaining = mine(after);
    return {
      identity: `spiffe://${inputs.mesh.trustDomain}/ns/${ns}/sa/${sa}`,
      workloads: [...members].sort(),
      before: radius(mine(before)),
      after: { ...radius(remaining), remaining: remaining.map((i) => i.entry) },
      broken,
    };
  });
}
