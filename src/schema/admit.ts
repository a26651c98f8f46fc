/**
 * Admission: what the cluster would accept. A resource that istiod's validating webhook or its
 * CRD's CEL rules reject never reaches the mesh (`kubectl apply` fails for it while the rest of the
 * batch is applied), so the engine must not enforce it either. Warnings are passed through.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { Resource } from '../model/resources.js';
import { validateCel } from './cel/index.js';
import { validateWebhook } from './webhook/index.js';

export interface Admission {
  admitted: Resource[];
  /** Resources the API server or istiod would refuse, with the reasons. */
  rejected: { resource: Resource; errors: Diagnostic[] }[];
  /** Every webhook/CEL diagnostic, warnings included, for lint and `-v`. */
  diagnostics: Diagnostic[];
}

export function admitResources(resources: readonly Resource[]): Admission {
  const out: Admission = { admitted: [], rejected: [], diagnostics: [] };
  for (const r of resources) {
    const ds = [...validateCel(r), ...validateWebhook(r)];
    out.diagnostics.push(...ds);
    const errors = ds.filter((d) => d.severity === 'error');
    if (errors.length) out.rejected.push({ resource: r, errors });
    else out.admitted.push(r);
  }
  return out;
}
