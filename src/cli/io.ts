/**
 * The CLI's view of the outside world, injected so commands run in-process in tests.
 * Only src/cli touches argv, stdout and exit codes.
 */
import pc from 'picocolors';

export interface CliIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  stdin: NodeJS.ReadableStream;
  /** Colour only when the output is a terminal and NO_COLOR is unset. */
  color: boolean;
  /** Progress lines for long work go to stderr only on a terminal. */
  interactive: boolean;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

export function processIo(): CliIo {
  const tty = Boolean(process.stdout.isTTY);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    color: tty && !process.env.NO_COLOR,
    interactive: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
    env: process.env,
  };
}

export interface Paint {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

export function paint(io: Pick<CliIo, 'color'>): Paint {
  if (io.color) {
    const c = pc.createColors(true);
    return { red: c.red, green: c.green, yellow: c.yellow, cyan: c.cyan, dim: c.dim, bold: c.bold };
  }
  const id = (s: string): string => s;
  return { red: id, green: id, yellow: id, cyan: id, dim: id, bold: id };
}

/** Exit codes: 0 done, 1 a check failed (denied with --exit-code, findings, failing tests), 2 bad input, 70 internal. */
export const EXIT = { OK: 0, FAILED: 1, INPUT: 2, INTERNAL: 70 } as const;

/** Deterministic JSON for machines: sorted keys, two-space indent, trailing newline. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object' && !(v instanceof Map) && !(v instanceof Set)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as Record<string, unknown>).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}
