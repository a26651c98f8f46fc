/**
 * The validation cases of adversarial-cases.md section D, as YAML documents with the findings
 * (code@line:col) meshward must report. D.1 (CFG-I) must be rejected; D.2 (CFG-V) accepted, with
 * the stated warning where there is one.
 */

/** A document of `kind` in namespace `foo` named `p`; `spec` lines start at line 7, column 3. */
export function doc(kind: string, spec: string, extraMetadata = ''): string {
  const api = kind === 'Telemetry' ? 'telemetry.istio.io/v1' : 'security.istio.io/v1';
  const body = spec.trim() === '' ? ' {}' : '\n' + spec.replace(/^\n/, '').replace(/\s+$/, '').split('\n').map((l) => '  ' + l).join('\n');
  return `apiVersion: ${api}\nkind: ${kind}\nmetadata:\n  name: p\n  namespace: foo\n${extraMetadata}spec:${body}\n`;
}

export const ap = (spec: string, meta = ''): string => doc('AuthorizationPolicy', spec, meta);
export const pa = (spec: string): string => doc('PeerAuthentication', spec);
export const ra = (spec: string, meta = ''): string => doc('RequestAuthentication', spec, meta);
export const tm = (spec: string): string => doc('Telemetry', spec);

export interface Case {
  id: string;
  yaml: string;
  /** Errors as `CODE@line:col`, in report order. */
  errors: string[];
  /** Warnings as `CODE@line:col`. */
  warnings?: string[];
  /** Substrings the first error's message must contain. */
  message?: string;
}
