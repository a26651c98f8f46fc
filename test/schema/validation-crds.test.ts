/**
 * Istio's CRD agreement data (conformance README §3): every document with `_err` must be
 * rejected, every other accepted. This validator is structural; cases whose only failing check
 * is a CEL rule (`x-kubernetes-validations`) are listed in CEL_ONLY with the rule they need.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeDocument } from '../../src/load/compose/compose-object.js';
import { parseDocuments } from '../../src/load/parse/documents.js';
import type { MapNode } from '../../src/schema/tree.js';
import { childOf, stringOf } from '../../src/schema/tree.js';

const root = process.env.MESHWARD_CONFORMANCE_DIR ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'conformance', 'istio');
const dir = join(root, 'validation-crds');

/** `file/name` → the CEL rule that rejects it in the CRD (to be covered by the CEL layer). */
const CEL_ONLY: Readonly<Record<string, string>> = {
  'authz-invalid.yaml/service-account-and-namespace': 'Source: Cannot set serviceAccounts with namespaces or principals',
  'authz-invalid.yaml/service-account-and-namespace-principal': 'Source: Cannot set serviceAccounts with namespaces or principals',
  'peerauth-invalid.yaml/bad-port': 'portLevelMtls: int(key) type conversion',
  'peerauth-invalid.yaml/port-level-global': 'spec: portLevelMtls requires selector',
  'peerauth-invalid.yaml/zero-port': 'portLevelMtls: port must be between 1-65535',
  'peerauth-invalid.yaml/high-port': 'portLevelMtls: port must be between 1-65535',
  'reqauth-invalid.yaml/multi-refs': 'spec: only one of targetRefs or selector can be set',
  'reqauth-invalid.yaml/ref-and-selector': 'spec: only one of targetRefs or selector can be set',
  'reqauth-invalid.yaml/bad-target-namespace': 'targetRef.namespace: cross namespace referencing is not currently supported',
  'reqauth-invalid.yaml/invalid-jwks': 'jwksUri: url must have scheme http:// or https://',
  'reqauth-invalid.yaml/bad-timeout': 'timeout: must be a valid duration greater than 1ms',
  'telemetry-invalid.yaml/bad-tag-upsert': 'tagOverrides: value must be set when operation is UPSERT',
  'telemetry-invalid.yaml/bad-tag-remove': 'tagOverrides: value must not be set when operation is REMOVE',
};

interface Case {
  file: string;
  name: string;
  err?: string;
  errors: string[];
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const parsed = parseDocuments(readFileSync(join(dir, file), 'utf8'), file);
    assert.deepEqual(parsed.diagnostics, [], `${file} parses`);
    for (const doc of parsed.documents) {
      const node = doc.root as MapNode;
      const err = stringOf(childOf(node, '_err'));
      // The harness removes `_err` before validating (conformance README §3, step 1).
      const stripped: MapNode = { ...node, entries: node.entries.filter((e) => e.key !== '_err') };
      const res = composeDocument(stripped, doc.spans, doc.docIndex);
      const name = stringOf(childOf(childOf(node, 'metadata'), 'name')) ?? '?';
      const errors = res.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`);
      out.push({ file, name, ...(err === undefined ? {} : { err }), errors });
    }
  }
  return out;
}

test('validation-crds: structural rejections and acceptances agree with the CRD', (t) => {
  if (!existsSync(dir)) return t.skip(`Istio conformance data not found at ${dir} (set MESHWARD_CONFORMANCE_DIR)`);
  const all = cases();
  assert.equal(all.length, 40, 'every document of the 8 files is seen');
  let rejected = 0;
  for (const c of all) {
    const id = `${c.file}/${c.name}`;
    if (c.err === undefined) assert.deepEqual(c.errors, [], `${id} must be accepted`);
    else if (CEL_ONLY[id] !== undefined) assert.deepEqual(c.errors, [], `${id} is CEL-only; the structural validator has nothing to say`);
    else {
      assert.ok(c.errors.length > 0, `${id} must be rejected (${c.err})`);
      rejected++;
    }
  }
  assert.equal(rejected, 19, 'structural rejections: 32 cases with _err minus 13 CEL-only');
});

test('validation-crds: the structural message names the same field as the CRD error', (t) => {
  if (!existsSync(dir)) return t.skip(`Istio conformance data not found at ${dir} (set MESHWARD_CONFORMANCE_DIR)`);
  const byId = new Map(cases().map((c) => [`${c.file}/${c.name}`, c.errors.join(' | ')]));
  const expected: [string, string][] = [
    ['peerauth-invalid.yaml/bad-mode', 'MW004 `spec.mtls.mode` must be one of `UNSET`, `DISABLE`, `PERMISSIVE`, `STRICT`, found `BLAH`'],
    ['peerauth-invalid.yaml/empty-port-level', 'MW006 `spec.portLevelMtls` must have at least 1 entry, found 0'],
    ['reqauth-invalid.yaml/bad-target-name', 'MW005 missing required field `spec.targetRef.name`'],
    ['reqauth-invalid.yaml/no-issuer', 'MW003 `spec.jwtRules[0]` must be of type object, found null'],
    ['reqauth-invalid.yaml/invalid-presence-value', 'MW004 `spec.jwtRules[0].presence` must be one of `OPTIONAL`, `REQUIRED`, found `MANDATORY`'],
    ['telemetry-invalid.yaml/bad-provider', 'MW006 `spec.metrics[0].providers[0].name` must be at least 1 character long'],
  ];
  for (const [id, msg] of expected) assert.equal(byId.get(id), msg, id);
});
