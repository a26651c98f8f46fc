import { parseCidr } from '../../../compile/authz/cidr.js';
import type { LintRule } from '../rule.js';
import { actionOf, conditionSites, sourceSites } from '../authz-sites.js';

/** IPv4 ranges at least this wide (/16 or shorter), IPv6 /48 or shorter, are not an identity. */
const MAX_V4_PREFIX = 16;
const MAX_V6_PREFIX = 48;

function broad(value: string): { prefixLen: number } | undefined {
  const r = parseCidr(value);
  if (!r.ok) return undefined;
  const len = r.range.prefixLen ?? 0;
  const v6 = r.range.addressPrefix.includes(':');
  return len <= (v6 ? MAX_V6_PREFIX : MAX_V4_PREFIX) ? { prefixLen: len } : undefined;
}

/** Spec §9 item 2 (rule (b) with `source.ip 10.0.0.0/8`); adversarial AZ-35. */
export const broadSourceIp: LintRule = {
  id: 'MW109',
  name: 'broad-source-ip',
  severity: 'warning',
  summary: 'a broad `ipBlocks` / `source.ip` range is used as if it identified callers',
  description: [
    '`source.ip` / `ipBlocks` is the direct peer address. Pod CIDRs usually sit inside the private ranges (10.0.0.0/8,',
    '172.16.0.0/12, 192.168.0.0/16), so "internal network only" admits practically every in-cluster caller — including',
    'the ingress gateway pod, which relays external traffic: external requests pass too (spec §9 item 2). Pod IPs are',
    'also reused as pods come and go. Broad ranges in an ALLOW (or exempted by `notIpBlocks` in a DENY) are not identity.',
  ].join(' '),
  fix: {
    text: 'Name the callers by identity (mTLS principals or namespaces); keep IP rules for narrow, stable ranges.',
    example: 'from:\n- source:\n    principals: ["cluster.local/ns/api-gateway/sa/gateway-service"]',
  },
  check(ctx, report) {
    for (const ap of ctx.authorizationPolicies) {
      const action = actionOf(ap);
      // ALLOW with a positive range admits it; DENY with a negative range exempts it.
      const wantNegative = action === 'DENY';
      if (action !== 'ALLOW' && action !== 'DENY') continue;
      const sites = [
        ...sourceSites(ap, ['ipBlocks', 'notIpBlocks']).map((s) => ({ ...s, what: `\`${s.field}\`` })),
        ...conditionSites(ap, (k) => k === 'source.ip').map((s) => ({ ...s, what: '`source.ip`' })),
      ];
      for (const s of sites) {
        if (s.negative !== wantNegative) continue;
        const b = broad(s.value);
        if (!b) continue;
        const effect = action === 'ALLOW' ? 'admits' : 'exempts from this DENY';
        report({
          resource: ap,
          path: s.path,
          message: `${s.what} \`${s.value}\` ${effect} every direct peer in a /${b.prefixLen} range, which usually covers most pods and the ingress gateway that relays external traffic: it is not an identity`,
          help: 'name the allowed callers with `from.source.principals` or `namespaces` (identity from mTLS); if an IP rule is really needed, use a narrow, stable range',
        });
      }
    }
  },
};
