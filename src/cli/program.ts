/**
 * The `meshward` program: commands register themselves here; `runCli` parses argv, runs one
 * command and turns errors into messages and exit codes (never a stack trace unless MESHWARD_DEBUG).
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { MeshwardError } from '../model/errors.js';
import { formatDiagnosticsText } from '../report/diagnostics-text.js';
import { EXIT, paint, processIo } from './io.js';
import type { CliIo } from './io.js';
import { registerCheck } from './check.js';
import { registerDemo } from './demo.js';
import { registerTest } from './test.js';
import { registerLint } from './lint.js';
import { registerReach } from './reach.js';

const VERSION = '0.1.0';

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('meshward')
    .description('Make zero-trust security in an Istio service mesh real and provable.')
    .version(VERSION, '--version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();
  program.addHelpText(
    'after',
    `
Examples:
  $ meshward check -f manifests/ --from orders/order-service --to production/inventory:80 --path /api/v1/inventory/check
  $ meshward lint -f manifests/ -o sarif > meshward.sarif
  $ meshward reach -f manifests/ --compromised orders/order-service
  $ meshward test suites/*.yaml
  $ meshward demo                       # the bundled seed example, as written and corrected
`,
  );
  registerCheck(program, io, setExit);
  registerLint(program, io, setExit);
  registerReach(program, io, setExit);
  registerTest(program, io, setExit);
  registerDemo(program, io, setExit);
  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let code: number = EXIT.OK;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (err) {
    return reportError(err, io);
  }
}

function reportError(err: unknown, io: CliIo): number {
  const p = paint(io);
  if (err instanceof CommanderError) {
    // commander already printed its message (help, version, unknown option…)
    return err.exitCode === 0 ? EXIT.OK : EXIT.INPUT;
  }
  if (err instanceof MeshwardError) {
    if (err.diagnostics.length > 0) {
      const text = formatDiagnosticsText(err.diagnostics, readSource, p);
      io.stderr.write(text);
    }
    io.stderr.write(`${p.red('error')}: ${err.message}\n`);
    return err.code === 'ERR_INTERNAL' ? EXIT.INTERNAL : EXIT.INPUT;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(`${p.red('internal error')}: ${message}\n`);
  if (io.env.MESHWARD_DEBUG && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
  return EXIT.INTERNAL;
}

function readSource(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
