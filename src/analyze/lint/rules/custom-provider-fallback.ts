import type { AuthorizationPolicy } from '../../../model/resources.js';
import type { LintRule } from '../rule.js';
import { actionOf, listText } from '../authz-sites.js';

/**
 * Spec §2.10 (failure handling: fail closed), §10 (dry-run CUSTOM becomes an enforced DENY). Uses
 * the builder's own notes, so lint and the engine agree on when istiod falls back.
 */
export const customProviderFallback: LintRule = {
  id: 'MW125',
  name: 'custom-provider-fallback',
  severity: 'error',
  summary: 'a CUSTOM policy cannot reach its authorizer, so matching requests are denied outright',
  description: [
    'When the ext_authz provider of a CUSTOM policy is missing from `meshConfig.extensionProviders` or invalid, or',
    'when a workload gets CUSTOM policies of more than one provider while `PILOT_ENABLE_MULTIPLE_CUSTOM_AUTHZ_PROVIDERS`',
    'is off, istiod fails closed: it emits the CUSTOM rules as an enforced DENY, so every matching request is denied',
    'instead of being asked about (spec §2.10). A dry-run CUSTOM policy is emitted as enforced DENY rules too (spec §10).',
  ].join(' '),
  fix: {
    text: 'Declare the provider in the mesh config (or fix its definition), and use one CUSTOM provider per workload.',
    example: 'meshConfig:\n  extensionProviders:\n  - name: my-ext-authz\n    envoyExtAuthzGrpc:\n      service: ext-authz.auth.svc.cluster.local\n      port: 9000',
  },
  check(ctx, report) {
    const byId = new Map<string, AuthorizationPolicy>();
    for (const ap of ctx.authorizationPolicies) if (actionOf(ap) === 'CUSTOM') byId.set(`${ctx.namespaceOf(ap)}/${ap.metadata.name}`, ap);
    if (byId.size === 0) return;
    const found = new Map<string, { ap: AuthorizationPolicy; path: readonly (string | number)[]; message: string; workloads: string[] }>();
    for (const v of ctx.workloads) {
      if (!v.policies.some((p) => actionOf(p) === 'CUSTOM')) continue;
      for (const n of ctx.authzNotes(v)) {
        if (n.kind !== 'custom-fallback-deny' || n.chain !== 'http') continue;
        const ap = byId.get(n.policy);
        if (!ap) continue;
        const key = `${n.policy}|${n.message}`;
        const entry = found.get(key) ?? { ap, path: n.path ?? ['spec', 'provider', 'name'], message: n.message, workloads: [] };
        entry.workloads.push(v.key);
        found.set(key, entry);
      }
    }
    for (const e of found.values()) {
      report({
        resource: e.ap,
        path: e.path,
        message: `${e.message} (at ${listText(e.workloads, 3)})`,
        help: 'declare the provider under `meshConfig.extensionProviders` (pass it with `--mesh`), fix its definition, keep one CUSTOM provider per workload, and do not mark CUSTOM policies dry-run',
      });
    }
  },
};
