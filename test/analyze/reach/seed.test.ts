import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertWitnessesAllowed, entriesTo, reachOf, seedInputs, attacker } from './helpers.js';

const PAY = 'production/payment-service';

test('reach (seed as written): order-service reaches POST /api/v1/payments/process through rule (b), source.ip 10.0.0.0/8', async () => {
  const r = reachOf(await seedInputs('as-written'));
  const pay = entriesTo(r, 'orders/order-service', PAY);
  assert.equal(pay.length, 1);
  const e = pay[0]!;
  assert.deepEqual([e.port, e.targetPort, e.protocol, e.transport], [80, 8080, 'HTTP', 'mtls']);
  assert.deepEqual(e.methods, ['POST']);
  assert.deepEqual(e.paths, ['/api/v1/payments/process']);
  assert.equal(e.decidedBy, 'production/payment-service-authz rule[1]');
  assert.ok(e.requires.some((x) => x.includes('10.0.0.0/8')), e.requires.join('; '));
  assert.equal(e.witness.token, undefined, 'rule (b) needs no token');
  await assertWitnessesAllowed(r);
});

test('reach (seed as written): every pod in 10/8 pays, the quarantined suspicious-service included; the API gateway also via rule (a) with a token and a client-set header', async () => {
  const r = reachOf(await seedInputs('as-written'));
  for (const from of ['compromised/suspicious-service', 'frontend/web-app', 'production/inventory', 'production/payments-db']) {
    const e = entriesTo(r, from, PAY);
    assert.ok(e.some((x) => x.decidedBy.endsWith('rule[1]') && x.paths[0] === '/api/v1/payments/process'), from);
  }
  const gw = entriesTo(r, 'api-gateway/api-gateway', PAY).find((x) => x.decidedBy.endsWith('rule[0]'));
  assert.ok(gw);
  assert.deepEqual(gw.methods, ['*']);
  assert.ok(gw.requires.some((x) => /header `x-request-context` `authenticated-transaction` \(client-set, no protection\)/.test(x)), gw.requires.join('; '));
  assert.ok(gw.requires.some((x) => /a token from issuer `https:\/\/identity-server.internal` \(audience `payment-api`\) with claim `role` `payment-processor`/.test(x)), gw.requires.join('; '));
  assert.deepEqual(gw.witness.token?.claims['role'], 'payment-processor');
  // the DENY on `sub: suspicious-*` carves out part of the class, it does not remove it
  assert.ok(gw.except.some((x) => x.includes('threat-isolation')));
});

test('reach (seed as written): the external client pays through the ingress gateway (its pod IP is in 10/8)', async () => {
  const r = reachOf(await seedInputs('as-written'));
  const e = entriesTo(r, 'external', PAY);
  assert.equal(e.length, 1);
  assert.equal(e[0]!.via, 'istio-system/istio-ingressgateway');
  assert.equal(e[0]!.transport, 'mtls');
  await assertWitnessesAllowed(r);
});

test('reach (seed as written): threat-isolation denies every TCP connection, so nobody reaches payments-db; STRICT refuses plaintext', async () => {
  const r = reachOf(await seedInputs('as-written'));
  for (const a of ['production/payment-service', 'in-cluster-plaintext', 'external']) assert.deepEqual(entriesTo(r, a, 'production/payments-db'), [], a);
  assert.deepEqual(entriesTo(r, 'in-cluster-plaintext', PAY), []);
  assert.deepEqual(entriesTo(r, 'legacy/batch-exporter', PAY), []);
  assert.ok(attacker(r, 'orders/order-service').reachable.every((e) => e.transport === 'mtls' || e.to.startsWith('legacy/') || e.to.startsWith('istio-system/')));
});

test('reach (seed as written): payment-service holds replayable tokens of the identity server (forwardOriginalToken)', async () => {
  const r = reachOf(await seedInputs('as-written'));
  const a = attacker(r, PAY);
  assert.deepEqual(a.tokens.map((t) => [t.issuer, t.audiences, t.replayable]), [['https://identity-server.internal', ['payment-api'], true]]);
  assert.match(a.tokens[0]!.why, /forwardOriginalToken: true/);
  assert.deepEqual(attacker(r, 'orders/order-service').tokens, []);
});

test('reach (seed corrected): the lateral paths are closed; only the intended flows remain, and their witnesses pass', async () => {
  const r = reachOf(await seedInputs('corrected'));
  for (const from of ['orders/order-service', 'compromised/suspicious-service', 'frontend/web-app', 'production/inventory', 'in-cluster-plaintext', 'external']) {
    assert.deepEqual(entriesTo(r, from, PAY), [], from);
  }
  const gw = entriesTo(r, 'api-gateway/api-gateway', PAY);
  assert.equal(gw.length, 1);
  assert.deepEqual([gw[0]!.methods, gw[0]!.paths], [['POST'], ['/api/v1/payments/process']]);
  assert.ok(gw[0]!.requires.some((x) => x.startsWith('a token from issuer')));
  assert.equal(attacker(r, 'compromised/suspicious-service').reachable.filter((e) => !e.to.startsWith('legacy/') && !e.to.startsWith('istio-system/')).length, 0);
  const db = entriesTo(r, PAY, 'production/payments-db');
  assert.deepEqual(db.map((e) => [e.port, e.protocol, e.transport, e.decidedBy]), [[5432, 'TCP', 'mtls', 'production/payments-db-clients rule[0]']]);
  await assertWitnessesAllowed(r);
});
