/**
 * `SourceRef` for a composed resource: maps a field path inside the resource to the span of its
 * value (or key) in the user's file, falling back to the nearest existing ancestor.
 */
import type { FieldPath, SourceRef, SourceSpan } from '../../model/source.js';
import type { SpanMapper, YamlNode } from '../../schema/tree.js';

export function makeSourceRef(spans: SpanMapper, docIndex: number, root: YamlNode): SourceRef {
  return {
    file: spans.file,
    docIndex,
    locate(path: FieldPath, key = false): SourceSpan {
      let node = root;
      let keyRange: [number, number] | undefined;
      for (const seg of path) {
        if (node.kind === 'map' && typeof seg === 'string') {
          const entry = node.entries.find((e) => e.key === seg);
          if (!entry) break;
          node = entry.value;
          keyRange = [entry.keyStart, entry.keyEnd];
        } else if (node.kind === 'seq' && typeof seg === 'number' && seg >= 0 && seg < node.items.length) {
          node = node.items[seg] as YamlNode;
          keyRange = undefined;
        } else break;
      }
      if (keyRange && (key || node.end <= node.start)) return spans.span(keyRange[0], keyRange[1]);
      return spans.span(node.start, node.end);
    },
  };
}
