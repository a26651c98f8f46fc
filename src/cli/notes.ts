/** Loading notes for `-v`: skipped kinds and non-error diagnostics. */
import { formatDiagnosticsText } from '../report/diagnostics-text.js';
import { paint } from './io.js';
import type { CliIo } from './io.js';
import type { LoadedInputs } from './inputs.js';

/** One warning line per resource istiod would reject (always shown: it changes what is enforced). */
export function printRejected(io: CliIo, input: Pick<LoadedInputs, 'rejected'>): void {
  const p = paint(io);
  for (const { resource, errors } of input.rejected) {
    const first = errors[0]!;
    const more = errors.length > 1 ? ` (+${errors.length - 1} more)` : '';
    io.stderr.write(
      `${p.yellow('warning')}: ${resource.kind} \`${resource.metadata.namespace ?? '(no namespace)'}/${resource.metadata.name}\` is rejected by istiod and not applied: ${first.message} at ${first.span.file}:${first.span.line}:${first.span.column}${more}\n`,
    );
  }
}

export function printLoadNotes(io: CliIo, input: LoadedInputs): void {
  const p = paint(io);
  for (const s of input.skipped) io.stderr.write(`${p.dim('skipped')} ${s.kind} ${s.name} (${s.apiVersion}) at ${s.file}:${s.line}\n`);
  if (input.diagnostics.length) io.stderr.write(formatDiagnosticsText(input.diagnostics, input.sourceText, p));
}
