/**
 * Golden: lint of the seed architecture as written (default namespace `production`) must report
 * every mistake of spec §9 (items 2–10 and the "other defects") at the line of the offending field,
 * and the corrected variant must be clean. `UPDATE_GOLDEN=1` rewrites seed-as-written.txt.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { lint } from '../../../src/analyze/lint/index.js';
import { deriveWorkloads, loadManifests } from '../../../src/load/index.js';
import type { Diagnostic } from '../../../src/model/diagnostic.js';
import { DEFAULT_MESH_CONFIG } from '../../../src/model/mesh.js';
import { formatDiagnosticsText } from '../../../src/report/diagnostics-text.js';

const SEED = 'examples/seed-architecture';
const GOLDEN = new URL('./seed-as-written.txt', import.meta.url);

async function lintSeed(variant: string, defaultNamespace: string): Promise<Diagnostic[]> {
  const loaded = await loadManifests([`${SEED}/workloads`, `${SEED}/${variant}`]);
  const { workloads } = deriveWorkloads(loaded.resources);
  const mesh = { ...DEFAULT_MESH_CONFIG, trustDomainAliases: [], extensionProviders: [] };
  return [...loaded.diagnostics, ...lint({ resources: loaded.resources, workloads, mesh, defaultNamespace })];
}

/** Spec §9: [item, file, line, code]. Each must be reported exactly at that line. */
const EXPECTED: [string, string, number, string][] = [
  ['§9.2 rule (b) widens the policy (no from)', '01-mtls-jwt-authz.yaml', 54, 'MW106'],
  ['§9.2 source.ip 10.0.0.0/8 is not identity', '01-mtls-jwt-authz.yaml', 60, 'MW109'],
  ['§9.2 x-request-context is client-controlled', '01-mtls-jwt-authz.yaml', 51, 'MW107'],
  ['§9.3 spiffe:// principal (zero-trust-policy)', '02-zero-trust-policy.yaml', 12, 'MW101'],
  ['§9.4 request.time.hour: why and the CUSTOM alternative', '02-zero-trust-policy.yaml', 19, 'MW104'],
  ['§9.4 request.time.hour rejected by the webhook', '02-zero-trust-policy.yaml', 19, 'MW048'],
  ['other: notValues [""] rejected by the webhook', '02-zero-trust-policy.yaml', 23, 'MW040'],
  ['§9.5 x-request-rate is client-controlled', '03-threat-isolation.yaml', 13, 'MW107'],
  ['§9.5 header-only DENY denies all TCP', '03-threat-isolation.yaml', 12, 'MW111'],
  ['§9.6 claims DENY denies all TCP', '03-threat-isolation.yaml', 16, 'MW111'],
  ['§9.6 claims DENY never fires without an RA', '03-threat-isolation.yaml', 17, 'MW123'],
  ['§9.6 claims DENY escaped without a token', '03-threat-isolation.yaml', 17, 'MW124'],
  ['other: third rule `to` without ports (webhook warning)', '03-threat-isolation.yaml', 20, 'MW049'],
  ['other: frontend principal with spiffe://', '03-threat-isolation.yaml', 22, 'MW101'],
  ['other: /internal/* bypassable by path variants', '03-threat-isolation.yaml', 25, 'MW113'],
  ['§9.7 RequestAuthentication alone lets token-less requests in', '01-mtls-jwt-authz.yaml', 24, 'MW105'],
  ['§9.8 %{SOURCE_WORKLOAD} is not CEL and drops the standard label', '05-security-monitoring.yaml', 17, 'MW118'],
  ['§9.8 %{REQUEST_AUTH_CLAIMS} is not CEL', '05-security-monitoring.yaml', 19, 'MW118'],
  ['§9.9 zero-trust-policy has no namespace', '02-zero-trust-policy.yaml', 6, 'MW120'],
  ['§9.9 threat-isolation has no namespace', '03-threat-isolation.yaml', 6, 'MW120'],
  ['§9.9 emergency-lockdown has no namespace', '04-emergency-lockdown.yaml', 6, 'MW120'],
  ['§9.9 security-monitoring has no namespace', '05-security-monitoring.yaml', 6, 'MW120'],
  ['§9.10 incident-response annotation has no effect', '04-emergency-lockdown.yaml', 9, 'MW119'],
  ['other: emergency-lockdown spiffe:// principal', '04-emergency-lockdown.yaml', 15, 'MW101'],
  ['other: emergency-lockdown is a no-op DENY', '04-emergency-lockdown.yaml', 7, 'MW122'],
];

test('seed as written: every spec §9 mistake at the line of the offending field', async () => {
  const ds = await lintSeed('as-written', 'production');
  for (const [item, file, line, code] of EXPECTED) {
    const hit = ds.find((d) => d.code === code && d.span.file === `${SEED}/as-written/${file}` && d.span.line === line);
    assert.ok(hit, `${item}: expected ${code} at ${file}:${line}`);
  }
});

test('seed as written: golden text output', async () => {
  const ds = await lintSeed('as-written', 'production');
  const text = formatDiagnosticsText(ds, (f) => readFileSync(f, 'utf8'));
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, text);
  assert.equal(text, readFileSync(GOLDEN, 'utf8'));
});

test('seed corrected: no warnings or errors', async () => {
  const ds = await lintSeed('corrected', 'default');
  assert.deepEqual(
    ds.filter((d) => d.severity !== 'info').map((d) => `${d.span.file}:${d.span.line} ${d.code} ${d.message}`),
    [],
  );
});
