import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trustDomainBundle, DEFAULT_MESH_CONFIG } from '../../src/model/index.js';

test('trust-domain bundle puts the trust domain first and drops duplicate aliases', () => {
  assert.deepEqual(trustDomainBundle({ trustDomain: 'td1', trustDomainAliases: ['cluster.local', 'td1', 'x'] }), [
    'td1',
    'cluster.local',
    'x',
  ]);
  assert.deepEqual(trustDomainBundle(DEFAULT_MESH_CONFIG), ['cluster.local']);
});
