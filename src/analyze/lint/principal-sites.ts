/**
 * Every principal value of a policy: `principals`, `notPrincipals` and the `source.principal`
 * condition (spec §2.7.1 applies the same translation to all three).
 */
import type { AuthorizationPolicy } from '../../model/resources.js';
import type { FieldPath } from '../../model/source.js';
import { conditionSites, sourceSites } from './authz-sites.js';

export interface PrincipalSite {
  value: string;
  path: FieldPath;
  negative: boolean;
  ruleIndex: number;
  /** How the user wrote the field, for messages. */
  field: 'principals' | 'notPrincipals' | 'source.principal';
}

export function principalSites(ap: AuthorizationPolicy): PrincipalSite[] {
  const out: PrincipalSite[] = sourceSites(ap, ['principals', 'notPrincipals']).map((s) => ({
    value: s.value,
    path: s.path,
    negative: s.negative,
    ruleIndex: s.ruleIndex,
    field: s.field === 'principals' ? 'principals' : 'notPrincipals',
  }));
  for (const s of conditionSites(ap, (k) => k === 'source.principal')) {
    out.push({ value: s.value, path: s.path, negative: s.negative, ruleIndex: s.ruleIndex, field: 'source.principal' });
  }
  return out;
}

/** What a never-matching value does, by polarity. */
export function neverMatchEffect(negative: boolean): string {
  return negative ? 'so the negation matches every caller' : 'so this value never matches';
}
