/**
 * Istio's CRD/webhook agreement data (conformance README §3, `validation-crds/*.yaml`): a document
 * must be rejected iff it carries `_err`. Rejection here is the union of the three admission
 * layers: structural (the loader's schema validation), the CRD CEL rules, and the istiod webhook.
 * Each layer's share is also pinned, so a regression in one is not hidden by another.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { composeDocument } from '../../../src/load/compose/compose-object.js';
import { parseDocuments } from '../../../src/load/parse/documents.js';
import type { Diagnostic } from '../../../src/model/diagnostic.js';
import { validateCel } from '../../../src/schema/cel/index.js';
import { childOf, stringOf, type MapNode } from '../../../src/schema/tree.js';
import { validateWebhook } from '../../../src/schema/webhook/index.js';
import { conformanceDir } from '../webhook/fixture.js';

interface Doc {
  id: string;
  err?: string;
  structural: Diagnostic[];
  cel: Diagnostic[];
  webhook: Diagnostic[];
}

function load(dir: string): Doc[] {
  const out: Doc[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const parsed = parseDocuments(readFileSync(join(dir, file), 'utf8'), file);
    assert.deepEqual(parsed.diagnostics, [], `${file} parses`);
    for (const d of parsed.documents) {
      const node = d.root as MapNode;
      const err = stringOf(childOf(node, '_err'));
      // The harness removes `_err` before validating (conformance README §3, step 1).
      const stripped: MapNode = { ...node, entries: node.entries.filter((e) => e.key !== '_err') };
      const composed = composeDocument(stripped, d.spans, d.docIndex, { keepInvalid: true });
      const errors = (ds: Diagnostic[]) => ds.filter((x) => x.severity === 'error');
      const name = stringOf(childOf(childOf(node, 'metadata'), 'name')) ?? '?';
      out.push({
        id: `${file}/${name}`,
        ...(err === undefined ? {} : { err }),
        structural: errors(composed.diagnostics),
        cel: errors(composed.resources.flatMap(validateCel)),
        webhook: errors(composed.resources.flatMap((r) => validateWebhook(r))),
      });
    }
  }
  return out;
}

/** Which layers reject each invalid document (S structural, C CEL, W webhook). */
const EXPECTED_LAYERS: Readonly<Record<string, string>> = {
  'authz-invalid.yaml/service-account-and-namespace': 'CW',
  'authz-invalid.yaml/service-account-and-namespace-principal': 'CW',
  'peerauth-invalid.yaml/bad-mode': 'S',
  'peerauth-invalid.yaml/bad-port': 'CW',
  'peerauth-invalid.yaml/port-level-global': 'CW',
  'peerauth-invalid.yaml/empty-port-level': 'SW',
  'peerauth-invalid.yaml/zero-port': 'CW',
  'peerauth-invalid.yaml/high-port': 'CW',
  'reqauth-invalid.yaml/multi-refs': 'CW',
  'reqauth-invalid.yaml/ref-and-selector': 'CW',
  'reqauth-invalid.yaml/bad-target-name': 'SW',
  'reqauth-invalid.yaml/bad-target-namespace': 'CW',
  'reqauth-invalid.yaml/bad-target-group': 'SCW',
  'reqauth-invalid.yaml/bad-target-kind': 'SCW',
  'reqauth-invalid.yaml/no-issuer': 'S',
  'reqauth-invalid.yaml/empty-aud': 'SW',
  'reqauth-invalid.yaml/invalid-jwks': 'CW',
  'reqauth-invalid.yaml/invalid-from-headers-no-name': 'SW',
  'reqauth-invalid.yaml/invalid-from-headers-empty-name': 'SW',
  'reqauth-invalid.yaml/invalid-from-params': 'SW',
  'reqauth-invalid.yaml/invalid-from-cookies': 'SW',
  'reqauth-invalid.yaml/invalid-claim-to-header-unset': 'SW',
  'reqauth-invalid.yaml/invalid-claim-to-header-claim-empty': 'SW',
  'reqauth-invalid.yaml/invalid-claim-to-header-header-empty': 'SW',
  'reqauth-invalid.yaml/invalid-claim-to-header-bad-header': 'SW',
  'reqauth-invalid.yaml/bad-timeout': 'CW',
  'reqauth-invalid.yaml/invalid-space-delimited-claims': 'S',
  'reqauth-invalid.yaml/invalid-presence-value': 'S',
  'telemetry-invalid.yaml/bad-provider': 'SW',
  'telemetry-invalid.yaml/bad-custom-metric': 'SW',
  'telemetry-invalid.yaml/bad-tag-upsert': 'CW',
  'telemetry-invalid.yaml/bad-tag-remove': 'CW',
};

const dir = conformanceDir();

describe('conformance validation-crds: rejected iff `_err`', { skip: dir === undefined ? 'conformance data not found (set MESHWARD_CONFORMANCE_DIR)' : false }, () => {
  const docs = dir === undefined ? [] : load(join(dir, 'validation-crds'));

  it('finds every document', () => {
    assert.equal(docs.length, 40);
    assert.equal(docs.filter((d) => d.err !== undefined).length, Object.keys(EXPECTED_LAYERS).length);
  });

  for (const d of docs) {
    it(d.id, () => {
      const layers = `${d.structural.length > 0 ? 'S' : ''}${d.cel.length > 0 ? 'C' : ''}${d.webhook.length > 0 ? 'W' : ''}`;
      const detail = [...d.structural, ...d.cel, ...d.webhook].map((x) => `${x.code} ${x.message}`).join('\n');
      assert.equal(layers !== '', d.err !== undefined, `rejected iff _err (${d.err ?? 'valid'}):\n${detail}`);
      assert.equal(layers, EXPECTED_LAYERS[d.id] ?? '', detail);
    });
  }

  it('the CEL message matches the CRD error text where the CEL layer rejects', () => {
    for (const d of docs) {
      if (d.err === undefined || d.cel.length === 0 || d.structural.length > 0) continue;
      const want = d.err.toLowerCase();
      assert.ok(d.cel.some((c) => c.message.toLowerCase().includes(want) || want.startsWith('type conversion')), `${d.id}: ${d.cel.map((c) => c.message).join('; ')} should mention \`${d.err}\``);
    }
  });
});
