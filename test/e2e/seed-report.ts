/**
 * The seed example's report as a user gets it: `meshward reach … -o json` and `meshward lint …
 * -o json` run in-process on examples/seed-architecture (as written, `-n production`), their JSON
 * parsed and handed to the renderer. Going through the commands' JSON (not the analysis objects)
 * tests the contract the report actually depends on.
 */
import { Readable } from 'node:stream';
import { Command } from 'commander';
import type { CliIo } from '../../src/cli/io.js';
import { registerLint } from '../../src/cli/lint.js';
import { registerReach } from '../../src/cli/reach.js';
import type { LintReport, ReachReport } from '../../src/report/html/types.js';

const SEED = 'examples/seed-architecture';
const INPUT = ['-f', `${SEED}/workloads`, '-f', `${SEED}/as-written`, '-n', 'production'];

async function runJson(register: (p: Command, io: CliIo, setExit: (code: number) => void) => void, argv: readonly string[]): Promise<unknown> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from(['']),
    color: false,
    interactive: false,
    cwd: process.cwd(),
    env: {},
  };
  const program = new Command().exitOverride();
  register(program, io, () => undefined);
  await program.parseAsync([...argv], { from: 'user' });
  try {
    return JSON.parse(stdout);
  } catch {
    throw new Error(`\`meshward ${argv.join(' ')}\` printed no JSON: ${stderr || stdout.slice(0, 200)}`);
  }
}

export interface SeedReport {
  report: ReachReport;
  lint: LintReport;
}

export async function seedReport(): Promise<SeedReport> {
  const report = (await runJson(registerReach, ['reach', ...INPUT, '--layers', '--quarantine', 'compromised/suspicious-service', '-o', 'json'])) as ReachReport;
  const lint = (await runJson(registerLint, ['lint', ...INPUT, '-o', 'json'])) as LintReport;
  return { report, lint };
}
