/**
 * Loading what a command was pointed at: manifests (files, folders, `-` for stdin), the mesh
 * config, and the workloads they imply. Errors in the input stop the command with exit 2 and every
 * problem printed with file:line:col; warnings and infos are returned for the command to show.
 */
import { readFileSync } from 'node:fs';
import { MeshwardError } from '../model/errors.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { MeshConfig } from '../model/mesh.js';
import { DEFAULT_MESH_CONFIG } from '../model/mesh.js';
import type { Resource } from '../model/resources.js';
import type { Workload } from '../model/workload.js';
import { assignPodIps } from '../model/workload.js';
import { deriveWorkloads, loadManifests, loadMeshConfig } from '../load/index.js';
import { admitResources } from '../schema/admit.js';
import type { Admission } from '../schema/admit.js';
import type { CliIo } from './io.js';

export interface InputOptions {
  files: readonly string[];
  mesh?: string;
  /** Namespace for manifests that omit `metadata.namespace` (what `kubectl -n` would give them). */
  namespace?: string;
}

export interface LoadedInputs {
  /** The resources that reach the mesh (what istiod admits). */
  resources: Resource[];
  /** Every valid resource loaded, rejected ones included (for lint, which explains them). */
  allResources: Resource[];
  workloads: Workload[];
  mesh: MeshConfig;
  defaultNamespace: string;
  /** Non-error diagnostics from loading (warnings, infos). */
  diagnostics: Diagnostic[];
  /** Resources istiod or the API server would refuse: loaded, but not part of the mesh. */
  rejected: Admission['rejected'];
  skipped: { apiVersion: string; kind: string; name: string; file: string; line: number }[];
  /** Text of an input file for rendering diagnostics (undefined for stdin). */
  sourceText(file: string): string | undefined;
}

export async function loadInputs(io: CliIo, opts: InputOptions): Promise<LoadedInputs> {
  if (opts.files.length === 0) throw new MeshwardError('ERR_USAGE', 'no input: give manifests with `-f <file|dir|->`');
  const loaded = await loadManifests(opts.files, { stdin: io.stdin });
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  let mesh: MeshConfig = { ...DEFAULT_MESH_CONFIG, trustDomainAliases: [], extensionProviders: [] };
  if (opts.mesh) {
    const m = await loadMeshConfig(opts.mesh);
    mesh = m.mesh;
    diagnostics.push(...m.diagnostics);
  }
  // What istiod refuses never reaches the proxies: keep it out of the mesh, and say so.
  const admission = admitResources(loaded.resources);
  const derived = deriveWorkloads(loaded.resources);
  assignPodIps(derived.workloads);
  diagnostics.push(...derived.diagnostics);
  const sourceText = (file: string): string | undefined => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    throw new MeshwardError('ERR_MANIFEST_INVALID', `${errors.length} error${errors.length === 1 ? '' : 's'} in the input`, {
      diagnostics: errors,
    });
  }
  return {
    resources: admission.admitted,
    allResources: loaded.resources,
    rejected: admission.rejected,
    workloads: derived.workloads,
    mesh,
    defaultNamespace: opts.namespace ?? 'default',
    diagnostics: diagnostics.filter((d) => d.severity !== 'error'),
    skipped: loaded.skipped.map((s) => ({ apiVersion: s.apiVersion, kind: s.kind, name: s.name, file: s.span.file, line: s.span.line })),
    sourceText,
  };
}
