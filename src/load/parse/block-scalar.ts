/**
 * Positions for YAML embedded in a string of another YAML file (the `istio` ConfigMap's
 * `data.mesh`). For a literal block scalar (`mesh: |`) every inner line is an outer line with the
 * block's indentation removed, so inner positions map back exactly. Other styles (folded,
 * quoted) rewrite lines, so every inner position maps to the scalar itself.
 */
import type { SourceSpan } from '../../model/source.js';
import type { ScalarNode, SpanMapper } from '../../schema/tree.js';

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function position(starts: readonly number[], offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - (starts[lo] ?? 0) + 1 };
}

/** A mapper from offsets in `node`'s string value to positions in the outer file. */
export function embeddedSpanMapper(outerText: string, node: ScalarNode, outer: SpanMapper): SpanMapper {
  const whole = outer.span(node.start, node.end);
  const header = outerText.slice(node.start, outerText.indexOf('\n', node.start) === -1 ? undefined : outerText.indexOf('\n', node.start));
  const literal = node.style === 'block' && header.startsWith('|') && typeof node.value === 'string';
  if (!literal) return { file: outer.file, span: () => whole };
  const contentStart = node.start + header.length + 1;
  const firstLine = /^( *)\S/m.exec(outerText.slice(contentStart, node.end));
  const indent = firstLine?.[1]?.length ?? 0;
  const inner = lineStarts(String(node.value));
  const map = (offset: number): { line: number; col: number } => {
    const p = position(inner, offset);
    return { line: whole.line + p.line, col: p.col + indent };
  };
  return {
    file: outer.file,
    span(start: number, end: number): SourceSpan {
      const a = map(start);
      const b = map(Math.max(start, end));
      return { file: outer.file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
    },
  };
}
