/**
 * meshConfig `extensionProviders` → ext_authz filter configs (spec §2.10). Source:
 * `processExtensionProvider`, `buildExtAuthzHTTP`, `buildExtAuthzGRPC`, `generateHTTPConfig`,
 * `generateGRPCConfig` in `pilot/pkg/security/authz/builder/extauthz.go`.
 *
 * A provider with any problem is *invalid*; policies that use it fall back to enforced DENY rules
 * (fail closed, see custom.ts). Providers of other kinds (telemetry) are not ext_authz providers
 * and are left out, so naming one in a CUSTOM policy also falls back.
 */
import type { ExtAuthzConfig, StringMatcher } from '../../model/envoy-rbac.js';
import type { ExtAuthzGrpcProvider, ExtAuthzHttpProvider, ExtensionProvider } from '../../model/mesh.js';
import { formatDuration } from './duration.js';
import { statusCodeName } from './status-codes.js';
import type { ServiceResolver } from './types.js';

export const HTTP_EXT_AUTHZ_TYPE = 'type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz';
export const NETWORK_EXT_AUTHZ_TYPE = 'type.googleapis.com/envoy.extensions.filters.network.ext_authz.v3.ExtAuthz';

export interface ResolvedProvider {
  /** Without `filterEnabledMetadata`, which depends on the provider's use (custom.ts adds it). */
  http?: ExtAuthzConfig;
  /** Only gRPC providers can check TCP connections. */
  tcp?: ExtAuthzConfig;
  errors: string[];
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const FQDN_LABEL = /^[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$/;

function validHost(host: string): boolean {
  if (host.length === 0 || host.length > 255) return false;
  return host.split('.').every((l) => FQDN_LABEL.test(l));
}

/** `host` or `namespace/host` → hostname, then the registry decides whether it exists. */
function lookupHost(service: string, resolve: ServiceResolver | undefined, errors: string[]): string | undefined {
  const parts = service.split('/');
  const host = parts.length === 2 ? (parts[1] as string) : service;
  if (service === '') errors.push('service must not be empty');
  else if (parts.length > 2 || (parts.length === 2 && !DNS_LABEL.test(parts[0] as string)) || !validHost(host)) {
    errors.push(`invalid service \`${service}\``);
  } else {
    const found = resolve ? resolve(service) : host;
    if (found !== undefined) return found;
    errors.push(`unable to find service \`${service}\``);
  }
  return undefined;
}

interface Common {
  hostname: string;
  cluster: string;
  timeout: string;
  status?: { code: string };
}

function commonFields(p: ExtAuthzHttpProvider | ExtAuthzGrpcProvider, resolve: ServiceResolver | undefined, errors: string[]): Common | undefined {
  const portOk = Number.isInteger(p.port) && p.port >= 1 && p.port <= 65535;
  if (!portOk) errors.push(`port must be in the range [1, 65535], found: \`${String(p.port)}\``);
  const hostname = lookupHost(String(p.service ?? ''), resolve, errors);
  let status: { code: string } | undefined;
  if (p.statusOnError !== undefined && p.statusOnError !== '') {
    const name = statusCodeName(String(p.statusOnError));
    if (name === undefined) errors.push(`unsupported statusOnError \`${String(p.statusOnError)}\``);
    else status = { code: name };
  }
  // istiod's default is 600s; the timeout is required by Envoy.
  const timeout = p.timeout === undefined ? '600s' : formatDuration(String(p.timeout));
  if (timeout === undefined) errors.push(`invalid timeout \`${String(p.timeout)}\``);
  if (errors.length > 0 || hostname === undefined || timeout === undefined) return undefined;
  return { hostname, cluster: `outbound|${p.port}||${hostname}`, timeout, ...(status ? { status } : {}) };
}

/** Header name patterns: case-insensitive, `*x` suffix, `x*` prefix; a bare `*` is refused. */
function headerPatterns(field: string, headers: readonly string[] | undefined, errors: string[]): { patterns: StringMatcher[] } | undefined {
  if (!headers || headers.length === 0) return undefined;
  const patterns = headers.map((h): StringMatcher => {
    if (h === '*') errors.push(`a single wildcard (\`*\`) is not supported in \`${field}\`, change it to either prefix or suffix match`);
    if (h.startsWith('*')) return { ignoreCase: true, suffix: h.slice(1) };
    if (h.endsWith('*')) return { ignoreCase: true, prefix: h.slice(0, -1) };
    return { ignoreCase: true, exact: h };
  });
  return { patterns };
}

function requestBody(b: ExtAuthzHttpProvider['includeRequestBodyInCheck']): Record<string, unknown> | undefined {
  if (!b) return undefined;
  return {
    ...(b.maxRequestBytes ? { maxRequestBytes: b.maxRequestBytes } : {}),
    ...(b.allowPartialMessage ? { allowPartialMessage: true } : {}),
    ...(b.packAsBytes ? { packAsBytes: true } : {}),
  };
}

function shared(p: ExtAuthzHttpProvider | ExtAuthzGrpcProvider, c: Common): Record<string, unknown> {
  const body = requestBody(p.includeRequestBodyInCheck);
  return {
    ...(c.status ? { statusOnError: c.status } : {}),
    ...(p.failOpen ? { failureModeAllow: true } : {}),
    ...(p.clearRouteCache ? { clearRouteCache: true } : {}),
    transportApiVersion: 'V3',
    ...(body ? { withRequestBody: body } : {}),
  };
}

function resolveHttp(p: ExtAuthzHttpProvider, resolve: ServiceResolver | undefined): ResolvedProvider {
  const errors: string[] = [];
  const c = commonFields(p, resolve, errors);
  if (p.pathPrefix && !p.pathPrefix.startsWith('/')) errors.push(`pathPrefix must begin with \`/\`, found: \`${p.pathPrefix}\``);
  // The deprecated includeHeadersInCheck only counts when includeRequestHeadersInCheck is empty.
  const allowed = p.includeRequestHeadersInCheck?.length
    ? headerPatterns('includeRequestHeadersInCheck', p.includeRequestHeadersInCheck, errors)
    : headerPatterns('includeHeadersInCheck', p.includeHeadersInCheck, errors);
  const upstream = headerPatterns('headersToUpstreamOnAllow', p.headersToUpstreamOnAllow, errors);
  const onDeny = headerPatterns('headersToDownstreamOnDeny', p.headersToDownstreamOnDeny, errors);
  const onAllow = headerPatterns('headersToDownstreamOnAllow', p.headersToDownstreamOnAllow, errors);
  if (errors.length > 0 || !c) return { errors };
  const extra = Object.keys(p.includeAdditionalHeadersInCheck ?? {}).sort();
  const headersToAdd = extra.map((key) => ({ key, value: (p.includeAdditionalHeadersInCheck ?? {})[key] }));
  const httpService = {
    serverUri: { uri: `http://${c.hostname}`, cluster: c.cluster, timeout: c.timeout },
    ...(p.pathPrefix ? { pathPrefix: p.pathPrefix } : {}),
    ...(headersToAdd.length ? { authorizationRequest: { headersToAdd } } : {}),
    ...(upstream || onDeny || onAllow
      ? {
          authorizationResponse: {
            ...(upstream ? { allowedUpstreamHeaders: upstream } : {}),
            ...(onDeny ? { allowedClientHeaders: onDeny } : {}),
            ...(onAllow ? { allowedClientHeadersOnSuccess: onAllow } : {}),
          },
        }
      : {}),
  };
  return {
    errors,
    http: { '@type': HTTP_EXT_AUTHZ_TYPE, ...shared(p, c), httpService, ...(allowed ? { allowedHeaders: allowed } : {}) },
  };
}

function resolveGrpc(p: ExtAuthzGrpcProvider, resolve: ServiceResolver | undefined): ResolvedProvider {
  const errors: string[] = [];
  const c = commonFields(p, resolve, errors);
  if (!c) return { errors };
  const grpcService = { envoyGrpc: { clusterName: c.cluster, authority: c.hostname }, timeout: c.timeout };
  return {
    errors,
    http: { '@type': HTTP_EXT_AUTHZ_TYPE, ...shared(p, c), grpcService },
    // The network filter has no statusOnError or request body; it does have a stat prefix.
    tcp: {
      '@type': NETWORK_EXT_AUTHZ_TYPE,
      statPrefix: 'tcp.',
      ...(p.failOpen ? { failureModeAllow: true } : {}),
      transportApiVersion: 'V3',
      grpcService: structuredClone(grpcService),
    },
  };
}

/**
 * meshward's TestSuite provider (`allowIfHeader`) has no Envoy equivalent: it is rendered as an
 * HTTP ext_authz filter carrying a `meshwardAllowIfHeader` field for meshward's engine; it never
 * applies to TCP.
 */
function resolveAllowIfHeader(p: NonNullable<ExtensionProvider['allowIfHeader']>): ResolvedProvider {
  return {
    errors: [],
    http: { '@type': HTTP_EXT_AUTHZ_TYPE, transportApiVersion: 'V3', meshwardAllowIfHeader: { name: p.name, value: p.value } },
  };
}

/** Every ext_authz provider by name; a later duplicate replaces the first and is invalid. */
export function resolveProviders(providers: readonly ExtensionProvider[], resolve?: ServiceResolver): Map<string, ResolvedProvider> {
  const out = new Map<string, ResolvedProvider>();
  providers.forEach((p, i) => {
    const errors: string[] = [];
    const name = typeof p.name === 'string' ? p.name : '';
    if (name === '') errors.push(`extension provider name must not be empty, found empty at index ${i}`);
    else if (out.has(name)) errors.push(`extension provider name must be unique, found duplicate \`${name}\``);
    else if (!DNS_LABEL.test(name)) errors.push(`extension provider name \`${name}\` is not a valid DNS label`);
    let r: ResolvedProvider;
    if (p.envoyExtAuthzHttp) r = resolveHttp(p.envoyExtAuthzHttp, resolve);
    else if (p.envoyExtAuthzGrpc) r = resolveGrpc(p.envoyExtAuthzGrpc, resolve);
    else if (p.allowIfHeader) r = resolveAllowIfHeader(p.allowIfHeader);
    else return;
    r.errors.unshift(...errors);
    out.set(name, r);
  });
  return out;
}
