import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalizePath, normalizeRequestPath } from '../../src/engine/normalize.js';

// Paths from an alphabet that mixes what the fast path accepts with what sends a path down the
// slow one (escapes, backslashes, dots, non-ASCII): both must give the same normalized path.
const segment = fc.array(fc.constantFrom('a', 'B', '9', '.', '..', '%2e', '%2F', '%41', '\\', 'é', '-', '_', '~', ':', '@', '+', ''), { maxLength: 4 }).map((xs) => xs.join(''));
const path = fc.array(segment, { minLength: 1, maxLength: 6 }).map((segs) => `/${segs.join('/')}`);

test('the normalization fast path agrees with full canonicalization (BASE and MERGE_SLASHES)', () => {
  fc.assert(
    fc.property(path, (p) => {
      const base = normalizeRequestPath(p, 'BASE');
      assert.ok(base.ok);
      assert.equal(base.urlPath, canonicalizePath(p));
      const merged = normalizeRequestPath(p, 'MERGE_SLASHES');
      assert.ok(merged.ok);
      assert.equal(merged.urlPath, canonicalizePath(p).replace(/\/{2,}/g, '/'));
    }),
    { seed: 20261204, numRuns: 2000 },
  );
});
