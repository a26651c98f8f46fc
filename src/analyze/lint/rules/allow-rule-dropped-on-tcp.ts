import type { LintRule } from '../rule.js';
import { actionOf, listText, rulesOf } from '../authz-sites.js';
import type { WorkloadView } from '../context.js';
import type { LintContext } from '../context.js';
import { tcpViewOf } from '../http-only.js';

/** Whether some enforced ALLOW rule survives on this workload's TCP chains. */
function tcpAllowSurvives(ctx: LintContext, v: WorkloadView): boolean {
  return v.policies.some((p) => !ctx.isDryRun(p) && actionOf(p) === 'ALLOW' && rulesOf(p).some(({ rule }) => tcpViewOf(rule).httpItems.length === 0));
}

/** Spec §2.9.4 (ALLOW: an HTTP-only field aborts the whole rule on TCP); adversarial AZ-48. */
export const allowRuleDroppedOnTcp: LintRule = {
  id: 'MW112',
  name: 'allow-rule-dropped-on-tcp',
  severity: 'warning',
  summary: 'an ALLOW rule with HTTP attributes is dropped on TCP ports',
  description: [
    'When istiod builds the TCP filter of a workload, an ALLOW rule that uses any HTTP-only attribute is skipped',
    'entirely — all its `from`/`to` alternatives (spec §2.9.4, `builder.go` "skipped rule … on TCP filter chain"). If no',
    'other ALLOW rule remains, the ALLOW set is empty and every TCP connection to the workload is denied. Typical',
    'cause: a namespace-wide HTTP policy that also lands on a database or other TCP workload.',
  ].join(' '),
  fix: {
    text: 'Narrow the policy with a selector to the HTTP workloads, and give TCP workloads their own ALLOW rules with `ports` and identities.',
    example: 'spec:\n  selector: {matchLabels: {app: payments-db}}\n  rules:\n  - from:\n    - source: {principals: ["cluster.local/ns/production/sa/payment-service"]}\n    to:\n    - operation: {ports: ["5432"]}',
  },
  check(ctx, report) {
    for (const ap of ctx.authorizationPolicies) {
      if (actionOf(ap) !== 'ALLOW' || ctx.isDryRun(ap)) continue;
      const tcpViews = ctx.attachedTo(ap).filter((v) => v.tcpPorts.length > 0);
      if (tcpViews.length === 0) continue;
      const ports = tcpViews.flatMap((v) => v.tcpPorts.map((p) => `${v.key}:${p.targetPort}`));
      const closed = tcpViews.filter((v) => !tcpAllowSurvives(ctx, v)).map((v) => v.key);
      for (const { rule, index } of rulesOf(ap)) {
        const view = tcpViewOf(rule);
        if (view.httpItems.length === 0) continue;
        const tail = closed.length > 0 ? `; no ALLOW rule survives on TCP for ${listText(closed, 3)}, so every TCP connection there is denied` : '';
        report({
          resource: ap,
          path: ['spec', 'rules', index],
          message: `rule ${index} uses HTTP attributes (${listText(view.httpItems)}), so istiod drops this ALLOW rule on the TCP ports of ${listText(ports, 3)}${tail}`,
          help: 'select only the HTTP workloads with `spec.selector`, and allow TCP workloads with rules made of identities and `ports`',
        });
      }
    }
  },
};
