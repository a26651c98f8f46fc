/**
 * The workload-attacker × destination matrix, destination by destination (see `grouping.ts`):
 * per destination port and connection kind, one `classesFor` call per cell of attackers that the
 * chain cannot tell apart (and per set of replayable token issuers), one per attacker an exact
 * principal names; then each member of a cell with classes gets its items. Cells whose classes
 * are empty cost nothing per member, so the work per destination is O(cells · W/32) word
 * operations plus the output, instead of evaluating every fixed literal for every attacker.
 *
 * The items are exactly those the per-pair computation (`direct` in `reach.ts`) produces, in the
 * same order per attacker (destination, port, mTLS before plaintext, class order); entries of
 * one class, connection kind and issuer set are shared between attackers (they do not depend
 * on who sends: the witness carries no identity). Tested against the per-pair computation.
 */
import { MeshwardError } from '../../model/errors.js';
import { transportFor, type AttackerSpec, type Transport } from './attackers.js';
import type { ReachClass } from './classes.js';
import type { DestinationModel, PortModel } from './destination.js';
import { AttackerIndex, bitsOf, members, type Bits } from './grouping.js';
import type { ReachEntry } from './types.js';

export type WorkloadSpec = Extract<AttackerSpec, { kind: 'workload' }>;

/** What `reach.ts` supplies: the class of a pair's direct connection, and the entry for it. */
export interface MatrixHooks {
  /** The classes of `dest:port` for a connection (a `classesFor` call, or the no-sidecar class). */
  classes: (dest: DestinationModel, port: PortModel, t: Transport, held: readonly string[]) => ReachClass[];
  entry: (cls: ReachClass, dest: DestinationModel, port: PortModel, t: Transport, held: readonly string[]) => ReachEntry;
}

export interface MatrixItem {
  entry: ReachEntry;
  cls: ReachClass;
  dest: DestinationModel;
  port: PortModel;
  transport: Transport;
}

interface HeldGroup {
  held: readonly string[];
  bits: Bits | undefined;
}

/** Attackers by the token issuers they hold (one group, without a bitset, when all hold the same). */
function heldGroups(words: number, held: readonly (readonly string[])[]): HeldGroup[] {
  const by = new Map<string, { held: readonly string[]; list: number[] }>();
  held.forEach((h, i) => {
    const k = h.join(' ');
    const g = by.get(k);
    if (g) g.list.push(i);
    else by.set(k, { held: h, list: [i] });
  });
  if (by.size <= 1) return [...by.values()].map((g) => ({ held: g.held, bits: undefined }));
  return [...by.values()].map((g) => ({ held: g.held, bits: bitsOf(words, g.list) }));
}

/** Items per attacker (indexed like `specs`) for every destination. */
export function workloadMatrix(specs: readonly WorkloadSpec[], held: readonly (readonly string[])[], destinations: readonly DestinationModel[], td: string, hooks: MatrixHooks): MatrixItem[][] {
  const index = new AttackerIndex(
    specs.map((s) => s.workload),
    td,
  );
  const groups = heldGroups(index.words, held);
  const out: MatrixItem[][] = specs.map(() => []);
  for (const dest of destinations) {
    for (const port of dest.ports) {
      const chain = port.protocol === 'HTTP' ? dest.httpChain : dest.tcpChain;
      for (const kind of ['mtls', 'plain'] as const) {
        const mtls = kind === 'mtls';
        const shared = new Map<ReachClass, Map<string, ReachEntry>>();
        const emit = (i: number, classes: readonly ReachClass[]): void => {
          const spec = specs[i] as WorkloadSpec;
          if (spec.workload === dest.workload) return;
          const t = transportFor(spec, dest, port, td, mtls);
          if (!t) throw new MeshwardError('ERR_INTERNAL', `reach: no ${kind} connection from ${spec.workload.namespace}/${spec.workload.name} to ${dest.key}:${port.port}`);
          const h = held[i] as readonly string[];
          const hk = h.join(' ');
          for (const cls of classes) {
            let byHeld = shared.get(cls);
            if (!byHeld) shared.set(cls, (byHeld = new Map()));
            let entry = byHeld.get(hk);
            if (!entry) byHeld.set(hk, (entry = hooks.entry(cls, dest, port, t, h)));
            (out[i] as MatrixItem[]).push({ entry, cls, dest, port, transport: t });
          }
        };
        // Whether this kind of connection exists at all (any attacker other than `dest` will do).
        const probe = specs.find((s) => s.workload !== dest.workload && (!mtls || s.workload.proxy !== 'none'));
        if (!probe || !transportFor(probe, dest, port, td, mtls)) continue;
        if (dest.workload.proxy === 'none') {
          // Nothing enforced: every attacker gets the one class (attacker-independent).
          const t = transportFor(probe, dest, port, td, mtls) as Transport;
          const classes = hooks.classes(dest, port, t, []);
          for (const i of members(index.kindSet(kind))) emit(i, classes);
          continue;
        }
        const g = index.groupsOf(chain, kind);
        const skip = (i: number): boolean => g.singles.has(i) || (specs[i] as WorkloadSpec).workload === dest.workload;
        for (const cell of g.cells) {
          for (const hg of groups) {
            let rep: number | undefined;
            for (const i of members(cell, hg.bits)) {
              if (!skip(i)) {
                rep = i;
                break;
              }
            }
            if (rep === undefined) continue;
            const classes = classesOf(specs[rep] as WorkloadSpec, dest, port, td, mtls, hg.held, hooks);
            if (classes.length === 0) continue;
            for (const i of members(cell, hg.bits)) if (!skip(i)) emit(i, classes);
          }
        }
        for (const i of [...g.singles].sort((a, b) => a - b)) {
          if ((specs[i] as WorkloadSpec).workload === dest.workload) continue;
          emit(i, classesOf(specs[i] as WorkloadSpec, dest, port, td, mtls, held[i] as readonly string[], hooks));
        }
      }
    }
  }
  return out;
}

/** The classes of one attacker's connection (for a representative: of its whole cell). */
function classesOf(spec: WorkloadSpec, dest: DestinationModel, port: PortModel, td: string, mtls: boolean, held: readonly string[], hooks: MatrixHooks): ReachClass[] {
  const t = transportFor(spec, dest, port, td, mtls);
  if (!t) throw new MeshwardError('ERR_INTERNAL', `reach: no connection from ${spec.workload.namespace}/${spec.workload.name} to ${dest.key}:${port.port}`);
  return hooks.classes(dest, port, t, held);
}
