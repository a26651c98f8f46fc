import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocuments } from '../../src/load/parse/documents.js';
import type { Schema } from '../../src/schema/types.js';
import { validateNode } from '../../src/schema/validate.js';
import { suggest } from '../../src/schema/suggest.js';

function check(yaml: string, schema: Schema): string[] {
  const { documents, diagnostics } = parseDocuments(yaml, 'v.yaml');
  assert.deepEqual(diagnostics, []);
  const doc = documents[0];
  assert.ok(doc);
  return validateNode(doc.root, schema, { spans: doc.spans }).map((d) => `${d.code} ${d.span.line}:${d.span.column} ${d.message}`);
}

const cases: { name: string; schema: Schema; yaml: string; want: string[] }[] = [
  {
    name: 'int-or-string accepts both, rejects a float and a list',
    schema: { type: 'object', properties: { p: { 'x-kubernetes-int-or-string': true } } },
    yaml: 'p: 1.5\n',
    want: ['MW003 1:4 `p` must be an integer or a string, found number'],
  },
  {
    name: 'integer range',
    schema: { type: 'object', properties: { port: { type: 'integer', minimum: 1, maximum: 65535 } } },
    yaml: 'port: 70000\n',
    want: ['MW006 1:7 `port` must be at most 65535, found 70000'],
  },
  {
    name: 'null map value is a type error, null property is pruned',
    schema: { type: 'object', properties: { a: { type: 'string' }, m: { type: 'object', additionalProperties: { type: 'string' } } } },
    yaml: 'a:\nm: {k: ~}\n',
    want: ['MW003 2:8 `m.k` must be of type string, found null'],
  },
  {
    name: 'nullable accepts null in a list',
    schema: { type: 'array', items: { type: 'boolean', nullable: true } },
    yaml: '[true, ~]\n',
    want: [],
  },
  {
    name: 'date-time format',
    schema: { type: 'object', properties: { t: { type: 'string', format: 'date-time' } } },
    yaml: 't: "yesterday"\n',
    want: ['MW006 1:4 `t` must be an RFC 3339 date-time such as `2024-01-02T15:04:05Z`, found `yesterday`'],
  },
  {
    name: 'maxLength counts code points',
    schema: { type: 'string', maxLength: 2 },
    yaml: '"é😀"\n',
    want: [],
  },
  {
    name: 'preserve-unknown-fields keeps the object open',
    schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: { type: 'string' } } },
    yaml: 'a: x\nanything: {deep: 1}\n',
    want: [],
  },
];

for (const c of cases) test(`validate: ${c.name}`, () => assert.deepEqual(check(c.yaml, c.schema), c.want));

test('suggestions: closest known name within a third of the length', () => {
  assert.equal(suggest('selecter', ['selector', 'rules', 'action']), 'selector');
  assert.equal(suggest('MatchLabels', ['matchLabels']), 'matchLabels');
  assert.equal(suggest('zzz', ['selector', 'rules']), undefined);
  assert.equal(suggest('principal', ['principals', 'notPrincipals']), 'principals');
});
