import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstDifference } from './json-diff.js';

test('object keys are unordered, lists are ordered', () => {
  assert.equal(firstDifference({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }), undefined);
  assert.equal(firstDifference([1, 2], [2, 1]), '$[0]: got 1, want 2');
});

test('presence matters: an empty object differs from an absent key', () => {
  assert.equal(firstDifference({ rules: {} }, {}), '$.rules: unexpected {}');
  assert.equal(firstDifference({}, { rules: {} }), '$.rules: missing, want {}');
});

test('types are compared strictly', () => {
  assert.equal(firstDifference({ p: '80' }, { p: 80 }), '$.p: got "80", want 80');
  assert.equal(firstDifference([1], [1, 2]), '$: got 1 items, want 2 (missing 2)');
});
