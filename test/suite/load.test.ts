import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSuite } from '../../src/suite/load.js';
import { runSuite } from '../../src/suite/run.js';
import { MeshwardError } from '../../src/model/index.js';

function suiteFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mw-suite-'));
  const f = join(dir, 'suite.yaml');
  writeFileSync(f, text);
  return f;
}

const HEAD = `apiVersion: meshward/v1alpha1
kind: TestSuite
metadata: {name: t}
workloads:
  - {name: httpbin, namespace: foo, ports: [{port: 8000, protocol: HTTP}]}
  - {name: curl, namespace: legacy, sidecar: false}
`;

async function rejection(text: string): Promise<MeshwardError> {
  const err = await loadSuite(suiteFile(text)).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(err instanceof MeshwardError, 'expected the suite to be rejected');
  assert.equal(err.code, 'ERR_SUITE_INVALID');
  return err;
}

test('an unknown field in a case is an error at its line and column, with a suggestion', async () => {
  const err = await rejection(`${HEAD}cases:
  - name: x
    from: legacy/curl
    to: foo/httpbin:8000
    expct: 200
`);
  const d = err.diagnostics.find((x) => /expct/.test(x.message));
  assert.ok(d, JSON.stringify(err.diagnostics));
  assert.equal(d.span.line, 11);
  assert.equal(d.span.column, 5);
  assert.match(d.help ?? d.message, /expect/);
});

