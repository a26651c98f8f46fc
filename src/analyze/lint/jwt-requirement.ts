/**
 * Does anything make a workload *require* a JWT? RequestAuthentication alone does not: a request
 * without a token passes with no principal (spec §6.4, §9 item 7). A token is required only when
 * every enforced ALLOW rule needs one, or a DENY rule rejects requests without a request principal.
 */
import type { AuthorizationPolicy, Rule } from '../../model/resources.js';
import { actionOf, rulesOf } from './authz-sites.js';
import type { LintContext, WorkloadView } from './context.js';

export function isJwtKey(key: string): boolean {
  return key.startsWith('request.auth.');
}

/** A rule that only matches requests carrying a validated token. */
function ruleNeedsToken(rule: Rule): boolean {
  const from = rule.from ?? [];
  if (from.length > 0 && from.every((f) => (f?.source?.requestPrincipals ?? []).length > 0)) return true;
  return (rule.when ?? []).some((c) => c !== null && typeof c.key === 'string' && isJwtKey(c.key) && (c.values ?? []).length > 0);
}

/** A DENY rule that matches every request without a token (e.g. `notRequestPrincipals: ["*"]`). */
function ruleDeniesTokenless(rule: Rule): boolean {
  if ((rule.when ?? []).length > 0) return false;
  const toOk = (rule.to ?? []).every((t) => Object.keys(t?.operation ?? {}).every((k) => k === 'ports'));
  if (!toOk) return false;
  return (rule.from ?? []).some((f) => {
    const src = f?.source;
    if (!src || (src.notRequestPrincipals ?? []).length === 0) return false;
    return Object.entries(src).every(([k, v]) => k === 'notRequestPrincipals' || !Array.isArray(v) || v.length === 0);
  });
}

/** Whether requests without a token are rejected at this workload (HTTP ports). */
export function tokenRequired(ctx: LintContext, view: WorkloadView): boolean {
  const enforced = view.policies.filter((p) => !ctx.isDryRun(p));
  if (enforced.some((p) => actionOf(p) === 'DENY' && rulesOf(p).some(({ rule }) => ruleDeniesTokenless(rule)))) return true;
  const allows = enforced.filter((p) => actionOf(p) === 'ALLOW');
  if (allows.length === 0) return false;
  return allows.every((p: AuthorizationPolicy) => rulesOf(p).every(({ rule }) => ruleNeedsToken(rule)));
}
