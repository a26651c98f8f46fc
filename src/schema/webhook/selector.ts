/**
 * Workload selector and policy target checks shared by the kinds (spec §3.0; istiod
 * `validateOneOfSelectorType`, `validateWorkloadSelector`, `validatePolicyTargetReference` in
 * `pkg/config/validation/validation.go`).
 */
import type { Findings } from './report.js';
import { field, isObj, list, obj, str } from './values.js';

/** The targets istiod allows, group canonicalised (`""` → `core`); the version is not checked. */
const ALLOWED_TARGETS: readonly (readonly [group: string, kind: string, printed: string])[] = [
  ['core', 'Service', 'core/v1/Service'],
  ['networking.istio.io', 'ServiceEntry', 'networking.istio.io/v1/ServiceEntry'],
  ['gateway.networking.k8s.io', 'Gateway', 'gateway.networking.k8s.io/v1/Gateway'],
  ['gateway.networking.k8s.io', 'GatewayClass', 'gateway.networking.k8s.io/v1/GatewayClass'],
];

/** Only one of `selector`, `targetRef`, non-empty `targetRefs`. */
export function checkOneOfSelector(spec: unknown, f: Findings): void {
  const set = ['selector', 'targetRef'].filter((k) => field(spec, k) !== undefined);
  if ((list(spec, 'targetRefs')?.length ?? 0) > 0) set.push('targetRefs');
  if (set.length > 1) {
    f.add('MW024', { path: ['spec', set[1] as string], key: true }, `only one of targetRefs or workloadSelector can be set, found \`${set.join('`, `')}\``);
  }
}

/** Label keys non-empty, no `*` in keys or values; a selector without labels is a warning. */
export function checkWorkloadSelector(spec: unknown, f: Findings): void {
  const selector = field(spec, 'selector');
  if (selector === undefined) return;
  const labels = obj(selector, 'matchLabels') ?? {};
  for (const [k, v] of Object.entries(labels)) {
    const value = typeof v === 'string' ? v : '';
    const path = ['spec', 'selector', 'matchLabels', k];
    if (k === '') f.add('MW025', { path, key: true }, `empty key is not supported in selector: \`=${value}\``);
    if (k.includes('*') || value.includes('*')) {
      f.add('MW026', { path, key: k.includes('*') }, `wildcard is not supported in selector: \`${k}=${value}\``);
    }
  }
  if (Object.keys(labels).length === 0) {
    f.add('MW027', ['spec', 'selector'], 'workload selector specified without labels: the policy applies to every workload of its namespace');
  }
}

function checkTargetRef(ref: unknown, path: (string | number)[], f: Findings): void {
  if (!isObj(ref)) return;
  if (str(ref, 'name') === '') f.add('MW028', path, 'targetRef name must be set');
  const ns = str(ref, 'namespace');
  if (ns !== '') {
    f.add('MW029', [...path, 'namespace'], `targetRef namespace must not be set; cross namespace referencing is not supported, found \`${ns}\``);
  }
  const group = str(ref, 'group');
  const kind = str(ref, 'kind');
  const canonical = group === '' ? 'core' : group;
  if (!ALLOWED_TARGETS.some(([g, k]) => g === canonical && k === kind)) {
    const allowed = ALLOWED_TARGETS.map((t) => t[2]).join(' ');
    f.add('MW030', [...path, field(ref, 'kind') === undefined ? 'group' : 'kind'], `targetRef must be to one of [${allowed}] but was \`${group}/${kind}\``);
  }
}

/** `targetRef` and every `targetRefs` item. */
export function checkTargetRefs(spec: unknown, f: Findings): void {
  checkTargetRef(field(spec, 'targetRef'), ['spec', 'targetRef'], f);
  list(spec, 'targetRefs')?.forEach((ref, i) => checkTargetRef(ref, ['spec', 'targetRefs', i], f));
}

/** All of §3.0's selector/target rules, for kinds that have both (AP, RA, Telemetry). */
export function checkSelectorAndTargets(spec: unknown, f: Findings): void {
  checkOneOfSelector(spec, f);
  checkWorkloadSelector(spec, f);
  checkTargetRefs(spec, f);
}
