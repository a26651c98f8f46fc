/**
 * Who attacks, and how it can connect (spec §5.4, the engine's caller model):
 * - a compromised workload holds its sidecar's mTLS identity (auto-mTLS to a sidecar destination
 *   unless the destination port is DISABLE) and may also bypass its sidecar and speak plaintext
 *   from its own pod IP; it holds the tokens its own jwt_authn validates and forwards
 *   (`forwardOriginalToken: true`, spec §6.2) — those it can replay;
 * - `in-cluster-plaintext`: a pod without a sidecar, with some pod IP;
 * - `external`: a client outside the cluster, which reaches the ingress gateways directly and,
 *   through them, whatever the gateway identity reaches on its behalf.
 * STRICT refuses every plaintext connection (spec §5.4).
 */
import type { CompiledWorkload } from '../../compile/mesh.js';
import { workloadKey } from '../../compile/mesh.js';
import { compileJwtAuthn } from '../../compile/request-authn.js';
import type { Caller } from '../../engine/pipeline.js';
import type { ConnectionFacts } from '../../model/request.js';
import { spiffeIdOf, type Workload } from '../../model/workload.js';
import type { DestinationModel, PortModel } from './destination.js';
import type { ReachToken } from './types.js';

export type AttackerSpec =
  | { kind: 'workload'; workload: Workload }
  | { kind: 'in-cluster-plaintext'; ip: string }
  | { kind: 'external'; ip: string };

/** Where an in-cluster pod without a sidecar sends from, and where an outside client does. */
export const DEFAULT_POD_IP = '10.244.255.250';
export const DEFAULT_EXTERNAL_IP = '203.0.113.7';

export function attackerName(a: AttackerSpec): string {
  return a.kind === 'workload' ? workloadKey(a.workload) : a.kind;
}

export interface Transport {
  transport: 'mtls' | 'plaintext';
  connection: ConnectionFacts;
  /** The engine caller that sends it, for witness checks. */
  caller: Caller;
}

/** Shared by every plaintext connection (the facts are read-only). */
const NO_PEER: readonly string[] = Object.freeze([]);

/**
 * The connection `a` makes to `port` of `dest` with (`mtls: true`) or without mTLS, or undefined
 * when it cannot (self, STRICT, outside). A workload with a sidecar gets auto-mTLS to a sidecar
 * port that is not DISABLE, and then speaks plaintext only by bypassing its sidecar.
 */
export function transportFor(a: AttackerSpec, dest: DestinationModel, port: PortModel, trustDomain: string, mtls: boolean): Transport | undefined {
  const d = dest.workload;
  const autoMtls = port.mode !== 'DISABLE' && d.proxy === 'sidecar';
  if (mtls) {
    if (a.kind !== 'workload' || a.workload === d || a.workload.proxy === 'none' || !autoMtls) return undefined;
    return { transport: 'mtls', connection: connectionFacts(true, [spiffeIdOf(a.workload, trustDomain)], a.workload.ip, port, d), caller: { kind: 'workload', workload: a.workload } };
  }
  // A STRICT sidecar port has no plaintext filter chain (gateways are never governed by PeerAuthentication).
  if (d.proxy === 'sidecar' && port.mode === 'STRICT') return undefined;
  if (a.kind === 'workload') {
    const w = a.workload;
    if (w === d) return undefined;
    const caller: Caller = w.proxy !== 'none' && autoMtls ? { kind: 'workload', workload: w, bypassSidecar: true } : { kind: 'workload', workload: w };
    return { transport: 'plaintext', connection: connectionFacts(false, NO_PEER, w.ip, port, d), caller };
  }
  if (a.kind === 'in-cluster-plaintext' || d.proxy === 'gateway') {
    return { transport: 'plaintext', connection: connectionFacts(false, NO_PEER, a.ip, port, d), caller: { kind: 'external', ip: a.ip } };
  }
  return undefined;
}

function connectionFacts(mtls: boolean, peer: readonly string[], sourceIp: string | undefined, port: PortModel, d: Workload): ConnectionFacts {
  const c: ConnectionFacts = { peerPrincipals: peer, mtls, destinationPort: port.targetPort };
  if (sourceIp !== undefined) c.sourceIp = sourceIp;
  if (d.ip !== undefined) c.destinationIp = d.ip;
  return c;
}

/** How `a` can connect to `port` of `dest` (mTLS first); empty when it cannot. */
export function transportsTo(a: AttackerSpec, dest: DestinationModel, port: PortModel, trustDomain: string): Transport[] {
  return [transportFor(a, dest, port, trustDomain, true), transportFor(a, dest, port, trustDomain, false)].filter((t): t is Transport => t !== undefined);
}

/** Tokens that reach the workload and stay in the request: replayable by whoever controls it. */
export function tokensHeld(cw: CompiledWorkload | undefined): ReachToken[] {
  const cfg = cw ? compileJwtAuthn(cw.requestAuthentications) : undefined;
  const out: ReachToken[] = [];
  for (const p of cfg?.providers ?? []) {
    if (!p.forward) continue;
    const src = `${p.source.namespace}/${p.source.name}`;
    out.push({
      issuer: p.issuer,
      audiences: [...p.audiences].sort(),
      replayable: true,
      why: `\`${src}\` validates tokens of this issuer at this workload and forwards them (forwardOriginalToken: true), so the application receives them`,
    });
  }
  return out.sort((x, y) => (x.issuer < y.issuer ? -1 : x.issuer > y.issuer ? 1 : 0));
}
