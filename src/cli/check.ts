/**
 * `meshward check`: decide one request exactly as the destination's Istio sidecar would, and say
 * which policy decided it and why.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { compileJwtAuthn } from '../compile/request-authn.js';
import { resolveJwks } from '../identity/jwks.js';
import { Option } from 'commander';
import { compileMesh, workloadKey } from '../compile/mesh.js';
import { evaluateRequest, prepareWorkload, resolvePort } from '../engine/pipeline.js';
import { parseIp } from '../engine/rbac/cidr.js';
import type { Caller, InboundRequest } from '../engine/pipeline.js';
import { MeshwardError } from '../model/errors.js';
import type { Decision } from '../model/decision.js';
import type { Workload } from '../model/workload.js';
import { traceLine } from '../report/trace-text.js';
import { EXIT, paint, stableJson } from './io.js';
import type { CliIo } from './io.js';
import { loadInputs } from './inputs.js';
import { parseNowOption } from './now.js';
import { printLoadNotes, printRejected } from './notes.js';

interface CheckOptions {
  file: string[];
  mesh?: string;
  namespace?: string;
  from?: string;
  fromIp?: string;
  to: string;
  method?: string;
  path?: string;
  host?: string;
  header: string[];
  sni?: string;
  plaintext?: boolean;
  token?: string;
  jwks: string[];
  now?: string;
  fetch: boolean;
  output: 'text' | 'json';
  exitCode?: boolean;
  showRbac?: boolean;
  verbose?: boolean;
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

export function registerCheck(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('check')
    .description('decide one request as the destination sidecar would: outcome, deciding policy and rule, trace')
    .requiredOption('-f, --file <path>', 'manifests: a file, a folder (every *.yaml/*.yml, recursively) or - for stdin; repeatable', collect, [])
    .option('--mesh <file>', 'mesh config (MeshConfig YAML or the istio ConfigMap); Istio defaults otherwise')
    .option('-n, --namespace <ns>', 'namespace for manifests without metadata.namespace (like kubectl -n)', 'default')
    .option('--from <ns/name>', 'calling workload; omit for a caller outside the mesh')
    .option('--from-ip <ip>', 'source address (default: the calling workload\'s IP)')
    .requiredOption('--to <ns/name:port>', 'destination workload and the port addressed (Service or container port)')
    .option('--method <m>', 'HTTP method', 'GET')
    .option('--path <p>', 'HTTP :path as sent, query included', '/')
    .option('--host <h>', 'HTTP :authority (default <name>.<namespace>)')
    .option('-H, --header <"k: v">', 'request header; repeat for more, or for a repeated header', collect, [])
    .option('--sni <name>', 'TLS SNI of the connection (connection.sni)')
    .option('--plaintext', 'the caller bypasses its own sidecar: plaintext, no mTLS identity')
    .option('--token <jwt|@file>', 'a JWT sent as `Authorization: Bearer <jwt>` (use -H to put it elsewhere)')
    .option('--jwks <issuer=file>', 'public JWKS for an issuer or jwksUri, instead of fetching it; repeatable', collect, [])
    .option('--no-fetch', 'never fetch a jwksUri: issuers without --jwks fail closed, as an unreachable JWKS does')
    .option('--now <time>', 'the time tokens are checked against: epoch seconds or an ISO date (default: now)')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--exit-code', 'exit 1 when the request is not allowed')
    .option('--show-rbac', 'also print the Envoy RBAC filters generated for the destination')
    .option('-v, --verbose', 'list skipped kinds and loading notes')
    .addHelpText(
      'after',
      `
Examples:
  $ meshward check -f examples/seed-architecture/workloads -f examples/seed-architecture/as-written -n production \\
      --from legacy/batch-exporter --to production/payment-service:80 --method POST --path /api/v1/payments/process
  $ meshward check -f manifests/ --from orders/order-service --to production/inventory:80 \\
      --path /api/v1/inventory/check -H 'x-request-id: 1' -o json
  $ meshward check -f manifests/ --from api-gateway/api-gateway --to production/payment-service:80 --method POST \\
      --path /api/v1/payments/process --token @alice.jwt --jwks https://identity-server.internal=jwks.json
  $ cat policies.yaml | meshward check -f - --to foo/httpbin:8000 --path //admin

Exit status: 0 decided (1 with --exit-code when not allowed), 2 bad input.`,
    )
    .action(async (opts: CheckOptions) => {
      setExit(await runCheck(io, opts));
    });
}

function parseRef(text: string, flag: string): { namespace: string; name: string; port?: number } {
  const m = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/([a-z0-9]([-.a-z0-9]*[a-z0-9])?)(?::(\d{1,5}))?$/.exec(text);
  if (!m) throw new MeshwardError('ERR_USAGE', `${flag} \`${text}\` is not of the form ns/name${flag === '--to' ? ':port' : ''}`);
  const out: { namespace: string; name: string; port?: number } = { namespace: m[1]!, name: m[3]! };
  if (m[5] !== undefined) {
    out.port = Number(m[5]);
    if (out.port < 1 || out.port > 65535) throw new MeshwardError('ERR_USAGE', `${flag} \`${text}\`: port ${out.port} is not between 1 and 65535`);
  }
  return out;
}

function findWorkload(workloads: readonly Workload[], ref: { namespace: string; name: string }, flag: string): Workload {
  const w = workloads.find((x) => x.namespace === ref.namespace && x.name === ref.name);
  if (!w) {
    const known = workloads.map(workloadKey).sort();
    throw new MeshwardError(
      'ERR_WORKLOAD_NOT_FOUND',
      `${flag} \`${ref.namespace}/${ref.name}\` is not a workload in the input${known.length ? `: known are ${known.slice(0, 12).map((k) => `\`${k}\``).join(', ')}${known.length > 12 ? ', …' : ''}` : ''}`,
    );
  }
  return w;
}

async function readText(path: string, flag: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new MeshwardError('ERR_USAGE', `${flag}: cannot read \`${path}\`: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export function parseHeader(h: string): [string, string] {
  const i = h.indexOf(':', h.startsWith(':') ? 1 : 0);
  if (i <= 0) throw new MeshwardError('ERR_USAGE', `header \`${h}\` is not of the form \`name: value\``);
  return [h.slice(0, i).trim(), h.slice(i + 1).trim()];
}

async function runCheck(io: CliIo, opts: CheckOptions): Promise<number> {
  const to = parseRef(opts.to, '--to');
  if (opts.fromIp !== undefined && !parseIp(opts.fromIp)) throw new MeshwardError('ERR_USAGE', `--from-ip \`${opts.fromIp}\` is not an IP address`);
  if (to.port === undefined) throw new MeshwardError('ERR_USAGE', `--to \`${opts.to}\` needs a port: ns/name:port`);
  const input = await loadInputs(io, { files: opts.file, ...(opts.mesh ? { mesh: opts.mesh } : {}), ...(opts.namespace ? { namespace: opts.namespace } : {}) });
  printRejected(io, input);
  if (opts.verbose) printLoadNotes(io, input);
  const dest = findWorkload(input.workloads, to, '--to');
  let caller: Caller;
  if (opts.from) {
    const src = findWorkload(input.workloads, parseRef(opts.from, '--from'), '--from');
    caller = { kind: 'workload', workload: src, ...(opts.plaintext ? { bypassSidecar: true } : {}), ...(opts.fromIp ? { ip: opts.fromIp } : {}) };
  } else {
    caller = { kind: 'external', ...(opts.fromIp ? { ip: opts.fromIp } : {}) };
  }
  const compiled = compileMesh({ resources: input.resources, workloads: input.workloads, mesh: input.mesh, defaultNamespace: input.defaultNamespace, only: (w) => w === dest });
  const target = prepareWorkload(compiled.workloads.get(workloadKey(dest))!);
  const request: InboundRequest = {
    caller,
    port: to.port,
    http: {
      method: opts.method ?? 'GET',
      path: opts.path ?? '/',
      authority: opts.host ?? `${dest.name}.${dest.namespace}`,
      headers: opts.header.map(parseHeader),
    },
    ...(opts.sni ? { sni: opts.sni } : {}),
  };
  if (opts.token) {
    const token = opts.token.startsWith('@') ? (await readText(opts.token.slice(1), '--token')).trim() : opts.token;
    request.http = { ...request.http, headers: [...(request.http?.headers ?? []), ['authorization', `Bearer ${token}`]] };
  }
  const jwtConfig = compileJwtAuthn(target.compiled.requestAuthentications);
  const overrides = new Map<string, string>();
  for (const spec of opts.jwks) {
    const eq = spec.lastIndexOf('=');
    if (eq <= 0) throw new MeshwardError('ERR_USAGE', `--jwks \`${spec}\` is not of the form issuer=file`);
    overrides.set(spec.slice(0, eq), await readText(spec.slice(eq + 1), '--jwks'));
  }
  const offline: typeof fetch = async (url) => {
    throw new Error(`not fetched (--no-fetch): \`${String(url)}\``);
  };
  const jwt = jwtConfig ? await resolveJwks(jwtConfig, { overrides, ...(opts.fetch ? {} : { fetch: offline }) }) : undefined;
  const decision = evaluateRequest(target, request, {
    trustDomain: input.mesh.trustDomain,
    pathNormalization: input.mesh.pathNormalization,
    numTrustedProxies: input.mesh.numTrustedProxies,
    trace: true,
    now: parseNowOption(opts.now) ?? Math.floor(Date.now() / 1000),
    ...(jwt ? { jwt } : {}),
  });
  const port = resolvePort(dest, to.port);
  if (opts.output === 'json') {
    io.stdout.write(
      stableJson({
        request: { from: opts.from ?? 'external', to: workloadKey(dest), port: to.port, targetPort: port?.targetPort ?? to.port, protocol: port?.protocol ?? 'UNKNOWN', ...request.http },
        decision,
        ...(opts.showRbac ? { rbac: { http: target.compiled.http.filters, tcp: target.compiled.tcp.filters } } : {}),
      }),
    );
  } else {
    printDecision(io, decision, { from: opts.from ?? `external${opts.fromIp ? ` (${opts.fromIp})` : ''}`, to: opts.to, port: port ? `${port.targetPort}/${port.protocol}` : `${to.port}/unknown` , request: request.http! });
    if (opts.showRbac) io.stdout.write(`\nRBAC (HTTP):\n${JSON.stringify(target.compiled.http.filters, null, 2)}\nRBAC (TCP):\n${JSON.stringify(target.compiled.tcp.filters, null, 2)}\n`);
  }
  return opts.exitCode && !decision.allowed ? EXIT.FAILED : EXIT.OK;
}

function printDecision(
  io: CliIo,
  d: Decision,
  ctx: { from: string; to: string; port: string; request: NonNullable<InboundRequest['http']> },
): void {
  const p = paint(io);
  const status = d.status === 'reset' ? 'RESET' : String(d.status);
  const head = d.allowed ? p.green(`ALLOW ${status}`) : p.red(`DENY ${status}`);
  const lines = [`${p.bold(head)}${d.message ? `  ${d.message}` : ''}`];
  lines.push(`  request   ${ctx.request.method} ${ctx.request.path}  host ${ctx.request.authority}`);
  lines.push(`  from      ${ctx.from}`);
  lines.push(`  to        ${ctx.to}  (target port ${ctx.port})`);
  if (d.policy) {
    const rule = d.policy.rule === undefined ? '' : ` rule[${d.policy.rule}]`;
    lines.push(`  decided   ${d.policy.namespace}/${d.policy.name}${rule} (${d.policy.action}${d.policy.dryRun ? ', dry-run' : ''})`);
  } else {
    lines.push(`  decided   ${reasonText(d.reason)}`);
  }
  if (d.requestPrincipal !== undefined) lines.push(`  principal ${d.requestPrincipal} (request principal from the token)`);
  if (d.upstream) {
    const u = d.upstream;
    const parts = [...u.headersAdded.map(([n, v]) => `+ ${n}: ${v}`), ...u.headersRemoved.map((n) => `- ${n}`)];
    if (u.path !== ctx.request.path) parts.push(`path ${u.path}`);
    lines.push(`  upstream  ${parts.join(', ')}  (what jwt_authn changed for the application)`);
  }
  for (const s of d.shadow) lines.push(`  dry-run   ${s.policy.namespace}/${s.policy.name}: would be ${s.result}`);
  for (const a of d.audited) lines.push(`  audited   ${a.namespace}/${a.name}`);
  if (d.trace.length) {
    lines.push('  trace');
    for (const t of d.trace) lines.push(`    ${traceLine(t, (ok) => (ok ? p.green('✓') : p.red('✗')))}`);
  }
  io.stdout.write(`${lines.join('\n')}\n`);
}

function reasonText(r: Decision['reason']): string {
  switch (r) {
    case 'allowed-no-allow-policy':
      return 'no ALLOW policy applies to the destination, and no DENY matched: allowed by default';
    case 'denied-no-allow-match':
      return 'ALLOW policies apply but none matched';
    case 'mtls-required':
      return 'PeerAuthentication STRICT: plaintext refused';
    case 'jwt-rejected':
      return 'jwt_authn rejected the token';
    case 'bad-request':
      return 'rejected by the HTTP codec before any filter';
    default:
      return r;
  }
}
