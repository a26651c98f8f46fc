import type { LintRule } from '../rule.js';
import { actionOf, listText, operationSites } from '../authz-sites.js';

/** Adversarial AZ-23; istio.io security best practices, "Writing Host Match Policies". */
export const hostsAtSidecar: LintRule = {
  id: 'MW127',
  name: 'hosts-at-sidecar',
  severity: 'warning',
  summary: '`hosts` / `notHosts` checked at a sidecar, where the caller chooses the Host header',
  description: [
    'A client that reaches a pod directly (by pod IP, or through any Service that selects it) can send any `Host`',
    'header: at a sidecar a DENY on `hosts` is bypassed with `Host: anything`, and an ALLOW on `hosts` admits whoever',
    'writes the expected value (AZ-23). Istio recommends host rules only at gateways, where the Host header decides the',
    'route; on sidecars, if host rules are needed, use them under default-deny (istio.io security best practices).',
  ].join(' '),
  fix: {
    text: 'Move the host rule to the gateway policy, or decide on identities and paths at the sidecar.',
    example: 'spec:\n  selector: {matchLabels: {istio: ingressgateway}}\n  action: DENY\n  rules:\n  - to:\n    - operation:\n        hosts: ["admin.example.com", "admin.example.com:*"]',
  },
  check(ctx, report) {
    for (const ap of ctx.authorizationPolicies) {
      const action = actionOf(ap);
      if (action !== 'ALLOW' && action !== 'DENY') continue;
      const sidecars = ctx
        .attachedTo(ap)
        .filter((v) => v.workload.proxy === 'sidecar' && v.workload.labels['gateway.networking.k8s.io/gateway-name'] === undefined)
        .map((v) => v.key);
      if (sidecars.length === 0) continue;
      for (const s of operationSites(ap, ['hosts', 'notHosts'])) {
        const effect =
          (action === 'DENY') !== s.negative ? 'a caller escapes it by sending another Host header' : 'a caller satisfies it by sending this Host header';
        report({
          resource: ap,
          path: s.path,
          message: `\`${s.field}\` value \`${s.value}\` is checked at the sidecars of ${listText(sidecars, 3)}, where the client picks the Host header: ${effect}`,
          help: 'enforce host rules at the ingress gateway; at sidecars decide on peer identity, request principal and paths',
        });
      }
    }
  },
};
