/** SARIF 2.1.0 and JSON output of lint diagnostics. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinRules, lint, sarifRuleInfos } from '../../../src/analyze/lint/index.js';
import { stableJson } from '../../../src/cli/io.js';
import type { Diagnostic } from '../../../src/model/diagnostic.js';
import { parseManifests } from '../../../src/load/index.js';
import { DEFAULT_MESH_CONFIG } from '../../../src/model/mesh.js';
import { toDiagnosticsJson } from '../../../src/report/diagnostics-json.js';
import { toSarif } from '../../../src/report/sarif.js';
import { validateSarif } from './sarif-validator.js';

const span = (file: string, line: number, column: number) => ({ file, line, column, endLine: line, endColumn: column + 5 });
const diagnostics: Diagnostic[] = [
  { code: 'MW117', severity: 'warning', message: 'b', help: 'fix b', span: span('b dir/x.yaml', 3, 9), resource: 'Deployment foo/api' },
  { code: 'MW101', severity: 'error', message: 'a', help: 'fix a', span: span('a.yaml', 12, 22), resource: 'AuthorizationPolicy foo/p' },
  { code: 'MW007', severity: 'warning', message: 'duplicate', span: span('a.yaml', 2, 1) },
];

describe('toSarif', () => {
  const log = toSarif(diagnostics, sarifRuleInfos(), { toolVersion: '0.1.0', helpUriBase: 'https://example.test/docs/rules/' });

  it('is valid against the SARIF 2.1.0 schema rules we emit', () => {
    assert.deepEqual(validateSarif(JSON.parse(JSON.stringify(log))), []);
  });

  it('the validator is not a rubber stamp', () => {
    const bad = JSON.parse(JSON.stringify(log));
    bad.version = '2.0.0';
    bad.runs[0].results[0].ruleIndex = 0;
    bad.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    bad.runs[0].tool.driver.rules[1].helpUri = 'docs/rules/MW101.md';
    bad.runs[0].tool.driver.rules[2].severity = 'error';
    delete bad.runs[0].results[1].message;
    assert.equal(validateSarif(bad).length, 6, validateSarif(bad).join('\n'));
  });

  it('describes every built-in rule and every code that occurs, sorted by id', () => {
    const rules = log.runs[0]!.tool.driver.rules;
    const ids = rules.map((r) => r.id);
    assert.deepEqual(ids, [...ids].sort());
    for (const r of builtinRules) assert.ok(ids.includes(r.id), r.id);
    assert.ok(ids.includes('MW007'));
    const mw101 = rules.find((r) => r.id === 'MW101')!;
    assert.equal(mw101.name, 'principal-spiffe-prefix');
    assert.equal(mw101.defaultConfiguration.level, 'error');
    assert.equal(mw101.helpUri, 'https://example.test/docs/rules/MW101.md');
    assert.ok(mw101.fullDescription?.text.includes('spiffe://'));
  });

  it('results are in file/line order with exact regions and a matching ruleIndex', () => {
    const results = log.runs[0]!.results;
    assert.deepEqual(
      results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region.startLine]),
      [
        ['MW007', 'a.yaml', 2],
        ['MW101', 'a.yaml', 12],
        ['MW117', 'b%20dir/x.yaml', 3],
      ],
    );
    const r = results[1]!;
    assert.deepEqual(r.locations[0]!.physicalLocation.region, { startLine: 12, startColumn: 22, endLine: 12, endColumn: 27 });
    assert.equal(r.level, 'error');
    assert.equal(log.runs[0]!.tool.driver.rules[r.ruleIndex]!.id, 'MW101');
  });

  it('file URIs keep `#`, `?` and `:` in the path', () => {
    const uris = toSarif([{ ...diagnostics[2]!, span: span('k8s/a#1?.yaml', 1, 1) }, { ...diagnostics[2]!, span: span('C:\\x y\\p.yaml', 1, 1) }], [])
      .runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    assert.deepEqual(uris.sort(), ['C%3A/x%20y/p.yaml', 'k8s/a%231%3F.yaml']);
  });

  it('columns are UTF-16 code units, as the run declares', () => {
    // The emoji is one code point but two UTF-16 units: the span column counts it as two.
    const yaml = 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: e, namespace: foo}\nspec:\n  rules:\n  - from: [{source: {namespaces: ["\u{1F600}"], principals: ["spiffe://x/ns/a/sa/b"]}}]\n';
    const { resources } = parseManifests(yaml, 'e.yaml');
    const ds = lint({ resources, workloads: [], mesh: DEFAULT_MESH_CONFIG, defaultNamespace: 'foo' }).filter((d) => d.code === 'MW101');
    const run = toSarif(ds, sarifRuleInfos()).runs[0]!;
    const line = yaml.split('\n')[5]!;
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.equal(run.results[0]!.locations[0]!.physicalLocation.region.startColumn, line.indexOf('"spiffe') + 1);
  });

  it('is deterministic', () => {
    const again = toSarif([...diagnostics].reverse(), sarifRuleInfos(), { toolVersion: '0.1.0', helpUriBase: 'https://example.test/docs/rules/' });
    assert.equal(stableJson(again), stableJson(log));
  });
});

describe('toDiagnosticsJson', () => {
  it('flat, sorted, with every position field', () => {
    const out = toDiagnosticsJson(diagnostics);
    assert.deepEqual(out.diagnostics[1], {
      code: 'MW101',
      severity: 'error',
      message: 'a',
      help: 'fix a',
      file: 'a.yaml',
      line: 12,
      column: 22,
      endLine: 12,
      endColumn: 27,
      resource: 'AuthorizationPolicy foo/p',
    });
    assert.deepEqual(
      out.diagnostics.map((d) => d.code),
      ['MW007', 'MW101', 'MW117'],
    );
    assert.equal('help' in out.diagnostics[0]!, false);
  });
});
