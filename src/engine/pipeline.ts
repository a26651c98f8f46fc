/**
 * The full inbound pipeline of an Istio sidecar for one request at one workload:
 * connection (PeerAuthentication, auto-mTLS) → request sanity and path normalization → CUSTOM
 * (ext_authz) → jwt_authn → AUDIT → DENY → ALLOW. Filter order from spec §2.1
 * (`pilot/pkg/networking/core/listener_builder.go`); mTLS from spec §5.
 *
 * Pure: keys for JWT are resolved before this runs, the clock is passed in, and the ext_authz
 * verdict comes from an injected function.
 */
import type { CompiledWorkload } from '../compile/mesh.js';
import { mtlsDecidingPolicy, mtlsModeForPort } from '../compile/peer-authn.js';
import type { Decision, PolicyRef, TraceStep } from '../model/decision.js';
import type { ConnectionFacts, HttpRequestFacts, RequestFacts } from '../model/request.js';
import type { Workload, WorkloadPort } from '../model/workload.js';
import { isHttpProtocol, spiffeIdOf } from '../model/workload.js';
import { prepareAuthzChain, runAuthzChain } from './authz-chain.js';
import type { AuthzContext, AuthzOutcome, PreparedAuthzChain } from './authz-chain.js';
import { normalizeRequestPath, validateHttpRequest } from './normalize.js';
import { gatewayRemoteIp, sidecarRemoteIp } from './rbac/request-view.js';
import { runJwtAuthn } from './jwt/index.js';
import type { ResolvedJwtAuthn } from './jwt/resolved.js';

/** Who sends the request. */
export type Caller =
  | {
      kind: 'workload';
      workload: Workload;
      /** The attacker sends from the pod without going through its own sidecar: plaintext, no identity. */
      bypassSidecar?: boolean;
      /** Source address; the workload's IP when absent. */
      ip?: string;
    }
  | { kind: 'external'; ip?: string };

export interface InboundRequest {
  caller: Caller;
  /** The port the caller addresses: a Service port of the destination, or one of its container ports. */
  port: number;
  /** HTTP facts; on an HTTP port a missing value means `GET /` with the default host. */
  http?: Partial<HttpRequestFacts>;
  sni?: string;
}

export interface PipelineOptions {
  trustDomain: string;
  pathNormalization: import('../model/mesh.js').PathNormalization;
  /** `meshConfig.defaultConfig.gatewayTopology.numTrustedProxies` (gateways only). */
  numTrustedProxies?: number;
  trace?: boolean;
  /** Seconds since the epoch, for token expiry. */
  now?: number;
  /** The destination's jwt_authn filter with its keys resolved (absent: no RequestAuthentication applies). */
  jwt?: ResolvedJwtAuthn;
  customAuthorizer?: (provider: string, facts: RequestFacts) => boolean;
}

/** A compiled workload with its filter chains prepared for evaluation (done once, reused). */
export interface PreparedWorkload {
  compiled: CompiledWorkload;
  http: PreparedAuthzChain;
  tcp: PreparedAuthzChain;
}

export function prepareWorkload(compiled: CompiledWorkload): PreparedWorkload {
  return { compiled, http: prepareAuthzChain(compiled.http.filters), tcp: prepareAuthzChain(compiled.tcp.filters) };
}

/** Finds the destination port a request addresses: Service port first, then container port. */
export function resolvePort(w: Workload, port: number): WorkloadPort | undefined {
  return w.ports.find((p) => p.port === port) ?? w.ports.find((p) => p.targetPort === port);
}

const DENIED_BODY = 'RBAC: access denied';

