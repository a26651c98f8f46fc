/** Table tests on a two-workload mesh: one attribute kind at a time, each witness through the engine. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Resource } from '../../../src/model/resources.js';
import { ap, assertWitnessesAllowed, entriesTo, reachOf, smallMesh, workload } from './helpers.js';

const CLIENT = 'a/client';
const SERVER = 'b/server';
const allow = (rules: unknown[]): Resource => ap('b', 'p', { selector: { matchLabels: { app: 'server' } }, rules });
const deny = (rules: unknown[]): Resource => ap('b', 'd', { action: 'DENY', rules });
const pa = (mode: string, extra: Record<string, unknown> = {}): Resource =>
  ({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'b' }, spec: { mtls: { mode }, ...extra } }) as Resource;
const ra = (forward = false): Resource =>
  ({ apiVersion: 'security.istio.io/v1', kind: 'RequestAuthentication', metadata: { name: 'jwt', namespace: 'b' }, spec: { jwtRules: [{ issuer: 'https://iss.example', jwks: '{"keys":[]}', audiences: ['api'], forwardOriginalToken: forward }] } }) as Resource;

interface Case {
  name: string;
  policies: Resource[];
  /** How many classes the client gets to the server (over both transports). */
  classes: number;
  check?: (e: ReturnType<typeof entriesTo>) => void;
}

