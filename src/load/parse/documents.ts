/**
 * Splits a YAML stream into documents as kubectl reads it (`---` separators, empty documents
 * skipped) and builds each document's value tree with a span mapper for exact positions.
 * Syntax problems are MW001 diagnostics with the line and column the parser reports; a document
 * with an error is dropped, the others are kept.
 */
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { SourceSpan } from '../../model/source.js';
import { DiagnosticCodes } from '../../schema/codes.js';
import type { SpanMapper, YamlNode } from '../../schema/tree.js';
import { buildTree } from './build-tree.js';
import { fastParseDocuments, lineStartsOf } from './fast-parse.js';

export interface ParsedDocument {
  file: string;
  /** 0-based index of the document in the stream, empty documents included. */
  docIndex: number;
  root: YamlNode;
  spans: SpanMapper;
  /** The full source text the offsets refer to. */
  text: string;
}

/** Maps offsets of a whole file to 1-based line:column spans. */
export function fileSpanMapper(file: string, lineCounter: LineCounter): SpanMapper {
  return {
    file,
    span(start: number, end: number): SourceSpan {
      const a = lineCounter.linePos(start);
      const b = lineCounter.linePos(Math.max(start, end));
      return { file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
    },
  };
}

// The yaml package's messages end in "at line L, column C:" plus a source excerpt; the span
// carries the position, so only the first clause is kept, lowercased (our message style).
function cleanMessage(message: string): string {
  const first = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').replace(/[.:]$/, '');
  return first.charAt(0).toLowerCase() + first.slice(1);
}

/** The key text starting at `offset` (the parser reports only its first character). */
function keyAt(text: string, offset: number): string {
  const m = /^("[^"\n]*"|'[^'\n]*'|[^:\n]*?)\s*:(\s|$)/.exec(text.slice(offset, offset + 300));
  return (m?.[1] ?? text.slice(offset, offset + 1)).trim();
}

function isEmptyDocument(doc: Document): boolean {
  const c = doc.contents;
  if (c === null || c === undefined) return true;
  // A document of only comments or whitespace parses as an empty plain scalar.
  return 'type' in c && c.type === 'PLAIN' && 'value' in c && (c.value === null || c.value === '') && !('tag' in c && c.tag);
}

/**
 * Parses every document of `text`. `spans` may be given to map offsets elsewhere (used for YAML
 * embedded in a block scalar, whose positions belong to the outer file).
 *
 * Text within the subset of {@link fastParseDocuments} (plain manifests) is read directly; any
 * other text goes through the `yaml` package ({@link parseDocumentsWithYaml}), which gives the
 * same trees and reports every syntax problem.
 */
export function parseDocuments(text: string, file: string, spans?: SpanMapper): { documents: ParsedDocument[]; diagnostics: Diagnostic[] } {
  const fast = fastParseDocuments(text);
  if (fast === undefined) return parseDocumentsWithYaml(text, file, spans);
  let mapper = spans;
  if (!mapper) {
    const lineCounter = new LineCounter();
    for (const start of lineStartsOf(text)) lineCounter.addNewLine(start);
    mapper = fileSpanMapper(file, lineCounter);
  }
  const documents: ParsedDocument[] = [];
  for (const d of fast) if (d.root !== null) documents.push({ file, docIndex: d.docIndex, root: d.root, spans: mapper, text });
  return { documents, diagnostics: [] };
}

/** {@link parseDocuments} through the `yaml` package's documents, for any text. */
export function parseDocumentsWithYaml(text: string, file: string, spans?: SpanMapper): { documents: ParsedDocument[]; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, schema: 'failsafe', merge: false, uniqueKeys: true, prettyErrors: false });
  const mapper = spans ?? fileSpanMapper(file, lineCounter);
  const diagnostics: Diagnostic[] = [];
  const documents: ParsedDocument[] = [];
  const list = Array.isArray(docs) ? docs : [];
  list.forEach((doc, docIndex) => {
    const errors = doc.errors.map((e) => ({
      message: e.code === 'DUPLICATE_KEY' ? `duplicate key \`${keyAt(text, e.pos[0])}\`` : cleanMessage(e.message),
      start: e.pos[0],
      end: e.pos[1],
    }));
    if (errors.length === 0 && isEmptyDocument(doc)) return;
    if (errors.length === 0) {
      const built = buildTree(doc, text);
      if ('error' in built) errors.push(built.error);
      else documents.push({ file, docIndex, root: built.root, spans: mapper, text });
    }
    for (const e of errors) {
      diagnostics.push({ code: DiagnosticCodes.MALFORMED_YAML, severity: 'error', message: `malformed YAML: ${e.message}`, span: mapper.span(e.start, e.end) });
    }
  });
  return { documents, diagnostics };
}
