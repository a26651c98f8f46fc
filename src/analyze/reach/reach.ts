/**
 * `computeReach`: for every attacker, every destination port it can reach and the classes of
 * requests that get through, each with a witness — computed symbolically from the compiled
 * RBAC (`compiled.http/tcp.filters`), mTLS modes and jwt_authn configs, not sampled.
 *
 * Cost. W workloads, D = W destinations, P ports each. Walking a destination's RBAC into
 * literals is done once per destination (`destinationModel`), solving a class once per distinct
 * vector of fixed-literal values (`classesFor`'s memo). Workload attackers are not evaluated pair
 * by pair: per destination chain they are split into cells that no condition of the chain tells
 * apart (`grouping.ts`: exact principals are looked up, each principal pattern or CIDR of the mesh
 * is evaluated once per attacker into a bitset), and each cell costs one `classesFor` call
 * (`matrix.ts`). Time is therefore
 *   O(W · U  +  D · P · cells · W/32  +  output)
 * with U the distinct caller-dependent leaves of the mesh (namespaces, IP blocks) and cells
 * typically a handful; the W² pair loop is gone. The output itself can be quadratic (a sidecar-less
 * workload is reachable by every attacker) and then dominates. Measured (bench/reach.bench.ts,
 * Node 20, 2 shared cores): 1,000 workloads / 2,000 policies 0.6–0.7 s (per pair: 6.7–11 s);
 * 10,000 / 20,000 about 7 s and 1.2 GB, of which most is its 2.2 M output entries (without
 * sidecar-less workloads, 190 k entries: 4.5 s, 0.66 GB). The two non-workload attackers
 * (`in-cluster-plaintext`, `external`) are computed pair by pair, O(D · P · L).
 */
import type { CompiledMesh } from '../../compile/mesh.js';
import { workloadKey } from '../../compile/mesh.js';
import { spiffeIdOf } from '../../model/workload.js';
import { attackerName, DEFAULT_EXTERNAL_IP, DEFAULT_POD_IP, tokensHeld, transportsTo, type AttackerSpec, type Transport } from './attackers.js';
import { workloadMatrix, type MatrixHooks, type WorkloadSpec } from './matrix.js';
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
  /** Called after each attacker's list is assembled (for progress lines). */
  onProgress?: (done: number, total: number) => void;
  /**
   * `grouped` (default): workload attackers destination by destination, one computation per group
   * of attackers a chain cannot tell apart (`matrix.ts`). `per-pair`: every attacker × destination
   * evaluated on its own — the reference the grouped computation is tested against.
   */
  strategy?: 'grouped' | 'per-pair';
}

/** One reachable class with what produced it, so it can be checked against the engine. */
export interface ReachItem {
  /** Read-only: one entry object may be shared by several attackers' items (`matrix.ts`). */
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

/** The classes `t` reaches at `dest:port`. */
function directClasses(dest: DestinationModel, port: PortModel, t: Transport, held: readonly string[]): ReachClass[] {
  return dest.workload.proxy === 'none' ? [noSidecarClass()] : classesFor(dest, chainOf(dest, port), { connection: t.connection, preferIssuers: held });
}

/** One attacker × one destination port, on its own. */
function direct(spec: AttackerSpec, dest: DestinationModel, port: PortModel, td: string, held: readonly string[]): ReachItem[] {
  const out: ReachItem[] = [];
  for (const t of transportsTo(spec, dest, port, td)) {
    for (const cls of directClasses(dest, port, t, held)) out.push({ entry: entryOf(cls, dest, port, t, held), cls, dest, port, transport: t });
  }
  return out;
}

const HOOKS: MatrixHooks = { classes: directClasses, entry: entryOf };

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

/** Sort keys, per entry (entries are shared between attackers by `matrix.ts`). */
const sortKeys = new WeakMap<ReachEntry, string>();

function sortKey(e: ReachEntry): string {
  let k = sortKeys.get(e);
  if (k === undefined) {
    k = [e.to, String(e.port).padStart(5, '0'), e.protocol, e.transport, e.via ?? '', e.decidedBy, JSON.stringify(e.methods), JSON.stringify(e.paths), JSON.stringify(e.witness)].join('\u0000');
    sortKeys.set(e, k);
  }
  return k;
}

function sortItems(items: ReachItem[]): ReachItem[] {
  return items.map((i) => [sortKey(i.entry), i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, i]) => i);
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
  const tokens = specs.map((spec) => tokensHeld(spec.kind === 'workload' ? compiled.workloads.get(workloadKey(spec.workload)) : undefined));
  const grouped = opts.strategy !== 'per-pair';
  const inMatrix = specs.map((s) => grouped && s.kind === 'workload');
  const matrix = workloadMatrix(
    specs.filter((_, n) => inMatrix[n]) as WorkloadSpec[],
    tokens.filter((_, n) => inMatrix[n]).map((ts) => ts.map((t) => t.issuer)),
    destinations,
    td,
    HOOKS,
  );
  let m = 0;
  const attackers: AttackerResult[] = [];
  specs.forEach((spec, n) => {
    const held = (tokens[n] as ReachToken[]).map((t) => t.issuer);
    let items: ReachItem[] = [];
    if (inMatrix[n]) items = matrix[m++] as ReachItem[];
    else for (const dest of destinations) for (const port of dest.ports) items.push(...direct(spec, dest, port, td, held));
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
      tokens: tokens[n] as ReachToken[],
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
