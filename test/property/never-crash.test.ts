// Property: hostile but schema-shaped policies and requests (empty strings, odd CIDRs, `{**}` in odd
// places, huge lists, unicode, nulls) never crash the compiler or the engine. Recoverable problems
// are notes (STYLE.md, "collected, not thrown"); the only error allowed is the documented
// `ERR_RBAC_CONFIG` from `prepareAuthzChain`, for a config Envoy itself would reject (a NACK).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MeshwardError, type AuthorizationPolicy, type RequestFacts } from '../../src/model/index.js';
import { buildHttpAuthz, buildTcpAuthz } from '../../src/compile/authz/index.js';
import { prepareAuthzChain, runAuthzChain, type PreparedAuthzChain } from '../../src/engine/authz-chain.js';
import { garbagePoliciesArb, garbageRequestArb, policiesArb, TRUST_DOMAIN_BUNDLES } from '../support/arbitraries.js';
import { referenceDecide } from '../support/reference-evaluator.js';
import { EXTENSION_PROVIDERS, propertyRuns, propertySeed } from './support.js';

const RUNS = propertyRuns(250);
const SEED = propertySeed();

const anyPolicies = fc.oneof({ arbitrary: garbagePoliciesArb, weight: 3 }, { arbitrary: policiesArb, weight: 1 });

function compile(policies: AuthorizationPolicy[], tcp: boolean, multi: boolean, bundle: readonly string[]) {
  const opts = { trustDomainBundle: bundle, extensionProviders: EXTENSION_PROVIDERS, enableMultipleCustomProviders: multi };
  return tcp ? buildTcpAuthz(policies, opts) : buildHttpAuthz(policies, opts);
}

/** Prepares a chain; `undefined` when Envoy would reject the config (the one allowed error). */
function prepare(policies: AuthorizationPolicy[], tcp: boolean, multi: boolean, bundle: readonly string[]): PreparedAuthzChain | undefined {
  const built = compile(policies, tcp, multi, bundle);
  assert.ok(Array.isArray(built.filters) && Array.isArray(built.notes));
  try {
    return prepareAuthzChain(built.filters);
  } catch (e) {
    if (e instanceof MeshwardError && e.code === 'ERR_RBAC_CONFIG') return undefined;
    throw e;
  }
}

function checkOutcome(chain: PreparedAuthzChain, facts: RequestFacts, allow: boolean): void {
  const out = runAuthzChain(chain, { facts, trace: true, customAuthorizer: () => allow }, 'all');
  assert.equal(typeof out.allowed, 'boolean');
  assert.ok(out.status === 200 || out.status === 403 || out.status === 'reset', `status ${String(out.status)}`);
  assert.equal(out.allowed, out.status === 200, 'allowed iff status 200');
}

for (const tcp of [false, true]) {
  const kind = tcp ? 'TCP' : 'HTTP';
  test(`${kind}: compiler and engine survive hostile policies and requests (${RUNS} runs, seed ${SEED})`, () => {
    const input = fc.record({
      policies: anyPolicies,
      requests: fc.array(garbageRequestArb({ tcp }), { minLength: 1, maxLength: 3 }),
      multi: fc.boolean(),
      allow: fc.boolean(),
      bundle: fc.constantFrom(...TRUST_DOMAIN_BUNDLES, ['', '*'], ['cluster.local', 'cluster.local']),
    });
    fc.assert(
      fc.property(input, ({ policies, requests, multi, allow, bundle }) => {
        const chain = prepare(policies, tcp, multi, bundle);
        if (chain === undefined) return;
        for (const facts of requests) checkOutcome(chain, facts, allow);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
}

test('the reference evaluator itself survives hostile input', () => {
  fc.assert(
    fc.property(garbagePoliciesArb, garbageRequestArb({ tcp: false }), fc.boolean(), (policies, facts, tcp) => {
      const d = referenceDecide(policies, { facts }, { trustDomainBundle: ['cluster.local'], tcp });
      assert.equal(typeof d.allowed, 'boolean');
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

test('the allowed error is really rare: valid policies always prepare', () => {
  // Valid policies (spec §3.1) must never produce a config Envoy would reject.
  fc.assert(
    fc.property(policiesArb, fc.boolean(), fc.constantFrom(...TRUST_DOMAIN_BUNDLES), (policies, tcp, bundle) => {
      const built = compile(policies, tcp, false, bundle);
      prepareAuthzChain(built.filters);
    }),
    { seed: SEED, numRuns: RUNS },
  );
});
