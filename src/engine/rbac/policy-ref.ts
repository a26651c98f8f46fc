/**
 * Maps RBAC policy keys back to the AuthorizationPolicy rule they came from (spec §2.9.2):
 * `ns[<ns>]-policy[<name>]-rule[<i>]`, prefixed `istio-ext-authz-<provider>-` for CUSTOM, with
 * the suffix `-deny-due-to-bad-CUSTOM-action` for the fail-closed fallback of a bad provider.
 */
import type { AuthorizationAction } from '../../model/resources.js';
import type { PolicyRef } from '../../model/decision.js';

const KEY = /^(?:istio-ext-authz-(.+?)-)?ns\[([^\]]*)\]-policy\[([^\]]*)\]-rule\[(\d+)\](-deny-due-to-bad-CUSTOM-action)?$/;

export interface ParsedPolicyKey {
  namespace: string;
  name: string;
  rule: number;
  /** The ext_authz provider for CUSTOM keys. */
  provider?: string;
  /** The key belongs to the fail-closed DENY fallback of a bad CUSTOM provider. */
  badCustom: boolean;
}

/** Parses a key istiod generated; `undefined` for any other key (hand-written configs). */
export function parsePolicyKey(key: string): ParsedPolicyKey | undefined {
  const m = KEY.exec(key);
  if (!m) return undefined;
  const out: ParsedPolicyKey = { namespace: m[2] as string, name: m[3] as string, rule: Number(m[4]), badCustom: m[5] !== undefined };
  if (m[1] !== undefined) out.provider = m[1];
  return out;
}

/**
 * The PolicyRef for a key. `action` is what the filter enforces; CUSTOM keys report CUSTOM.
 * Keys that istiod did not generate keep the whole key as `name` and an empty namespace.
 */
export function policyRefOf(key: string, action: AuthorizationAction, dryRun: boolean): PolicyRef {
  const k = parsePolicyKey(key);
  if (!k) return { namespace: '', name: key, action, dryRun };
  return { namespace: k.namespace, name: k.name, action: k.provider !== undefined ? 'CUSTOM' : action, rule: k.rule, dryRun };
}

/**
 * {@link policyRefOf} memoized per key, action and dry-run flag, for per-decision use: the key is
 * parsed once per config; callers get a fresh copy they may change.
 */
export class PolicyRefCache {
  private readonly memo = new Map<string, PolicyRef>();

  get(key: string, action: AuthorizationAction, dryRun: boolean): PolicyRef {
    const id = `${action}${dryRun ? '1' : '0'}${key}`;
    let ref = this.memo.get(id);
    if (!ref) this.memo.set(id, (ref = policyRefOf(key, action, dryRun)));
    return { ...ref };
  }
}
