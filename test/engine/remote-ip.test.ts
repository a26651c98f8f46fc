import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gatewayRemoteIp, sidecarRemoteIp } from '../../src/engine/rbac/request-view.js';
import type { RequestFacts } from '../../src/model/request.js';

function facts(peer: string, ...xff: string[]): RequestFacts {
  return {
    connection: { peerPrincipals: [], mtls: false, destinationPort: 8080, sourceIp: peer },
    http: { method: 'GET', path: '/', authority: 'h', headers: xff.map((v) => ['X-Forwarded-For', v] as const) },
  };
}

test('gateway remote.ip: the N-th XFF entry from the right with N trusted hops (AZ-33)', () => {
  assert.equal(gatewayRemoteIp(facts('9.9.9.9', '1.2.3.4, 5.6.7.8'), 1), '5.6.7.8');
  assert.equal(gatewayRemoteIp(facts('9.9.9.9', '1.2.3.4, 5.6.7.8'), 2), '1.2.3.4');
  assert.equal(gatewayRemoteIp(facts('9.9.9.9', '1.2.3.4', '5.6.7.8'), 2), '1.2.3.4');
  assert.equal(gatewayRemoteIp(facts('9.9.9.9', '1.2.3.4'), 0), '9.9.9.9');
});

test('gateway remote.ip: too few XFF entries for the trusted hops, or a non-IP entry, is the peer, never a client-chosen entry', () => {
  // Envoy getLastAddressFromXFF returns nothing when it cannot skip N-1 entries; the HCM then uses the peer.
  assert.equal(gatewayRemoteIp(facts('9.9.9.9', '1.2.3.4'), 2), '9.9.9.9');
  assert.equal(gatewayRemoteIp(facts('9.9.9.9', '1.2.3.4, 5.6.7.8'), 3), '9.9.9.9');
  assert.equal(gatewayRemoteIp(facts('9.9.9.9', 'not-an-ip'), 1), '9.9.9.9');
  assert.equal(gatewayRemoteIp(facts('9.9.9.9'), 1), '9.9.9.9');
});

test('sidecar remote.ip: the right-most XFF entry when it is an IP, else the peer (AZ-32)', () => {
  assert.equal(sidecarRemoteIp(facts('10.0.0.1', '1.2.3.4, 5.6.7.8')), '5.6.7.8');
  assert.equal(sidecarRemoteIp(facts('10.0.0.1', '1.2.3.4', '5.6.7.8')), '5.6.7.8');
  assert.equal(sidecarRemoteIp(facts('10.0.0.1', '1.2.3.4, junk')), '10.0.0.1');
  assert.equal(sidecarRemoteIp(facts('10.0.0.1')), '10.0.0.1');
});
