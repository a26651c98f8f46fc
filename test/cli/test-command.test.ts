import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli.js';

/** A token with a fixed `exp`: valid at the suite's `now`, expired a year later. */
function suiteFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mw-test-cmd-'));
  const f = join(dir, 'suite.yaml');
  writeFileSync(
    f,
    `apiVersion: meshward/v1alpha1
kind: TestSuite
metadata: {name: now}
now: 1750000000
issuers: [{issuer: https://issuer.example, generate: RS256}]
workloads:
  - {name: curl, namespace: foo}
  - {name: httpbin, namespace: foo, ports: [{port: 8000, protocol: HTTP}]}
resources:
  - namespace: foo
    inline: |
      apiVersion: security.istio.io/v1
      kind: RequestAuthentication
      metadata: {name: httpbin}
      spec:
        selector: {matchLabels: {app: httpbin}}
        jwtRules: [{issuer: https://issuer.example}]
cases:
  - name: a token valid until 1750003600
    from: foo/curl
    to: foo/httpbin:8000
    token: {issuer: https://issuer.example, claims: {exp: 1750003600}}
    expect: 200
`,
  );
  return f;
}

test('test --now overrides the suite\'s `now`, as its help says', async () => {
  const f = suiteFile();
  const atSuiteNow = await cli(['test', f]);
  assert.equal(atSuiteNow.code, 0, atSuiteNow.stdout + atSuiteNow.stderr);
  const later = await cli(['test', f, '--now', '1790000000', '-o', 'json']);
  assert.equal(later.code, 1, later.stderr);
  const out = JSON.parse(later.stdout) as { suites: { cases: { got: number }[] }[] };
  assert.equal(out.suites[0]!.cases[0]!.got, 401);
  const iso = await cli(['test', f, '--now', '2026-09-01T00:00:00Z']);
  assert.equal(iso.code, 1, iso.stderr);
});

test('test --now that is not a time is exit 2, not silently the clock', async () => {
  const r = await cli(['test', suiteFile(), '--now', 'yesterday-ish']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--now `yesterday-ish` is neither epoch seconds nor a date/);
});
