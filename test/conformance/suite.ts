/**
 * The contract every conformance suite follows, so `scripts/conformance.ts` can run them all and
 * node tests can run each one: a case table over data in the Istio conformance folder.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CaseOutcome {
  /** e.g. `http/allow-full-rule` or `http/allow-full-rule (extended)`. */
  id: string;
  status: 'ok' | 'fail' | 'skip';
  /** For failures: the first structural difference; for skips: why. */
  detail?: string;
}

export interface ConformanceSuite {
  name: string;
  run(dataDir: string): CaseOutcome[];
}

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** `MESHWARD_CONFORMANCE_DIR`, else `<repo>/../shared/conformance/istio`. */
export function conformanceDirCandidate(): string {
  return process.env.MESHWARD_CONFORMANCE_DIR ?? resolve(REPO, '../shared/conformance/istio');
}

/** The data folder, or `undefined` when it is absent (a user's clone has no `../shared`). */
export function findConformanceDir(): string | undefined {
  const dir = conformanceDirCandidate();
  return existsSync(dir) ? dir : undefined;
}
