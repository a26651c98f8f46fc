/**
 * `kubectl apply` of several manifests naming the same object leaves the last one in the
 * cluster. meshward does the same: the earlier definition is dropped and a warning (MW007)
 * points at the later one, naming where the first was.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import { effectiveNamespace, type Resource } from '../../model/resources.js';
import { formatSpan } from '../../model/source.js';
import { DiagnosticCodes } from '../../schema/codes.js';

function identity(r: Resource): string {
  // Namespace is cluster-scoped; every other kept kind lands in a namespace (default when absent).
  const ns = r.kind === 'Namespace' ? '' : effectiveNamespace(r);
  return `${r.kind} ${ns}/${r.metadata.name}`;
}

/** Returns the resources with earlier duplicates removed, and one warning per duplicate. */
export function dropDuplicates(resources: readonly Resource[]): { resources: Resource[]; diagnostics: Diagnostic[] } {
  const lastIndex = new Map<string, number>();
  const firstSeen = new Map<string, Resource>();
  const diagnostics: Diagnostic[] = [];
  resources.forEach((r, i) => {
    const id = identity(r);
    const prev = firstSeen.get(id);
    if (prev === undefined) firstSeen.set(id, r);
    else if (r.source) {
      const where = prev.source ? ` at ${formatSpan(prev.source.locate(['metadata', 'name']))}` : '';
      diagnostics.push({
        code: DiagnosticCodes.DUPLICATE_RESOURCE,
        severity: 'warning',
        message: `duplicate \`${id}\`: it replaces the definition${where}`,
        help: 'remove one of the two definitions; only the last one takes effect',
        span: r.source.locate(['metadata', 'name']),
        resource: `${r.kind} ${r.metadata.namespace ?? '(none)'}/${r.metadata.name}`,
      });
    }
    lastIndex.set(id, i);
  });
  return { resources: resources.filter((r, i) => lastIndex.get(identity(r)) === i), diagnostics };
}
