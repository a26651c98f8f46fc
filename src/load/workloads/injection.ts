/**
 * Whether Istio's injector adds a sidecar to a pod (istio.io "Installing the sidecar",
 * "Controlling the injection policy"): if either the pod label `sidecar.istio.io/inject` or the
 * namespace label `istio-injection` says disabled, no; else if either says enabled, yes; a
 * namespace with `istio.io/rev` is enabled for that revision. The legacy pod annotation
 * `sidecar.istio.io/inject: "false"` still opts out. An undeclared namespace is assumed enabled
 * (meshward's default, reported as MW010 by the caller).
 */
export interface InjectionDecision {
  injected: boolean;
  /** True when the answer rests on the assumption about an undeclared namespace. */
  assumed: boolean;
}

const INJECT = 'sidecar.istio.io/inject';

export function decideInjection(
  podLabels: Readonly<Record<string, string>>,
  podAnnotations: Readonly<Record<string, string>>,
  namespaceLabels: Readonly<Record<string, string>> | undefined,
): InjectionDecision {
  if (podLabels[INJECT] === 'false' || podAnnotations[INJECT] === 'false') return { injected: false, assumed: false };
  const nsInjection = namespaceLabels?.['istio-injection'];
  if (nsInjection === 'disabled') return { injected: false, assumed: false };
  if (podLabels[INJECT] === 'true') return { injected: true, assumed: false };
  if (namespaceLabels === undefined) return { injected: true, assumed: true };
  if (nsInjection === 'enabled') return { injected: true, assumed: false };
  if (namespaceLabels['istio.io/rev'] !== undefined) return { injected: true, assumed: false };
  return { injected: false, assumed: false };
}
