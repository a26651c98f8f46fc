/**
 * Schemas of the Kubernetes kinds meshward derives workloads from. Only the fields meshward reads
 * are typed (k8s.io/api core/v1 and apps/v1 types); everything else inside them is accepted as
 * is, because these objects are not meshward's to police. Their top level is closed like every
 * object envelope.
 */
import { objectSchema } from './envelope.js';
import type { Schema } from './types.js';

const STRING: Schema = { type: 'string' };
const STRING_MAP: Schema = { type: 'object', additionalProperties: STRING };
const PORT_NUMBER: Schema = { type: 'integer', minimum: 1, maximum: 65535 };
const PROTOCOL: Schema = { type: 'string', enum: ['TCP', 'UDP', 'SCTP'] };

const CONTAINER: Schema = {
  type: 'object',
  'x-meshward-open': true,
  properties: {
    name: STRING,
    ports: {
      type: 'array',
      items: {
        type: 'object',
        'x-meshward-open': true,
        required: ['containerPort'],
        properties: { name: STRING, containerPort: PORT_NUMBER, protocol: PROTOCOL },
      },
    },
  },
};

const POD_SPEC: Schema = {
  type: 'object',
  'x-meshward-open': true,
  properties: {
    serviceAccountName: STRING,
    serviceAccount: STRING,
    containers: { type: 'array', items: CONTAINER },
    initContainers: { type: 'array', items: CONTAINER },
  },
};

const POD_TEMPLATE: Schema = {
  type: 'object',
  'x-meshward-open': true,
  properties: {
    metadata: {
      type: 'object',
      'x-meshward-open': true,
      properties: { labels: STRING_MAP, annotations: STRING_MAP },
    },
    spec: POD_SPEC,
  },
};

const LABEL_SELECTOR: Schema = {
  type: 'object',
  'x-meshward-open': true,
  properties: { matchLabels: STRING_MAP },
};

function workloadSpec(extra: Readonly<Record<string, Schema>> = {}): Schema {
  return {
    type: 'object',
    'x-meshward-open': true,
    properties: { selector: LABEL_SELECTOR, template: POD_TEMPLATE, ...extra },
  };
}

const SERVICE_SPEC: Schema = {
  type: 'object',
  'x-meshward-open': true,
  properties: {
    selector: STRING_MAP,
    ports: {
      type: 'array',
      items: {
        type: 'object',
        'x-meshward-open': true,
        required: ['port'],
        properties: {
          name: STRING,
          port: PORT_NUMBER,
          targetPort: { 'x-kubernetes-int-or-string': true },
          protocol: PROTOCOL,
          appProtocol: STRING,
          nodePort: { type: 'integer' },
        },
      },
    },
  },
};

const OPEN: Schema = { type: 'object', 'x-meshward-open': true };

/** Kubernetes kinds meshward keeps, with the apiVersions that serve them. */
export const KUBE_KIND_SCHEMAS: Readonly<Record<string, { apiVersions: readonly string[]; schema: Schema }>> = {
  Namespace: { apiVersions: ['v1'], schema: objectSchema({ spec: OPEN }) },
  ServiceAccount: {
    apiVersions: ['v1'],
    schema: objectSchema({
      secrets: { type: 'array' },
      imagePullSecrets: { type: 'array' },
      automountServiceAccountToken: { type: 'boolean' },
    }),
  },
  Pod: { apiVersions: ['v1'], schema: objectSchema({ spec: POD_SPEC }) },
  Service: { apiVersions: ['v1'], schema: objectSchema({ spec: SERVICE_SPEC }) },
  Deployment: { apiVersions: ['apps/v1'], schema: objectSchema({ spec: workloadSpec({ replicas: { type: 'integer' } }) }) },
  StatefulSet: {
    apiVersions: ['apps/v1'],
    schema: objectSchema({ spec: workloadSpec({ replicas: { type: 'integer' }, serviceName: STRING }) }),
  },
  DaemonSet: { apiVersions: ['apps/v1'], schema: objectSchema({ spec: workloadSpec() }) },
};
