// Property: for valid policies and sidecar-shaped requests, compile (src/compile/authz) + engine
// (src/engine/authz-chain) decide exactly like the reference evaluator, a direct reading of spec §4.
// Fixed seed; `MESHWARD_PROPERTY_RUNS=5000` (and `MESHWARD_PROPERTY_SEED`) to search harder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EDGE_POOLS, validScenario, type Scenario } from '../support/arbitraries.js';
import { decidingPolicy, propertyRuns, propertySeed, runEngine, runReference } from './support.js';

const RUNS = propertyRuns(1500);
const SEED = propertySeed();

function explain(s: Scenario, what: string, got: unknown, want: unknown): string {
  return `${what}: engine says ${JSON.stringify(got)}, reference says ${JSON.stringify(want)}`;
}

function checkScenario(s: Scenario, tcp: boolean): void {
  const opts = { tcp, trustDomainBundle: s.trustDomainBundle };
  // (a) never throws
  const run = runEngine(s.policies, s.request, opts);
  assert.ok(run, 'generated requests are all valid HTTP, so normalization must accept them');
  const got = run.outcome;
  const want = runReference(s.policies, run, opts);

  // (b) same decision
  assert.equal(got.allowed, want.allowed, explain(s, 'allowed', got.reason, want.decidedBy));

  // (c) the deciding policy is one the reference saw match, with the same action
  const decider = decidingPolicy(got);
  if (got.reason === 'denied-by-policy' || got.reason === 'allowed-by-policy') {
    const action = got.reason === 'denied-by-policy' ? 'DENY' : 'ALLOW';
    const candidates = want.matches.filter((m) => !m.dryRun && m.action === action).map((m) => m.id);
    assert.ok(decider !== undefined && candidates.includes(decider), explain(s, `deciding ${action} policy`, decider, candidates));
    if (got.policy?.rule !== undefined) {
      const m = want.matches.find((x) => x.id === decider && !x.dryRun);
      assert.ok(m?.rules.includes(got.policy.rule), explain(s, `rule of ${decider}`, got.policy.rule, m?.rules));
    }
  }
  assert.equal(got.reason === 'denied-by-policy', want.decidedBy === 'deny-policy', explain(s, 'reason', got.reason, want.decidedBy));

  // AUDIT: every matching enforced AUDIT policy is reported (spec §2.11).
  const audited = [...new Set(got.audited.map((p) => `${p.namespace}/${p.name}`))].sort();
  assert.deepEqual(audited, [...want.audited].sort(), explain(s, 'audited', audited, want.audited));

  // Dry-run: each RBAC filter that is reached reports its shadow verdict (spec §2.11); a shadow
  // ALLOW set allows iff a dry-run ALLOW policy matched, a shadow DENY set denies iff a dry-run
  // DENY policy matched. The ALLOW filter is not reached once an enforced DENY denied.
  for (const action of ['ALLOW', 'DENY'] as const) {
    const verdicts = got.shadow.filter((v) => v.policy.action === action);
    const hits = want.matches.filter((m) => m.dryRun && m.action === action).map((m) => m.id);
    const reached = action === 'DENY' || want.decidedBy !== 'deny-policy';
    const expected = action === 'ALLOW' ? (hits.length > 0 ? 'allowed' : 'denied') : hits.length > 0 ? 'denied' : 'allowed';
    if (!reached) {
      assert.deepEqual(verdicts, [], explain(s, 'shadow ALLOW after an enforced deny', verdicts, []));
      continue;
    }
    if (hits.length > 0) assert.ok(verdicts.length > 0, explain(s, `shadow ${action} verdict`, verdicts, hits));
    for (const v of verdicts) {
      assert.equal(v.result, expected, explain(s, `shadow ${action} result`, v, hits));
      if (hits.length > 0) {
        const id = `${v.policy.namespace}/${v.policy.name}`;
        assert.ok(hits.includes(id), explain(s, `shadow ${action} policy`, id, hits));
      }
    }
  }
}

for (const tcp of [false, true]) {
  const kind = tcp ? 'TCP' : 'HTTP';
  test(`engine and reference agree on ${kind} decisions (${RUNS} runs, seed ${SEED})`, () => {
    fc.assert(
      fc.property(validScenario({ tcp }), (s) => checkScenario(s, tcp)),
      { seed: SEED, numRuns: RUNS },
    );
  });
  test(`engine and reference agree on ${kind} corner cases (${RUNS} runs, seed ${SEED})`, () => {
    fc.assert(
      fc.property(validScenario({ tcp, pools: EDGE_POOLS }), (s) => checkScenario(s, tcp)),
      { seed: SEED, numRuns: RUNS },
    );
  });
}
