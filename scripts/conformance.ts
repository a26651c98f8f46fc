/**
 * `npm run conformance`: replays Istio's own test data against meshward, one line per case, and
 * ends with `N passed, M failed` (exit 1 when anything failed). Suites are case tables under
 * `test/conformance/`; add a new one to SUITES.
 */
import { builderSuite } from '../test/conformance/builder-cases.js';
import { conformanceDirCandidate, findConformanceDir, type ConformanceSuite } from '../test/conformance/suite.js';

const SUITES: readonly ConformanceSuite[] = [builderSuite];

function main(): number {
  const dir = findConformanceDir();
  if (!dir) {
    console.log(`conformance data not found at ${conformanceDirCandidate()} (set MESHWARD_CONFORMANCE_DIR): nothing to run`);
    console.log('0 passed, 0 failed');
    return 0;
  }
  let passed = 0;
  let failed = 0;
  for (const suite of SUITES) {
    for (const o of suite.run(dir)) {
      if (o.status === 'ok') {
        passed++;
        console.log(`ok   ${o.id}`);
      } else if (o.status === 'skip') {
        console.log(`skip ${o.id}: ${o.detail ?? ''}`);
      } else {
        failed++;
        console.log(`FAIL ${o.id}: ${o.detail ?? ''}`);
      }
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = main();
