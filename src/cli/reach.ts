/**
 * `meshward reach`: for every workload taken over (and for a pod without a sidecar, and a client
 * outside), every destination port it can reach, which requests get through, what they need, and
 * which rule lets them in — computed symbolically, each class with a witness request.
 */
import { Option, type Command } from 'commander';
import { compileMesh } from '../compile/mesh.js';
import { computeReach, formatReachText, measureLayers, quarantineWhatIf, toReport, verifyWitnesses } from '../analyze/reach/index.js';
import type { ReachOptions } from '../analyze/reach/index.js';
import { writeFile } from 'node:fs/promises';
import { lint } from '../analyze/lint/index.js';
import { MeshwardError } from '../model/errors.js';
import { toDiagnosticsJson } from '../report/diagnostics-json.js';
import { renderReachHtml } from '../report/html/index.js';
import type { ReachReport } from '../report/html/index.js';
import { EXIT, stableJson, type CliIo } from './io.js';
import { loadInputs } from './inputs.js';
import { printLoadNotes } from './notes.js';

interface ReachCliOptions {
  file: string[];
  mesh?: string;
  namespace?: string;
  compromised: string[];
  layers?: boolean;
  quarantine: string[];
  verify?: boolean;
  output: 'text' | 'json' | 'html';
  out?: string;
  title?: string;
  verbose?: boolean;
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

export function registerReach(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('reach')
    .description('the lateral-movement blast radius of every workload: what each attacker reaches, with which identity and tokens')
    .requiredOption('-f, --file <path>', 'manifests: a file, a folder (every *.yaml/*.yml, recursively) or - for stdin; repeatable', collect, [])
    .option('--mesh <file>', 'mesh config (MeshConfig YAML or the istio ConfigMap); Istio defaults otherwise')
    .option('-n, --namespace <ns>', 'namespace for manifests without metadata.namespace (like kubectl -n)', 'default')
    .option('--compromised <ns/name>', 'only these attackers (also `external`, `in-cluster-plaintext`); repeatable', collect, [])
    .option('--layers', 'also measure the attack surface under no policies, mTLS only, JWT only, mTLS + authz, everything')
    .option('--quarantine <ns/sa>', 'what if this identity were denied mesh-wide: blast radius before/after and broken flows; repeatable', collect, [])
    .option('--verify', 'run every witness request through the engine (as `meshward check`) and fail if one is denied')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json', 'html']).default('text'))
    .option('--out <file>', 'with -o html: where to write the report (one offline file)', 'meshward-report.html')
    .option('--title <text>', 'with -o html: the report title')
    .option('-v, --verbose', 'list skipped kinds and loading notes')
    .addHelpText(
      'after',
      `
Examples:
  $ meshward reach -f examples/seed-architecture/workloads -f examples/seed-architecture/as-written -n production
  $ meshward reach -f manifests/ --compromised orders/order-service --compromised external -o json
  $ meshward reach -f manifests/ --layers
  $ meshward reach -f manifests/ --quarantine compromised/suspicious-service
  $ meshward reach -f manifests/ --layers -o html --out report.html   # graph, blast radius per workload, lint

Exit status: 0 done, 1 with --verify when a witness is denied, 2 bad input.`,
    )
    .action(async (opts: ReachCliOptions) => {
      setExit(await runReach(io, opts));
    });
}

async function runReach(io: CliIo, opts: ReachCliOptions): Promise<number> {
  const input = await loadInputs(io, { files: opts.file, ...(opts.mesh ? { mesh: opts.mesh } : {}), ...(opts.namespace ? { namespace: opts.namespace } : {}) });
  if (opts.verbose) printLoadNotes(io, input);
  const known = new Set([...input.workloads.map((w) => `${w.namespace}/${w.name}`), 'external', 'in-cluster-plaintext']);
  for (const c of opts.compromised) {
    if (!known.has(c)) throw new MeshwardError('ERR_WORKLOAD_NOT_FOUND', `--compromised \`${c}\` is not a workload in the input (nor \`external\` or \`in-cluster-plaintext\`)`);
  }
  const meshInputs = { resources: input.resources, workloads: input.workloads, mesh: input.mesh, defaultNamespace: input.defaultNamespace };
  const progress = (what: string): ReachOptions['onProgress'] =>
    io.interactive ? (done, total) => void io.stderr.write(`\r${what}: ${done}/${total} attackers${done === total ? '\n' : ''}`) : undefined;
  const base: ReachOptions = opts.compromised.length ? { attackers: opts.compromised } : {};
  const p = progress('reach');
  const result = computeReach(compileMesh(meshInputs), { ...base, ...(p ? { onProgress: p } : {}) });
  const report = toReport(result);
  if (opts.layers) report.layers = measureLayers(meshInputs, base);
  if (opts.quarantine.length) report.quarantine = quarantineWhatIf(meshInputs, result, opts.quarantine, base);
  let failed = 0;
  if (opts.verify) {
    const failures = await verifyWitnesses(result);
    failed = failures.length;
    for (const f of failures) {
      io.stderr.write(`error: witness of \`${f.attacker}\` → \`${f.item.entry.to}:${f.item.entry.port}\` (${f.item.entry.decidedBy}) is denied at the ${f.hop}: ${f.decision.reason}\n`);
    }
  }
  if (opts.output === 'html') {
    // The report also shows lint findings, so a reader sees why each open flow exists.
    const findings = lint({ resources: input.allResources, workloads: input.workloads, mesh: input.mesh, defaultNamespace: input.defaultNamespace });
    const html = renderReachHtml(report as unknown as ReachReport, { lint: toDiagnosticsJson(findings), ...(opts.title ? { title: opts.title } : {}) });
    await writeFile(opts.out ?? 'meshward-report.html', html);
    io.stdout.write(`wrote ${opts.out ?? 'meshward-report.html'} (${Math.round(html.length / 1024)} KB): ${report.summary.entries} reachable classes, ${findings.length} lint findings\n`);
  } else io.stdout.write(opts.output === 'json' ? stableJson(report) : formatReachText(report));
  return failed > 0 ? EXIT.FAILED : EXIT.OK;
}
