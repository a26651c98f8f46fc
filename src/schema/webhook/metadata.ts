/**
 * Annotation rules every kind goes through (spec §3.0, §2.11; istiod `validateMetadata` and
 * `checkDryRunAnnotation` in `pkg/config/validation/validation.go`). Other annotations are not
 * checked, as in istiod.
 */
import type { Resource } from '../../model/resources.js';
import type { Findings } from './report.js';
import { str } from './values.js';

export const DRY_RUN_ANNOTATION = 'istio.io/dry-run';

const RESERVED_ANNOTATIONS = [
  'internal.istio.io/webhook-always-reject',
  'internal.istio.io/parents',
  'internal.istio.io/parent-namespace',
] as const;

/** Go `strconv.ParseBool`. */
export function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

export function checkAnnotations(resource: Resource, f: Findings): void {
  const annotations = resource.metadata.annotations ?? {};
  const at = (name: string) => ['metadata', 'annotations', name];
  if (Object.hasOwn(annotations, DRY_RUN_ANNOTATION)) {
    const raw: unknown = annotations[DRY_RUN_ANNOTATION];
    const value = typeof raw === 'string' ? raw : String(raw);
    if (resource.kind !== 'AuthorizationPolicy') {
      f.add('MW020', { path: at(DRY_RUN_ANNOTATION), key: true }, `${f.id} has unsupported annotation ${DRY_RUN_ANNOTATION}, please remove the annotation`);
    } else {
      const action = str(resource.spec, 'action') || 'ALLOW';
      if (action !== 'ALLOW' && action !== 'DENY') {
        f.add('MW022', { path: at(DRY_RUN_ANNOTATION), key: true }, `the annotation ${DRY_RUN_ANNOTATION} currently only supports action ALLOW/DENY, found action ${action} in ${f.id}`);
      } else if (parseGoBool(value) === undefined) {
        f.add('MW021', at(DRY_RUN_ANNOTATION), `${f.id} has annotation ${DRY_RUN_ANNOTATION} with invalid value (\`${value}\`): strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`);
      }
    }
  }
  for (const name of RESERVED_ANNOTATIONS) {
    if (Object.hasOwn(annotations, name)) {
      f.add('MW023', { path: at(name), key: true }, `annotation \`${name}\` is reserved for istiod, rejecting`);
    }
  }
}
