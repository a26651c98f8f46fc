/**
 * PeerAuthentication → the effective inbound mTLS mode of a workload, per port.
 *
 * Follows Istio's `ComposePeerAuthentication` (pilot/pkg/security/authn/policy_applier.go) and
 * spec §5: three levels (mesh = root namespace without selector labels; namespace = any other
 * namespace without selector labels; workload = selector labels ⊆ workload labels, never in the
 * root namespace), the oldest policy winning at each level, UNSET inheriting from the level above,
 * PERMISSIVE when nothing applies, and `portLevelMtls` (keyed by the *container* port) consulted
 * only on the workload-level policy.
 */
import type { MtlsMode, PeerAuthentication } from '../model/resources.js';
import { compareByCreationThenName, labelsSubsetOf, namespaceOf } from './resource-order.js';

export type EffectiveMode = Exclude<MtlsMode, 'UNSET'>;

export interface PeerAuthnTarget {
  namespace: string;
  labels: Readonly<Record<string, string>>;
}

/** The PAs that shaped the result, so a decision can name them. */
export interface EffectivePeerAuthn {
  /** Mode for ports without a port-level entry. */
  mode: EffectiveMode;
  /** Container port → mode, for the workload policy's `portLevelMtls` entries that are not UNSET. */
  portModes: ReadonlyMap<number, EffectiveMode>;
  mesh?: PeerAuthentication;
  namespace?: PeerAuthentication;
  workload?: PeerAuthentication;
  /** Policies that would apply but lost to an older one at the same level (spec §5.2). */
  shadowed: PeerAuthentication[];
  /** Root-namespace PAs with selector labels: ignored for sidecars (spec §5.1, §10). */
  ignored: PeerAuthentication[];
}

function hasSelectorLabels(pa: PeerAuthentication): boolean {
  return Object.keys(pa.spec.selector?.matchLabels ?? {}).length > 0;
}

function modeOf(m: { mode?: MtlsMode } | undefined | null): MtlsMode {
  return m?.mode ?? 'UNSET';
}

/**
 * Computes the effective mTLS settings for one workload from every PeerAuthentication in the mesh.
 * `defaultNamespace` is where a PA without `metadata.namespace` lands.
 */
export function composePeerAuthn(
  all: readonly PeerAuthentication[],
  target: PeerAuthnTarget,
  rootNamespace: string,
  defaultNamespace = 'default',
): EffectivePeerAuthn {
  const mesh: PeerAuthentication[] = [];
  const ns: PeerAuthentication[] = [];
  const wl: PeerAuthentication[] = [];
  const ignored: PeerAuthentication[] = [];
  for (const pa of all) {
    const paNs = namespaceOf(pa, defaultNamespace);
    const labelled = hasSelectorLabels(pa);
    if (paNs === rootNamespace) {
      if (!labelled) mesh.push(pa);
      else if (labelsSubsetOf(pa.spec.selector?.matchLabels ?? {}, target.labels)) ignored.push(pa);
    } else if (paNs === target.namespace) {
      if (!labelled) ns.push(pa);
      else if (labelsSubsetOf(pa.spec.selector?.matchLabels ?? {}, target.labels)) wl.push(pa);
    }
  }
  const oldest = (xs: PeerAuthentication[]): PeerAuthentication | undefined => xs.sort(compareByCreationThenName)[0];
  const m = oldest(mesh);
  const n = oldest(ns);
  const w = oldest(wl);
  const shadowed = [...mesh, ...ns, ...wl].filter((p) => p !== m && p !== n && p !== w);

  let mode: MtlsMode = 'PERMISSIVE';
  for (const level of [m, n, w]) {
    const lm = modeOf(level?.spec.mtls);
    if (level && lm !== 'UNSET') mode = lm;
  }
  const base = mode as EffectiveMode;
  const portModes = new Map<number, EffectiveMode>();
  for (const [port, setting] of Object.entries(w?.spec.portLevelMtls ?? {})) {
    const pm = modeOf(setting);
    const n = Number(port);
    if (pm !== 'UNSET' && Number.isInteger(n)) portModes.set(n, pm);
  }
  const result: EffectivePeerAuthn = { mode: base, portModes, shadowed, ignored };
  if (m) result.mesh = m;
  if (n) result.namespace = n;
  if (w) result.workload = w;
  return result;
}

/** The mode that governs a connection to `targetPort` (a container port, spec §5.3). */
export function mtlsModeForPort(eff: EffectivePeerAuthn, targetPort: number): EffectiveMode {
  return eff.portModes.get(targetPort) ?? eff.mode;
}

/** The PA that set the mode for `targetPort`, for explanations. */
export function mtlsDecidingPolicy(eff: EffectivePeerAuthn, targetPort: number): PeerAuthentication | undefined {
  if (eff.portModes.has(targetPort)) return eff.workload;
  for (const level of [eff.workload, eff.namespace, eff.mesh]) {
    if (level && modeOf(level.spec.mtls) !== 'UNSET') return level;
  }
  return undefined;
}
