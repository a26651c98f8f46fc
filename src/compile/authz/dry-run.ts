/**
 * The `istio.io/dry-run` annotation, parsed like Go's `strconv.ParseBool` (spec §2.11): a value
 * that does not parse is logged by istiod and the policy is enforced.
 */
import type { AuthorizationPolicy } from '../../model/resources.js';

export const DRY_RUN_ANNOTATION = 'istio.io/dry-run';

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Go `strconv.ParseBool`: `undefined` when the text is not one of its twelve spellings. */
export function parseGoBool(s: string): boolean | undefined {
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return undefined;
}

export type DryRun = { dryRun: boolean; invalid?: string };

export function dryRunOf(policy: AuthorizationPolicy): DryRun {
  const raw = policy.metadata.annotations?.[DRY_RUN_ANNOTATION];
  if (raw === undefined) return { dryRun: false };
  const parsed = parseGoBool(String(raw));
  return parsed === undefined ? { dryRun: false, invalid: String(raw) } : { dryRun: parsed };
}
