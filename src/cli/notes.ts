/** Loading notes for `-v`: skipped kinds and non-error diagnostics. */
import { formatDiagnosticsText } from '../report/diagnostics-text.js';
import { paint } from './io.js';
import type { CliIo } from './io.js';
import type { LoadedInputs } from './inputs.js';

export function printLoadNotes(io: CliIo, input: LoadedInputs): void {
  const p = paint(io);
  for (const s of input.skipped) io.stderr.write(`${p.dim('skipped')} ${s.kind} ${s.name} (${s.apiVersion}) at ${s.file}:${s.line}\n`);
  if (input.diagnostics.length) io.stderr.write(formatDiagnosticsText(input.diagnostics, input.sourceText, p));
}
