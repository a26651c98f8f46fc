import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { loadManifests } from '../../src/load/manifests.js';
import { MeshwardError } from '../../src/model/errors.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'load');
const tree = join(fixtures, 'tree');

test('a folder is read recursively, *.yaml and *.yml only, in sorted order', async () => {
  const r = await loadManifests([tree]);
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(
    r.resources.map((x) => `${x.kind}/${x.metadata.name}`),
    // a-dir/one.yml, b-dir/b.yaml, b-dir/nested/deep.yaml, z-last.yaml; notes.txt and c.YAML are not read
    ['Namespace/a-one', 'ServiceAccount/a-sa', 'Namespace/b', 'PeerAuthentication/deep', 'Namespace/z-last'],
  );
  const deep = r.resources[3];
  assert.equal(deep?.source?.file, join(tree, 'b-dir', 'nested', 'deep.yaml'));
  // A comment before the first `---` is part of that document's prelude, not a document of its own.
  assert.equal(deep?.source?.docIndex, 0);
  assert.equal(deep?.source?.locate(['spec', 'mtls', 'mode']).line, 10);
});

test('inputs keep their order: files and folders as given', async () => {
  const r = await loadManifests([join(tree, 'z-last.yaml'), join(tree, 'a-dir')]);
  assert.deepEqual(r.resources.map((x) => x.metadata.name), ['z-last', 'a-one', 'a-sa']);
});

test('an explicitly named file is read whatever its extension', async () => {
  const r = await loadManifests([join(tree, 'b-dir', 'notes.txt')]);
  assert.deepEqual(r.resources.map((x) => x.metadata.name), ['must-not-load']);
});

test('`-` reads standard input and names it <stdin>', async () => {
  const stdin = Readable.from([Buffer.from('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: from-stdin\n  bogus: 1\n')]);
  const r = await loadManifests(['-'], { stdin });
  assert.deepEqual(
    r.diagnostics.map((d) => `${d.span.file}:${d.span.line}:${d.span.column} ${d.code}`),
    ['<stdin>:5:3 MW002'],
  );
});

test('duplicates are found across files', async () => {
  const r = await loadManifests([join(tree, 'b-dir', 'b.yaml'), join(tree, 'b-dir', 'b.yaml')]);
  assert.equal(r.resources.length, 1);
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['MW007']);
});

test('a path that cannot be read throws ERR_MANIFEST_READ naming it', async () => {
  const missing = join(fixtures, 'no-such-file.yaml');
  await assert.rejects(loadManifests([missing]), (e: unknown) => {
    assert.ok(e instanceof MeshwardError);
    assert.equal(e.code, 'ERR_MANIFEST_READ');
    assert.equal(e.message, `cannot read \`${missing}\`: ENOENT`);
    return true;
  });
});
