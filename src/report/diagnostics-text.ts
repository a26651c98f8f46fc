/**
 * Diagnostics for people: grouped by file, each with its source line and a caret under the exact
 * field, in the style of rustc/eslint. Deterministic: sorted by file, line, column, code.
 */
import type { Diagnostic } from '../model/diagnostic.js';

export interface TextStyle {
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const plain: TextStyle = { red: (s) => s, yellow: (s) => s, cyan: (s) => s, dim: (s) => s, bold: (s) => s };

/** Returns the text of a file, or undefined when it cannot be shown (stdin, deleted). */
export type SourceLookup = (file: string) => string | undefined;

export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort(
    (a, b) =>
      cmp(a.span.file, b.span.file) ||
      a.span.line - b.span.line ||
      a.span.column - b.span.column ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Makes manifest text safe to write to a terminal: C0 controls (but tab) and DEL become their
 * Unicode control pictures (`␛` for ESC), C1 controls and bidirectional overrides become `�`, so a
 * file cannot send escape sequences or reorder what is shown. Each replaced character is still one
 * UTF-16 unit, so span columns keep pointing at the same place.
 */
function printable(s: string): string {
  return s.replace(/[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    return code === 0x7f ? '\u2421' : '\ufffd';
  });
}

/** Spaces up to `column`, keeping the tabs of `text` so the caret lines up under it. */
function caretIndent(text: string, column: number): string {
  let out = '';
  for (let i = 0; i < column - 1; i++) out += text[i] === '\t' ? '\t' : ' ';
  return out;
}

export function formatDiagnosticsText(ds: readonly Diagnostic[], source: SourceLookup, style: TextStyle = plain): string {
  const lines: string[] = [];
  const cache = new Map<string, string[] | undefined>();
  const fileLines = (f: string): string[] | undefined => {
    if (!cache.has(f)) cache.set(f, source(f)?.split(/\r?\n/));
    return cache.get(f);
  };
  let lastFile: string | undefined;
  for (const d of sortDiagnostics(ds)) {
    if (d.span.file !== lastFile) {
      if (lastFile !== undefined) lines.push('');
      lines.push(style.bold(printable(d.span.file)));
      lastFile = d.span.file;
    }
    const sev = d.severity === 'error' ? style.red('error') : d.severity === 'warning' ? style.yellow('warning') : style.cyan('info');
    lines.push(`${sev}[${d.code}]: ${printable(d.message)}`);
    lines.push(`  ${style.dim('-->')} ${printable(d.span.file)}:${d.span.line}:${d.span.column}${d.resource ? style.dim(`  (${printable(d.resource)})`) : ''}`);
    const text = fileLines(d.span.file)?.[d.span.line - 1];
    if (text !== undefined) {
      const num = String(d.span.line);
      const pad = ' '.repeat(num.length);
      const width =
        d.span.endLine === d.span.line ? Math.max(1, d.span.endColumn - d.span.column) : Math.max(1, text.length - d.span.column + 1);
      lines.push(`  ${pad} ${style.dim('|')}`);
      lines.push(`  ${num} ${style.dim('|')} ${printable(text)}`);
      lines.push(`  ${pad} ${style.dim('|')} ${caretIndent(text, d.span.column)}${'^'.repeat(width)}`);
    }
    if (d.help) lines.push(`  ${style.dim('=')} help: ${printable(d.help)}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** `N errors, M warnings, K infos` (only the non-zero parts; `no problems` when empty). */
export function summarizeDiagnostics(ds: readonly Diagnostic[]): string {
  const n = { error: 0, warning: 0, info: 0 };
  for (const d of ds) n[d.severity]++;
  const parts: string[] = [];
  if (n.error) parts.push(`${n.error} error${n.error === 1 ? '' : 's'}`);
  if (n.warning) parts.push(`${n.warning} warning${n.warning === 1 ? '' : 's'}`);
  if (n.info) parts.push(`${n.info} info${n.info === 1 ? '' : 's'}`);
  return parts.length ? parts.join(', ') : 'no problems';
}
