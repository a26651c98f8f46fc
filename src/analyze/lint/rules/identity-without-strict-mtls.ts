import type { LintRule } from '../rule.js';
import { actionOf, conditionSites, listText, sourceSites } from '../authz-sites.js';

const IDENTITY_FIELDS = ['principals', 'notPrincipals', 'namespaces', 'notNamespaces', 'serviceAccounts', 'notServiceAccounts', 'trustDomains', 'notTrustDomains'] as const;
const IDENTITY_KEYS = new Set(['source.principal', 'source.namespace', 'source.serviceAccount', 'source.trustDomain']);

/**
 * Spec §2.4 (peer-certificate fields only match mTLS), §5.4; adversarial AZ-36, AZ-38, AZ-39;
 * ISTIO-SECURITY-2021-004 and the istio.io best practice "mTLS-only fields need STRICT mTLS".
 */
export const identityWithoutStrictMtls: LintRule = {
  id: 'MW110',
  name: 'identity-without-strict-mtls',
  severity: 'warning',
  summary: 'identity fields are used on workload ports that accept plaintext',
  description: [
    '`principals`, `namespaces`, `serviceAccounts`, `trustDomains` and the `source.*` identity conditions are read from',
    'the peer certificate, so they only ever match mTLS connections (spec §2.4). On a port whose effective mode is',
    'PERMISSIVE or DISABLE (spec §5.3) a plaintext caller has no identity: a DENY on `namespaces: ["foo"]` does not stop a',
    'plaintext pod from `foo` (AZ-36), an ALLOW with `notPrincipals` admits it, and an ALLOW on `principals` denies it',
    '(AZ-38). Identity-based rules are only meaningful under STRICT mTLS.',
  ].join(' '),
  fix: {
    text: 'Make the workload STRICT, or add a DENY rule for callers without identity.',
    example: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: istio-system}\nspec:\n  mtls: {mode: STRICT}',
  },
  check(ctx, report) {
    for (const ap of ctx.authorizationPolicies) {
      const action = actionOf(ap);
      if (action !== 'ALLOW' && action !== 'DENY') continue;
      const weak: string[] = [];
      for (const v of ctx.attachedTo(ap)) {
        if (v.workload.proxy !== 'sidecar') continue;
        for (const port of v.workload.ports) {
          const mode = ctx.mtlsMode(v, port);
          if (mode !== 'STRICT') weak.push(`${v.key}:${port.targetPort} (${mode})`);
        }
      }
      if (weak.length === 0) continue;
      const sites = [
        ...sourceSites(ap, IDENTITY_FIELDS).map((s) => ({ path: s.path, negative: s.negative, what: `\`${s.field}\``, value: s.value })),
        ...conditionSites(ap, (k) => IDENTITY_KEYS.has(k)).map((s) => ({ path: s.path, negative: s.negative, what: `\`${s.key}\``, value: s.value })),
      ];
      for (const s of sites) {
        // DENY with a negative identity field is the recommended guard: plaintext matches it and is denied.
        if (action === 'DENY' && s.negative) continue;
        const bypass = (action === 'DENY') !== s.negative;
        const effect = bypass
          ? action === 'DENY'
            ? 'plaintext callers have no identity and are never denied by it'
            : 'plaintext callers have no identity, so this negation admits them'
          : 'plaintext callers have no identity and are denied by it, whatever they are';
        report({
          resource: ap,
          path: s.path,
          message: `${s.what} \`${s.value}\` only matches mTLS peers, but ${listText(weak, 3)} accept plaintext: ${effect}`,
          help: 'set the effective mTLS mode of these workloads to STRICT (PeerAuthentication), or add a DENY rule with `notPrincipals: ["*"]` so callers without an identity are refused',
        });
      }
    }
  },
};
