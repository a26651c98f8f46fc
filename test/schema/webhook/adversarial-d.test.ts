/**
 * adversarial-cases.md section D: every CFG-I case rejected with the right code at the right
 * place, every CFG-V case accepted (with its warning when it has one). Findings are the union of
 * the webhook and the CRD CEL rules, the two admission layers meshward owns here.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../../../src/model/diagnostic.js';
import { validateCel } from '../../../src/schema/cel/index.js';
import { validateWebhook } from '../../../src/schema/webhook/index.js';
import { INVALID, VALID, type Case } from './cases.js';
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
