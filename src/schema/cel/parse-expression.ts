/**
 * Syntax-only parsing of a CEL expression, as istiod's `validateTelemetryFilter` does for
 * `accessLogging[].filter.expression` (cel-go `Env.Parse`: unknown identifiers are fine, types are
 * not checked). Used for tag-override values by lint too.
 */
import { parse } from '@marcbachmann/cel-js';

export type CelParseResult = { ok: true } | { ok: false; message: string; column?: number };

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/**
 * Parses `expr`; on failure gives the parser's message and the 1-based column of the problem.
 *
 * @example
 * parseCelExpression('response.code >= 400'); // { ok: true }
 * parseCelExpression('response.code >=');     // { ok: false, message: 'unexpected token: EOF', column: 17 }
 */
export function parseCelExpression(expr: string): CelParseResult {
  if (expr.trim() === '') return { ok: false, message: 'empty expression', column: 1 };
  try {
    parse(expr);
    return { ok: true };
  } catch (err) {
    const e = err as { summary?: unknown; message?: unknown; range?: { start?: unknown } };
    const summary = typeof e.summary === 'string' ? e.summary : String(e.message ?? err);
    const start = e.range?.start;
    const result: { ok: false; message: string; column?: number } = { ok: false, message: lowerFirst(summary.split('\n')[0] ?? summary) };
    if (typeof start === 'number') result.column = start + 1;
    return result;
  }
}