test('a case naming an unknown workload or a bad expectation is rejected at that field', async () => {
  const err = await rejection(`${HEAD}cases:
  - name: x
    from: nowhere/ghost
    to: foo/httpbin:8000
    expect: 302
`);
  const where = err.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.message}`);
  assert.ok(where.some((w) => w.startsWith('9:11 ') && /not a workload/.test(w)), where.join('\n'));
  assert.ok(where.some((w) => w.startsWith('11:13 ') && /200, 400, 401, 403/.test(w)), where.join('\n'));
});

test('inline resources report errors at their line inside the suite file', async () => {
  const err = await rejection(`${HEAD}resources:
  - inline: |
      apiVersion: security.istio.io/v1
      kind: AuthorizationPolicy
      metadata: {name: p, namespace: foo}
      spec:
        action: ALOW
cases:
  - {name: x, from: legacy/curl, to: foo/httpbin:8000, expect: 200}
`);
  const d = err.diagnostics.find((x) => /ALOW/.test(x.message));
  assert.ok(d, JSON.stringify(err.diagnostics));
  assert.equal(d.span.line, 13);
  assert.equal(d.span.column, 17);
});

test('a suite runs: an inline DENY with a namespace filled in like kubectl -n, an expired token is a 401', async () => {
  const suite = await loadSuite(
    suiteFile(`${HEAD}issuers:
  - {issuer: https://issuer.test, generate: ES256}
resources:
  - namespace: foo
    inline: |
      apiVersion: security.istio.io/v1
      kind: AuthorizationPolicy
      metadata: {name: deny-admin}
      spec:
        action: DENY
        rules: [{to: [{operation: {paths: ["/admin"]}}]}]
      ---
      apiVersion: security.istio.io/v1
      kind: RequestAuthentication
      metadata: {name: ra}
      spec:
        jwtRules: [{issuer: https://issuer.test}]
cases:
  - {name: admin denied, from: legacy/curl, to: foo/httpbin:8000, request: {path: /admin}, expect: 403, expectPolicy: foo/deny-admin}
  - {name: other allowed, from: legacy/curl, to: foo/httpbin:8000, request: {path: /ok}, expect: 200}
  - name: expired token
    from: legacy/curl
    to: foo/httpbin:8000
    token: {issuer: https://issuer.test, claims: {sub: a}, expiresIn: -600}
    expect: 401
    expectBody: Jwt is expired
  - name: wrong body on purpose
    from: legacy/curl
    to: foo/httpbin:8000
    token: {issuer: https://issuer.test, claims: {sub: a}, expiresIn: -600}
    expect: 401
    expectBody: Jwt verification fails
  - {name: wrong on purpose, from: legacy/curl, to: foo/httpbin:8000, request: {path: /admin}, expect: 200}
`),
  );
  const r = await runSuite(suite);
  assert.deepEqual(
    r.cases.map((c) => [c.name, c.got, c.passed]),
    [
      ['admin denied', 403, true],
      ['other allowed', 200, true],
      ['expired token', 401, true],
      ['wrong body on purpose', 401, false],
      ['wrong on purpose', 403, false],
    ],
  );
  assert.equal(r.cases[2]!.decision.message, 'Jwt is expired');
  assert.deepEqual(r.cases[3]!.problems, ['body `Jwt is expired`, expected `Jwt verification fails`']);
  assert.equal(r.passed, 3);
  assert.equal(r.failed, 2);
});

test('a jwks file that is not a JWK Set, a missing resources path and a bad private key are errors at their field, not crashes', async () => {
  const f = suiteFile(`${HEAD}issuers:
  - {issuer: https://a.example, jwks: not-json.txt, generate: RS256}
  - {issuer: https://b.example, jwks: no-keys.json}
  - {issuer: https://c.example, privateKey: bad.pem}
resources:
  - ./missing/
cases:
  - {name: x, from: legacy/curl, to: foo/httpbin:8000, expect: 200}
`);
  const dir = join(f, '..');
  writeFileSync(join(dir, 'not-json.txt'), 'nope\n');
  writeFileSync(join(dir, 'no-keys.json'), '{"kty":"RSA"}');
  writeFileSync(join(dir, 'bad.pem'), '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
  const err = await loadSuite(f).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(err instanceof MeshwardError && err.code === 'ERR_SUITE_INVALID', String(err));
  const where = err.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.message}`);
  assert.ok(where.some((w) => w.startsWith('8:39 ') && /`not-json.txt` is not JSON/.test(w)), where.join('\n'));
  assert.ok(where.some((w) => w.startsWith('9:39 ') && /`no-keys.json` is not a JWK Set/.test(w)), where.join('\n'));
  assert.ok(where.some((w) => w.startsWith('10:45 ') && /`bad.pem` is not a private key/.test(w)), where.join('\n'));
  assert.ok(where.some((w) => w.startsWith('12:5 ') && /cannot read .*missing/.test(w)), where.join('\n'));
  assert.ok(!where.some((w) => /has no key/.test(w)), where.join('\n'));
});

test('addresses and ports a case cannot have are errors at their field, not requests that silently match nothing', async () => {
  const err = await rejection(`apiVersion: meshward/v1alpha1
kind: TestSuite
metadata: {name: t}
workloads:
  - {name: httpbin, namespace: foo, ports: [{port: 8000, protocol: HTTP}], ip: 10.0.0.300}
  - {name: curl, namespace: foo}
cases:
  - {name: a, from: {ip: not-an-ip}, to: foo/httpbin:8000, expect: 200}
  - {name: b, from: foo/curl, sourceIp: 1.2.3, to: foo/httpbin:8000, expect: 200}
  - {name: c, from: foo/curl, to: foo/httpbin:99999, expect: 200}
`);
  const where = err.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.message}`);
  assert.ok(where.some((w) => w.startsWith('5:80 ') && /`10.0.0.300` is not an IP address/.test(w)), where.join('\n'));
  assert.ok(where.some((w) => w.startsWith('8:26 ') && /`not-an-ip` is not an IP address/.test(w)), where.join('\n'));
  assert.ok(where.some((w) => w.startsWith('9:41 ') && /`1.2.3` is not an IP address/.test(w)), where.join('\n'));
  assert.ok(where.some((w) => w.startsWith('10:35 ') && /port 99999/.test(w)), where.join('\n'));
});
