/**
 * Diagnostics for machines: a flat, sorted list with positions spelled out.
 * `{"diagnostics":[{"code","severity","message","help","file","line","column","endLine","endColumn","resource"}]}`
 * Deterministic: sorted by file, line, column, code; no timestamps. Serialize with `stableJson`.
 */
import type { Diagnostic, Severity } from '../model/diagnostic.js';
import { sortDiagnostics } from './diagnostics-text.js';

export interface JsonDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  help?: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  resource?: string;
}

export interface DiagnosticsJson {
  diagnostics: JsonDiagnostic[];
}

/**
 * @example
 * io.stdout.write(stableJson(toDiagnosticsJson(diagnostics)));
 */
export function toDiagnosticsJson(ds: readonly Diagnostic[]): DiagnosticsJson {
  return {
    diagnostics: sortDiagnostics(ds).map((d) => {
      const out: JsonDiagnostic = {
        code: d.code,
        severity: d.severity,
        message: d.message,
        file: d.span.file,
        line: d.span.line,
        column: d.span.column,
        endLine: d.span.endLine,
        endColumn: d.span.endColumn,
      };
      if (d.help !== undefined) out.help = d.help;
      if (d.resource !== undefined) out.resource = d.resource;
      return out;
    }),
  };
}
