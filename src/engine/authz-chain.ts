/**
 * Runs the authorization filters istiod generates for one workload, in order, as Envoy would
 * (spec §2.1, §2.10, §2.11): CUSTOM pairs [RBAC(shadow) + ext_authz] per provider, then (after
 * jwt_authn, which the pipeline runs between the phases) RBAC LOG → DENY → ALLOW.
 *
 * RBAC filter (Envoy `source/extensions/filters/http/rbac/rbac_filter.cc`, network twin alike):
 * shadow rules are evaluated first and only write dynamic metadata
 * `<shadowRulesStatPrefix>shadow_effective_policy_id` / `…shadow_engine_result` under the filter's
 * name; then the enforced rules decide. A denial stops the chain: HTTP 403 `RBAC: access denied`,
 * network filters close the connection. ext_authz (`filterEnabledMetadata`) runs only when the
 * metadata left by the preceding RBAC filter matches, i.e. a CUSTOM rule of its provider matched;
 * then the authorizer decides, and no authorizer means deny (fail closed).
 */
import type { DecisionReason, DecisionStage, PolicyRef, ShadowVerdict, TraceStep } from '../model/decision.js';
import type { AuthzFilter, MetadataMatcher } from '../model/envoy-rbac.js';
import { MeshwardError } from '../model/errors.js';
import type { RequestFacts } from '../model/request.js';
import type { AuthorizationAction } from '../model/resources.js';
import { compileMetadataMatcher, type CompiledMetadataMatcher } from './rbac/metadata-matcher.js';
import { PolicyRefCache } from './rbac/policy-ref.js';
import { prepareRbac, type PreparedPolicy, type PreparedRbac, type RbacAction } from './rbac/prepare.js';
import { RbacRequest } from './rbac/request-view.js';

type Phase = 'custom' | 'local';

interface RbacStep {
  kind: 'rbac';
  phase: Phase;
  network: boolean;
  /** Dynamic metadata namespace: the filter name. */
  filterName: string;
  shadowPrefix: string;
  /** Shadow rules of a CUSTOM provider: the ext_authz trigger, not dry-run policies. */
  customTrigger: boolean;
  enforced?: PreparedRbac;
  shadow?: PreparedRbac;
}

interface ExtAuthzStep {
  kind: 'ext_authz';
  phase: Phase;
  network: boolean;
  provider: string;
  enabledBy?: CompiledMetadataMatcher;
}

/** A filter list compiled once, run for many requests. */
export interface PreparedAuthzChain {
  readonly steps: readonly (RbacStep | ExtAuthzStep)[];
  /** Policy keys parsed once per config, not once per decision. */
  readonly refs: PolicyRefCache;
}

export interface AuthzContext {
  facts: RequestFacts;
  /** Normalized `:path`, query kept; defaults to the raw path minus fragment. */
  path?: string;
  /** Normalized, query-less path; defaults to `path` without its query. */
  urlPath?: string;
  /** `remote.ip` as Envoy derived it (see `sidecarRemoteIp`); defaults to `facts.remoteIp`, then the peer. */
  remoteIp?: string;
  trace: boolean;
  /** The ext_authz verdict; absent → deny (fail closed). */
  customAuthorizer?: (provider: string, facts: RequestFacts) => boolean;
}

export interface AuthzOutcome {
  allowed: boolean;
  status: 200 | 403 | 'reset';
  reason: DecisionReason;
  policy?: PolicyRef;
  /** `RBAC: access denied` for an HTTP RBAC denial. */
  message?: string;
  trace: TraceStep[];
  shadow: ShadowVerdict[];
  audited: PolicyRef[];
  /** Dynamic metadata the filters wrote (filter name → fields), e.g. shadow results. */
  dynamicMetadata: Record<string, Record<string, unknown>>;
}

const EXT_AUTHZ_PREFIX = 'istio-ext-authz-';
const EXT_AUTHZ_STAT_PREFIX = 'istio_ext_authz_';
const ACTION: Record<RbacAction, AuthorizationAction> = { ALLOW: 'ALLOW', DENY: 'DENY', LOG: 'AUDIT' };
const STAGE: Record<RbacAction, DecisionStage> = { ALLOW: 'allow', DENY: 'deny', LOG: 'audit' };

