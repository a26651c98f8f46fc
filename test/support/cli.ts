/** Runs the CLI in-process with captured output (no child process, no TTY, no colour). */
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/program.js';
import type { CliIo } from '../../src/cli/io.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(args: readonly string[], stdin = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from([stdin]),
    color: false,
    interactive: false,
    cwd: process.cwd(),
    env: {},
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

export const SEED = 'examples/seed-architecture';
