import type { LintRule } from '../rule.js';
import { operationSites, rulesOf } from '../authz-sites.js';

/** Spec §2.5, §8 (no port stripping); adversarial AZ-20, CFG-V-22; ISTIO-SECURITY-2021-008. */
export const hostWithoutPort: LintRule = {
  id: 'MW114',
  name: 'host-without-port',
  severity: 'warning',
  summary: 'an exact `hosts` value without its `:*` form misses requests whose Host carries a port',
  description: [
    '`hosts` / `notHosts` compare the `:authority` header case-insensitively but do **not** strip a port: `example.com`',
    'does not match `Host: example.com:80` (spec §2.5, AZ-20). A DENY on the bare host is bypassed by adding the port,',
    'and an ALLOW on it rejects clients that send one. Istio\'s best practice is to list both `example.com` and',
    '`example.com:*`.',
  ].join(' '),
  fix: {
    text: 'List the host with and without a port.',
    example: 'to:\n- operation:\n    hosts: ["example.com", "example.com:*"]',
  },
  check(ctx, report) {
    for (const ap of ctx.authorizationPolicies) {
      const sites = operationSites(ap, ['hosts', 'notHosts']);
      if (sites.length === 0) continue;
      const rules = new Map(rulesOf(ap).map(({ rule, index }) => [index, rule]));
      for (const s of sites) {
        if (s.value.includes(':') || s.value.startsWith('*') || s.value.endsWith('*')) continue;
        // Look for `<host>:*` in the same list of the same operation.
        const toIndex = s.path[4] as number;
        const op = rules.get(s.ruleIndex)?.to?.[toIndex]?.operation;
        const list = (op?.[s.field as 'hosts' | 'notHosts'] ?? []).map((h) => h.toLowerCase());
        if (list.includes(`${s.value.toLowerCase()}:*`)) continue;
        report({
          resource: ap,
          path: s.path,
          message: `\`${s.field}\` value \`${s.value}\` does not match \`${s.value}:<port>\`: Istio compares the Host header without stripping the port`,
          help: `add \`${s.value}:*\` next to \`${s.value}\``,
        });
      }
    }
  },
};
