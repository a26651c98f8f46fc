import { compareByCreationThenName } from '../../../compile/resource-order.js';
import type { PeerAuthentication, Resource } from '../../../model/resources.js';
import type { LintRule } from '../rule.js';

/** Spec §1.3, §5.2 (at each PeerAuthentication level only the oldest counts); `kubectl apply` semantics. */
export const duplicateResource: LintRule = {
  id: 'MW121',
  name: 'duplicate-resource',
  severity: 'warning',
  summary: 'two resources claim the same identity or the same mTLS level, and only one counts',
  description: [
    'Two manifests with the same kind, namespace and name are one object: the later `kubectl apply` replaces the earlier',
    'one. A manifest without `metadata.namespace` collides with one that names the namespace it lands in. For',
    'PeerAuthentication the same happens by *level*: of several mesh-level (root namespace, no selector) or',
    'namespace-level policies, or several workload policies selecting the same pod, only the oldest counts and the',
    'others are ignored (spec §5.2) — whatever their names.',
  ].join(' '),
  fix: {
    text: 'Keep one definition, or merge the settings into the policy that counts.',
    example: '# one namespace-wide PeerAuthentication per namespace\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: production}\nspec:\n  mtls: {mode: STRICT}',
  },
  check(ctx, report) {
    const seen = new Map<string, Resource>();
    for (const r of ctx.resources) {
      const id = ctx.label(r);
      const first = seen.get(id);
      if (!first) {
        seen.set(id, r);
        continue;
      }
      const where = first.source ? ` (first defined in \`${first.source.file}\`)` : '';
      report({
        resource: r,
        path: ['metadata', 'name'],
        message: `\`${id}\` is defined twice${where}: the later definition replaces the earlier one`,
        help: 'remove one of the definitions, or give them different names or namespaces',
      });
    }
    const shadowed = new Map<PeerAuthentication, PeerAuthentication | undefined>();
    for (const v of ctx.workloads) {
      for (const pa of v.peerAuthn.shadowed) {
        const winner = [v.peerAuthn.mesh, v.peerAuthn.namespace, v.peerAuthn.workload].find(
          (w) => w !== undefined && ctx.namespaceOf(w) === ctx.namespaceOf(pa) && levelOf(w) === levelOf(pa),
        );
        if (!shadowed.has(pa)) shadowed.set(pa, winner);
      }
    }
    const ordered = [...shadowed.entries()].sort(([a], [b]) => compareByCreationThenName(a, b));
    for (const [pa, winner] of ordered) {
      report({
        resource: pa,
        path: ['metadata', 'name'],
        message: `\`${ctx.label(pa)}\` is ignored: ${winner ? `\`${ctx.label(winner)}\`` : 'an older policy'} is older and takes its place at the same level`,
        help: 'keep one PeerAuthentication per level (mesh, namespace, workload) and merge the settings into it',
      });
    }
  },
};

function levelOf(pa: PeerAuthentication): 'scope' | 'workload' {
  return Object.keys(pa.spec.selector?.matchLabels ?? {}).length > 0 ? 'workload' : 'scope';
}
