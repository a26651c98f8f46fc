/**
 * `meshward demo` (what `npm start` runs): the bundled seed architecture, as written and corrected,
 * through the engine's test suites — what the write-up's YAML lets through and what the corrected
 * manifests stop.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { MeshwardError } from '../model/errors.js';
import { paint } from './io.js';
import type { CliIo } from './io.js';
import { runTests } from './test.js';

/** The bundled example, found next to the package (works from src/ and from dist/). */
export function exampleDir(): string {
  return fileURLToPath(new URL('../../examples/seed-architecture/', import.meta.url));
}

export function registerDemo(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('demo')
    .description('run meshward on the bundled seed architecture (as written and corrected)')
    .addHelpText('after', '\nExample:\n  $ npm start        # same as: meshward demo\n')
    .action(async () => {
      const dir = join(exampleDir(), 'suites');
      if (!existsSync(dir)) throw new MeshwardError('ERR_MANIFEST_READ', `the bundled example is missing: \`${dir}\``);
      const p = paint(io);
      const suites = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(dir, f));
      io.stdout.write(`${p.bold('meshward demo')}: the seed architecture through the engine (${suites.length} suites)\n\n`);
      setExit(await runTests(io, suites, { output: 'text' }));
    });
}
