import type { LintRule } from '../rule.js';
import { conditions } from '../authz-sites.js';

/** A key that reads like a clock (`request.time`, `request.time.hour`, `time.hour`, `source.time`…). */
export function isTimeKey(key: string): boolean {
  return /(^|\.)time(\.|\[|$)/.test(key) || /(^|\.)(hour|weekday|day_of_week|minute|date)$/.test(key);
}

/** Spec §2.8 ("there is no time-based key"), §9 item 4, §2.9.4 (an unknown key skips the whole rule). */
export const whenTimeAttribute: LintRule = {
  id: 'MW104',
  name: 'when-time-attribute',
  severity: 'error',
  summary: 'authorization conditions have no time attribute; time windows need a CUSTOM authorizer',
  description: [
    'AuthorizationPolicy `when` keys are a closed list (spec §2.8, `pkg/config/security/security.go`) and none of',
    'them is a clock: `request.time.hour` is rejected by the webhook as an unknown attribute. Envoy has a',
    '`request.time` CEL attribute, but only Telemetry expressions can use it. If validation were bypassed istiod would',
    'skip the whole rule — for DENY too, so a "deny outside business hours" rule would silently deny nothing (spec §2.9.4).',
    'Time-window decisions need an external authorizer: a `CUSTOM` policy that sends the request to an ext_authz provider.',
  ].join(' '),
  fix: {
    text: 'Remove the condition and delegate the time window to an ext_authz provider with a CUSTOM policy.',
    example:
      'action: CUSTOM\nprovider:\n  name: business-hours-authz   # meshConfig.extensionProviders entry\nrules:\n- to:\n  - operation:\n      paths: ["/api/v1/inventory/*"]',
  },
  check(ctx, report) {
    for (const ap of ctx.authorizationPolicies) {
      for (const c of conditions(ap, isTimeKey)) {
        report({
          resource: ap,
          path: c.path,
          message: `\`when\` key \`${c.cond.key}\` does not exist: AuthorizationPolicy has no time attribute, so istiod rejects the policy (and would drop the whole rule if it got through)`,
          help: 'remove the condition and enforce the time window in an external authorizer (`action: CUSTOM` with a `meshConfig.extensionProviders` ext_authz provider)',
        });
      }
    }
  },
};
