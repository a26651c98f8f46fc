/** Istio's authz builder goldens as node tests (same table as `npm run conformance`). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { builderRuns, compareCase, HTTP_CASES, unreferencedFiles } from './builder-cases.js';
import { conformanceDirCandidate, findConformanceDir } from './suite.js';

const dir = findConformanceDir();
const why = `conformance data not found at ${conformanceDirCandidate()} (set MESHWARD_CONFORMANCE_DIR)`;

describe('Istio authz builder goldens', () => {
  for (const { id, c, prefix } of builderRuns()) {
    test(id, (t) => {
      if (!dir) return t.skip(why);
      assert.equal(compareCase(c, dir, prefix), undefined);
    });
  }

  test('every golden file is used by a case or listed as obsolete', (t) => {
    if (!dir) return t.skip(why);
    assert.deepEqual(unreferencedFiles(dir), []);
  });

  test('the comparison catches a wrong build (trust-domain case without its bundle)', (t) => {
    if (!dir) return t.skip(why);
    const c = HTTP_CASES.find((x) => x.name === 'trust-domain-one-alias');
    assert.ok(c);
    assert.match(compareCase({ ...c, bundle: [] }, dir) ?? '', /principalName\.exact: got "spiffe:\/\/cluster\.local\/.*", want "spiffe:\/\/td1\//);
  });
});
