/**
 * `computeReach`: for every attacker, every destination port it can reach and the classes of
 * requests that get through, each with a witness — computed symbolically from the compiled
 * RBAC (`compiled.http/tcp.filters`), mTLS modes and jwt_authn configs, not sampled.
 *
 * Cost. With W workloads, P ports each and C ALLOW alternatives per destination, the output alone
 * is O(W² · P · C). The expensive part — walking a destination's RBAC trees into literals, and
 * solving each class — is done once per destination (`destinationModel`) and once per distinct
 * vector of fixed-literal values (`classesFor`): attackers that no policy tells apart share one
 * result, so the per-pair work is evaluating the destination's fixed literals (identity, address,
 * port) against the attacker, O(L) for L fixed literals. Time therefore grows as
 * O(W · Σ_d L_d + D_sig · solve) — about linear in W × policies per destination.
 */
import type { CompiledMesh } from '../../compile/mesh.js';
import { workloadKey } from '../../compile/mesh.js';
import { spiffeIdOf } from '../../model/workload.js';
import { attackerName, DEFAULT_EXTERNAL_IP, DEFAULT_POD_IP, tokensHeld, transportsTo, type AttackerSpec, type Transport } from './attackers.js';
import { classesFor, type ReachClass } from './classes.js';
import { destinationModel, type DestinationModel, type PortModel } from './destination.js';
import { describeClass } from './describe.js';
import { SearchLimitError, solveRegion } from './region.js';
import type { AttackerReach, ReachEntry, ReachReport, ReachToken, ReachWitness } from './types.js';

export interface ReachOptions {
  /** Limit the attackers: `ns/name`, `external`, `in-cluster-plaintext`. Default: all. */
  attackers?: readonly string[];
  podIp?: string;
  externalIp?: string;
  /** Called after each attacker (for progress lines). */
  onProgress?: (done: number, total: number) => void;
}

/** One reachable class with what produced it, so it can be checked against the engine. */
export interface ReachItem {
  entry: ReachEntry;
  cls: ReachClass;
  dest: DestinationModel;
  port: PortModel;
  via?: { gateway: DestinationModel; port: PortModel; cls: ReachClass; transport: Transport };
  transport: Transport;
}

export interface AttackerResult {
  spec: AttackerSpec;
  name: string;
  identity: string | null;
  tokens: ReachToken[];
  items: ReachItem[];
}

export interface ReachResult {
  compiled: CompiledMesh;
  destinations: DestinationModel[];
  attackers: AttackerResult[];
}

const NO_SIDECAR = 'no sidecar: nothing enforced';

function noSidecarClass(): ReachClass {
  return { free: [], held: [], decidedBy: NO_SIDECAR, partial: [], assignment: { headers: new Map() } };
}

function witnessOf(cls: ReachClass, dest: DestinationModel, port: PortModel, t: Transport): ReachWitness {
  const a = cls.assignment;
  const headers: [string, string][] = [];
  for (const [n, lines] of a.headers) for (const v of lines) headers.push([n, v]);
  if (a.remoteIp !== undefined) headers.push(['x-forwarded-for', a.remoteIp]);
  headers.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const w: ReachWitness = { headers: port.protocol === 'HTTP' ? headers : [], plaintext: !t.connection.mtls };
  if (port.protocol === 'HTTP') {
    w.method = a.method ?? 'GET';
    w.path = a.path ?? '/';
    w.host = a.host ?? `${dest.workload.name}.${dest.workload.namespace}`;
    if (a.token) w.token = { issuer: a.token.issuer, claims: { ...a.token.claims } };
  }
  if (a.sni) w.sni = a.sni;
  return w;
}

function entryOf(cls: ReachClass, dest: DestinationModel, port: PortModel, t: Transport, held: readonly string[]): ReachEntry {
  const text = describeClass(cls, port.protocol === 'HTTP', held);
  return {
    to: dest.key,
    port: port.port,
    targetPort: port.targetPort,
    protocol: port.protocol,
    transport: t.transport,
    ...text,
    decidedBy: cls.decidedBy,
    witness: witnessOf(cls, dest, port, t),
  };
}

function chainOf(dest: DestinationModel, port: PortModel) {
  return port.protocol === 'HTTP' ? dest.httpChain : dest.tcpChain;
}

function direct(spec: AttackerSpec, dest: DestinationModel, port: PortModel, td: string, held: readonly string[]): ReachItem[] {
  const out: ReachItem[] = [];
  for (const t of transportsTo(spec, dest, port, td)) {
    const classes = dest.workload.proxy === 'none' ? [noSidecarClass()] : classesFor(dest, chainOf(dest, port), { connection: t.connection, preferIssuers: held });
    for (const cls of classes) out.push({ entry: entryOf(cls, dest, port, t, held), cls, dest, port, transport: t });
  }
  return out;
}

