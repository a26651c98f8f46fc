/**
 * The subset of OpenAPI v3 (Kubernetes "structural schema") that meshward validates with. The
 * generated Istio schemas (`generated/istio-kinds.ts`) and the hand-written Kubernetes and
 * MeshConfig schemas share this shape, so one validator walks them all.
 */
export type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';

/** A CEL rule from `x-kubernetes-validations`, kept for the CEL layer (not evaluated here). */
export interface CelRule {
  readonly rule: string;
  readonly message?: string;
}

export interface Schema {
  readonly type?: SchemaType;
  readonly properties?: Readonly<Record<string, Schema>>;
  /** Value schema of a map-typed object (`map<string, T>` in the proto). */
  readonly additionalProperties?: Schema;
  readonly items?: Schema;
  readonly required?: readonly string[];
  readonly enum?: readonly (string | number)[];
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly nullable?: boolean;
  readonly oneOf?: readonly Schema[];
  readonly anyOf?: readonly Schema[];
  readonly not?: Schema;
  readonly 'x-kubernetes-int-or-string'?: boolean;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  readonly 'x-kubernetes-validations'?: readonly CelRule[];
  /**
   * meshward extension: an object whose unknown fields are accepted and ignored (Kubernetes kinds
   * and the parts of MeshConfig meshward does not read). Istio CRD objects are always closed.
   */
  readonly 'x-meshward-open'?: boolean;
}

/** A served version of an Istio kind, as generated from its CRD. */
export interface KindSchema {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** The CRD's `openAPIV3Schema` (properties `spec` and `status`), descriptions dropped. */
  readonly schema: Schema;
}
