/**
 * `meshward lint`: istiod's validation plus the security rules that reason across resources, as
 * text (grouped by file, source line and caret), JSON or SARIF 2.1.0. Exit status follows
 * `--fail-on`: 1 when a finding at or above that severity exists, 2 when input cannot be read.
 */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { builtinRules, isSuppressed, lint, parseSuppression, sarifRuleInfos } from '../analyze/lint/index.js';
import { deriveWorkloads, loadManifests, loadMeshConfig } from '../load/index.js';
import type { Diagnostic, Severity } from '../model/diagnostic.js';
import { MeshwardError } from '../model/errors.js';
import { DEFAULT_MESH_CONFIG, type MeshConfig } from '../model/mesh.js';
import { toDiagnosticsJson } from '../report/diagnostics-json.js';
import { formatDiagnosticsText, summarizeDiagnostics } from '../report/diagnostics-text.js';
import { toSarif } from '../report/sarif.js';
import { DiagnosticCodes } from '../schema/codes.js';
import { EXIT, paint, stableJson, type CliIo } from './io.js';

export interface LintCliOptions {
  file: string[];
  mesh?: string;
  namespace: string;
  output: 'text' | 'json' | 'sarif';
  failOn: Severity;
  suppress: string[];
}

const VERSION = '0.1.0';
const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
const collect = (v: string, prev: string[]): string[] => [...prev, v];

/** `docs/rules/` next to the package root, as an absolute URI (SARIF `helpUri` must be absolute). */
function docsBase(): string {
  return new URL('../../docs/rules/', import.meta.url).href;
}

function readSource(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Runs lint with parsed options; returns the exit code. Exported for in-process tests. */
export async function runLint(io: CliIo, opts: LintCliOptions): Promise<number> {
  const p = paint(io);
  if (opts.file.length === 0) throw new MeshwardError('ERR_USAGE', 'no input: give manifests with `-f <file|dir|->`');
  for (const s of opts.suppress) if (!parseSuppression(s).rule) throw new MeshwardError('ERR_USAGE', `--suppress \`${s}\` names no rule`);
  const loaded = await loadManifests(opts.file, { stdin: io.stdin });
  const fatal: Diagnostic[] = loaded.diagnostics.filter((d) => d.code === DiagnosticCodes.MALFORMED_YAML && d.severity === 'error');
  let mesh: MeshConfig = { ...DEFAULT_MESH_CONFIG, trustDomainAliases: [], extensionProviders: [] };
  const extra: Diagnostic[] = [...loaded.diagnostics.filter((d) => !fatal.includes(d))];
  if (opts.mesh) {
    const m = await loadMeshConfig(opts.mesh);
    mesh = m.mesh;
    fatal.push(...m.diagnostics.filter((d) => d.severity === 'error'));
    extra.push(...m.diagnostics.filter((d) => d.severity !== 'error'));
  }
  if (fatal.length > 0) {
    io.stderr.write(formatDiagnosticsText(fatal, readSource, p));
    io.stderr.write(`${p.red('error')}: the input cannot be linted: ${summarizeDiagnostics(fatal)}\n`);
    return EXIT.INPUT;
  }
  const derived = deriveWorkloads(loaded.resources);
  extra.push(...derived.diagnostics);
  const found = lint({ resources: loaded.resources, workloads: derived.workloads, mesh, defaultNamespace: opts.namespace }, { suppress: opts.suppress });
  const suppressions = opts.suppress.map(parseSuppression);
  const kept = extra.filter((d) => !isSuppressed(d, undefined, suppressions));
  const all = [...kept, ...found];

  if (opts.output === 'json') io.stdout.write(stableJson(toDiagnosticsJson(all)));
  else if (opts.output === 'sarif') io.stdout.write(stableJson(toSarif(all, sarifRuleInfos(builtinRules), { toolVersion: VERSION, helpUriBase: docsBase() })));
  else {
    io.stdout.write(formatDiagnosticsText(all, readSource, p));
    io.stdout.write(`${all.length ? '\n' : ''}${summarizeDiagnostics(all)}\n`);
  }
  const threshold = RANK[opts.failOn];
  return all.some((d) => RANK[d.severity] >= threshold) ? EXIT.FAILED : EXIT.OK;
}

/**
 * Adds `meshward lint` to the program. `setExit` receives the exit code (the program's runner
 * passes it; without it `process.exitCode` is set).
 */
export function registerLint(program: Command, io: CliIo, setExit?: (code: number) => void): void {
  const exit = setExit ?? ((code: number) => void (process.exitCode = code));
  program
    .command('lint')
    .description('find Istio security mistakes: istiod validation plus cross-resource rules (MW1xx), with exact file:line:col')
    .requiredOption('-f, --file <path>', 'manifests: a file, a folder (every *.yaml/*.yml, recursively) or - for stdin; repeatable', collect, [])
    .option('--mesh <file>', 'mesh config (MeshConfig YAML or the istio ConfigMap); Istio defaults otherwise')
    .option('-n, --namespace <ns>', 'namespace for manifests without metadata.namespace (like kubectl -n)', 'default')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding at or above this severity exists').choices(['error', 'warning', 'info']).default('error'))
    .option('--suppress <CODE[=ns/name]>', 'silence a rule (code or name) everywhere, or for one resource; repeatable', collect, [])
    .addHelpText(
      'after',
      `
Examples:
  $ meshward lint -f examples/seed-architecture/workloads -f examples/seed-architecture/as-written -n production
  $ meshward lint -f k8s/ --mesh mesh.yaml --fail-on warning
  $ meshward lint -f k8s/ -o sarif > meshward.sarif        # upload to code scanning
  $ meshward lint -f k8s/ --suppress MW117 --suppress principal-foreign-trust-domain=foo/legacy-allow
  $ kubectl get authorizationpolicies -A -o yaml | meshward lint -f - -o json

Rules are documented in docs/rules/ (one page per code).
Exit status: 0 no finding at or above --fail-on, 1 findings, 2 unreadable or malformed input.`,
    )
    .action(async (opts: LintCliOptions) => {
      exit(await runLint(io, opts));
    });
}
