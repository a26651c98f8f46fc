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

/** How `a` can connect to `port` of `dest`; empty when it cannot (self, STRICT, outside). */
export function transportsTo(a: AttackerSpec, dest: DestinationModel, port: PortModel, trustDomain: string): Transport[] {
  const d = dest.workload;
  const base = (mtls: boolean, peer: string[], ip: string | undefined): ConnectionFacts => ({
    peerPrincipals: peer,
    mtls,
    destinationPort: port.targetPort,
    ...(ip !== undefined ? { sourceIp: ip } : {}),
    ...(d.ip !== undefined ? { destinationIp: d.ip } : {}),
  });
  const out: Transport[] = [];
  if (a.kind === 'workload') {
    const w = a.workload;
    if (w === d) return [];
    if (w.proxy !== 'none') {
      const mtls = port.mode !== 'DISABLE' && d.proxy === 'sidecar';
      out.push({ transport: mtls ? 'mtls' : 'plaintext', connection: base(mtls, mtls ? [spiffeIdOf(w, trustDomain)] : [], w.ip), caller: { kind: 'workload', workload: w } });
      if (mtls) out.push({ transport: 'plaintext', connection: base(false, [], w.ip), caller: { kind: 'workload', workload: w, bypassSidecar: true } });
    } else {
      out.push({ transport: 'plaintext', connection: base(false, [], w.ip), caller: { kind: 'workload', workload: w } });
    }
  } else if (a.kind === 'in-cluster-plaintext' || d.proxy === 'gateway') {
    out.push({ transport: 'plaintext', connection: base(false, [], a.ip), caller: { kind: 'external', ip: a.ip } });
  }
  // A STRICT sidecar port has no plaintext filter chain (gateways are never governed by PeerAuthentication).
  return out.filter((t) => t.connection.mtls || d.proxy !== 'sidecar' || port.mode !== 'STRICT');
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