const cases: Case[] = [
  { name: 'no policy: one default-allow class per transport', policies: [], classes: 2, check: (e) => assert.deepEqual(e.map((x) => x.decidedBy), ['no ALLOW policy (default allow)', 'no ALLOW policy (default allow)']) },
  { name: 'allow-nothing', policies: [ap('b', 'nothing', {})], classes: 0 },
  {
    name: 'methods and paths: exact, prefix, suffix, presence',
    policies: [allow([{ to: [{ operation: { methods: ['GET', 'HEAD'], paths: ['/x', '/api/*', '*.json'] } }] }])],
    classes: 2,
    check: (e) => {
      assert.deepEqual(e[0]!.methods, ['GET', 'HEAD']);
      assert.deepEqual(e[0]!.paths, ['*.json', '/api/*', '/x']);
    },
  },
  {
    name: 'path template',
    policies: [allow([{ to: [{ operation: { paths: ['/v1/{*}/items/{**}'] } }] }])],
    classes: 2,
    check: (e) => assert.match(e[0]!.witness.path ?? '', /^\/v1\/[^/]+\/items\//),
  },
  {
    name: 'hosts ignore case, notHosts carved out',
    policies: [allow([{ to: [{ operation: { hosts: ['*.example.com'], notHosts: ['admin.example.com'] } }] }])],
    classes: 2,
    check: (e) => {
      assert.deepEqual(e[0]!.hosts, ['*.example.com']);
      assert.ok(e[0]!.except.some((x) => x.includes('admin.example.com')));
      assert.notEqual(e[0]!.witness.host?.toLowerCase(), 'admin.example.com');
    },
  },
  {
    name: 'principals: only the mTLS transport matches',
    policies: [allow([{ from: [{ source: { principals: ['cluster.local/ns/a/sa/client'] } }] }])],
    classes: 1,
    check: (e) => assert.equal(e[0]!.transport, 'mtls'),
  },
  {
    name: 'notPrincipals: * admits plaintext only',
    policies: [allow([{ from: [{ source: { notPrincipals: ['*'] } }] }])],
    classes: 1,
    check: (e) => assert.equal(e[0]!.transport, 'plaintext'),
  },
  { name: 'namespaces of another namespace: nothing', policies: [allow([{ from: [{ source: { namespaces: ['other'] } }] }])], classes: 0 },
  { name: 'ipBlocks match the real source IP', policies: [allow([{ from: [{ source: { ipBlocks: ['10.1.0.0/16'] } }] }])], classes: 2 },
  { name: 'ipBlocks elsewhere: nothing', policies: [allow([{ from: [{ source: { ipBlocks: ['192.168.0.0/16'] } }] }])], classes: 0 },
  {
    name: 'remoteIpBlocks: the client sets X-Forwarded-For',
    policies: [allow([{ from: [{ source: { remoteIpBlocks: ['192.168.0.0/16'], notRemoteIpBlocks: ['192.168.0.0/24'] } }] }])],
    classes: 2,
    check: (e) => {
      const xff = e[0]!.witness.headers.find(([n]) => n === 'x-forwarded-for')?.[1];
      assert.ok(xff && xff.startsWith('192.168.') && !xff.startsWith('192.168.0.'), xff);
    },
  },
  {
    name: 'request headers, several values and a negative',
    policies: [allow([{ when: [{ key: 'request.headers[x-role]', values: ['admin', 'ops*'] }, { key: 'request.headers[x-debug]', notValues: ['*'] }] }])],
    classes: 2,
    check: (e) => assert.ok(e[0]!.requires.some((x) => x.includes('client-set'))),
  },
  { name: 'ports: the other port is never reached', policies: [allow([{ to: [{ operation: { ports: ['9090'] } }] }])], classes: 0 },
  { name: 'ports: the target port matches', policies: [allow([{ to: [{ operation: { ports: ['8080'] } }] }])], classes: 2 },
  { name: 'destination.ip', policies: [allow([{ when: [{ key: 'destination.ip', values: ['10.2.0.0/16'] }] }])], classes: 2 },
  { name: 'sni', policies: [allow([{ when: [{ key: 'connection.sni', values: ['*.internal'] }] }])], classes: 2, check: (e) => assert.match(e[0]!.witness.sni ?? '', /\.internal$/) },
  { name: 'a DENY covering everything removes the class', policies: [allow([{}]), deny([{}])], classes: 0 },
  {
    name: 'a partial DENY becomes an except note and the witness avoids it',
    policies: [allow([{ to: [{ operation: { paths: ['/api/*'] } }] }]), deny([{ to: [{ operation: { paths: ['/api/admin/*'] } }] }])],
    classes: 2,
    check: (e) => {
      assert.ok(e[0]!.except.some((x) => x.includes('/api/admin/*') && x.includes('b/d rule[0]')));
      assert.ok(!e[0]!.witness.path?.startsWith('/api/admin/'));
    },
  },
  {
    name: 'a DENY that covers the whole ALLOW class by path removes it',
    policies: [allow([{ to: [{ operation: { paths: ['/api/admin/x'] } }] }]), deny([{ to: [{ operation: { paths: ['/api/admin/*'] } }] }])],
    classes: 0,
  },
  { name: 'claims without a RequestAuthentication can never hold', policies: [allow([{ when: [{ key: 'request.auth.claims[role]', values: ['x'] }] }])], classes: 0 },
  {
    name: 'claims with a RequestAuthentication need a token (issuer, audience, claim)',
    policies: [ra(), allow([{ from: [{ source: { requestPrincipals: ['https://iss.example/*'] } }], when: [{ key: 'request.auth.claims[groups]', values: ['admin', 'ops'] }] }])],
    classes: 2,
    check: (e) => {
      const t = e[0]!.witness.token;
      assert.equal(t?.issuer, 'https://iss.example');
      assert.equal(t?.claims['aud'], 'api');
      assert.ok(e[0]!.requires.some((x) => x.includes('a token from issuer `https://iss.example`')));
    },
  },
  {
    // NOT(iss present AND sub present) = no iss OR no sub: two classes per transport (De Morgan).
    name: 'notRequestPrincipals: * is met without a token',
    policies: [ra(), allow([{ from: [{ source: { notRequestPrincipals: ['*'] } }] }])],
    classes: 4,
    check: (e) => assert.ok(e.every((x) => x.witness.token === undefined)),
  },
  { name: 'STRICT refuses the plaintext bypass', policies: [pa('STRICT')], classes: 1, check: (e) => assert.equal(e[0]!.transport, 'mtls') },
  { name: 'DISABLE: even the sidecar sends plaintext', policies: [pa('DISABLE')], classes: 1, check: (e) => assert.equal(e[0]!.transport, 'plaintext') },
];

for (const c of cases) {
  test(`reach attribute: ${c.name}`, async () => {
    const r = reachOf(smallMesh(c.policies));
    const e = entriesTo(r, CLIENT, SERVER);
    assert.equal(e.length, c.classes, JSON.stringify(e, null, 1));
    c.check?.(e);
    await assertWitnessesAllowed(r);
  });
}

test('reach: a TCP port uses the TCP filters (HTTP-only ALLOW rules dropped, principals kept)', async () => {
  const db = workload('b', 'db', '10.2.0.9', [{ port: 5432, targetPort: 5432, protocol: 'TCP' }]);
  const policies = [
    ap('b', 'db', { selector: { matchLabels: { app: 'db' } }, rules: [{ from: [{ source: { principals: ['cluster.local/ns/a/sa/client'] } }] }, { to: [{ operation: { methods: ['GET'] } }] }] }),
  ];
  const r = reachOf(smallMesh(policies, [db]));
  const e = entriesTo(r, CLIENT, 'b/db');
  assert.deepEqual(e.map((x) => [x.protocol, x.transport, x.decidedBy, x.methods]), [['TCP', 'mtls', 'b/db rule[0]', []]]);
  await assertWitnessesAllowed(r);
});

test('reach: a UNKNOWN (sniffed) port is analysed as HTTP and as TCP', async () => {
  const odd = workload('b', 'odd', '10.2.0.8', [{ port: 7000, targetPort: 7000, protocol: 'UNKNOWN' }]);
  const r = reachOf(smallMesh([], [odd]));
  assert.deepEqual([...new Set(entriesTo(r, CLIENT, 'b/odd').map((x) => x.protocol))].sort(), ['HTTP', 'TCP']);
  await assertWitnessesAllowed(r);
});

test('reach: port-level mTLS DISABLE opens plaintext on one port only', async () => {
  const two = workload('b', 'two', '10.2.0.7', [{ port: 80, targetPort: 8080, protocol: 'HTTP' }, { port: 81, targetPort: 8081, protocol: 'HTTP' }]);
  const policies = [
    { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'two', namespace: 'b' }, spec: { selector: { matchLabels: { app: 'two' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { '8081': { mode: 'PERMISSIVE' } } } } as Resource,
  ];
  const r = reachOf(smallMesh(policies, [two]));
  const e = entriesTo(r, 'in-cluster-plaintext', 'b/two');
  assert.deepEqual(e.map((x) => [x.port, x.transport]), [[81, 'plaintext']]);
});

test('reach: forwarded tokens are replayable, stripped ones are not', () => {
  const fwd = reachOf(smallMesh([{ ...ra(true), metadata: { name: 'jwt', namespace: 'a' } } as Resource]));
  assert.equal(fwd.attackers.find((a) => a.name === CLIENT)!.tokens.length, 1);
  const strip = reachOf(smallMesh([{ ...ra(false), metadata: { name: 'jwt', namespace: 'a' } } as Resource]));
  assert.equal(strip.attackers.find((a) => a.name === CLIENT)!.tokens.length, 0);
});
