import type { LintRule } from '../rule.js';

const SECURITY_KINDS = new Set(['AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication', 'Telemetry']);

/** Annotations the webhook itself rejects (spec §3.0): reported by validation, not here. */
const VALIDATED = new Set(['internal.istio.io/webhook-always-reject', 'internal.istio.io/parents', 'internal.istio.io/parent-namespace']);

function istioDomain(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash < 0) return false;
  const domain = key.slice(0, slash);
  return domain === 'istio.io' || domain.endsWith('.istio.io');
}

/** Spec §9 item 10, §3.0: `istio.io/dry-run` is the only annotation read on AuthorizationPolicy. */
export const annotationNoEffect: LintRule = {
  id: 'MW119',
  name: 'annotation-no-effect',
  severity: 'warning',
  summary: 'an Istio-looking annotation that Istio does not read on this kind',
  description: [
    'The only annotation istiod reads on an AuthorizationPolicy is `istio.io/dry-run`; PeerAuthentication,',
    'RequestAuthentication and Telemetry read none. The webhook does not reject unknown annotations and the annotation',
    'analyzer does not inspect these kinds, so an annotation such as `security.istio.io/incident-response: active`',
    'is silently ignored (spec §9 item 10) — it switches nothing on. Annotations of other tools (outside `istio.io`)',
    'are not reported.',
  ].join(' '),
  fix: {
    text: 'Remove the annotation; to trial a policy without enforcing it use `istio.io/dry-run: "true"`; keep bookkeeping in labels.',
    example: 'metadata:\n  name: emergency-lockdown\n  labels:\n    incident-response: active   # bookkeeping only\n  annotations:\n    istio.io/dry-run: "true"     # optional: observe before enforcing',
  },
  check(ctx, report) {
    for (const r of ctx.resources) {
      if (!SECURITY_KINDS.has(r.kind)) continue;
      for (const key of Object.keys(r.metadata.annotations ?? {})) {
        if (!istioDomain(key) || VALIDATED.has(key)) continue;
        if (key === 'istio.io/dry-run') continue; // valid on AP; on other kinds the webhook rejects it
        report({
          resource: r,
          path: ['metadata', 'annotations', key],
          key: true,
          message: `annotation \`${key}\` has no effect: Istio does not read it on ${r.kind}`,
          help: r.kind === 'AuthorizationPolicy' ? 'remove it; the only annotation Istio reads here is `istio.io/dry-run`' : 'remove it; Istio reads no annotation on this kind',
        });
      }
    }
  },
};
