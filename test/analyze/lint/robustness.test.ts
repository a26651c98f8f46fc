/**
 * Rules never throw on user input: hostile but schema-shaped policies (nulls, empty strings,
 * odd keys) and valid random ones, against HTTP and TCP workloads. Fixed seed, modest run count.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lint } from '../../../src/analyze/lint/index.js';
import { DEFAULT_MESH_CONFIG } from '../../../src/model/mesh.js';
import type { AuthorizationPolicy } from '../../../src/model/resources.js';
import { sortDiagnostics } from '../../../src/report/diagnostics-text.js';
import { garbagePoliciesArb, policiesArb } from '../../support/arbitraries.js';
import { wl } from './helpers.js';

const workloads = [wl('foo', 'api', {}, [[8080, 'HTTP'], [5432, 'TCP'], [9000, 'UNKNOWN']]), wl('foo', 'db', { app: 'db' }, [[5432, 'TCP']]), wl('bar', 'x', {}, [[80, 'HTTP']], 'none')];
const mesh = {
  ...DEFAULT_MESH_CONFIG,
  trustDomainAliases: [],
  extensionProviders: [{ name: 'ext-http', envoyExtAuthzHttp: { service: 'api.foo.svc.cluster.local', port: 8080 } }],
};

function check(policies: AuthorizationPolicy[]): void {
  const ds = lint({ resources: policies, workloads, mesh, defaultNamespace: 'foo' });
  assert.deepEqual(ds, sortDiagnostics(ds));
  for (const d of ds) {
    if (!d.code.startsWith('MW1')) continue;
    assert.match(d.message, /^[^A-Z]/, d.message);
    assert.doesNotMatch(d.message, /\.$/, d.message);
    assert.ok(d.help, `${d.code} has help`);
  }
}

test('lint never throws on hostile, schema-shaped policies', () => {
  fc.assert(fc.property(garbagePoliciesArb, check), { seed: 20260822, numRuns: 300 });
});

test('lint never throws on valid random policies', () => {
  fc.assert(fc.property(policiesArb, check), { seed: 20260823, numRuns: 200 });
});
