import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileMesh, workloadKey } from '../../../src/compile/mesh.js';
import { destinationModel } from '../../../src/analyze/reach/destination.js';
import { AttackerIndex, dependenceOf, members } from '../../../src/analyze/reach/grouping.js';
import type { Leaf } from '../../../src/analyze/reach/literals.js';
import type { Permission, Principal } from '../../../src/model/envoy-rbac.js';
import { ap, smallMesh, workload } from './helpers.js';

const leaf = (raw: Record<string, unknown>): Leaf => ({ raw: raw as Permission | Principal, node: { test: () => false, explain: () => '', label: '', keys: new Map() } });

test('grouping: what a fixed leaf reads of the caller', () => {
  assert.deepEqual(dependenceOf(leaf({ authenticated: { principalName: { exact: 'spiffe://td/ns/a/sa/x' } } })), { t: 'exact', principal: 'spiffe://td/ns/a/sa/x' });
  // ignoring case, patterns and "any authenticated peer" are evaluated per attacker
  assert.deepEqual(dependenceOf(leaf({ authenticated: { principalName: { exact: 'X', ignoreCase: true } } })), { t: 'caller' });
  assert.deepEqual(dependenceOf(leaf({ authenticated: { principalName: { safeRegex: { regex: '.*/ns/a/.*' } } } })), { t: 'caller' });
  assert.deepEqual(dependenceOf(leaf({ authenticated: {} })), { t: 'caller' });
  for (const f of ['sourceIp', 'directRemoteIp', 'remoteIp', 'filterState']) assert.deepEqual(dependenceOf(leaf({ [f]: {} })), { t: 'caller' }, f);
  for (const f of ['destinationPort', 'destinationIp', 'metadata', 'header', 'urlPath', 'uriTemplate', 'requestedServerName']) assert.deepEqual(dependenceOf(leaf({ [f]: {} })), { t: 'none' }, f);
  assert.deepEqual(dependenceOf(leaf({ somethingNew: {} })), { t: 'unknown' });
  assert.deepEqual(dependenceOf(leaf({ sourceIp: {}, remoteIp: {} })), { t: 'unknown' });
});

test('grouping: named principals are singles, namespaces and IP blocks split the rest into cells', () => {
  const extra = [workload('a', 'a2', '10.1.0.2'), workload('a', 'a3', '10.9.0.3'), workload('b', 'b2', '10.1.0.4'), workload('b', 'nosidecar', '10.1.0.5', undefined, 'none')];
  const inputs = smallMesh(
    [
      ap('b', 'allow', {
        selector: { matchLabels: { app: 'server' } },
        rules: [{ from: [{ source: { principals: ['cluster.local/ns/a/sa/a2'] } }, { source: { namespaces: ['b'], ipBlocks: ['10.1.0.0/16'] } }] }],
      }),
    ],
    extra,
  );
  const compiled = compileMesh(inputs);
  const workloads = [...compiled.workloads.values()].map((cw) => cw.workload);
  const index = new AttackerIndex(workloads, 'cluster.local');
  const name = (i: number): string => workloadKey(workloads[i]!);
  const dest = destinationModel(compiled.workloads.get('b/server')!, 0);

  const mtls = index.groupsOf(dest.httpChain, 'mtls');
  assert.deepEqual([...mtls.singles].map(name), ['a/a2']);
  const cells = mtls.cells.map((c) => [...members(c)].map(name).sort()).sort();
  // by (namespace b?, in 10.1/16?) — b/server is at 10.2.0.1; the sidecar-less workload has no mTLS connection
  assert.deepEqual(cells, [['a/a2', 'a/client'], ['a/a3'], ['b/b2'], ['b/server']]);

  // Without mTLS no principal leaf holds: only the address tells attackers apart.
  const plain = index.groupsOf(dest.httpChain, 'plain');
  assert.deepEqual(plain.singles.size, 0);
  assert.deepEqual(plain.cells.map((c) => [...members(c)].map(name).sort()).sort(), [['a/a2', 'a/client', 'b/b2', 'b/nosidecar'], ['a/a3', 'b/server']]);

  // Memoized per chain and kind.
  assert.equal(index.groupsOf(dest.httpChain, 'mtls'), mtls);
});

test('grouping: members iterates a bitset (and an intersection) in increasing order', () => {
  const a = new Uint32Array([0b1011, 0, 1 << 31]);
  assert.deepEqual([...members(a)], [0, 1, 3, 95]);
  assert.deepEqual([...members(a, new Uint32Array([0b0010, 0xffffffff, 0xffffffff]))], [1, 95]);
});
