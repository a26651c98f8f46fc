/**
 * Test helpers: YAML text → `Resource`s whose `source.locate` gives exact spans, built with the
 * `yaml` package alone (independent of `src/load`), plus the conformance folder lookup.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import type { Diagnostic } from '../../../src/model/diagnostic.js';
import type { Resource } from '../../../src/model/resources.js';
import type { FieldPath, SourceSpan } from '../../../src/model/source.js';

export interface LoadedDoc {
  resource: Resource;
  /** Top-level keys removed before building the resource (e.g. the conformance `_err`). */
  extras: Record<string, unknown>;
}

function childOf(node: unknown, seg: string | number): { value: unknown; key?: Node } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === String(seg)) return { value: pair.value, key: pair.key };
    }
    return undefined;
  }
  if (isSeq(node) && typeof seg === 'number') {
    const item = node.items[seg];
    return item === undefined ? undefined : { value: item };
  }
  return undefined;
}

/** Parses every document of `text` into a resource; `extraKeys` are stripped into `extras`. */
export function loadYaml(text: string, file = 'test.yaml', extraKeys: readonly string[] = ['_err']): LoadedDoc[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter });
  if (!Array.isArray(docs)) return [];
  const span = (range: readonly number[] | null | undefined): SourceSpan => {
    const [start = 0, end = start] = range ?? [];
    const a = lineCounter.linePos(start);
    const b = lineCounter.linePos(end);
    return { file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  return docs.flatMap((doc, docIndex) => {
    const js: unknown = doc.toJS();
    if (typeof js !== 'object' || js === null) return [];
    const obj = { ...(js as Record<string, unknown>) };
    const extras: Record<string, unknown> = {};
    for (const k of extraKeys) if (k in obj) { extras[k] = obj[k]; delete obj[k]; }
    const locate = (path: FieldPath, key = false): SourceSpan => {
      let node: unknown = doc.contents;
      let best = span((doc.contents as Node | null)?.range);
      for (let i = 0; i < path.length; i++) {
        const next = childOf(node, path[i] as string | number);
        if (!next) break;
        const last = i === path.length - 1;
        if (last && key && next.key) return span(next.key.range);
        if (next.value === null || next.value === undefined || !(next.value as Node).range) {
          if (next.key) best = span(next.key.range);
          break;
        }
        node = next.value;
        best = span((node as Node).range);
      }
      return best;
    };
    const resource = { ...obj, source: { file, docIndex, locate } } as unknown as Resource;
    return [{ resource, extras }];
  });
}

/** The single resource of a one-document YAML text. */
export function one(text: string, file = 'test.yaml'): Resource {
  const [doc] = loadYaml(text, file);
  if (!doc) throw new Error('no document');
  return doc.resource;
}

/** `CODE@line:col` of every diagnostic, for compact assertions. */
export function brief(diags: readonly Diagnostic[]): string[] {
  return diags.map((d) => `${d.code}@${d.span.line}:${d.span.column}`);
}

/** The Istio conformance folder, or undefined (tests then skip with a reason). */
export function conformanceDir(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const dir = process.env['MESHWARD_CONFORMANCE_DIR'] ?? resolve(here, '../../../../shared/conformance/istio');
  return existsSync(join(dir, 'validation-crds')) ? dir : undefined;
}
