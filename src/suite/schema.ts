/**
 * Schema of a `meshward/v1alpha1` TestSuite (shared/spec/test-suite.md). Closed: an unknown field
 * is an error with file:line:col, never silently ignored.
 */
import type { Schema } from '../schema/types.js';

const STRING: Schema = { type: 'string' };
const STRINGS: Schema = { type: 'array', items: STRING };
const LABELS: Schema = { type: 'object', additionalProperties: STRING };
const PORT: Schema = { type: 'integer', minimum: 1, maximum: 65535 };

const PROVIDER: Schema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: STRING,
    allowIfHeader: { type: 'object', required: ['name', 'value'], properties: { name: STRING, value: STRING } },
    envoyExtAuthzHttp: { type: 'object', 'x-meshward-open': true, properties: {} },
    envoyExtAuthzGrpc: { type: 'object', 'x-meshward-open': true, properties: {} },
  },
};

const MESH: Schema = {
  type: 'object',
  properties: {
    rootNamespace: STRING,
    trustDomain: STRING,
    trustDomainAliases: STRINGS,
    pathNormalization: { type: 'string', enum: ['DEFAULT', 'NONE', 'BASE', 'MERGE_SLASHES', 'DECODE_AND_MERGE_SLASHES'] },
    extensionProviders: { type: 'array', items: PROVIDER },
    numTrustedProxies: { type: 'integer', minimum: 0 },
    enableMultipleCustomProviders: { type: 'boolean' },
  },
};

const WORKLOAD: Schema = {
  type: 'object',
  required: ['name', 'namespace'],
  properties: {
    name: STRING,
    namespace: STRING,
    serviceAccount: STRING,
    labels: LABELS,
    ports: {
      type: 'array',
      items: {
        type: 'object',
        required: ['port'],
        properties: {
          port: PORT,
          targetPort: PORT,
          protocol: { type: 'string', enum: ['HTTP', 'HTTP2', 'GRPC', 'TCP'] },
          name: STRING,
        },
      },
    },
    sidecar: { type: 'boolean' },
    gateway: { type: 'boolean' },
    ip: STRING,
  },
};

const ISSUER: Schema = {
  type: 'object',
  required: ['issuer'],
  properties: {
    issuer: STRING,
    jwksUri: STRING,
    jwks: STRING,
    generate: { type: 'string', enum: ['RS256', 'ES256', 'EdDSA'] },
    privateKey: STRING,
    kid: STRING,
  },
};

/** Fields of several shapes (a string or an object, a value or a list) are checked by parse.ts. */
const ANY: Schema = {};
const HEADER_VALUES: Schema = { type: 'object', additionalProperties: ANY };

const CASE: Schema = {
  type: 'object',
  required: ['name', 'from', 'to', 'expect'],
  properties: {
    name: STRING,
    from: ANY,
    plaintext: { type: 'boolean' },
    sourceIp: STRING,
    to: STRING,
    request: {
      type: 'object',
      properties: {
        method: STRING,
        path: STRING,
        host: STRING,
        headers: HEADER_VALUES,
        sni: STRING,
      },
    },
    token: {
      type: 'object',
      properties: {
        in: {
          type: 'object',
          properties: {
            header: STRING,
            prefix: STRING,
            query: STRING,
            cookie: STRING,
          },
        },
        issuer: STRING,
        claims: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        expiresIn: { type: 'integer' },
        notBeforeIn: { type: 'integer' },
        raw: STRING,
      },
    },
    expect: ANY,
    expectPolicy: STRING,
    expectBody: STRING,
    expectShadow: {
      type: 'object',
      required: ['policy', 'result'],
      properties: { policy: STRING, result: { type: 'string', enum: ['allowed', 'denied'] } },
    },
    todo: STRING,
  },
};

export const TEST_SUITE_SCHEMA: Schema = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'cases'],
  properties: {
    apiVersion: { type: 'string', enum: ['meshward/v1alpha1'] },
    kind: { type: 'string', enum: ['TestSuite'] },
    metadata: { type: 'object', required: ['name'], properties: { name: STRING, description: STRING } },
    mesh: MESH,
    now: { type: 'integer' },
    resources: { type: 'array', items: ANY },
    workloads: { type: 'array', items: WORKLOAD },
    issuers: { type: 'array', items: ISSUER },
    cases: { type: 'array', minItems: 1, items: CASE },
  },
};