export function evaluateRequest(target: PreparedWorkload, req: InboundRequest, opts: PipelineOptions): Decision {
  const trace: TraceStep[] = [];
  const wantTrace = opts.trace ?? false;
  const w = target.compiled.workload;
  const resolved = resolvePort(w, req.port);
  const targetPort = resolved?.targetPort ?? req.port;
  const httpPort = resolved ? isHttpProtocol(resolved.protocol) || (resolved.protocol === 'UNKNOWN' && req.http !== undefined) : req.http !== undefined;

  if (w.proxy === 'none') {
    if (wantTrace) trace.push({ stage: 'mtls', matched: true, detail: `\`${w.namespace}/${w.name}\` has no sidecar: nothing is enforced` });
    return done({ allowed: true, status: 200, reason: 'allowed-no-allow-policy', trace });
  }

  // --- connection: who is the peer, and is the connection accepted at all (spec §5.4) ---
  const callerHasSidecar = req.caller.kind === 'workload' && req.caller.workload.proxy !== 'none' && !req.caller.bypassSidecar;
  const mode = w.proxy === 'gateway' ? 'PERMISSIVE' : mtlsModeForPort(target.compiled.peerAuthn, targetPort);
  // Auto-mTLS: a client sidecar originates Istio mTLS to a destination with a sidecar unless the
  // destination's PeerAuthentication disables it (istiod computes this per cluster). Gateways
  // receive traffic from outside on listeners PeerAuthentication does not govern.
  const mtls = callerHasSidecar && mode !== 'DISABLE' && w.proxy === 'sidecar';
  const peerPrincipals =
    mtls && req.caller.kind === 'workload' ? [spiffeIdOf(req.caller.workload, opts.trustDomain)] : [];
  const pa = mtlsDecidingPolicy(target.compiled.peerAuthn, targetPort);
  const paName = pa ? `${pa.metadata.namespace ?? ''}/${pa.metadata.name}` : 'no PeerAuthentication (default PERMISSIVE)';
  if (mode === 'STRICT' && !mtls) {
    if (wantTrace)
      trace.push({ stage: 'mtls', matched: false, detail: `port ${targetPort} is STRICT (${paName}) and the caller sends plaintext: connection reset` });
    return done({ allowed: false, status: 'reset', reason: 'mtls-required', message: 'connection reset: no filter chain for plaintext on a STRICT port', trace });
  }
  if (wantTrace)
    trace.push({
      stage: 'mtls',
      matched: true,
      detail: mtls
        ? `mTLS (${mode}, ${paName}); peer \`${peerPrincipals[0]}\``
        : `plaintext accepted (${mode}, ${paName}); no peer identity`,
    });

  const callerIp = req.caller.kind === 'workload' ? (req.caller.ip ?? req.caller.workload.ip) : req.caller.ip;
  const connection: ConnectionFacts = { peerPrincipals, mtls, destinationPort: targetPort };
  if (callerIp !== undefined) connection.sourceIp = callerIp;
  if (w.ip !== undefined) connection.destinationIp = w.ip;
  if (req.sni !== undefined) connection.sni = req.sni;

  if (!httpPort) {
    const facts: RequestFacts = { connection };
    if (wantTrace && req.http) trace.push({ stage: 'normalize', matched: true, detail: `port ${targetPort} is not HTTP: HTTP attributes are not seen` });
    const out = runAuthzChain(target.tcp, authzContext(facts, undefined, undefined, undefined, wantTrace, opts), 'all');
    return fromOutcome(out, trace, 'reset');
  }

  // --- HTTP: codec checks and normalization happen before any filter (spec §8) ---
  const http: HttpRequestFacts = {
    method: req.http?.method ?? 'GET',
    path: req.http?.path ?? '/',
    authority: req.http?.authority ?? `${w.name}.${w.namespace}`,
    headers: req.http?.headers ?? [],
  };
  const check = validateHttpRequest(http.method, http.headers, http.authority);
  if (!check.ok) return done({ allowed: false, status: 400, reason: 'bad-request', message: check.reason, trace: step(trace, wantTrace, 'normalize', false, check.reason) });
  const norm = normalizeRequestPath(http.path, opts.pathNormalization);
  if (!norm.ok) return done({ allowed: false, status: 400, reason: 'bad-request', message: norm.reason, trace: step(trace, wantTrace, 'normalize', false, norm.reason) });
  if (wantTrace && norm.path !== http.path)
    trace.push({ stage: 'normalize', matched: true, detail: `path \`${http.path}\` normalized to \`${norm.path}\` (${opts.pathNormalization})` });

  let facts: RequestFacts = { connection, http: { ...http, path: norm.path } };
  const remoteIp = w.proxy === 'gateway' ? gatewayRemoteIp(facts, opts.numTrustedProxies ?? 0) : sidecarRemoteIp(facts);

  const customOut = runAuthzChain(target.http, authzContext(facts, norm.path, norm.urlPath, remoteIp, wantTrace, opts), 'custom');
  trace.push(...customOut.trace);
  if (!customOut.allowed) return fromOutcome(customOut, [], 403);

  let principal: string | undefined;
  let upstream: Decision['upstream'];
  if (opts.jwt) {
    const r = runJwtAuthn(opts.jwt, { method: http.method, path: norm.path, headers: http.headers, authority: http.authority }, opts.now ?? 0);
    const sources = [...new Set(opts.jwt.config.providers.map((p) => `${p.source.namespace}/${p.source.name}`))].join(', ');
    if (!r.ok) {
      step(trace, wantTrace, 'jwt', false, `jwt_authn (${sources}): ${r.status} ${r.message}`);
      return done({ allowed: false, status: r.status, reason: 'jwt-rejected', message: r.message, trace, shadow: customOut.shadow });
    }
    step(
      trace,
      wantTrace,
      'jwt',
      true,
      r.principal !== undefined ? `token accepted (${sources}): request principal \`${r.principal}\`` : `no token presented (${sources}): passes with no request principal`,
    );
    facts = { ...facts, http: { ...http, path: r.path, headers: r.headers } };
    if (r.jwt) facts.jwt = r.jwt;
    if (r.principal !== undefined) principal = r.principal;
    upstream = upstreamChanges(http.headers, r.headers, r.path, norm.path);
  }

  const local = runAuthzChain(target.http, authzContext(facts, facts.http!.path, norm.urlPath, remoteIp, wantTrace, opts), 'local');
  const out = fromOutcome(local, trace, 403);
  out.shadow = [...customOut.shadow, ...out.shadow];
  out.audited = [...customOut.audited, ...out.audited];
  if (principal !== undefined) out.requestPrincipal = principal;
  if (upstream) out.upstream = upstream;
  return out;
}

