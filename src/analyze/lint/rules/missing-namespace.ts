import type { LintRule } from '../rule.js';
import { listText } from '../authz-sites.js';

const KINDS = new Set(['AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication', 'Telemetry']);

/** Spec §9 item 9, §1.2 item 4: the namespace comes from the client context when the manifest omits it. */
export const missingNamespace: LintRule = {
  id: 'MW120',
  name: 'missing-namespace',
  severity: 'warning',
  summary: 'an Istio policy without `metadata.namespace` lands wherever it is applied',
  description: [
    'A manifest without `metadata.namespace` lands in the namespace of the client context (kubectl context, `-n`,',
    'GitOps target). The namespace decides what a policy applies to: with no selector an AuthorizationPolicy applies to',
    'every workload of that namespace, and mesh-wide only in the root namespace (spec §1.2, §9 item 9). The same file',
    'therefore means different things depending on who applies it. meshward assumes the namespace given with `-n`.',
  ].join(' '),
  fix: {
    text: 'Write the namespace in the manifest.',
    example: 'metadata:\n  name: threat-isolation\n  namespace: production',
  },
  check(ctx, report) {
    for (const r of ctx.resources) {
      if (!KINDS.has(r.kind) || r.metadata.namespace !== undefined) continue;
      const ns = ctx.defaultNamespace;
      const selector = (r.spec as { selector?: { matchLabels?: Record<string, string> } }).selector?.matchLabels ?? {};
      const scope = Object.keys(selector).length === 0 ? (ns === ctx.mesh.rootNamespace ? 'mesh-wide' : 'namespace-wide') : 'selected';
      let applies: string;
      if (r.kind === 'PeerAuthentication') {
        applies = scope === 'mesh-wide' ? 'sets the mesh-wide mTLS mode' : scope === 'namespace-wide' ? `sets the mTLS mode of every workload in \`${ns}\`` : 'applies to the selected workloads there';
      } else {
        const targets = ctx.attachedTo(r).map((v) => v.key);
        const what = scope === 'mesh-wide' ? 'every workload in the mesh' : scope === 'namespace-wide' ? `every workload in \`${ns}\`` : 'the selected workloads there';
        applies = ctx.isRejected(r)
          ? `would apply to ${what} once istiod accepts it`
          : targets.length > 0
            ? `applies to ${what} (${listText(targets, 3)})`
            : `applies to ${what}`;
      }
      report({
        resource: r,
        path: ['metadata'],
        key: true,
        message: `\`${r.kind} ${r.metadata.name}\` has no \`metadata.namespace\`: applied with \`-n ${ns}\` it lands in \`${ns}\` and ${applies}`,
        help: 'add `metadata.namespace` so the policy means the same wherever it is applied',
      });
    }
  },
};