function prepareRbacStep(f: AuthzFilter & { name: 'envoy.filters.http.rbac' | 'envoy.filters.network.rbac' }): RbacStep {
  const c = f.typedConfig as { rules?: Parameters<typeof prepareRbac>[0]; shadowRules?: Parameters<typeof prepareRbac>[0]; shadowRulesStatPrefix?: string };
  const keys = [...Object.keys(c.rules?.policies ?? {}), ...Object.keys(c.shadowRules?.policies ?? {})];
  const customTrigger = c.shadowRulesStatPrefix === EXT_AUTHZ_STAT_PREFIX;
  const step: RbacStep = {
    kind: 'rbac',
    phase: customTrigger || (keys.length > 0 && keys.every((k) => k.startsWith(EXT_AUTHZ_PREFIX))) ? 'custom' : 'local',
    network: f.name === 'envoy.filters.network.rbac',
    filterName: f.name,
    shadowPrefix: c.shadowRulesStatPrefix ?? '',
    customTrigger,
  };
  if (c.rules) step.enforced = prepareRbac(c.rules);
  if (c.shadowRules) step.shadow = prepareRbac(c.shadowRules);
  return step;
}

function prepareExtAuthzStep(f: AuthzFilter): ExtAuthzStep {
  const fem = (f.typedConfig as { filterEnabledMetadata?: MetadataMatcher }).filterEnabledMetadata;
  const prefix = fem?.value?.stringMatch?.prefix;
  const step: ExtAuthzStep = {
    kind: 'ext_authz',
    phase: 'custom',
    network: f.name === 'envoy.filters.network.ext_authz',
    provider: prefix?.startsWith(EXT_AUTHZ_PREFIX) ? prefix.slice(EXT_AUTHZ_PREFIX.length) : '',
  };
  if (fem) step.enabledBy = compileMetadataMatcher(fem);
  return step;
}

/**
 * Compiles the filters `buildHttpAuthz` / `buildTcpAuthz` produce. Throws `ERR_RBAC_CONFIG` for
 * a filter or matcher Envoy would reject.
 */
export function prepareAuthzChain(filters: readonly AuthzFilter[]): PreparedAuthzChain {
  const steps = filters.map((f) => {
    if (f.name === 'envoy.filters.http.rbac' || f.name === 'envoy.filters.network.rbac') return prepareRbacStep(f);
    if (f.name === 'envoy.filters.http.ext_authz' || f.name === 'envoy.filters.network.ext_authz') return prepareExtAuthzStep(f);
    throw new MeshwardError('ERR_RBAC_CONFIG', `unsupported authorization filter \`${String((f as { name: unknown }).name)}\``);
  });
  return { steps, refs: new PolicyRefCache() };
}

function stageOf(key: string, action: RbacAction): DecisionStage {
  return key.startsWith(EXT_AUTHZ_PREFIX) ? 'custom' : STAGE[action];
}

/** Traced evaluation: every policy tested, in Envoy's order, until the first match (or all, for LOG). */
function evaluateTraced(refs: PolicyRefCache, rbac: PreparedRbac, req: RbacRequest, dryRun: boolean, all: boolean, trace: TraceStep[]): PreparedPolicy[] {
  const hits: PreparedPolicy[] = [];
  for (const p of rbac.policies) {
    const matched = p.test(req);
    const policy = refs.get(p.key, ACTION[rbac.action], dryRun);
    const detail = matched ? (dryRun ? 'matched (dry run, not enforced)' : 'matched') : p.explain(req);
    trace.push({ stage: stageOf(p.key, rbac.action), policy, matched, detail });
    if (matched) {
      hits.push(p);
      if (!all) break;
    }
  }
  return hits;
}

function firstOf(refs: PolicyRefCache, rbac: PreparedRbac, req: RbacRequest, dryRun: boolean, trace: TraceStep[] | undefined): PreparedPolicy | undefined {
  return trace ? evaluateTraced(refs, rbac, req, dryRun, false, trace)[0] : rbac.firstMatch(req);
}

function runShadow(refs: PolicyRefCache, step: RbacStep, shadow: PreparedRbac, req: RbacRequest, out: AuthzOutcome, trace: TraceStep[] | undefined): void {
  const dryRun = !step.customTrigger;
  const hit = firstOf(refs, shadow, req, dryRun, trace);
  const allowed = shadow.action === 'ALLOW' ? hit !== undefined : shadow.action === 'DENY' ? hit === undefined : true;
  const fields: Record<string, unknown> = {};
  if (hit) fields[`${step.shadowPrefix}shadow_effective_policy_id`] = hit.key;
  fields[`${step.shadowPrefix}shadow_engine_result`] = allowed ? 'allowed' : 'denied';
  req.writeMetadata(step.filterName, fields);
  if (!dryRun) return;
  const result = allowed ? 'allowed' : 'denied';
  if (hit) {
    out.shadow.push({ policy: refs.get(hit.key, ACTION[shadow.action], true), result });
    return;
  }
  // No dry-run policy matched: the verdict is owed to each dry-run policy of the set, by name.
  const seen = new Set<string>();
  for (const p of shadow.policies) {
    const ref = refs.get(p.key, ACTION[shadow.action], true);
    const id = `${ref.namespace}/${ref.name}`;
    if (seen.has(id)) continue;
    seen.add(id);
    delete ref.rule;
    out.shadow.push({ policy: ref, result });
  }
}

