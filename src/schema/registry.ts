/**
 * Which kinds meshward keeps and the schema of each served apiVersion: the Istio security and
 * telemetry kinds (generated from their CRDs) and the Kubernetes kinds workloads come from.
 */
import type { ResourceKind } from '../model/resources.js';
import { objectSchema } from './envelope.js';
import { ISTIO_KIND_SCHEMAS } from './generated/istio-kinds.js';
import { KUBE_KIND_SCHEMAS } from './kube-kinds.js';
import type { Schema } from './types.js';

export interface KindInfo {
  kind: ResourceKind;
  /** Every apiVersion serving the kind, e.g. `security.istio.io/v1`. */
  apiVersions: readonly string[];
  /** Whether the kind is namespaced (only Namespace is not, among the kept kinds). */
  namespaced: boolean;
  /** The whole-object schema for an apiVersion, undefined when it does not serve the kind. */
  schemaFor(apiVersion: string): Schema | undefined;
}

function build(): Map<string, KindInfo> {
  const out = new Map<string, KindInfo>();
  const istio = new Map<string, Map<string, Schema>>();
  for (const k of ISTIO_KIND_SCHEMAS) {
    const byVersion = istio.get(k.kind) ?? new Map<string, Schema>();
    byVersion.set(`${k.group}/${k.version}`, objectSchema(k.schema.properties ?? {}));
    istio.set(k.kind, byVersion);
  }
  for (const [kind, byVersion] of istio) {
    out.set(kind, {
      kind: kind as ResourceKind,
      apiVersions: [...byVersion.keys()],
      namespaced: true,
      schemaFor: (v) => byVersion.get(v),
    });
  }
  for (const [kind, entry] of Object.entries(KUBE_KIND_SCHEMAS)) {
    out.set(kind, {
      kind: kind as ResourceKind,
      apiVersions: entry.apiVersions,
      namespaced: kind !== 'Namespace',
      schemaFor: (v) => (entry.apiVersions.includes(v) ? entry.schema : undefined),
    });
  }
  return out;
}

const KINDS = build();

/** The kept kind named `kind`, or undefined for kinds meshward skips. */
export function lookupKind(kind: string): KindInfo | undefined {
  return KINDS.get(kind);
}
