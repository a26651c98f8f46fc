/**
 * Differential property test: the direct reader (src/load/parse/fast-parse.ts, used by
 * `parseDocuments`) and the `yaml` package path (`parseDocumentsWithYaml`, the reference) give
 * identical trees, document indices, diagnostics and spans on generated YAML, including text
 * the direct reader gives up on (then both must agree trivially) and mutated, broken text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDocuments, parseDocumentsWithYaml } from '../../src/load/parse/documents.js';
import { fastParseDocuments } from '../../src/load/parse/fast-parse.js';
import type { SpanMapper, YamlNode } from '../../src/schema/tree.js';

/** Every node and key of a tree with the spans its offsets map to. */
function spansOf(node: YamlNode, spans: SpanMapper, out: unknown[] = []): unknown[] {
  out.push(spans.span(node.start, node.end));
  if (node.kind === 'seq') for (const i of node.items) spansOf(i, spans, out);
  if (node.kind === 'map') {
    for (const e of node.entries) {
      out.push(spans.span(e.keyStart, e.keyEnd));
      spansOf(e.value, spans, out);
    }
  }
  return out;
}

function view(r: ReturnType<typeof parseDocuments>): unknown {
  return {
    documents: r.documents.map((d) => ({ file: d.file, docIndex: d.docIndex, root: d.root, text: d.text, spans: spansOf(d.root, d.spans) })),
    diagnostics: r.diagnostics,
  };
}

function assertSame(text: string): boolean {
  const fast = parseDocuments(text, 'f.yaml');
  const slow = parseDocumentsWithYaml(text, 'f.yaml');
  assert.deepStrictEqual(view(fast), view(slow), JSON.stringify(text));
  // Key order inside node objects too (JSON renderings of trees must not change).
  assert.equal(JSON.stringify(fast.documents.map((d) => d.root)), JSON.stringify(slow.documents.map((d) => d.root)));
  return fastParseDocuments(text) !== undefined;
}

const PLAIN = [
  'x', 'a b', '1', '-1', '+1', '0x1F', '017', '0o17', '1_000', '1.5', '.5', '1e3', '.inf', 'yes', 'No', 'on', 'OFF', 'true',
  'null', 'Null', '~', 'a#b', 'http://x:80/p', '/api/*', 'request.headers.x-role', '-x', '--x', 'a:b', "it's",
  '\u00a0x', 'x\u00a0', 'x\u3000', '\u2003x', 'é', '2024-01-01', '1:20', '-.5', '0b101', '1__0', '0x', '+', '-',
];
const BROKEN_PLAIN = ['?x', ':x', 'a,b', 'a]b', 'a}b', 'request.headers[x-role]', 'a #b', 'a: b', 'x:', '@x', '*x', '&x y', '!x', '|', '>', '%x', '- x', '`x', ',x', '#x', '[x', '{x', 'a\tb', '\\', '...'];
const QUOTED_BODY = ['', 'x', 'a b', '#', "'", 'a"b', '1', 'true', ' ', 'é', 'a: b', '[x]'];
const KEYS = ['a', 'b', 'c', 'd', 'e', 'name', 'spec', '80', '8080', '01', '1', 'true', 'yes', 'x y', '-k', '"q"', "'r'", '"a b"', 'k#', 'é', '0x1F', '1.50', '1e3', '-1', '.5', 'on', "'it''s'", '"80"'];
const BAD_KEYS = ['<<', '~', 'null', '', 'a:b', '"a"'];

const plainScalar = fc.oneof({ weight: 300, arbitrary: fc.constantFrom(...PLAIN) }, { weight: 1, arbitrary: fc.constantFrom(...BROKEN_PLAIN) });
const quotedScalar = fc.tuple(fc.constantFrom('"', "'"), fc.constantFrom(...QUOTED_BODY)).map(([q, b]) => (q === "'" ? `'${b.replaceAll("'", "''")}'` : `"${b.replaceAll('"', '')}"`));
const scalar = fc.oneof({ weight: 4, arbitrary: plainScalar }, { weight: 2, arbitrary: quotedScalar });
const key = fc.oneof({ weight: 300, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.constantFrom(...BAD_KEYS) });
const entryKey = ([k]: readonly [string, unknown]): string => k;
/** First entry of each key (duplicate keys are rare on purpose: they only test giving up). */
function uniqueByKey<T extends readonly [string, unknown]>(entries: readonly T[]): T[] {
  const seen = new Set<string>();
  return entries.filter(([k]) => !seen.has(k) && (seen.add(k), true));
}
const sp = fc.constantFrom('', ' ', '  ');

const { flow } = fc.letrec<{ flow: string }>((tie) => ({
  flow: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.tuple(fc.array(tie('flow'), { maxLength: 3 }), sp, fc.oneof({ weight: 100, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) })).map(([items, s, trailing]) => `[${s}${items.join(`${s},${s === '' ? ' ' : s}`)}${trailing && items.length ? ',' : ''}${s}]`),
    fc.tuple(fc.uniqueArray(fc.tuple(key, tie('flow')), { maxLength: 3, selector: entryKey }), sp).map(([es, s]) => `{${s}${uniqueByKey(es).map(([k, v]) => `${k}: ${v}`).join(', ')}${s}}`),
  ),
}));

interface Block {
  kind: 'map' | 'seq';
  lines: (indent: number) => string[];
}

const inline = fc.oneof({ weight: 3, arbitrary: scalar }, { weight: 1, arbitrary: flow }, { weight: 1, arbitrary: fc.constant('') });

