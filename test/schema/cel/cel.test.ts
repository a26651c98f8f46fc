/**
 * The CRD CEL layer: every rule of the generated schemas compiles in our environment (with the
 * Kubernetes URL library), rules run where the schema puts them with `self` bound, null fields
 * are pruned first, map rules point at the offending key, and Telemetry expressions parse.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CEL_RULE_CODE, collectCelSites, parseCelExpression, validateCel } from '../../../src/schema/cel/index.js';
import { compileRule } from '../../../src/schema/cel/environment.js';
import { ISTIO_KIND_SCHEMAS } from '../../../src/schema/generated/istio-kinds.js';
import type { CelRule, Schema } from '../../../src/schema/types.js';
import { pa, ra, tm } from '../webhook/cases.js';
import { brief, one } from '../webhook/fixture.js';

function allRules(schema: Schema, out: CelRule[] = []): CelRule[] {
  out.push(...(schema['x-kubernetes-validations'] ?? []));
  for (const child of [...Object.values(schema.properties ?? {}), schema.items, schema.additionalProperties]) {
    if (child) allRules(child, out);
  }
  return out;
}

describe('CRD rules', () => {
  const rules = ISTIO_KIND_SCHEMAS.flatMap((k) => allRules(k.schema));

  it('the generated schemas carry the rules of spec §3 (selector, targetRef, PA ports, JWT, tags)', () => {
    const messages = new Set(rules.map((r) => r.message));
    for (const m of ['only one of targetRefs or selector can be set', 'portLevelMtls requires selector', 'port must be between 1-65535',
      'url must have scheme http:// or https://', 'must be a valid duration greater than 1ms', 'only one of jwks or jwksUri can be set',
      'value must be set when operation is UPSERT', 'Cannot set serviceAccounts with namespaces or principals', 'key must not be empty']) {
      assert.ok(messages.has(m), m);
    }
  });

  it('every rule compiles', () => {
    for (const r of rules) assert.doesNotThrow(() => compileRule(r.rule), r.rule);
  });

  it('url() and getScheme() follow the Kubernetes URL library', () => {
    const rule = compileRule('url(self).getScheme() in ["http", "https"]');
    assert.equal(rule('https://example.com/jwks'), true);
    assert.equal(rule('HTTP://example.com/jwks'), true);
    assert.equal(rule('ftp://example.com/jwks'), false);
    assert.throws(() => rule('example.com/jwks'), /URL parse error/);
    assert.equal(compileRule('url(self).getHostname() + ":" + url(self).getPort()')('https://a.example:8443/x'), 'a.example:8443');
    assert.equal(compileRule('isURL(self)')('/abs/path'), true);
    assert.equal(compileRule('isURL(self)')('rel/path'), false);
  });

  it('collects each rule with the value it applies to', () => {
    const schema = ISTIO_KIND_SCHEMAS.find((k) => k.kind === 'PeerAuthentication' && k.version === 'v1')?.schema;
    assert.ok(schema);
    const sites = collectCelSites({ spec: { selector: { matchLabels: { a: 'b' } }, portLevelMtls: { '80': { mode: 'STRICT' } } } }, schema);
    assert.deepEqual(sites.map((s) => s.path.join('.')).sort(), ['spec', 'spec.portLevelMtls', 'spec.selector.matchLabels', 'spec.selector.matchLabels', 'spec.selector.matchLabels.a']);
  });
});

describe('validateCel', () => {
  const run = (yaml: string) => validateCel(one(yaml));

  it('points a failing map rule at each offending key only', () => {
    const d = run(pa('selector:\n  matchLabels:\n    app: a\nportLevelMtls:\n  "80":\n    mode: STRICT\n  "0":\n    mode: STRICT\n  "70000":\n    mode: STRICT'));
    assert.deepEqual(brief(d), ['MW015@13:5', 'MW015@15:5']);
    assert.equal(d[0]?.message, 'port must be between 1-65535');
    assert.equal(d[0]?.code, CEL_RULE_CODE);
    assert.match(d[0]?.help ?? '', /self\.all\(key, 0 < int\(key\)/);
  });

  it('prunes null fields before evaluating (`has(self.x)` is false for `x: null`)', () => {
    assert.deepEqual(run(ra('selector: null\ntargetRef:\n  kind: Service\n  name: a')), []);
  });

  it('CRD-only rules the webhook does not have: one of jwks/jwksUri', () => {
    const d = run(ra(`jwtRules:\n- issuer: a\n  jwksUri: https://x/jwks\n  jwks: '{"keys":[]}'`));
    assert.deepEqual(brief(d), ['MW015@8:5']);
    assert.equal(d[0]?.message, 'only one of jwks or jwksUri can be set');
  });

  it('reports a rule that fails to evaluate, with the evaluation error', () => {
    const d = run(tm('metrics:\n- reportingInterval: soon'));
    assert.deepEqual(brief(d), ['MW015@8:24']);
    assert.match(d[0]?.message ?? '', /^must be a valid duration greater than 1ms: rule failed to evaluate: /);
  });

  it('accepts durations Go accepts', () => {
    assert.deepEqual(run(tm('metrics:\n- reportingInterval: 1m30s')), []);
  });

  it('ignores kinds and versions it has no schema for', () => {
    assert.deepEqual(validateCel(one('apiVersion: security.istio.io/v9\nkind: PeerAuthentication\nmetadata:\n  name: p\nspec:\n  portLevelMtls:\n    "0": {}\n')), []);
  });
});

describe('parseCelExpression', () => {
  for (const ok of ['true', 'response.code >= 400', 'request.headers["x-a"] == "b" && has(request.headers.y)', "request.url_path.startsWith('/admin')", 'size(filter_state) > 0']) {
    it(`parses ${ok}`, () => assert.deepEqual(parseCelExpression(ok), { ok: true }));
  }
  it('reports the column of a syntax error', () => {
    const r = parseCelExpression('response.code >=');
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.column === 17 && /eof/i.test(r.message), JSON.stringify(r));
  });
  it('rejects an empty or unterminated expression', () => {
    assert.equal(parseCelExpression('').ok, false);
    assert.equal(parseCelExpression('"abc').ok, false);
    assert.equal(parseCelExpression('a.b(').ok, false);
  });
});
