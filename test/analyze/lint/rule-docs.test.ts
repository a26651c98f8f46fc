/** Rule metadata follows the house style, and the committed docs/rules/ match it. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { builtinRules } from '../../../src/analyze/lint/index.js';
import { renderRuleDocs } from '../../../src/analyze/lint/rule-docs.js';

test('every rule has a unique MW1xx id, a kebab-case name and complete metadata', () => {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const r of builtinRules) {
    assert.match(r.id, /^MW1\d\d$/, r.id);
    assert.match(r.name, /^[a-z]+(-[a-z0-9]+)*$/, r.name);
    assert.ok(!ids.has(r.id) && !names.has(r.name), `duplicate ${r.id} ${r.name}`);
    ids.add(r.id);
    names.add(r.name);
    assert.match(r.summary, /^[a-z`]/, `${r.id} summary starts lowercase`);
    assert.doesNotMatch(r.summary, /\.$/, `${r.id} summary has no final period`);
    assert.match(r.description, /spec §|istio\.io|AZ-\d+/, `${r.id} description cites where the behaviour comes from`);
    assert.ok(r.fix.text.length > 10 && r.fix.example.includes(':'), `${r.id} has a fix with a YAML example`);
  }
  assert.deepEqual([...ids], [...ids].sort(), 'rules are registered in id order');
});

test('docs/rules/ is up to date (run `npx tsx scripts/gen-rule-docs.ts`)', () => {
  const dir = new URL('../../../docs/rules/', import.meta.url);
  const want = renderRuleDocs(builtinRules);
  const have = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  assert.deepEqual(have, [...want.keys()].sort());
  for (const [name, text] of want) assert.equal(readFileSync(new URL(name, dir), 'utf8'), text, `docs/rules/${name} is stale`);
});
