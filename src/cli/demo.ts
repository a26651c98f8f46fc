/**
 * `meshward demo` (what `npm start` runs): the bundled seed architecture, as written and corrected,
 * through every tool — lint (what istiod rejects and what it accepts but leaves open), reach (the
 * blast radius, and what each defence layer buys), the HTML report, and the engine's test suites
 * (what the write-up's YAML lets through and what the corrected manifests stop).
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { lint } from '../analyze/lint/index.js';
import { computeReach, measureLayers, quarantineWhatIf, toReport } from '../analyze/reach/index.js';
import { compileMesh } from '../compile/mesh.js';
import type { MeshInputs } from '../compile/mesh.js';
import { MeshwardError } from '../model/errors.js';
import { toDiagnosticsJson } from '../report/diagnostics-json.js';
import { summarizeDiagnostics } from '../report/diagnostics-text.js';
import { renderReachHtml } from '../report/html/index.js';
import type { ReachReport } from '../report/html/index.js';
import { EXIT, paint } from './io.js';
import type { CliIo } from './io.js';
import { loadInputs } from './inputs.js';
import { runTests } from './test.js';

/** The bundled example, found next to the package (works from src/ and from dist/). */
export function exampleDir(): string {
  return fileURLToPath(new URL('../../examples/seed-architecture/', import.meta.url));
}

interface DemoOptions {
  out: string;
}

export function registerDemo(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('demo')
    .description('run meshward on the bundled seed architecture (as written and corrected): lint, reach, report, suites')
    .option('--out <dir>', 'where to write the HTML reports', 'reports')
    .addHelpText('after', '\nExample:\n  $ npm start        # same as: meshward demo\n')
    .action(async (opts: DemoOptions) => {
      setExit(await runDemo(io, opts));
    });
}

async function runDemo(io: CliIo, opts: DemoOptions): Promise<number> {
  const dir = exampleDir();
  if (!existsSync(join(dir, 'suites'))) throw new MeshwardError('ERR_MANIFEST_READ', `the bundled example is missing: \`${dir}\``);
  const p = paint(io);
  const say = (s = ''): void => void io.stdout.write(`${s}\n`);
  mkdirSync(opts.out, { recursive: true });
  say(p.bold('meshward demo: the seed architecture (examples/seed-architecture)'));
  for (const variant of ['as-written', 'corrected'] as const) {
    const input = await loadInputs(io, { files: [join(dir, 'workloads'), join(dir, variant)], namespace: 'production' });
    const meshInputs: MeshInputs = { resources: input.resources, workloads: input.workloads, mesh: input.mesh, defaultNamespace: input.defaultNamespace };
    say();
    say(p.bold(`== ${variant} ==`));
    const findings = lint({ resources: input.allResources, workloads: input.workloads, mesh: input.mesh, defaultNamespace: input.defaultNamespace });
    say(`lint      ${summarizeDiagnostics(findings)}${findings.length ? `  (meshward lint -f ${rel(dir)}workloads -f ${rel(dir)}${variant} -n production)` : ''}`);
    for (const r of input.rejected) say(`          ${p.yellow('not applied')}: ${r.resource.kind} ${r.resource.metadata.name} (${r.errors[0]!.message})`);
    if (io.interactive) io.stderr.write('computing reach…\n');
    const result = computeReach(compileMesh(meshInputs));
    const report = toReport(result);
    report.layers = measureLayers(meshInputs, {});
    report.quarantine = quarantineWhatIf(meshInputs, result, ['compromised/suspicious-service'], {});
    const external = report.attackers.find((a) => a.attacker === 'external');
    const pay = report.attackers.filter((a) => a.reachable.some((e) => e.to === 'production/payment-service'));
    say(`reach     ${report.summary.entries} reachable request classes over ${report.summary.pairs} attacker→destination pairs`);
    say(`          ${pay.length} attackers can reach production/payment-service; the outside reaches ${external?.reachable.length ?? 0} destinations`);
    say(`layers    ${report.layers.map((l) => `${l.name}: ${l.total}`).join(' · ')}`);
    const file = join(opts.out, `seed-${variant}.html`);
    await writeFile(file, renderReachHtml(report as unknown as ReachReport, { lint: toDiagnosticsJson(findings), title: `seed architecture, ${variant.replace('-', ' ')}` }));
    say(`report    ${file}`);
  }
  say();
  say(p.bold('== the engine\'s test suites: the same requests against both variants =='));
  const suites = readdirSync(join(dir, 'suites')).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(rel(dir), 'suites', f));
  return (await runTests(io, suites, { output: 'text' })) === EXIT.OK ? EXIT.OK : EXIT.FAILED;
}

function rel(dir: string): string {
  const cwd = `${process.cwd()}/`;
  return dir.startsWith(cwd) ? dir.slice(cwd.length) : dir;
}