function finish(req: RbacRequest, out: AuthzOutcome): AuthzOutcome {
  if (req.written) out.dynamicMetadata = req.written;
  return out;
}

function deny(out: AuthzOutcome, network: boolean, reason: DecisionReason, policy: PolicyRef | undefined, rbac: boolean): void {
  out.allowed = false;
  out.status = network ? 'reset' : 403;
  out.reason = reason;
  if (policy) out.policy = policy;
  else delete out.policy;
  if (rbac && !network) out.message = 'RBAC: access denied';
}

/**
 * Runs the chain for one request. `phase` selects the CUSTOM filters, the local RBAC filters, or
 * both (`all`), so the caller can run jwt_authn in between, as Envoy's filter order does.
 */
export function runAuthzChain(chain: PreparedAuthzChain, ctx: AuthzContext, phase: 'custom' | 'local' | 'all'): AuthzOutcome {
  const req = new RbacRequest(ctx.facts, ctx);
  const trace = ctx.trace ? ([] as TraceStep[]) : undefined;
  const out: AuthzOutcome = { allowed: true, status: 200, reason: 'allowed-no-allow-policy', trace: trace ?? [], shadow: [], audited: [], dynamicMetadata: {} };

  for (const step of chain.steps) {
    if (phase !== 'all' && step.phase !== phase) continue;
    if (step.kind === 'ext_authz') {
      const enabled = !step.enabledBy || step.enabledBy.test((f) => req.metadata(f));
      if (!enabled) {
        trace?.push({ stage: 'custom', matched: false, detail: `ext_authz \`${step.provider}\` not called: no CUSTOM rule of the provider matched` });
        continue;
      }
      const rbacFilter = step.network ? 'envoy.filters.network.rbac' : 'envoy.filters.http.rbac';
      const id = req.metadata(rbacFilter)?.[`${EXT_AUTHZ_STAT_PREFIX}shadow_effective_policy_id`];
      const policy = typeof id === 'string' ? chain.refs.get(id, 'CUSTOM', false) : undefined;
      const verdict = ctx.customAuthorizer ? ctx.customAuthorizer(step.provider, ctx.facts) : false;
      const who = ctx.customAuthorizer ? `ext_authz \`${step.provider}\`` : `no authorizer for \`${step.provider}\` (fail closed)`;
      const t: TraceStep = { stage: 'custom', matched: verdict, detail: `${who} ${verdict ? 'allowed' : 'denied'} the request` };
      if (policy) t.policy = policy;
      trace?.push(t);
      if (!verdict) {
        deny(out, step.network, 'denied-by-custom', policy, false);
        return finish(req, out);
      }
      continue;
    }
    if (step.shadow) runShadow(chain.refs, step, step.shadow, req, out, trace);
    const rbac = step.enforced;
    if (!rbac) continue;
    if (rbac.action === 'LOG') {
      const hits = trace ? evaluateTraced(chain.refs, rbac, req, false, true, trace) : rbac.allMatches(req);
      for (const h of hits) out.audited.push(chain.refs.get(h.key, 'AUDIT', false));
      req.writeMetadata('envoy.common', { access_log_policy: hits.length > 0 });
      continue;
    }
    const hit = firstOf(chain.refs, rbac, req, false, trace);
    if (rbac.action === 'ALLOW') {
      if (hit) {
        out.reason = 'allowed-by-policy';
        out.policy = chain.refs.get(hit.key, 'ALLOW', false);
        continue;
      }
      trace?.push({ stage: 'allow', matched: false, detail: rbac.policies.length === 0 ? 'the ALLOW rule set is empty, so nothing is allowed' : 'no ALLOW policy matched' });
      deny(out, step.network, 'denied-no-allow-match', undefined, true);
      return finish(req, out);
    }
    if (hit) {
      const custom = hit.key.startsWith(EXT_AUTHZ_PREFIX);
      deny(out, step.network, custom ? 'denied-by-custom' : 'denied-by-policy', chain.refs.get(hit.key, 'DENY', false), true);
      return finish(req, out);
    }
  }
  return finish(req, out);
}