/** What the external client reaches behind gateway class `g`, with the gateway's identity. */
function viaGateway(g: ReachItem, dest: DestinationModel, port: PortModel, td: string): ReachItem[] {
  const gw = g.dest.workload;
  const out: ReachItem[] = [];
  const gwSpec: AttackerSpec = { kind: 'workload', workload: gw };
  // The gateway proxy originates the connection: its identity, never a bypass.
  const t = transportsTo(gwSpec, dest, port, td)[0];
  if (!t || t.caller.kind !== 'workload' || t.caller.bypassSidecar) return out;
  const classes = dest.workload.proxy === 'none' ? [noSidecarClass()] : classesFor(dest, chainOf(dest, port), { connection: t.connection, preferIssuers: [] });
  for (const c of classes) {
    const free = [...g.cls.free, ...c.free];
    const configs = [g.dest.jwt, port.protocol === 'HTTP' ? dest.jwt : undefined].filter((x): x is NonNullable<typeof x> => x !== undefined);
    let cls: ReachClass;
    try {
      const region = solveRegion(dest.solver, free, [...g.cls.partial, ...c.partial], { configs, preferIssuers: [] });
      if (!region) continue;
      cls = { ...c, free, held: [...g.cls.held, ...c.held], partial: region.partial, assignment: region.assignment };
    } catch (e) {
      if (!(e instanceof SearchLimitError)) throw e;
      cls = { ...c, free, unresolved: true };
    }
    const entry: ReachEntry = { ...entryOf(cls, dest, port, t, []), via: g.dest.key };
    entry.witness = { ...entry.witness, plaintext: true };
    out.push({ entry, cls, dest, port, transport: t, via: { gateway: g.dest, port: g.port, cls: g.cls, transport: g.transport } });
  }
  return out;
}

function sortItems(items: ReachItem[]): ReachItem[] {
  const key = (i: ReachItem): string =>
    [i.entry.to, String(i.entry.port).padStart(5, '0'), i.entry.protocol, i.entry.transport, i.entry.via ?? '', i.entry.decidedBy, JSON.stringify(i.entry.methods), JSON.stringify(i.entry.paths), JSON.stringify(i.entry.witness)].join('\u0000');
  return items.map((i) => [key(i), i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, i]) => i);
}

/** All attackers, or those named in `only`. */
export function attackerSpecs(compiled: CompiledMesh, opts: ReachOptions = {}): AttackerSpec[] {
  const all: AttackerSpec[] = [...compiled.workloads.values()].map((cw) => ({ kind: 'workload' as const, workload: cw.workload }));
  all.sort((a, b) => (attackerName(a) < attackerName(b) ? -1 : 1));
  all.push({ kind: 'in-cluster-plaintext', ip: opts.podIp ?? DEFAULT_POD_IP }, { kind: 'external', ip: opts.externalIp ?? DEFAULT_EXTERNAL_IP });
  if (!opts.attackers || opts.attackers.length === 0) return all;
  return all.filter((a) => opts.attackers!.includes(attackerName(a)));
}

export function computeReach(compiled: CompiledMesh, opts: ReachOptions = {}): ReachResult {
  const td = compiled.mesh.trustDomain;
  const destinations = [...compiled.workloads.values()].map((cw) => destinationModel(cw, compiled.mesh.numTrustedProxies)).sort((a, b) => (a.key < b.key ? -1 : 1));
  const specs = attackerSpecs(compiled, opts);
  const attackers: AttackerResult[] = [];
  specs.forEach((spec, n) => {
    const cw = spec.kind === 'workload' ? compiled.workloads.get(workloadKey(spec.workload)) : undefined;
    const tokens = tokensHeld(cw);
    const held = tokens.map((t) => t.issuer);
    const items: ReachItem[] = [];
    for (const dest of destinations) for (const port of dest.ports) items.push(...direct(spec, dest, port, td, held));
    if (spec.kind === 'external') {
      const gates = items.filter((i) => i.dest.workload.proxy === 'gateway' && i.port.protocol === 'HTTP');
      for (const g of gates) for (const dest of destinations) {
        if (dest === g.dest) continue;
        for (const port of dest.ports) items.push(...viaGateway(g, dest, port, td));
      }
    }
    attackers.push({
      spec,
      name: attackerName(spec),
      identity: spec.kind === 'workload' && spec.workload.proxy !== 'none' ? spiffeIdOf(spec.workload, td) : null,
      tokens,
      items: sortItems(items),
    });
    opts.onProgress?.(n + 1, specs.length);
  });
  return { compiled, destinations, attackers };
}

/** The JSON report (`-o json`). */
export function toReport(r: ReachResult): ReachReport {
  const attackers: AttackerReach[] = r.attackers.map((a) => ({ attacker: a.name, identity: a.identity, tokens: a.tokens, reachable: a.items.map((i) => i.entry) }));
  let entries = 0;
  let pairs = 0;
  let unresolved = 0;
  for (const a of r.attackers) {
    entries += a.items.length;
    pairs += new Set(a.items.map((i) => i.entry.to)).size;
    unresolved += a.items.filter((i) => i.cls.unresolved).length;
  }
  return { attackers, summary: { attackers: attackers.length, destinations: r.destinations.length, entries, pairs, unresolved } };
}
