/**
 * Runs every TestSuite of test/suites/*.yaml (the adversarial corpus, shared/spec/adversarial-cases.md
 * sections A-C) and examples/seed-architecture/suites/*.yaml through the library, one node test
 * per case. A case marked `todo:` (a known divergence) becomes a node `todo` test: it runs and is
 * reported, but does not fail `npm test`.
 * `expect`, `expectPolicy`, `expectBody` and `expectShadow` are all checked by runSuite.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSuite } from '../src/suite/load.js';
import { runSuite } from '../src/suite/run.js';
import type { CaseResult, SuiteResult } from '../src/suite/run.js';

const REPO = resolve(fileURLToPath(import.meta.url), '../..');
const DIRS = [join(REPO, 'test', 'suites'), join(REPO, 'examples', 'seed-architecture', 'suites')];

/** Suites that read Istio's sample JWT data from ../shared (a user's clone does not have it). */
const NEEDS_SHARED: Record<string, string> = {
  'jwt-istio-samples.yaml': join(REPO, '..', 'shared', 'conformance', 'istio', 'jwt', 'jwks.json'),
};

function describeCase(r: CaseResult): string {
  const lines = [`expected ${String(r.expected)}, got ${String(r.got)}${r.policy ? ` by ${r.policy}` : ''}`];
  if (r.decision.message) lines.push(`body: ${r.decision.message}`);
  lines.push(...r.problems);
  for (const s of r.decision.trace) lines.push(`${s.matched ? '✓' : '✗'} ${s.stage}: ${s.detail}`);
  return lines.join('\n');
}

function checkCase(r: CaseResult): void {
  assert.ok(r.passed, describeCase(r));
}

for (const dir of DIRS) {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  for (const f of files) {
    const file = join(dir, f);
    const label = relative(REPO, file);
    const needs = NEEDS_SHARED[f];
    if (needs && !existsSync(needs)) {
      const reason = `Istio sample JWT data not found at ${needs}`;
      console.log(`# skipping ${label}: ${reason}`);
      test(label, { skip: reason }, () => {});
      continue;
    }
    let result: SuiteResult;
    try {
      result = await runSuite(await loadSuite(file));
    } catch (err) {
      const e = err as Error & { diagnostics?: { message: string }[] };
      const why = [e.message, ...(e.diagnostics ?? []).map((d) => d.message)].join('\n');
      test(label, () => assert.fail(`cannot run ${label}:\n${why}`));
      continue;
    }
    describe(`${label} (${result.suite})`, () => {
      for (const r of result.cases) {
        test(r.name, r.todo !== undefined ? { todo: r.todo } : {}, () => checkCase(r));
      }
    });
  }
}
