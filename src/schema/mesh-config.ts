/**
 * Schema of a MeshConfig document (istio/api `mesh/v1alpha1/config.proto`, field names in their
 * JSON form). The fields that change security decisions are typed and closed; every other field
 * Istio defines is accepted and ignored; a field Istio does not define is an error (MW002).
 * `statusOnError` is a string in the proto, so an unquoted `403` is a type error, as it is for
 * istiod's protobuf-JSON decoding.
 */
import type { Schema } from './types.js';

const STRING: Schema = { type: 'string' };
const BOOL: Schema = { type: 'boolean' };
const STRINGS: Schema = { type: 'array', items: STRING };
const ANY: Schema = {};
/** protobuf JSON accepts a uint32 as a number or a decimal string. */
const UINT32: Schema = { 'x-kubernetes-int-or-string': true };
/** `google.protobuf.Duration` in JSON: decimal seconds with an `s` suffix (`10s`, `0.002s`). */
const DURATION: Schema = { type: 'string', format: 'proto-duration' };

const REQUEST_BODY: Schema = {
  type: 'object',
  properties: { maxRequestBytes: UINT32, allowPartialMessage: BOOL, packAsBytes: BOOL },
};

const EXT_AUTHZ_HTTP: Schema = {
  type: 'object',
  required: ['service', 'port'],
  properties: {
    service: STRING,
    port: UINT32,
    timeout: DURATION,
    pathPrefix: STRING,
    failOpen: BOOL,
    clearRouteCache: BOOL,
    statusOnError: STRING,
    includeHeadersInCheck: STRINGS,
    includeRequestHeadersInCheck: STRINGS,
    includeAdditionalHeadersInCheck: { type: 'object', additionalProperties: STRING },
    includeRequestBodyInCheck: REQUEST_BODY,
    headersToUpstreamOnAllow: STRINGS,
    headersToDownstreamOnDeny: STRINGS,
    headersToDownstreamOnAllow: STRINGS,
  },
};

const EXT_AUTHZ_GRPC: Schema = {
  type: 'object',
  required: ['service', 'port'],
  properties: {
    service: STRING,
    port: UINT32,
    timeout: DURATION,
    failOpen: BOOL,
    clearRouteCache: BOOL,
    statusOnError: STRING,
    includeRequestBodyInCheck: REQUEST_BODY,
  },
};

/** Provider kinds other than ext_authz: kept by name, their settings not read. */
export const OTHER_PROVIDER_KINDS = [
  'zipkin',
  'lightstep',
  'datadog',
  'stackdriver',
  'opencensus',
  'skywalking',
  'opentelemetry',
  'prometheus',
  'envoyFileAccessLog',
  'envoyHttpAls',
  'envoyTcpAls',
  'envoyOtelAls',
  'sds',
] as const;

function extensionProvider(testProviders: boolean): Schema {
  const kinds: Record<string, Schema> = { envoyExtAuthzHttp: EXT_AUTHZ_HTTP, envoyExtAuthzGrpc: EXT_AUTHZ_GRPC };
  for (const k of OTHER_PROVIDER_KINDS) kinds[k] = { type: 'object', 'x-meshward-open': true };
  if (testProviders) {
    kinds.allowIfHeader = { type: 'object', required: ['name', 'value'], properties: { name: STRING, value: STRING } };
  }
  // Exactly one provider kind per entry (the proto's `oneof provider`).
  return {
    type: 'object',
    required: ['name'],
    properties: { name: STRING, ...kinds },
    oneOf: Object.keys(kinds).map((k) => ({ required: [k] })),
  };
}

/** MeshConfig fields istiod knows but meshward does not read (current and deprecated). */
const IGNORED_FIELDS = [
  'proxyListenPort', 'proxyInboundListenPort', 'proxyHttpPort', 'connectTimeout', 'protocolDetectionTimeout',
  'tcpKeepalive', 'ingressClass', 'ingressService', 'ingressControllerMode', 'ingressSelector', 'enableTracing',
  'accessLogFile', 'accessLogFormat', 'accessLogEncoding', 'enableEnvoyAccessLogService', 'disableEnvoyListenerLog',
  'outboundTrafficPolicy', 'inboundTrafficPolicy', 'configSources', 'enableAutoMtls', 'caCertificates',
  'defaultServiceExportTo', 'defaultVirtualServiceExportTo', 'defaultDestinationRuleExportTo', 'localityLbSetting',
  'dnsRefreshRate', 'h2UpgradePolicy', 'inboundClusterStatName', 'outboundClusterStatName', 'certificates',
  'serviceSettings', 'enablePrometheusMerge', 'verifyCertificateAtClient', 'ca', 'discoverySelectors',
  'defaultHttpRetryPolicy', 'meshMTLS', 'tlsDefaults', 'serviceScopeConfigs', 'meshNetworks',
  // removed or deprecated, still found in older installs
  'thriftConfig', 'mixerCheckServer', 'mixerReportServer', 'disablePolicyChecks', 'policyCheckFailOpen',
  'sidecarToTelemetrySessionAffinity', 'authPolicy', 'rdsRefreshDelay', 'enableClientSidePolicyCheck', 'sdsUdsPath',
  'sdsRefreshDelay', 'enableSdsTokenMount', 'sdsUseK8sSaJwt', 'reportBatchMaxEntries', 'reportBatchMaxTime',
] as const;

/** The MeshConfig schema; `testProviders` adds meshward's `allowIfHeader` provider (TestSuite files only). */
export function meshConfigSchema(opts: { testProviders?: boolean } = {}): Schema {
  const ignored: Record<string, Schema> = {};
  for (const f of IGNORED_FIELDS) ignored[f] = ANY;
  return {
    type: 'object',
    properties: {
      ...ignored,
      rootNamespace: STRING,
      trustDomain: STRING,
      trustDomainAliases: STRINGS,
      pathNormalization: {
        type: 'object',
        properties: {
          normalization: { type: 'string', enum: ['DEFAULT', 'NONE', 'BASE', 'MERGE_SLASHES', 'DECODE_AND_MERGE_SLASHES'] },
        },
      },
      extensionProviders: { type: 'array', items: extensionProvider(opts.testProviders === true) },
      defaultProviders: {
        type: 'object',
        properties: { tracing: STRINGS, metrics: STRINGS, accessLogging: STRINGS },
      },
      defaultConfig: {
        type: 'object',
        'x-meshward-open': true,
        properties: {
          gatewayTopology: {
            type: 'object',
            'x-meshward-open': true,
            properties: { numTrustedProxies: { type: 'integer', minimum: 0, maximum: 4294967295 } },
          },
        },
      },
    },
  };
}
