/** `lint()` itself: validation first, rejected resources attach to nothing, suppressions, order. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinRules, lint } from '../../../src/analyze/lint/index.js';
import { defaultAllowWorkload } from '../../../src/analyze/lint/rules/default-allow-workload.js';
import { parseManifests } from '../../../src/load/index.js';
import { DEFAULT_MESH_CONFIG } from '../../../src/model/mesh.js';
import { sortDiagnostics } from '../../../src/report/diagnostics-text.js';
import { dedent, wl } from './helpers.js';

const mesh = { ...DEFAULT_MESH_CONFIG, trustDomainAliases: [], extensionProviders: [] };
const deploy = dedent(`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: api, namespace: foo}
  spec:
    template:
      metadata: {labels: {app: api}}
      spec: {containers: [{name: api}]}
`);
const workloads = [{ ...wl('foo', 'api', { app: 'api' }), origin: 'Deployment foo/api' }];
const rejectedAllow = dedent(`
  apiVersion: security.istio.io/v1
  kind: AuthorizationPolicy
  metadata: {name: p}
  spec:
    rules:
    - when:
      - key: request.time.hour
        values: ["9"]
`);

function run(yaml: string, opts: Parameters<typeof lint>[1] = {}) {
  const { resources } = parseManifests(yaml, 'x.yaml');
  return lint({ resources, workloads, mesh, defaultNamespace: 'foo' }, opts);
}

test('istiod validation runs first, and a policy it rejects does not protect anything', () => {
  const ds = run(`${deploy}---\n${rejectedAllow}`);
  const codes = ds.map((d) => d.code);
  assert.ok(codes.includes('MW048'), 'the webhook rejects request.time.hour');
  assert.ok(codes.includes('MW104'), 'lint explains it');
  // The rejected ALLOW never reaches the proxy, so the workload is still default-allow.
  assert.ok(codes.includes('MW117'), codes.join(' '));
  // Validation labels the namespace the resource lands in, not `(none)`.
  assert.equal(ds.find((d) => d.code === 'MW048')?.resource, 'AuthorizationPolicy foo/p');
});

test('without validation the same ALLOW attaches and the workload is not default-allow', () => {
  const ds = run(`${deploy}---\n${rejectedAllow}`, { validators: [] });
  assert.ok(!ds.some((d) => d.code === 'MW117'));
});

test('suppress by code, by name, and for one resource only', () => {
  const yaml = `${deploy}---\n${rejectedAllow}`;
  assert.ok(!run(yaml, { suppress: ['MW104'] }).some((d) => d.code === 'MW104'));
  assert.ok(!run(yaml, { suppress: ['when-time-attribute'] }).some((d) => d.code === 'MW104'));
  assert.ok(!run(yaml, { suppress: ['MW104=foo/p'] }).some((d) => d.code === 'MW104'));
  assert.ok(run(yaml, { suppress: ['MW104=foo/other'] }).some((d) => d.code === 'MW104'));
  assert.ok(!run(yaml, { suppress: ['MW048'] }).some((d) => d.code === 'MW048'), 'validation codes are suppressible too');
});

test('rules option runs only the given rules; output is sorted and free of duplicates', () => {
  const only = run(deploy, { rules: [defaultAllowWorkload], validators: [] });
  assert.deepEqual(only.map((d) => d.code), ['MW117']);
  const all = run(`${deploy}---\n${rejectedAllow}`);
  assert.deepEqual(all, sortDiagnostics(all));
  const keys = all.map((d) => `${d.code}|${d.span.line}|${d.span.column}|${d.message}`);
  assert.equal(new Set(keys).size, keys.length);
  assert.ok(builtinRules.length >= 24);
});
