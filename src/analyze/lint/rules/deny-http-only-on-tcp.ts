import type { LintRule } from '../rule.js';
import { actionOf, listText, rulesOf } from '../authz-sites.js';
import { tcpViewOf } from '../http-only.js';

/**
 * Spec §2.9.4 (verified), §9 items 5–6; adversarial AZ-48 / CFG-V-03. The webhook warns about some
 * of these rules, but not about a rule made only of HTTP `when` conditions (spec §3.1 quirks).
 */
export const denyHttpOnlyOnTcp: LintRule = {
  id: 'MW111',
  name: 'deny-http-only-on-tcp',
  severity: 'warning',
  summary: 'a DENY rule made only of HTTP attributes denies every TCP connection',
  description: [
    'On a TCP filter chain HTTP-only attributes (`methods`, `paths`, `hosts`, `requestPrincipals`,',
    '`request.headers[...]`, `request.auth.*`) cannot be evaluated. For DENY istiod drops them and keeps the rest of',
    'the rule, so a rule made only of them becomes match-all: every TCP connection to the selected workloads is denied',
    '(spec §2.9.4, AZ-48). The webhook warns about `from`/`to` rules without ports but says nothing about a rule made of',
    'HTTP `when` conditions only, like the seed `threat-isolation` policy. A dry-run DENY only records what it would',
    'deny (spec §2.11), so it is not reported.',
  ].join(' '),
  fix: {
    text: 'Scope the rule to the HTTP ports with `to.operation.ports`, or select only HTTP workloads.',
    example: 'rules:\n- to:\n  - operation:\n      ports: ["8080"]\n  when:\n  - key: request.auth.claims[sub]\n    values: ["suspicious-*"]',
  },
  check(ctx, report) {
    const known = ctx.allWorkloads.length > 0;
    for (const ap of ctx.authorizationPolicies) {
      if (actionOf(ap) !== 'DENY' || ctx.isDryRun(ap)) continue;
      const tcp = ctx
        .attachedTo(ap)
        .flatMap((v) => v.tcpPorts.map((p) => `${v.key}:${p.targetPort}`));
      if (known && tcp.length === 0) continue;
      for (const { rule, index } of rulesOf(ap)) {
        const view = tcpViewOf(rule);
        if (!view.matchesAllOnTcp) continue;
        const where = known ? `the TCP ports of ${listText(tcp, 3)}` : 'any TCP port of the workloads it selects';
        report({
          resource: ap,
          path: ['spec', 'rules', index],
          message: `rule ${index} uses only HTTP attributes (${listText(view.httpItems)}): on TCP this DENY drops them and denies every connection to ${where}`,
          help: 'add `to: [{operation: {ports: [...]}}]` naming the HTTP ports, or narrow the selector to workloads without TCP ports',
        });
      }
    }
  },
};
