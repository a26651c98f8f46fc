/** Loading the seed example and building small meshes for reach tests. */
import { Readable } from 'node:stream';
import { Command } from 'commander';
import { loadInputs } from '../../../src/cli/inputs.js';
import type { CliIo } from '../../../src/cli/io.js';
import { registerReach } from '../../../src/cli/reach.js';
import { compileMesh, type MeshInputs } from '../../../src/compile/mesh.js';
import { computeReach, verifyWitnesses, type ReachResult } from '../../../src/analyze/reach/index.js';
import type { AttackerReach, ReachEntry } from '../../../src/analyze/reach/types.js';
import { toReport } from '../../../src/analyze/reach/index.js';
import { DEFAULT_MESH_CONFIG } from '../../../src/model/mesh.js';
import type { Resource } from '../../../src/model/resources.js';
import type { Workload } from '../../../src/model/workload.js';

export const SEED = 'examples/seed-architecture';

export function quietIo(stdin = ''): CliIo & { out: () => string; err: () => string } {
  let stdout = '';
  let stderr = '';
  return {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from([stdin]),
    color: false,
    interactive: false,
    cwd: process.cwd(),
    env: {},
    out: () => stdout,
    err: () => stderr,
  };
}

/** The seed as written is applied with `kubectl -n production`; the corrected one names its namespaces. */
export async function seedInputs(variant: 'as-written' | 'corrected'): Promise<MeshInputs> {
  const inp = await loadInputs(quietIo(), { files: [`${SEED}/workloads`, `${SEED}/${variant}`], namespace: 'production' });
  return { resources: inp.resources, workloads: inp.workloads, mesh: inp.mesh, defaultNamespace: inp.defaultNamespace };
}

export function reachOf(inputs: MeshInputs, attackers?: string[]): ReachResult {
  return computeReach(compileMesh(inputs), attackers ? { attackers } : {});
}

export function attacker(r: ReachResult, name: string): AttackerReach {
  const a = toReport(r).attackers.find((x) => x.attacker === name);
  if (!a) throw new Error(`no attacker ${name}`);
  return a;
}

export function entriesTo(r: ReachResult, from: string, to: string): ReachEntry[] {
  return attacker(r, from).reachable.filter((e) => e.to === to);
}

/** Fails the test with every witness the engine denies. */
export async function assertWitnessesAllowed(r: ReachResult): Promise<void> {
  const failures = await verifyWitnesses(r);
  if (failures.length > 0) {
    const lines = failures.map((f) => `${f.attacker} → ${f.item.entry.to}:${f.item.entry.port} (${f.item.entry.decidedBy}) denied at ${f.hop}: ${f.decision.reason} ${JSON.stringify(f.item.entry.witness)}`);
    throw new Error(`reach and the engine disagree on ${failures.length} witness(es):\n${lines.join('\n')}`);
  }
}

export function workload(ns: string, name: string, ip: string, ports: Workload['ports'] = [{ port: 80, targetPort: 8080, protocol: 'HTTP' }], proxy: Workload['proxy'] = 'sidecar'): Workload {
  return { namespace: ns, name, serviceAccount: name, labels: { app: name }, ports, proxy, ip };
}

/** A two-workload mesh (`a/client` → `b/server`) plus `policies`. */
export function smallMesh(policies: Resource[], extra: Workload[] = []): MeshInputs {
  return {
    resources: policies,
    workloads: [workload('a', 'client', '10.1.0.1'), workload('b', 'server', '10.2.0.1'), ...extra],
    mesh: { ...DEFAULT_MESH_CONFIG, trustDomainAliases: [], extensionProviders: [] },
  };
}

export function ap(ns: string, name: string, spec: Record<string, unknown>): Resource {
  return { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name, namespace: ns }, spec } as Resource;
}

export async function runReachCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = quietIo();
  let code = 0;
  const program = new Command().exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  registerReach(program, io, (c) => (code = c));
  await program.parseAsync(['reach', ...args], { from: 'user' });
  return { code, stdout: io.out(), stderr: io.err() };
}
