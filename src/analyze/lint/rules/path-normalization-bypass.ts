import { normalizeRequestPath } from '../../../engine/normalize.js';
import type { AuthorizationPolicy } from '../../../model/resources.js';
import type { LintRule } from '../rule.js';
import { actionOf, listText, operationSites, rulesOf } from '../authz-sites.js';
import type { LintContext, WorkloadView } from '../context.js';
import { examplePath, pathTest, pathVariants } from '../path-pattern.js';

/** Could some enforced ALLOW rule on `v` admit a request whose normalized path is `path`? */
function allowAdmits(ctx: LintContext, v: WorkloadView, path: string): boolean {
  const allows = v.policies.filter((p) => !ctx.isDryRun(p) && actionOf(p) === 'ALLOW');
  if (allows.length === 0) return true; // default allow
  return allows.some((p: AuthorizationPolicy) =>
    rulesOf(p).some(({ rule }) => {
      const to = (rule.to ?? []).filter((t) => t !== null);
      if (to.length === 0) return true;
      return to.some((t) => {
        const op = t.operation ?? {};
        const pos = op.paths ?? [];
        const neg = op.notPaths ?? [];
        return (pos.length === 0 || pos.some((x) => pathTest(x)(path))) && !neg.some((x) => pathTest(x)(path));
      });
    }),
  );
}

/**
 * Spec §8; adversarial A.0 items 2–4, AZ-01, AZ-02, AZ-14, AZ-55; ISTIO-SECURITY-2021-005 and
 * 2021-008 flag `DENY + paths` and `ALLOW + notPaths` as the vulnerable patterns.
 */
export const pathNormalizationBypass: LintRule = {
  id: 'MW113',
  name: 'path-normalization-bypass',
  severity: 'warning',
  summary: 'a DENY `paths` (or ALLOW `notPaths`) value can be bypassed by a differently written path',
  description: [
    'Paths are matched after the mesh\'s path normalization and are case-sensitive (spec §8). With the default `BASE`',
    'normalization `//admin` stays `//admin` and `/admin%2Fsecret` keeps its `%2F`, so a DENY on `/admin` does not match',
    'them, while many backends treat them as `/admin` (AZ-01, AZ-02); `/ADMIN` never matches `/admin` (AZ-14).',
    'Istio\'s best practices therefore recommend ALLOW-with-positive-matching: a variant then falls through to a 403.',
    'This rule reports a DENY path when a variant survives normalization **and** an ALLOW rule of the workload (or',
    'default allow) would admit it; and every ALLOW `notPaths`, which a variant satisfies.',
  ].join(' '),
  fix: {
    text: 'Set `meshConfig.pathNormalization.normalization: DECODE_AND_MERGE_SLASHES` and prefer ALLOW rules with positive `paths` under a default-deny policy.',
    example: 'meshConfig:\n  pathNormalization:\n    normalization: DECODE_AND_MERGE_SLASHES',
  },
  check(ctx, report) {
    const mode = ctx.mesh.pathNormalization;
    for (const ap of ctx.authorizationPolicies) {
      const action = actionOf(ap);
      const field = action === 'DENY' ? 'paths' : action === 'ALLOW' ? 'notPaths' : undefined;
      if (!field) continue;
      const views = ctx.attachedTo(ap).filter((v) => v.httpPorts.length > 0);
      for (const site of operationSites(ap, [field])) {
        const example = examplePath(site.value);
        if (!example) continue;
        const matches = pathTest(site.value);
        const bypasses: string[] = [];
        const exposed = new Set<string>();
        for (const variant of pathVariants(example)) {
          const n = normalizeRequestPath(variant.raw, mode);
          if (!n.ok || matches(n.urlPath)) continue;
          if (action === 'DENY' && ctx.allWorkloads.length > 0) {
            const open = views.filter((v) => allowAdmits(ctx, v, n.urlPath));
            if (open.length === 0) continue;
            for (const v of open) exposed.add(v.key);
          }
          bypasses.push(variant.raw);
        }
        if (bypasses.length === 0) continue;
        const at = exposed.size > 0 ? ` at ${listText([...exposed].sort(), 3)}` : '';
        const many = bypasses.length > 1;
        const effect = action === 'DENY' ? `${many ? 'are' : 'is'} not denied${at}` : `${many ? 'satisfy' : 'satisfies'} this \`notPaths\` and ${many ? 'are' : 'is'} allowed`;
        report({
          resource: ap,
          path: site.path,
          message: `\`${field}\` value \`${site.value}\` can be bypassed: ${listText(bypasses)} ${effect} under path normalization \`${mode}\`, yet may reach the same handler`,
          help: 'set `meshConfig.pathNormalization.normalization: DECODE_AND_MERGE_SLASHES` (MERGE_SLASHES only merges `//`), and prefer ALLOW rules with positive `paths` under a default-deny policy; paths are case-sensitive',
        });
      }
    }
  },
};
