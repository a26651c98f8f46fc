// Shared plumbing of the property tests: run the compiler + engine the way the pipeline does, and
// the reference evaluator on the same request, so every test compares like with like.
import type { AuthorizationPolicy, ExtensionProvider, RequestFacts } from '../../src/model/index.js';
import { buildHttpAuthz, buildTcpAuthz } from '../../src/compile/authz/index.js';
import { prepareAuthzChain, runAuthzChain, type AuthzOutcome } from '../../src/engine/authz-chain.js';
import { normalizeRequestPath } from '../../src/engine/normalize.js';
import { sidecarRemoteIp } from '../../src/engine/rbac/request-view.js';
import { referenceDecide, type ReferenceDecision } from '../support/reference-evaluator.js';

/** Runs per property: `MESHWARD_PROPERTY_RUNS` overrides the default (keep the default < 20 s). */
export function propertyRuns(fallback: number): number {
  const n = Number(process.env['MESHWARD_PROPERTY_RUNS']);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** A fixed seed keeps CI deterministic; `MESHWARD_PROPERTY_SEED` explores other corners. */
export function propertySeed(): number {
  const n = Number(process.env['MESHWARD_PROPERTY_SEED']);
  return Number.isInteger(n) ? n : 20260822;
}

export const EXTENSION_PROVIDERS: ExtensionProvider[] = [
  { name: 'ext-http', envoyExtAuthzHttp: { service: 'authz.foo.svc.cluster.local', port: 8000 } },
  { name: 'ext-grpc', envoyExtAuthzGrpc: { service: 'authz.foo.svc.cluster.local', port: 9000 } },
];

export interface EngineRun {
  outcome: AuthzOutcome;
  /** The facts both sides saw (`:path` normalized as the pipeline does). */
  facts: RequestFacts;
  urlPath?: string;
}

/**
 * Compiles `policies` for one chain kind and runs one request through it, with the inputs the
 * pipeline would give (`src/engine/pipeline.ts`): normalized path (BASE), sidecar `remote.ip`.
 * Returns `undefined` for a request the HTTP codec would refuse before authorization.
 */
export function runEngine(
  policies: readonly AuthorizationPolicy[],
  request: RequestFacts,
  opts: { tcp: boolean; trustDomainBundle: readonly string[]; customAuthorizer?: (provider: string) => boolean },
): EngineRun | undefined {
  const build = { trustDomainBundle: opts.trustDomainBundle, extensionProviders: EXTENSION_PROVIDERS, enableMultipleCustomProviders: false };
  const built = opts.tcp ? buildTcpAuthz(policies, build) : buildHttpAuthz(policies, build);
  const chain = prepareAuthzChain(built.filters);
  const custom = opts.customAuthorizer ? { customAuthorizer: opts.customAuthorizer } : {};
  if (opts.tcp || !request.http) {
    const facts: RequestFacts = { ...request };
    delete facts.http;
    return { outcome: runAuthzChain(chain, { facts, trace: true, ...custom }, 'all'), facts };
  }
  const norm = normalizeRequestPath(request.http.path, 'BASE');
  if (!norm.ok) return undefined;
  const facts: RequestFacts = { ...request, http: { ...request.http, path: norm.path } };
  const remoteIp = facts.remoteIp ?? sidecarRemoteIp(facts);
  const ctx = { facts, urlPath: norm.urlPath, trace: true, ...custom, ...(remoteIp === undefined ? {} : { remoteIp }) };
  return { outcome: runAuthzChain(chain, ctx, 'all'), facts, urlPath: norm.urlPath };
}

export function runReference(
  policies: readonly AuthorizationPolicy[],
  run: EngineRun,
  opts: { tcp: boolean; trustDomainBundle: readonly string[] },
): ReferenceDecision {
  const request = run.urlPath === undefined ? { facts: run.facts } : { facts: run.facts, urlPath: run.urlPath };
  return referenceDecide(policies, request, { trustDomainBundle: opts.trustDomainBundle, tcp: opts.tcp });
}

/** `ns/name` of an outcome's deciding policy. */
export function decidingPolicy(o: AuthzOutcome): string | undefined {
  return o.policy ? `${o.policy.namespace}/${o.policy.name}` : undefined;
}
