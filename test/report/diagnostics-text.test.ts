/** The text renderer writes manifest text to terminals: controls are shown, never sent. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { formatDiagnosticsText } from '../../src/report/diagnostics-text.js';

const at = (line: number, column: number, endColumn: number): Diagnostic['span'] => ({ file: 'a.yaml', line, column, endLine: line, endColumn });

describe('formatDiagnosticsText', () => {
  it('shows control characters of the source line and the message as pictures, caret in place', () => {
    const source = 'a: 1 # \x1b[2J\x07\nkey: "x\u202ey"\n';
    const ds: Diagnostic[] = [
      { code: 'MW003', severity: 'error', message: 'value `\x1b]0;t\x07` is bad', help: 'drop `\x9b`', span: at(1, 4, 5) },
      { code: 'MW003', severity: 'error', message: 'bidi', span: at(2, 6, 11) },
    ];
    const out = formatDiagnosticsText(ds, () => source);
    assert.doesNotMatch(out, /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]/);
    assert.ok(out.includes('a: 1 # \u241b[2J\u2407'), out);
    assert.ok(out.includes('value `\u241b]0;t\u2407` is bad'), out);
    assert.ok(out.includes('help: drop `\ufffd`'), out);
    assert.ok(out.includes('key: "x\ufffdy"'), out);
    assert.ok(out.includes('  1 | a: 1 # \u241b[2J\u2407\n    |    ^\n'), out);
  });

  it('keeps the tabs of the line in front of the caret', () => {
    const out = formatDiagnosticsText([{ code: 'MW003', severity: 'error', message: 'm', span: at(1, 5, 7) }], () => 'a:\t\tbb\n');
    assert.ok(out.includes('  1 | a:\t\tbb\n    |   \t\t^^\n'), JSON.stringify(out));
  });
});
