import type { LintRule } from '../rule.js';
import { actionOf, conditions } from '../authz-sites.js';

function headerName(key: string): string | undefined {
  const m = /^request\.headers\[(.+)\]$/.exec(key);
  return m?.[1]?.toLowerCase();
}

/** Spec §9 item 5, §2.7.6; istio.io security best practices: request headers are set by the client. */
export const headerAsIdentity: LintRule = {
  id: 'MW107',
  name: 'header-as-identity',
  severity: 'warning',
  summary: 'a `request.headers[...]` condition trusts a value the client chooses',
  description: [
    'Request headers come from the caller: whoever sends the request can add, change or omit them. An ALLOW condition',
    'on a header admits anyone who sets it; a DENY condition is bypassed by omitting or altering it (values are',
    'case-sensitive exact matches, spec §9 item 5). Headers only carry trustworthy facts when a proxy in front sets',
    'them and strips client copies — e.g. headers named by a RequestAuthentication `outputClaimToHeaders`, which Envoy',
    'removes from every incoming request (spec §6.2); those are not reported.',
  ].join(' '),
  fix: {
    text: 'Base the decision on an identity: a peer principal (mTLS) or a validated JWT claim; rate limiting belongs to a rate-limit service.',
    example: 'when:\n- key: request.auth.claims[role]\n  values: ["payment-processor"]',
  },
  check(ctx, report) {
    for (const ap of ctx.authorizationPolicies) {
      const action = actionOf(ap);
      if (action !== 'ALLOW' && action !== 'DENY') continue;
      const attached = ctx.attachedTo(ap);
      for (const c of conditions(ap, (k) => k.startsWith('request.headers['))) {
        const name = headerName(c.cond.key);
        if (!name) continue;
        // Headers that the jwt_authn filter writes are stripped from client requests first.
        const written =
          attached.length > 0 &&
          attached.every((v) =>
            v.requestAuthentications.some((ra) =>
              (ra.spec.jwtRules ?? []).some(
                (j) => j.outputPayloadToHeader?.toLowerCase() === name || (j.outputClaimToHeaders ?? []).some((h) => h.header?.toLowerCase() === name),
              ),
            ),
          );
        if (written) continue;
        const effect =
          action === 'ALLOW'
            ? 'any caller that sends this header is admitted by it'
            : 'a caller bypasses this DENY by omitting or changing the header';
        report({
          resource: ap,
          path: c.path,
          message: `\`${c.cond.key}\` is set by the client, so it is not a security control: ${effect}`,
          help: 'decide on an identity instead (`from.source.principals` for the calling workload, `request.auth.claims[...]` for the end user); throttling belongs to rate limiting, not authorization',
        });
      }
    }
  },
};
