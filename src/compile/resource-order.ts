/**
 * Shared helpers for ordering and selecting Istio resources.
 * Ordering follows `pilot/pkg/model/config.go`: creationTimestamp ascending, then name, then
 * namespace (spec §1.3). A resource without a timestamp sorts as the zero time, i.e. first.
 */
import type { ObjectMeta } from '../model/resources.js';

function createdAt(m: ObjectMeta): number {
  if (!m.creationTimestamp) return Number.NEGATIVE_INFINITY;
  const t = Date.parse(m.creationTimestamp);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

export function compareByCreationThenName(a: { metadata: ObjectMeta }, b: { metadata: ObjectMeta }): number {
  const ta = createdAt(a.metadata);
  const tb = createdAt(b.metadata);
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (a.metadata.name !== b.metadata.name) return a.metadata.name < b.metadata.name ? -1 : 1;
  const na = a.metadata.namespace ?? '';
  const nb = b.metadata.namespace ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** `pkg/config/labels` SubsetOf: every selector key present on the workload with an equal value. */
export function labelsSubsetOf(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) return false;
  return true;
}

export function namespaceOf(r: { metadata: ObjectMeta }, defaultNamespace: string): string {
  return r.metadata.namespace ?? defaultNamespace;
}
