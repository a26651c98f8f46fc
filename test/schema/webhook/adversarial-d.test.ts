/**
 * adversarial-cases.md section D: every CFG-I case rejected with the right code at the right
 * place, every CFG-V case accepted (with its warning when it has one). Findings are the union of
 * the webhook and the CRD CEL rules, the two admission layers meshward owns here.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseManifests } from '../../../src/load/index.js';
import type { Diagnostic } from '../../../src/model/diagnostic.js';
import { validateCel } from '../../../src/schema/cel/index.js';
import { validateWebhook } from '../../../src/schema/webhook/index.js';
import { INVALID, pa, VALID, type Case } from './cases.js';
import { brief, one } from './fixture.js';

function findings(yaml: string): Diagnostic[] {
  const r = one(yaml);
  return [...validateWebhook(r), ...validateCel(r)];
}

function check(c: Case): void {
  const diags = findings(c.yaml);
  const errors = diags.filter((d) => d.severity === 'error');
  const warnings = diags.filter((d) => d.severity === 'warning');
  assert.deepEqual(brief(errors), c.errors, 'errors');
  assert.deepEqual(brief(warnings), c.warnings ?? [], 'warnings');
  if (c.message) {
    const first = c.errors.length > 0 ? errors[0] : warnings[0];
    assert.ok(first?.message.includes(c.message), `message \`${first?.message}\` should contain \`${c.message}\``);
  }
  for (const d of diags) {
    assert.ok(d.help && d.help.length > 0, `${d.code} has a help`);
    assert.doesNotMatch(d.message, /\.$/, `${d.code} message has no final period`);
    assert.equal(d.resource, `${r(c.yaml)} foo/p`);
  }
}

const r = (yaml: string): string => /kind: (\w+)/.exec(yaml)?.[1] ?? '';

describe('D.1: invalid inputs are rejected', () => {
  for (const c of INVALID) {
    it(c.id, () => {
      assert.ok(c.errors.length > 0, 'a D.1 case must expect errors');
      check(c);
    });
  }
});

describe('D.2: valid but surprising inputs are accepted', () => {
  for (const c of VALID) {
    it(c.id, () => {
      assert.deepEqual(c.errors, []);
      check(c);
    });
  }
});

describe('D through the project loader (structural ∪ webhook ∪ CEL)', () => {
  const load = (yaml: string) => parseManifests(yaml, 'test.yaml', { keepInvalid: true });

  it('gives the same webhook and CEL spans as the test fixture', () => {
    for (const c of [...INVALID, ...VALID]) {
      const [resource] = load(c.yaml).resources;
      assert.ok(resource, `${c.id}: loaded`);
      assert.deepEqual(brief([...validateWebhook(resource), ...validateCel(resource)]), brief(findings(c.yaml)), c.id);
    }
  });

  it('rejects every D.1 case and accepts every D.2 case', () => {
    for (const c of [...INVALID, ...VALID]) {
      const { resources, diagnostics } = load(c.yaml);
      const all = [...diagnostics, ...resources.flatMap((r) => [...validateWebhook(r), ...validateCel(r)])];
      assert.equal(all.some((d) => d.severity === 'error'), c.errors.length > 0, `${c.id}: ${all.map((d) => d.code).join(', ')}`);
    }
  });

  it('CFG-I-52: an unknown mTLS mode is a structural (enum) error, and the other layers stay quiet', () => {
    const yaml = pa('mtls:\n  mode: BLAH');
    const { resources, diagnostics } = load(yaml);
    assert.deepEqual(brief(diagnostics.filter((d) => d.severity === 'error')), ['MW004@8:11']);
    assert.deepEqual(resources.flatMap((r) => [...validateWebhook(r), ...validateCel(r)]), []);
  });
});
