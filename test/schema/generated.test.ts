import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conformanceDir, GENERATED_PATH, renderSchemaModule } from '../../scripts/gen-schema.js';

const crdPath = join(conformanceDir(), 'crds', 'security-crds.gen.yaml');

test('the committed generated schema module equals a fresh generation from the CRDs', (t) => {
  if (!existsSync(crdPath)) return t.skip(`Istio conformance data not found at ${crdPath} (set MESHWARD_CONFORMANCE_DIR)`);
  const fresh = renderSchemaModule(readFileSync(crdPath, 'utf8'));
  const committed = readFileSync(GENERATED_PATH, 'utf8');
  assert.equal(committed, fresh, 'src/schema/generated/istio-kinds.ts is stale: run `npx tsx scripts/gen-schema.ts`');
});

test('the generated module drops Istio prose but keeps limits, enums and CEL rules', (t) => {
  if (!existsSync(crdPath)) return t.skip(`Istio conformance data not found at ${crdPath} (set MESHWARD_CONFORMANCE_DIR)`);
  const text = renderSchemaModule(readFileSync(crdPath, 'utf8'));
  assert.ok(!text.includes('"description"'));
  assert.ok(text.includes('"maxItems": 512'));
  assert.ok(text.includes('"MANDATORY"') === false && text.includes('"REQUIRED"'));
  assert.ok(text.includes('Cannot set serviceAccounts with namespaces or principals'));
  assert.match(text, /export const TELEMETRY_V1ALPHA1: KindSchema/);
});

test('the generator refuses a schema keyword it does not know', () => {
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
spec:
  group: security.istio.io
  names: {kind: AuthorizationPolicy}
  versions:
  - name: v1
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: {type: object, x-new-thing: true}
`;
  assert.throws(() => renderSchemaModule(crd), /unexpected schema keyword `x-new-thing` at AuthorizationPolicy\.v1\.spec/);
});
