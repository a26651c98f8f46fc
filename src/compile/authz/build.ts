/**
 * The compiler entry points: the AuthorizationPolicies attached to one workload, in attachment
 * order (see `selectAttached`), → exactly the filter list istiod generates for its inbound HTTP
 * connection manager or TCP filter chain (spec §2.1, §2.9, §2.10).
 *
 * Output order: CUSTOM pairs (per provider), then AUDIT, DENY, ALLOW RBAC filters. (On a real
 * listener `jwt_authn` sits between the CUSTOM filters and the local ones.)
 */
import type { AuthzFilter } from '../../model/envoy-rbac.js';
import type { AuthorizationPolicy } from '../../model/resources.js';
import { buildCustomFilters } from './custom.js';
import { buildLocalFilters, policyId } from './local.js';
import { NoteCollector } from './notes.js';
import type { PolicyRulesEnv } from './policy-rules.js';
import type { AuthzBuildOptions, AuthzBuildResult } from './types.js';

interface Buckets {
  custom: AuthorizationPolicy[];
  audit: AuthorizationPolicy[];
  deny: AuthorizationPolicy[];
  allow: AuthorizationPolicy[];
}

/** Bucketing by action; an action outside the four is logged and dropped by istiod (spec §1.3). */
function bucket(policies: readonly AuthorizationPolicy[], notes: NoteCollector, defaultNamespace: string): Buckets {
  const b: Buckets = { custom: [], audit: [], deny: [], allow: [] };
  for (const p of policies) {
    const action: unknown = p.spec?.action ?? 'ALLOW';
    if (action === 'ALLOW') b.allow.push(p);
    else if (action === 'DENY') b.deny.push(p);
    else if (action === 'AUDIT') b.audit.push(p);
    else if (action === 'CUSTOM') b.custom.push(p);
    else {
      notes.add({
        policy: policyId(p, defaultNamespace),
        action: 'ALLOW',
        kind: 'unknown-action',
        message: `unknown action \`${String(action)}\`: the policy is ignored`,
        path: ['spec', 'action'],
      });
    }
  }
  return b;
}

function build(policies: readonly AuthorizationPolicy[], opts: AuthzBuildOptions, forTCP: boolean): AuthzBuildResult {
  const notes = new NoteCollector();
  const defaultNamespace = opts.defaultNamespace ?? 'default';
  const env: PolicyRulesEnv = {
    forTCP,
    trustDomainBundle: opts.trustDomainBundle,
    useFilterState: opts.useFilterState ?? false,
    defaultNamespace,
    notes,
  };
  const b = bucket(policies, notes, defaultNamespace);
  const filters: AuthzFilter[] = [...buildCustomFilters(b.custom, opts, env), ...buildLocalFilters(b, env)];
  return { filters, notes: notes.notes };
}

/**
 * HTTP filters for an inbound HTTP connection manager.
 *
 * @example
 * const { filters, notes } = buildHttpAuthz(selectAttached(aps, target, mesh.rootNamespace), {
 *   trustDomainBundle: trustDomainBundle(mesh), extensionProviders: mesh.extensionProviders,
 *   enableMultipleCustomProviders: mesh.enableMultipleCustomProviders,
 * });
 */
export function buildHttpAuthz(policies: readonly AuthorizationPolicy[], opts: AuthzBuildOptions): AuthzBuildResult {
  return build(policies, opts, false);
}

/**
 * Network filters for a TCP filter chain: HTTP-only attributes drop ALLOW rules and are removed
 * from DENY/AUDIT/CUSTOM rules (spec §2.9.4); HTTP-type CUSTOM providers are skipped.
 */
export function buildTcpAuthz(policies: readonly AuthorizationPolicy[], opts: AuthzBuildOptions): AuthzBuildResult {
  return build(policies, opts, true);
}
