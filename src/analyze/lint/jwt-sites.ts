/** Every use of JWT attributes in a policy: `requestPrincipals` and the `request.auth.*` conditions. */
import type { AuthorizationPolicy } from '../../model/resources.js';
import type { FieldPath } from '../../model/source.js';
import { conditions, sourceSites } from './authz-sites.js';
import { isJwtKey } from './jwt-requirement.js';

export interface JwtSite {
  path: FieldPath;
  what: string;
  /** Positive: needs a token to match. Negative: matches requests without a token. */
  negative: boolean;
  ruleIndex: number;
  /** The span is the key's (a whole field), not a value's. */
  key: boolean;
}

export function jwtSites(ap: AuthorizationPolicy): JwtSite[] {
  const out: JwtSite[] = [];
  const fields = new Set<string>();
  for (const s of sourceSites(ap, ['requestPrincipals', 'notRequestPrincipals'])) {
    // One site per field occurrence, at its first value.
    const key = `${s.path.slice(0, -1).join('/')}`;
    if (fields.has(key)) continue;
    fields.add(key);
    out.push({ path: s.path.slice(0, -1), what: `\`${s.field}\``, negative: s.negative, ruleIndex: s.ruleIndex, key: true });
  }
  for (const c of conditions(ap, isJwtKey)) {
    const positive = (c.cond.values ?? []).length > 0;
    out.push({ path: c.path, what: `\`${c.cond.key}\``, negative: !positive, ruleIndex: c.ruleIndex, key: false });
  }
  return out;
}
