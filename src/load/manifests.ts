/**
 * The manifest pipeline: read → parse (YAML documents with positions) → compose (typed
 * resources, validated) → drop duplicates. Problems in the input are collected diagnostics;
 * only an unreadable input throws.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { Resource } from '../model/resources.js';
import { composeDocument, type ComposeOptions, type SkippedObject } from './compose/compose-object.js';
import { dropDuplicates } from './compose/duplicates.js';
import { parseDocuments } from './parse/documents.js';
import { readInputs } from './read.js';

export interface LoadResult {
  /** Valid objects of the kept kinds, in input order (a later duplicate replaces an earlier one). */
  resources: Resource[];
  /** Objects of kinds meshward does not read (VirtualService, ConfigMap, …). */
  skipped: SkippedObject[];
  diagnostics: Diagnostic[];
}

export type ParseOptions = ComposeOptions;

function parseInto(acc: LoadResult, text: string, file: string, opts: ParseOptions): void {
  const parsed = parseDocuments(text, file);
  acc.diagnostics.push(...parsed.diagnostics);
  for (const doc of parsed.documents) {
    const out = composeDocument(doc.root, doc.spans, doc.docIndex, opts);
    acc.resources.push(...out.resources);
    acc.skipped.push(...out.skipped);
    acc.diagnostics.push(...out.diagnostics);
  }
}

function finish(acc: LoadResult): LoadResult {
  const dedup = dropDuplicates(acc.resources);
  return { resources: dedup.resources, skipped: acc.skipped, diagnostics: [...acc.diagnostics, ...dedup.diagnostics] };
}

/**
 * Parses manifests from a string (synchronous; for tests and inline documents).
 *
 * @example
 * const { resources, diagnostics } = parseManifests(yamlText, 'policy.yaml');
 */
export function parseManifests(text: string, file: string, opts: ParseOptions = {}): LoadResult {
  const acc: LoadResult = { resources: [], skipped: [], diagnostics: [] };
  parseInto(acc, text, file, opts);
  return finish(acc);
}

/**
 * Loads manifests from files, folders (recursively, sorted) and `-` (stdin).
 * Throws `MeshwardError` `ERR_MANIFEST_READ` when an input cannot be read.
 *
 * @example
 * const { resources, skipped, diagnostics } = await loadManifests(['k8s/', 'extra.yaml']);
 */
export async function loadManifests(
  inputs: readonly string[],
  opts: { stdin?: NodeJS.ReadableStream } & ParseOptions = {},
): Promise<LoadResult> {
  const texts = await readInputs(inputs, opts.stdin);
  const acc: LoadResult = { resources: [], skipped: [], diagnostics: [] };
  for (const t of texts) parseInto(acc, t.text, t.file, opts);
  return finish(acc);
}
