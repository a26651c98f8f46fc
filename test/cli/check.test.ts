import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, SEED } from '../support/cli.js';

const seedAsWritten = ['-f', `${SEED}/workloads`, '-f', `${SEED}/as-written`, '-n', 'production'];
const pay = ['--to', 'production/payment-service:80', '--method', 'POST', '--path', '/api/v1/payments/process'];

test('check: the seed as written lets order-service pay through rule (b) (source.ip 10.0.0.0/8)', async () => {
  const r = await cli(['check', ...seedAsWritten, '--from', 'orders/order-service', ...pay, '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { decision: { allowed: boolean; status: number; policy: { name: string; rule: number } } };
  assert.equal(out.decision.allowed, true);
  assert.equal(out.decision.status, 200);
  assert.equal(out.decision.policy.name, 'payment-service-authz');
  assert.equal(out.decision.policy.rule, 1);
  // zero-trust-policy uses `request.time.hour`: istiod refuses it, so it is not part of the mesh
  assert.match(r.stderr, /warning: AuthorizationPolicy `\(no namespace\)\/zero-trust-policy` is rejected by istiod and not applied: .*request\.time\.hour.* at examples\/seed-architecture\/as-written\/02-zero-trust-policy\.yaml:19:12/);
});

test('check: a pod without a sidecar is reset by STRICT mTLS, and --exit-code turns that into exit 1', async () => {
  const r = await cli(['check', ...seedAsWritten, '--from', 'legacy/batch-exporter', ...pay, '--exit-code']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^DENY RESET/m);
  assert.match(r.stdout, /STRICT \(istio-system\/default\)/);
});

test('check: the corrected seed denies order-service, naming the ALLOW policies that did not match', async () => {
  const r = await cli(['check', '-f', `${SEED}/workloads`, '-f', `${SEED}/corrected`, '--from', 'orders/order-service', ...pay]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^DENY 403 {2}RBAC: access denied/m);
  assert.match(r.stdout, /production\/payment-service-authz rule\[0\]: peer principal `spiffe:\/\/cluster\.local\/ns\/orders\/sa\/order-service` does not match/);
});

test('check: a misspelled field is an error at its file:line:col with exit 2 and no stack trace', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mw-check-'));
  const f = join(dir, 'bad.yaml');
  writeFileSync(
    f,
    ['apiVersion: security.istio.io/v1', 'kind: AuthorizationPolicy', 'metadata:', '  name: p', '  namespace: foo', 'spec:', '  selecter:', '    matchLabels: {app: x}', ''].join('\n'),
  );
  const r = await cli(['check', '-f', f, '--to', 'foo/x:80']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, new RegExp(`${f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:7:3`));
  assert.match(r.stderr, /selecter/);
  assert.match(r.stderr, /selector/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});

test('check: malformed YAML is an error with its position and exit 2', async () => {
  const r = await cli(['check', '-f', '-', '--to', 'foo/x:80'], 'kind: [unclosed\n');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /<stdin>:\d+:\d+/);
});

test('check: an unknown destination names the known workloads', async () => {
  const r = await cli(['check', ...seedAsWritten, '--to', 'production/nope:80']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /`production\/nope` is not a workload/);
  assert.match(r.stderr, /`production\/payment-service`/);
});

test('check: --to without a port is a usage error', async () => {
  const r = await cli(['check', ...seedAsWritten, '--to', 'production/payment-service']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /needs a port/);
});

test('check --help shows examples', async () => {
  const r = await cli(['check', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Examples:/);
  assert.match(r.stdout, /--from <ns\/name>/);
});

test('check: a --from-ip that is not an address or a port past 65535 is exit 2, not a request that silently matches no ipBlocks', async () => {
  const bad = await cli(['check', ...seedAsWritten, '--from', 'orders/order-service', ...pay, '--from-ip', '10.0.0.300']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--from-ip `10\.0\.0\.300` is not an IP address/);
  const port = await cli(['check', ...seedAsWritten, '--to', 'production/payment-service:99999']);
  assert.equal(port.code, 2);
  assert.match(port.stderr, /port 99999 is not between 1 and 65535/);
});
