/**
 * Trust-domain alias expansion (spec §2.7.1). Source: `pilot/pkg/security/trustdomain/bundle.go`
 * (`ReplaceTrustDomainAliases`) and `util.go` (`stringMatch`, `suffixMatch`).
 *
 * A principal `<td>/ns/<ns>/sa/<sa>` written against one trust domain of the mesh is widened to
 * every trust domain of the bundle, so policies keep working across a trust-domain migration.
 */

/** `*x` pattern `pattern` matches `a` by suffix. */
function suffixMatch(a: string, pattern: string): boolean {
  return pattern.startsWith('*') && a.endsWith(pattern.slice(1));
}

function prefixMatch(a: string, pattern: string): boolean {
  return pattern.endsWith('*') && a.startsWith(pattern.slice(0, -1));
}

/** istiod's lenient match: either side may carry the wildcard. */
function matchesAny(td: string, bundle: readonly string[]): boolean {
  return bundle.some(
    (s) => td === s || s === '*' || prefixMatch(td, s) || prefixMatch(s, td) || suffixMatch(td, s) || suffixMatch(s, td),
  );
}

function pushUnique(out: string[], v: string): void {
  if (!out.includes(v)) out.push(v);
}

/**
 * Expands principals over the bundle. Values that are not 5 `/`-separated parts, or whose trust
 * domain is exactly `*`, do not pin a trust domain and are kept. A value whose trust domain
 * matches the bundle (or is `cluster.local`, the conventional alias of "this mesh") becomes one
 * value per bundle entry, keeping the original for entries its `*`-pattern already covers.
 *
 * With an empty bundle istiod would replace a `cluster.local` principal by nothing, silently
 * removing the field; meshward keeps the value instead (fail closed, README §1.1 item 4). Real
 * meshes always have a trust domain, so this differs from Istio only on impossible input.
 */
export function expandPrincipals(values: readonly string[], bundle: readonly string[]): string[] {
  if (bundle.length === 0) return [...values];
  const out: string[] = [];
  for (const principal of values) {
    const parts = principal.split('/');
    const td = parts[0] as string;
    if (parts.length !== 5 || td === '*') {
      out.push(principal);
      continue;
    }
    if (!matchesAny(td, bundle) && td !== 'cluster.local') {
      out.push(principal);
      continue;
    }
    const expanded: string[] = [];
    for (const entry of bundle) {
      pushUnique(expanded, suffixMatch(entry, td) ? principal : [entry, ...parts.slice(1)].join('/'));
    }
    out.push(...expanded);
  }
  return out;
}

/** `trustDomains` / `source.trustDomain`: a value naming any bundle entry stands for the whole bundle. */
export function expandTrustDomains(values: readonly string[], bundle: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (bundle.includes(v)) for (const td of bundle) pushUnique(out, td);
    else out.push(v);
  }
  return out;
}
