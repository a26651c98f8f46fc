import type { LintRule } from '../rule.js';
import { actionOf } from '../authz-sites.js';

/** Spec §2.1 step 5, §2.2; istio.io security best practices ("default-deny"), adversarial A.0 item 1. */
export const defaultAllowWorkload: LintRule = {
  id: 'MW117',
  name: 'default-allow-workload',
  severity: 'warning',
  summary: 'a workload has no ALLOW policy, so every request that is not denied is allowed',
  description: [
    'If no enforced ALLOW policy applies to a workload, every request that no DENY matches is allowed (spec §2.1 step 5):',
    'any pod in the mesh — a compromised one included — can reach it. Istio recommends a default-deny: an `allow-nothing`',
    'policy (`spec: {}`) mesh-wide in the root namespace or per namespace, then ALLOW policies for the intended flows',
    '(istio.io security best practices). Dry-run ALLOW policies do not count (spec §2.2). Gateways are not reported:',
    'they exist to accept outside traffic.',
  ].join(' '),
  fix: {
    text: 'Add an allow-nothing policy to the namespace (or mesh-wide), then allow the intended callers explicitly.',
    example: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: allow-nothing, namespace: orders}\nspec: {}',
  },
  check(ctx, report) {
    for (const v of ctx.workloads) {
      if (v.workload.proxy !== 'sidecar') continue;
      if (v.policies.some((p) => actionOf(p) === 'ALLOW' && !ctx.isDryRun(p))) continue;
      const r = ctx.workloadResource(v.workload);
      if (!r) continue;
      report({
        resource: r,
        path: ['metadata', 'name'],
        message: `workload \`${v.key}\` has no ALLOW policy: every request that no DENY matches is allowed, from any caller`,
        help: `add a default-deny \`allow-nothing\` AuthorizationPolicy (\`spec: {}\`) in namespace \`${v.workload.namespace}\` (or mesh-wide in \`${ctx.mesh.rootNamespace}\`), then ALLOW the intended callers`,
      });
    }
  },
};
