/**
 * One destination workload, walked once for every attacker: its HTTP and TCP authorization
 * filters (`compiled.http.filters` / `compiled.tcp.filters`, the Envoy RBAC istiod generates) as
 * symbolic ALLOW and DENY alternatives, its ports with their effective mTLS mode (spec §5.3), and
 * its jwt_authn config (spec §6.1).
 *
 * Filter semantics follow the engine's chain (spec §2.1, §2.10, §2.11): enforced DENY rules deny,
 * an enforced ALLOW rule set (even an empty one) makes the workload default-deny, LOG and dry-run
 * shadow rules never decide, and a CUSTOM trigger (shadow rules under `istio_ext_authz_`) sends
 * the request to an authorizer meshward cannot ask — counted as denied, as the engine does when no
 * authorizer is given (fail closed). CUSTOM rules run before jwt_authn, so they see no claims.
 */
import type { CompiledWorkload } from '../../compile/mesh.js';
import { workloadKey } from '../../compile/mesh.js';
import { mtlsModeForPort, type EffectiveMode } from '../../compile/peer-authn.js';
import { compileJwtAuthn, type JwtAuthnConfig } from '../../compile/request-authn.js';
import type { AuthzFilter, RbacRules } from '../../model/envoy-rbac.js';
import { isHttpProtocol, type PortProtocol, type Workload } from '../../model/workload.js';
import { compareKeys } from '../../engine/rbac/prepare.js';
import { parsePolicyKey } from '../../engine/rbac/policy-ref.js';
import { LiteralTable, policyAlternatives, type Alternative } from './literals.js';
import { Solver } from './solve.js';

export interface PolicyAlternatives {
  /** RBAC key, e.g. `ns[production]-policy[authz]-rule[1]`. */
  key: string;
  /** `production/authz rule[1]`. */
  ref: string;
  kind: 'allow' | 'deny' | 'custom';
  alts: Alternative[];
}

/** One filter chain (HTTP or TCP) in symbolic form. */
export interface ChainModel {
  http: boolean;
  /** Absent when no enforced ALLOW rule set exists: everything not denied is allowed (spec §2.1 step 5). */
  allow?: PolicyAlternatives[];
  /** DENY rules and CUSTOM triggers, in filter order. */
  denies: PolicyAlternatives[];
  /** Where negated literals are made (DENY alternatives are subtracted literal by literal). */
  table: LiteralTable;
}

export interface PortModel {
  port: number;
  targetPort: number;
  declared: PortProtocol;
  /** `HTTP` chains see HTTP attributes and JWT; an UNKNOWN (sniffed) port is analysed both ways. */
  protocol: 'HTTP' | 'TCP';
  mode: EffectiveMode;
}

export interface DestinationModel {
  key: string;
  workload: Workload;
  compiled: CompiledWorkload;
  ports: PortModel[];
  httpChain: ChainModel;
  tcpChain: ChainModel;
  jwt?: JwtAuthnConfig;
  solver: Solver;
}

const EXT_AUTHZ_STAT_PREFIX = 'istio_ext_authz_';

function refOf(key: string): string {
  const k = parsePolicyKey(key);
  return k ? `${k.namespace}/${k.name} rule[${k.rule}]` : key;
}

function alternativesOf(rules: RbacRules, kind: PolicyAlternatives['kind'], table: LiteralTable): PolicyAlternatives[] {
  const keys = Object.keys(rules.policies ?? {}).sort(compareKeys);
  return keys.map((key) => ({ key, ref: refOf(key), kind, alts: policyAlternatives(rules.policies![key]!, table) }));
}

/** The chain of one protocol as ALLOW and DENY alternatives. */
export function chainModel(filters: readonly AuthzFilter[], http: boolean, remoteIpFixed: boolean): ChainModel {
  const local = new LiteralTable({ http, remoteIpFixed });
  const early = new LiteralTable({ http, remoteIpFixed, claimsAbsent: true });
  const out: ChainModel = { http, denies: [], table: local };
  for (const f of filters) {
    if (f.name !== 'envoy.filters.http.rbac' && f.name !== 'envoy.filters.network.rbac') continue;
    const c = f.typedConfig;
    const trigger = c.shadowRulesStatPrefix === EXT_AUTHZ_STAT_PREFIX;
    const keys = [...Object.keys(c.rules?.policies ?? {}), ...Object.keys(c.shadowRules?.policies ?? {})];
    const customPhase = trigger || (keys.length > 0 && keys.every((k) => k.startsWith('istio-ext-authz-')));
    const table = customPhase ? early : local;
    if (trigger && c.shadowRules) out.denies.push(...alternativesOf(c.shadowRules, 'custom', table));
    if (!c.rules) continue;
    if (c.rules.action === 'DENY') out.denies.push(...alternativesOf(c.rules, customPhase ? 'custom' : 'deny', table));
    else if (c.rules.action === undefined) (out.allow ??= []).push(...alternativesOf(c.rules, 'allow', table));
  }
  return out;
}

/** Precomputes everything about `cw` that does not depend on the attacker. */
export function destinationModel(cw: CompiledWorkload, numTrustedProxies: number): DestinationModel {
  const w = cw.workload;
  const gatewayPeerIp = w.proxy === 'gateway' && numTrustedProxies === 0;
  const ports: PortModel[] = [];
  for (const p of w.ports) {
    const mode: EffectiveMode = w.proxy === 'gateway' ? 'PERMISSIVE' : mtlsModeForPort(cw.peerAuthn, p.targetPort);
    const kinds: ('HTTP' | 'TCP')[] = isHttpProtocol(p.protocol) ? ['HTTP'] : p.protocol === 'UNKNOWN' ? ['HTTP', 'TCP'] : ['TCP'];
    for (const protocol of kinds) ports.push({ port: p.port, targetPort: p.targetPort, declared: p.protocol, protocol, mode });
  }
  const jwt = compileJwtAuthn(cw.requestAuthentications);
  return {
    key: workloadKey(w),
    workload: w,
    compiled: cw,
    ports,
    httpChain: chainModel(cw.http.filters, true, gatewayPeerIp),
    tcpChain: chainModel(cw.tcp.filters, false, true),
    ...(jwt ? { jwt } : {}),
    solver: new Solver({ host: `${w.name}.${w.namespace}` }),
  };
}
