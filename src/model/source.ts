/** A position in a user's file; lines and columns are 1-based, the end is exclusive. */
export interface SourceSpan {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A path into a parsed document: object keys and list indexes, e.g. `['spec','rules',0,'from']`. */
export type FieldPath = readonly (string | number)[];

/**
 * Where a resource came from. `locate` maps a field path to the span of that field's value
 * (or of its key when `key` is true); it falls back to the nearest existing ancestor, so it
 * always returns a span inside the resource's document.
 */
export interface SourceRef {
  file: string;
  /** 0-based index of the YAML document within the file. */
  docIndex: number;
  locate(path: FieldPath, key?: boolean): SourceSpan;
}

/** Formats `file:line:col` for messages. */
export function formatSpan(span: SourceSpan): string {
  return `${span.file}:${span.line}:${span.column}`;
}
