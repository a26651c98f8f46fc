/** `meshward test`: run TestSuite files against the engine. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { loadSuite } from '../suite/load.js';
import { runSuite } from '../suite/run.js';
import type { SuiteResult } from '../suite/run.js';
import { suiteJson, suiteJunit, suiteText } from '../suite/report.js';
import { EXIT, paint, stableJson } from './io.js';
import type { CliIo } from './io.js';
import { parseNowOption } from './now.js';

interface TestOptions {
  output: 'text' | 'json' | 'junit';
  now?: string;
}

export function registerTest(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('test')
    .description('run policy test suites (meshward/v1alpha1 TestSuite): one line per case, then "N passed, M failed"')
    .argument('<suite...>', 'TestSuite files')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json', 'junit']).default('text'))
    .option('--now <time>', 'the time tokens are checked against: epoch seconds or an ISO date (default: the suite\'s `now`, else the clock)')
    .addHelpText(
      'after',
      `
Examples:
  $ meshward test test/suites/*.yaml
  $ meshward test examples/seed-architecture/suites/as-written.yaml -o junit > junit.xml

Exit status: 0 all cases passed, 1 a case failed, 2 an invalid suite.`,
    )
    .action(async (files: string[], opts: TestOptions) => {
      setExit(await runTests(io, files, opts));
    });
}

export async function runTests(io: CliIo, files: readonly string[], opts: TestOptions): Promise<number> {
  const results: SuiteResult[] = [];
  const now = parseNowOption(opts.now);
  for (const f of files) {
    if (io.interactive && files.length > 1) io.stderr.write(`running ${f}…\n`);
    const suite = await loadSuite(f);
    results.push(await runSuite(suite, now === undefined ? {} : { now }));
  }
  if (opts.output === 'json') io.stdout.write(stableJson(suiteJson(results)));
  else if (opts.output === 'junit') io.stdout.write(suiteJunit(results));
  else io.stdout.write(suiteText(results, paint(io)));
  return results.some((r) => r.failed > 0) ? EXIT.FAILED : EXIT.OK;
}
