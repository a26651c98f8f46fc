import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, SEED } from '../support/cli.js';

test('demo (npm start): lint, reach and the suites on the seed example, with both HTML reports written', async () => {
  const out = mkdtempSync(join(tmpdir(), 'mw-demo-'));
  const r = await cli(['demo', '--out', out]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /== as-written ==\nlint {6}\d+ errors, \d+ warnings/);
  assert.match(r.stdout, /== corrected ==\nlint {6}no problems/);
  assert.match(r.stdout, /not applied: AuthorizationPolicy zero-trust-policy/);
  assert.match(r.stdout, /^\d+ passed, 0 failed$/m);
  for (const v of ['as-written', 'corrected']) {
    const html = readFileSync(join(out, `seed-${v}.html`), 'utf8');
    assert.match(html, /^<!doctype html>/i);
    assert.ok(html.includes('production/payment-service'), `${v} report names payment-service`);
  }
});

test('reach -o html writes one offline file with the lint findings', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'mw-reach-')), 'r.html');
  const r = await cli(['reach', '-f', `${SEED}/workloads`, '-f', `${SEED}/as-written`, '-n', 'production', '-o', 'html', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(out));
  assert.match(r.stdout, /wrote .*r\.html \(\d+ KB\): \d+ reachable classes, \d+ lint findings/);
  const html = readFileSync(out, 'utf8');
  assert.ok(html.includes('MW1'), 'lint codes appear in the report');
  assert.doesNotMatch(html, /<script[^>]+src=/);
});
