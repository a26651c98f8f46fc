import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureLayers, quarantineWhatIf, jwtOnlyPolicy } from '../../../src/analyze/reach/index.js';
import type { AuthorizationPolicy } from '../../../src/model/resources.js';
import { reachOf, runReachCli, seedInputs, SEED } from './helpers.js';

test('reach --layers (seed corrected): each layer removes surface, and everything together is smallest', async () => {
  const layers = measureLayers(await seedInputs('corrected'));
  const total = Object.fromEntries(layers.map((l) => [l.name, l.total]));
  assert.deepEqual(layers.map((l) => l.name), ['no policies', 'mTLS only', 'JWT only', 'mTLS + authorization', 'mTLS + JWT + authorization']);
  // 9 workloads with one port each; the 9 workload attackers reach the 8 others, two ways where
  // mTLS is possible (sidecar, bypass): without policies nothing is refused.
  assert.ok(total['no policies']! > total['mTLS only']!, JSON.stringify(total));
  assert.ok(total['mTLS only']! > total['mTLS + authorization']!, JSON.stringify(total));
  assert.ok(total['no policies']! > total['JWT only']!, JSON.stringify(total));
  // Without RequestAuthentications the claim conditions never hold, so the two token-bound flows
  // (api-gateway → payment-service, order-service → inventory) vanish; with them they come back.
  assert.equal(total['mTLS + JWT + authorization']! - total['mTLS + authorization']!, 2, JSON.stringify(total));
  for (const l of layers) assert.ok(l.max >= l.mean && l.total >= l.max);
});

test('reach --layers: the JWT-only reduction keeps request principals and request.auth conditions only', () => {
  const p = {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name: 'x', namespace: 'n' },
    spec: {
      rules: [
        { from: [{ source: { principals: ['a'], requestPrincipals: ['i/*'] } }], to: [{ operation: { paths: ['/x'] } }], when: [{ key: 'request.auth.claims[r]', values: ['v'] }, { key: 'source.ip', values: ['10.0.0.0/8'] }] },
        { to: [{ operation: { paths: ['/y'] } }] },
      ],
    },
  } as AuthorizationPolicy;
  assert.deepEqual(jwtOnlyPolicy(p)?.spec.rules, [{ from: [{ source: { requestPrincipals: ['i/*'] } }], when: [{ key: 'request.auth.claims[r]', values: ['v'] }] }, {}]);
  assert.equal(jwtOnlyPolicy({ ...p, spec: { action: 'DENY', rules: [{ to: [{ operation: { paths: ['/y'] } }] }] } } as AuthorizationPolicy), undefined);
});

test('reach --quarantine (seed as written): suspicious-service loses its mTLS paths; STRICT leaves it no plaintext way', async () => {
  const inputs = await seedInputs('as-written');
  const before = reachOf(inputs);
  const [q] = quarantineWhatIf(inputs, before, ['compromised/suspicious-service']);
  assert.ok(q);
  assert.equal(q.identity, 'spiffe://cluster.local/ns/compromised/sa/suspicious-service');
  assert.deepEqual(q.workloads, ['compromised/suspicious-service']);
  assert.ok(q.before.entries > 0);
  // legacy/batch-exporter has no sidecar and the gateway sees no peer identity: those remain.
  assert.deepEqual(q.after.remaining.map((e) => e.to).sort(), ['istio-system/istio-ingressgateway', 'legacy/batch-exporter']);
  assert.ok(q.broken.some((b) => b.from === 'compromised/suspicious-service' && b.to === 'production/payment-service'));
  assert.ok(q.broken.every((b) => b.from === 'compromised/suspicious-service'), 'a principal DENY breaks no other attacker\'s flow');
});

test('meshward reach -o json: deterministic, sorted, the documented shape', async () => {
  const args = ['-f', `${SEED}/workloads`, '-f', `${SEED}/as-written`, '-n', 'production', '--compromised', 'orders/order-service', '--compromised', 'external', '-o', 'json'];
  const a = await runReachCli(args);
  const b = await runReachCli(args);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(a.stdout, b.stdout);
  const out = JSON.parse(a.stdout) as { attackers: { attacker: string; identity: string | null; reachable: { to: string; decidedBy: string; witness: { method?: string } }[] }[]; summary: { attackers: number } };
  assert.deepEqual(out.attackers.map((x) => x.attacker), ['orders/order-service', 'external']);
  assert.equal(out.summary.attackers, 2);
  const tos = out.attackers[0]!.reachable.map((e) => e.to);
  assert.deepEqual(tos, [...tos].sort());
  assert.ok(out.attackers[0]!.reachable.some((e) => e.to === 'production/payment-service' && e.decidedBy === 'production/payment-service-authz rule[1]' && e.witness.method === 'POST'));
});

test('meshward reach: text tables, --layers, --quarantine and --verify', async () => {
  const r = await runReachCli(['-f', `${SEED}/workloads`, '-f', `${SEED}/corrected`, '--layers', '--quarantine', 'compromised/suspicious-service', '--verify']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^api-gateway\/api-gateway {2}\(spiffe:\/\/cluster\.local\/ns\/api-gateway\/sa\/gateway-service\): \d+ reachable class/m);
  assert.match(r.stdout, /TO +PORT +TRANSPORT +METHODS +PATHS +REQUIRES +DECIDED BY/);
  assert.match(r.stdout, /mTLS \+ JWT \+ authorization +[\d.]+ +\d+ +\d+/);
  assert.match(r.stdout, /quarantine spiffe:\/\/cluster\.local\/ns\/compromised\/sa\/suspicious-service/);
});

test('meshward reach: an unknown --compromised workload is an input error', async () => {
  await assert.rejects(runReachCli(['-f', `${SEED}/workloads`, '--compromised', 'nope/nope']), /`nope\/nope` is not a workload/);
});