const { block } = fc.letrec<{ block: Block }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .tuple(fc.array(fc.tuple(key, fc.oneof(inline.map((v) => ({ v })), tie('block').map((b) => ({ b })))), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 3 }), fc.boolean(), sp)
      .map(([entries, step, seqSameIndent, trail]) => ({
        kind: 'map' as const,
        lines: (indent: number) => {
          const pad = ' '.repeat(indent);
          const out: string[] = [];
          for (const [k, val] of uniqueByKey(entries)) {
            if ('v' in val) out.push(`${pad}${k}:${val.v === '' ? trail : ` ${val.v}${trail}`}`);
            else {
              out.push(`${pad}${k}:`);
              const inner = val.b.kind === 'seq' && seqSameIndent ? indent : indent + step;
              out.push(...val.b.lines(inner));
            }
          }
          return out;
        },
      })),
    fc
      .tuple(fc.array(fc.oneof(inline.map((v) => ({ v })), tie('block').map((b) => ({ b }))), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 3 }), fc.boolean(), sp)
      .map(([items, step, compact, gap]) => ({
        kind: 'seq' as const,
        lines: (indent: number) => {
          const pad = ' '.repeat(indent);
          const out: string[] = [];
          for (const item of items) {
            if ('v' in item) out.push(`${pad}-${item.v === '' ? gap : ` ${gap}${item.v}`}`);
            else if (compact && item.b.kind === 'map') {
              // `- key: v` with the rest of the mapping under the first key.
              const inner = item.b.lines(indent + 2 + gap.length);
              const first = inner[0] ?? '';
              out.push(`${pad}- ${gap}${first.trimStart()}`, ...inner.slice(1));
            } else {
              out.push(`${pad}-`);
              out.push(...item.b.lines(indent + step));
            }
          }
          return out;
        },
      })),
  ),
}));

const separator = fc.oneof({ weight: 20, arbitrary: fc.constantFrom('---\n', '---\n\n', '---\n---\n', '\n---\n') }, { weight: 1, arbitrary: fc.constantFrom('--- \n', '...\n---\n') });
const document = fc.tuple(block, fc.constantFrom(0, 0, 0, 1, 2)).map(([b, indent]) => b.lines(indent).join('\n'));
const stream = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(document, separator), { minLength: 1, maxLength: 3 }), fc.constantFrom('', '\n', '\n\n', '  \n', '\n---\n', '\n---'))
  .map(([lead, docs, tail]) => (lead ? '---\n' : '') + docs.map(([d, s], i) => (i === docs.length - 1 ? d : d + '\n' + s)).join('') + tail);

const noise = fc.constantFrom(' ', '\n', '#', ':', '-', '"', "'", '{', '}', '[', ']', ',', '\t', '\r', '&a ', '*a', '!!str ', '<<: ', '  ', 'x', '|\n  ');

test('fast reader and yaml path agree on generated manifests', () => {
  let accepted = 0;
  let runs = 0;
  fc.assert(
    fc.property(stream, (text) => {
      runs++;
      if (assertSame(text)) accepted++;
    }),
    { numRuns: 3000, seed: 20240611 },
  );
  // The generator is mostly inside the subset: the fast reader must actually be exercised.
  assert.ok(accepted > runs / 2, `fast reader used on only ${accepted} of ${runs} inputs`);
});

test('fast reader and yaml path agree on mutated (often broken) text', () => {
  fc.assert(
    fc.property(stream, fc.array(fc.tuple(fc.nat(), noise, fc.nat({ max: 3 })), { minLength: 1, maxLength: 3 }), (text, edits) => {
      let t = text;
      for (const [at, s, del] of edits) {
        const i = at % (t.length + 1);
        t = t.slice(0, i) + s + t.slice(i + del);
      }
      assertSame(t);
    }),
    { numRuns: 3000, seed: 7 },
  );
});

test('fast reader and yaml path agree on hand-picked edge cases', () => {
  const cases = [
    '', '\n', '---', '---\n', '---\n---\n', 'a: 1\n---\n', '\n\n---\na: 1', 'a: 1\n...\n', 'a:', 'a:   \n', '- a\n-\n', '-',
    'a: 1\nb:\nc: x  # c\n', 'a:\n- x\n- y: 1\n  z: 2\n-\n- {p: q}\n', 'k: {a: b, c: "d"}\nl: [ ]\nm: {}\n', '  a: 1\n  b: 2\n',
    'a:\n  b: 1\n c: 2\n', 'a: 1\n a: 2\n', 'a: 1\na: 2\n', 'a: 1\n"a": 2\n', '1: a\n01: b\n', 'a: [1, 2,]\n', 'a: {x: 1, x: 2}\n',
    '- - a\n', '- a\n - b\n', 'a: b: c\n', '"a" : 1\n', 'a : 1\n', '? a\n: b\n', 'a: &x 1\nb: *x\n', 'a: !!int 1\n', '<<: {a: 1}\n',
    'a: |\n  x\n', "a: 'it''s'\n", 'a: "x\\ty"\n', 'a: "x\n  y"\n', 'a: x\n  y\n', 'a:\n  x\n', '---x: 1\n', '--- a: 1\n', 'a: 1\n--- \n',
    `${'k'.repeat(1100)}: 1\n`, 'a: [x, {b: c}, [d]]\n', 'a: [x: y]\n', 'a: {b}\n', 'a: {b: }\n', 'a: [a , b ]\n', 'a: {"b": c}\n', 'a: {"b":c}\n',
    'a:\n\n  b: 1\n\n', 'a:\n  - x\n  b: 1\n', '- a: 1\n  b:\n  - x\n  c: 2\n', 'a:\n- x\nb: 1\n', 'x\n', '[a, b]\n', '{a: 1}\n',
  ];
  for (const c of cases) assertSame(c);
});
