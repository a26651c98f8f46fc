/**
 * The policy index must never change a decision: for random rule sets and random requests, the
 * indexed evaluation reports the same first match (and the same set of matches) as testing every
 * policy in key order. Fixed seed, so a failure reproduces.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { prepareRbac } from '../../../src/engine/rbac/prepare.js';
import { RbacRequest } from '../../../src/engine/rbac/request-view.js';
import type { Permission, Principal, RbacPolicy, RbacRules } from '../../../src/model/index.js';
import { facts } from '../helpers.js';

const PATHS = ['/a', '/b', '/c/d', '/c/d/e', '/admin'];
const METHODS = ['GET', 'POST', 'PUT'];
const PORTS = [80, 8080, 9000];
const HOSTS = ['a.com', 'B.com', 'c.com:80'];
const PEERS = ['spiffe://cluster.local/ns/foo/sa/a', 'spiffe://cluster.local/ns/bar/sa/b', 'spiffe://td2/ns/foo/sa/a', 'spiffe://td/ns/ns/bar/sa/x'];

const permLeaf: fc.Arbitrary<Permission> = fc.oneof(
  fc.constantFrom(...PATHS).map((p): Permission => ({ urlPath: { path: { exact: p } } })),
  fc.constantFrom('/a', '/c/', '/c/d', '/c/d/', '/ad').map((p): Permission => ({ urlPath: { path: { prefix: p } } })),
  fc.constantFrom(...METHODS).map((m): Permission => ({ header: { name: ':method', stringMatch: { exact: m } } })),
  fc.constantFrom(...HOSTS).map((h): Permission => ({ header: { name: ':authority', stringMatch: { exact: h, ignoreCase: true } } })),
  fc.constantFrom(...PORTS).map((p): Permission => ({ destinationPort: p })),
  fc.constant<Permission>({ any: true }),
);

const permission: fc.Arbitrary<Permission> = fc.letrec<{ p: Permission }>((tie) => ({
  p: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    permLeaf,
    fc.array(tie('p'), { minLength: 1, maxLength: 3 }).map((rules): Permission => ({ andRules: { rules } })),
    fc.array(tie('p'), { minLength: 1, maxLength: 3 }).map((rules): Permission => ({ orRules: { rules } })),
    tie('p').map((p): Permission => ({ notRule: p })),
  ),
})).p;

const principalLeaf: fc.Arbitrary<Principal> = fc.oneof(
  fc.constantFrom(...PEERS).map((p): Principal => ({ authenticated: { principalName: { exact: p } } })),
  fc.constantFrom('foo', 'bar', 'sa').map((n): Principal => ({ authenticated: { principalName: { safeRegex: { regex: `.*/ns/${n}/.*` } } } })),
  fc.constant<Principal>({ any: true }),
);
const principal: fc.Arbitrary<Principal> = fc.oneof(
  principalLeaf,
  fc.array(principalLeaf, { minLength: 1, maxLength: 3 }).map((ids): Principal => ({ orIds: { ids } })),
  fc.array(principalLeaf, { minLength: 1, maxLength: 2 }).map((ids): Principal => ({ andIds: { ids } })),
  principalLeaf.map((p): Principal => ({ notId: p })),
);

const policy: fc.Arbitrary<RbacPolicy> = fc.record({
  permissions: fc.array(permission, { minLength: 1, maxLength: 2 }),
  principals: fc.array(principal, { minLength: 1, maxLength: 2 }),
});

const rules: fc.Arbitrary<RbacRules> = fc
  .array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.nat(20), policy), { maxLength: 25 })
  .map((ps) => ({ policies: Object.fromEntries(ps.map(([n, i, p]) => [`ns[foo]-policy[${n}]-rule[${i}]`, p])) }));

const request = fc.record({
  path: fc.constantFrom(...PATHS, '/zzz'),
  method: fc.constantFrom(...METHODS),
  authority: fc.constantFrom(...HOSTS, 'A.COM', 'other'),
  port: fc.constantFrom(...PORTS, 1),
  peer: fc.subarray(PEERS, { maxLength: 2 }),
  tcp: fc.boolean(),
});

test('indexed evaluation equals the linear scan in key order', () => {
  let indexedSomething = 0;
  fc.assert(
    fc.property(rules, fc.array(request, { minLength: 1, maxLength: 8 }), (rs, reqs) => {
      const rbac = prepareRbac(rs);
      for (const q of reqs) {
        const r = new RbacRequest(facts({ ...q, tcp: q.tcp }));
        assert.equal(rbac.firstMatch(r)?.key, rbac.firstMatchLinear(r)?.key);
        assert.deepEqual(rbac.allMatches(r).map((p) => p.key), rbac.allMatchesLinear(r).map((p) => p.key));
        if (rbac.firstMatch(r) && rbac.policies.length > 3) indexedSomething++;
      }
    }),
    { seed: 20260822, numRuns: 300 },
  );
  assert.ok(indexedSomething > 50, 'the generator must produce matching requests against non-trivial rule sets');
});

test('the index skips policies keyed on another value, and still scans unkeyed ones', () => {
  const keyed = (p: string): RbacPolicy => ({ permissions: [{ urlPath: { path: { exact: p } } }], principals: [{ any: true }] });
  const rbac = prepareRbac({
    policies: {
      'k-1': keyed('/one'),
      'k-2': keyed('/two'),
      // One alternative unkeyed → the whole policy must be scanned.
      'k-0': { permissions: [{ urlPath: { path: { exact: '/one' } } }, { urlPath: { path: { prefix: '/t' } } }], principals: [{ any: true }] },
    },
  });
  const tested: string[] = [];
  const spy = rbac.policies.map((p) => p.key);
  assert.deepEqual(spy, ['k-0', 'k-1', 'k-2']);
  const r = new RbacRequest(facts({ path: '/two' }));
  assert.equal(rbac.firstMatch(r)?.key, 'k-0');
  for (const p of rbac.allMatches(r)) tested.push(p.key);
  assert.deepEqual(tested, ['k-0', 'k-2']);
});

test('regex fast path (globs of literals and `.*`/`.+`) agrees with the RE2 translation', async () => {
  const { parseGlobRegex, compileGlob } = await import('../../../src/engine/rbac/glob-regex.js');
  const { compileRe2FullMatch } = await import('../../../src/engine/rbac/re2.js');
  const piece = fc.constantFrom('', 'a', 'ab', '/ns/', '.', 'b/');
  const gap = fc.constantFrom('.*', '.+');
  const pattern = fc.tuple(piece, fc.array(fc.tuple(gap, piece), { maxLength: 3 })).map(([first, rest]) =>
    [first, ...rest.flatMap(([g, p]) => [g, p])].map((x) => (x === '.' ? '\\.' : x)).join(''),
  );
  const input = fc.array(fc.constantFrom('a', 'b', '/', 'ns', '.', '\n', 'x'), { maxLength: 8 }).map((xs) => xs.join(''));
  fc.assert(
    fc.property(pattern, input, (re, v) => {
      const g = parseGlobRegex(re);
      assert.ok(g, re);
      assert.equal(compileGlob(g)(v), compileRe2FullMatch(re).test(v), `${re} on ${JSON.stringify(v)}`);
    }),
    { seed: 7, numRuns: 3000 },
  );
});
