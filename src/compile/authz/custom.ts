/**
 * CUSTOM policies → per provider, in provider-name order, an RBAC filter in shadow mode that
 * marks matching requests plus an ext_authz filter enabled by that mark (spec §2.10). Source:
 * `buildHTTP` / `buildTCP` (CUSTOM branch) and `getBadCustomDenyRules` in
 * `pilot/pkg/security/authz/builder/builder.go`.
 *
 * Fail closed: when a provider is missing or invalid, or several providers are used while
 * `PILOT_ENABLE_MULTIPLE_CUSTOM_AUTHZ_PROVIDERS` is off, each affected provider gets an enforced
 * DENY filter holding its CUSTOM rules instead (`…-deny-due-to-bad-CUSTOM-action`).
 */
import type { AuthzFilter, ExtAuthzConfig, RbacPolicy } from '../../model/envoy-rbac.js';
import type { AuthorizationPolicy } from '../../model/resources.js';
import { resolveProviders, type ResolvedProvider } from './ext-authz-provider.js';
import { isDryRun, policyId } from './local.js';
import { compilePolicyRules, type PolicyRulesEnv } from './policy-rules.js';
import { EXT_AUTHZ_SHADOW_PREFIX, rbacFilter, rbacRules } from './rbac-config.js';
import type { AuthzBuildOptions } from './types.js';

const MATCH_PREFIX = 'istio-ext-authz';
const BAD_SUFFIX = '-deny-due-to-bad-CUSTOM-action';

interface ProviderGroup {
  policies: AuthorizationPolicy[];
  enforced: Map<string, RbacPolicy>;
  dryRun: Map<string, RbacPolicy>;
}

function groupByProvider(policies: readonly AuthorizationPolicy[], env: PolicyRulesEnv): Map<string, ProviderGroup> {
  const groups = new Map<string, ProviderGroup>();
  for (const p of policies) {
    const provider = p.spec?.provider?.name ?? '';
    let g = groups.get(provider);
    if (!g) groups.set(provider, (g = { policies: [], enforced: new Map(), dryRun: new Map() }));
    g.policies.push(p);
    const prefix = provider === '' ? `${MATCH_PREFIX}-` : `${MATCH_PREFIX}-${provider}-`;
    const dry = isDryRun(p, 'CUSTOM', env);
    if (dry) {
      env.notes.add({
        policy: policyId(p, env.defaultNamespace),
        action: 'CUSTOM',
        kind: 'custom-fallback-deny',
        message: 'dry-run is not supported on CUSTOM: istiod emits these rules as enforced DENY rules',
        path: ['metadata', 'annotations', 'istio.io/dry-run'],
      });
    }
    // CUSTOM is generated with DENY semantics: a failing value widens the rule.
    for (const [k, v] of compilePolicyRules(p, 'CUSTOM', env, prefix)) (dry ? g.dryRun : g.enforced).set(k, v);
  }
  return groups;
}

function fallbackDeny(g: ProviderGroup, reason: string, env: PolicyRulesEnv): AuthzFilter {
  for (const p of g.policies) {
    env.notes.add({
      policy: policyId(p, env.defaultNamespace),
      action: 'CUSTOM',
      kind: 'custom-fallback-deny',
      message: `${reason}: matching requests are denied instead of being sent to the provider`,
      path: ['spec', 'provider', 'name'],
    });
  }
  const renamed = new Map<string, RbacPolicy>();
  for (const [k, v] of g.enforced) renamed.set(k + BAD_SUFFIX, v);
  return rbacFilter({ rules: rbacRules('DENY', renamed) }, env.forTCP);
}

/**
 * The authorizer is called only when the RBAC filter recorded a policy id with this provider's
 * prefix. The prefix has no separator, so provider `a` also fires for policies of provider `ab`;
 * this mirrors istiod and only matters with multiple providers enabled.
 */
function withFilterEnabled(config: ExtAuthzConfig, provider: string, forTCP: boolean): ExtAuthzConfig {
  return {
    ...structuredClone(config),
    filterEnabledMetadata: {
      filter: forTCP ? 'envoy.filters.network.rbac' : 'envoy.filters.http.rbac',
      path: [{ key: `${EXT_AUTHZ_SHADOW_PREFIX}shadow_effective_policy_id` }],
      value: { stringMatch: { prefix: provider === '' ? MATCH_PREFIX : `${MATCH_PREFIX}-${provider}` } },
    },
  };
}

function providerProblem(name: string, resolved: ReadonlyMap<string, ResolvedProvider>): string | undefined {
  const r = resolved.get(name);
  if (name === '') return 'no provider specified in the CUSTOM policy';
  if (!r) return `provider \`${name}\` is not an ext_authz provider of the mesh config (known: ${[...resolved.keys()].map((k) => `\`${k}\``).join(', ') || 'none'})`;
  if (r.errors.length > 0) return `provider \`${name}\` is invalid: ${r.errors.join('; ')}`;
  return undefined;
}

export function buildCustomFilters(policies: readonly AuthorizationPolicy[], opts: AuthzBuildOptions, env: PolicyRulesEnv): AuthzFilter[] {
  if (policies.length === 0) return [];
  const groups = groupByProvider(policies, env);
  const names = [...groups.keys()].sort();
  if (names.length > 1 && !opts.enableMultipleCustomProviders) {
    const reason = `${names.length} CUSTOM providers (${names.map((n) => `\`${n}\``).join(', ')}) on one workload need PILOT_ENABLE_MULTIPLE_CUSTOM_AUTHZ_PROVIDERS`;
    return names.map((n) => fallbackDeny(groups.get(n) as ProviderGroup, reason, env));
  }
  const resolved = resolveProviders(opts.extensionProviders, opts.resolveService);
  const filters: AuthzFilter[] = [];
  for (const name of names) {
    const g = groups.get(name) as ProviderGroup;
    const problem = providerProblem(name, resolved);
    if (problem) {
      const first = g.policies[0] as AuthorizationPolicy;
      env.notes.add({ policy: policyId(first, env.defaultNamespace), action: 'CUSTOM', kind: 'provider-invalid', message: problem, path: ['spec', 'provider', 'name'] });
      filters.push(fallbackDeny(g, problem, env));
      continue;
    }
    const r = resolved.get(name) as ResolvedProvider;
    const ext = env.forTCP ? r.tcp : r.http;
    if (!ext) {
      for (const p of g.policies) {
        env.notes.add({
          policy: policyId(p, env.defaultNamespace),
          action: 'CUSTOM',
          kind: 'custom-skipped-tcp',
          message: `provider \`${name}\` is not a gRPC provider: TCP traffic is not checked by it at all`,
          path: ['spec', 'provider', 'name'],
        });
      }
      continue;
    }
    const rbac = rbacFilter(
      {
        ...(g.dryRun.size > 0 ? { rules: rbacRules('DENY', g.dryRun) } : {}),
        shadowRules: rbacRules('DENY', g.enforced),
        shadowRulesStatPrefix: EXT_AUTHZ_SHADOW_PREFIX,
      },
      env.forTCP,
    );
    const extName = env.forTCP ? 'envoy.filters.network.ext_authz' : 'envoy.filters.http.ext_authz';
    filters.push(rbac, { name: extName, typedConfig: withFilterEnabled(ext, name, env.forTCP) });
  }
  return filters;
}
