/**
 * The Kubernetes object envelope every manifest shares: `apiVersion`, `kind`, `metadata`, and
 * the kind's own top-level fields. `metadata` is closed (the API server rejects unknown metadata
 * fields under strict field validation, kubectl's default); label and annotation values must be
 * strings, which catches the classic unquoted `sidecar.istio.io/inject: false`.
 */
import type { Schema } from './types.js';

const STRING: Schema = { type: 'string' };
const STRING_MAP: Schema = { type: 'object', additionalProperties: STRING };
const OPEN_OBJECT: Schema = { type: 'object', 'x-meshward-open': true };

/** `metav1.ObjectMeta` (k8s.io/apimachinery/pkg/apis/meta/v1/types.go), the fields a manifest may carry. */
export const OBJECT_META: Schema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', format: 'dns1123-subdomain' },
    generateName: STRING,
    namespace: { type: 'string', format: 'dns1123-label' },
    selfLink: STRING,
    uid: STRING,
    resourceVersion: STRING,
    generation: { type: 'integer' },
    creationTimestamp: { type: 'string', format: 'date-time', nullable: true },
    deletionTimestamp: { type: 'string', format: 'date-time', nullable: true },
    deletionGracePeriodSeconds: { type: 'integer' },
    labels: STRING_MAP,
    annotations: STRING_MAP,
    ownerReferences: { type: 'array', items: OPEN_OBJECT },
    finalizers: { type: 'array', items: STRING },
    managedFields: { type: 'array', items: OPEN_OBJECT },
  },
};

/**
 * Builds the schema of a whole object: envelope fields plus the kind's own top-level properties
 * (`spec`, `status`, `data`, …). Unknown top-level keys are errors; `status` is always accepted.
 */
export function objectSchema(topLevel: Readonly<Record<string, Schema>>): Schema {
  return {
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata'],
    properties: {
      apiVersion: STRING,
      kind: STRING,
      metadata: OBJECT_META,
      status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      ...topLevel,
    },
  };
}

/** What is checked before the kind is known: the identifying fields only. */
export const TYPE_META: Schema = {
  type: 'object',
  required: ['apiVersion', 'kind'],
  'x-meshward-open': true,
  properties: { apiVersion: STRING, kind: STRING },
};

/** A `v1 List` (or `FooList`) whose `items` kubectl expands into separate objects. */
export const LIST_SCHEMA: Schema = {
  type: 'object',
  required: ['apiVersion', 'kind', 'items'],
  properties: {
    apiVersion: STRING,
    kind: STRING,
    metadata: OPEN_OBJECT,
    items: { type: 'array', items: { type: 'object', 'x-meshward-open': true } },
  },
};
