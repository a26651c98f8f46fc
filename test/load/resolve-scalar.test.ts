import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolvePlainScalar, resolveTaggedScalar } from '../../src/load/parse/resolve-scalar.js';

// Expected values are what sigs.k8s.io/yaml (go-yaml v2 resolution) hands to the API server.
const plain: [string, string | number | boolean | null][] = [
  ['true', true],
  ['True', true],
  ['yes', true],
  ['Y', true],
  ['on', true],
  ['OFF', false],
  ['no', false],
  ['n', false],
  ['tRUE', 'tRUE'],
  ['', null],
  ['~', null],
  ['Null', null],
  ['80', 80],
  ['-12', -12],
  ['+7', 7],
  ['017', 15], // C-style octal
  ['0o17', 15],
  ['0x1F', 31],
  ['0b101', 5],
  ['1_000', 1000],
  ['08', 8], // not octal: falls through to the float rule
  ['1.5', 1.5],
  ['.5', 0.5],
  ['1e3', 1000],
  ['.inf', '.inf'], // a float JSON cannot carry
  ['1:20', '1:20'], // no base 60
  ['2024-01-02T03:04:05Z', '2024-01-02T03:04:05Z'],
  ['v1', 'v1'],
  ['-', '-'],
];

test('plain scalars resolve like go-yaml v2', () => {
  for (const [text, want] of plain) assert.equal(resolvePlainScalar(text), want, JSON.stringify(text));
});

test('explicit tags force a type or fail', () => {
  assert.deepEqual(resolveTaggedScalar('tag:yaml.org,2002:str', '80'), { value: '80' });
  assert.deepEqual(resolveTaggedScalar('tag:yaml.org,2002:int', '80'), { value: 80 });
  assert.deepEqual(resolveTaggedScalar('tag:yaml.org,2002:int', 'eighty'), { error: 'cannot decode !!int `eighty`' });
  assert.deepEqual(resolveTaggedScalar('tag:yaml.org,2002:bool', 'yes'), { value: true });
  assert.deepEqual(resolveTaggedScalar('!custom', 'x'), { value: 'x' });
});
