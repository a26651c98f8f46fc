/** `meshward lint` in-process: formats, exit codes by --fail-on, suppressions, bad input. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, SEED, type CliRun } from '../../support/cli.js';
import { validateSarif } from './sarif-validator.js';

const asWritten = ['-f', `${SEED}/workloads`, '-f', `${SEED}/as-written`, '-n', 'production'];
const corrected = ['-f', `${SEED}/workloads`, '-f', `${SEED}/corrected`];

/** `meshward lint <args>` through the real program, in-process. */
function run(args: string[], stdin = ''): Promise<CliRun> {
  return cli(['lint', ...args], stdin);
}

test('lint text: grouped by file, source line and caret, summary; errors exit 1', async () => {
  const r = await run(asWritten);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^examples\/seed-architecture\/as-written\/04-emergency-lockdown\.yaml$/m);
  assert.match(
    r.stdout,
    /error\[MW101\]: `principals` value `spiffe:\/\/cluster\.local\/ns\/compromised\/sa\/suspicious-service` .*\n {2}--> examples\/seed-architecture\/as-written\/04-emergency-lockdown\.yaml:15:22 .*\n {5}\|\n {2}15 \| {9}principals: \["spiffe.*\n {5}\| {22}\^+\n {2}= help: write `cluster\.local\/ns\/compromised\/sa\/suspicious-service`/,
  );
  assert.match(r.stdout, /\n\d+ errors, \d+ warnings, \d+ infos?\n$/);
});

test('lint: the corrected seed is clean and exits 0 even with --fail-on info', async () => {
  const r = await run([...corrected, '--fail-on', 'info']);
  assert.equal(r.stdout, 'no problems\n');
  assert.equal(r.code, 0);
});

test('lint --fail-on: warnings only fail from `warning` down', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mw-lint-'));
  const f = join(dir, 'pa.yaml');
  writeFileSync(f, 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: foo}\nspec:\n  mtls: {mode: PERMISSIVE}\n');
  assert.equal((await run(['-f', f])).code, 0);
  const w = await run(['-f', f, '--fail-on', 'warning']);
  assert.equal(w.code, 1);
  assert.match(w.stdout, /warning\[MW116\]/);
  const s = await run(['-f', f, '--fail-on', 'warning', '--suppress', 'peer-authn-not-strict']);
  assert.equal(s.code, 0, s.stdout);
  const other = await run(['-f', f, '--fail-on', 'warning', '--suppress', 'MW116=bar/default']);
  assert.equal(other.code, 1, 'a suppression for another resource does not apply');
  const one = await run(['-f', f, '--fail-on', 'warning', '--suppress', 'MW116=foo/default']);
  assert.equal(one.code, 0);
});

test('lint -o json: flat sorted diagnostics with positions', async () => {
  const r = await run([...asWritten, '-o', 'json']);
  const out = JSON.parse(r.stdout) as { diagnostics: { code: string; file: string; line: number; column: number; resource?: string }[] };
  const hit = out.diagnostics.find((d) => d.code === 'MW104');
  assert.deepEqual(
    hit && { file: hit.file, line: hit.line, column: hit.column, resource: hit.resource },
    { file: `${SEED}/as-written/02-zero-trust-policy.yaml`, line: 19, column: 12, resource: 'AuthorizationPolicy production/zero-trust-policy' },
  );
  const keys = out.diagnostics.map((d) => `${d.file}:${String(d.line).padStart(4, '0')}:${String(d.column).padStart(4, '0')}`);
  assert.deepEqual(keys, [...keys].sort());
});

test('lint -o sarif: valid SARIF 2.1.0 with absolute help links', async () => {
  const r = await run([...asWritten, '-o', 'sarif']);
  const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } }; results: unknown[] }[] };
  assert.deepEqual(validateSarif(log), []);
  const mw113 = log.runs[0]!.tool.driver.rules.find((x) => x.id === 'MW113');
  assert.match(mw113?.helpUri ?? '', /^file:\/\/.*\/docs\/rules\/MW113\.md$/);
  assert.ok(log.runs[0]!.results.length > 20);
  assert.equal(r.code, 1);
});

test('lint: malformed YAML and unreadable input exit 2', async () => {
  const bad = await run(['-f', '-'], 'kind: [unclosed\n');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /MW001/);
  const missing = await run(['-f', 'does/not/exist.yaml']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read `does\/not\/exist\.yaml`/);
});

test('lint --help shows examples', async () => {
  const r = await run(['--help']);
  assert.match(r.stdout, /Examples:\n {2}\$ meshward lint -f examples\/seed-architecture\/workloads/);
  assert.equal(r.code, 0);
});