/** The header lines jwt_authn added and removed (as multisets), or nothing when it changed nothing. */
function upstreamChanges(
  before: readonly (readonly [string, string])[],
  after: readonly (readonly [string, string])[],
  path: string,
  pathBefore: string,
): Decision['upstream'] {
  const key = (n: string, v: string): string => `${n.toLowerCase()}\u0000${v}`;
  const count = new Map<string, number>();
  for (const [n, v] of before) count.set(key(n, v), (count.get(key(n, v)) ?? 0) + 1);
  const headersAdded: [string, string][] = [];
  for (const [n, v] of after) {
    const k = key(n, v);
    const c = count.get(k) ?? 0;
    if (c > 0) count.set(k, c - 1);
    else headersAdded.push([n, v]);
  }
  const headersRemoved: string[] = [];
  for (const [k, c] of count) for (let i = 0; i < c; i++) headersRemoved.push(k.slice(0, k.indexOf('\u0000')));
  if (headersAdded.length === 0 && headersRemoved.length === 0 && path === pathBefore) return undefined;
  return { path, headersAdded, headersRemoved };
}

// Built with plain assignments, not spreads: this runs twice per request on the hot path.
function authzContext(facts: RequestFacts, path: string | undefined, urlPath: string | undefined, remoteIp: string | undefined, trace: boolean, opts: PipelineOptions): AuthzContext {
  const ctx: AuthzContext = { facts, trace };
  if (path !== undefined) ctx.path = path;
  if (urlPath !== undefined) ctx.urlPath = urlPath;
  if (remoteIp !== undefined) ctx.remoteIp = remoteIp;
  if (opts.customAuthorizer) ctx.customAuthorizer = opts.customAuthorizer;
  return ctx;
}

function step(trace: TraceStep[], want: boolean, stage: TraceStep['stage'], matched: boolean, detail: string): TraceStep[] {
  if (want) trace.push({ stage, matched, detail });
  return trace;
}

function fromOutcome(out: AuthzOutcome, before: TraceStep[], deniedStatus: 403 | 'reset'): Decision {
  const d: Decision = {
    allowed: out.allowed,
    status: out.allowed ? 200 : out.status === 'reset' ? 'reset' : deniedStatus,
    reason: out.reason,
    trace: [...before, ...out.trace],
    shadow: out.shadow,
    audited: out.audited,
  };
  if (out.policy) d.policy = out.policy;
  if (!out.allowed) d.message = d.status === 'reset' ? 'connection closed by RBAC' : DENIED_BODY;
  return d;
}

function done(
  d: Omit<Decision, 'shadow' | 'audited' | 'trace'> & { trace: TraceStep[]; shadow?: Decision['shadow']; audited?: PolicyRef[] },
): Decision {
  if (d.shadow === undefined) d.shadow = [];
  if (d.audited === undefined) d.audited = [];
  return d as Decision;
}
