/**
 * Istio's authz builder goldens (`builder/{http,tcp}`), replayed as README §1 describes:
 * policies of one input file, attached to a sidecar `foo` / `app=httpbin,version=v1` with an
 * empty root namespace, built with the case's trust-domain bundle and mesh config, compared
 * filter by filter with the expected files as JSON trees.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { selectAttached } from '../../src/compile/attach.js';
import { buildHttpAuthz, buildTcpAuthz } from '../../src/compile/authz/index.js';
import type { ExtensionProvider } from '../../src/model/mesh.js';
import type { AuthorizationPolicy } from '../../src/model/resources.js';
import { firstDifference } from './json-diff.js';
import type { CaseOutcome, ConformanceSuite } from './suite.js';

export type MeshConfigName = 'G0' | 'G1' | 'H' | 'BAD';

export interface BuilderCase {
  name: string;
  chain: 'http' | 'tcp';
  input: string;
  /** Expected files in filter order; empty means "no filters at all". */
  expected: string[];
  /** Trust domain first, then aliases; absent = empty bundle. */
  bundle?: string[];
  mesh?: MeshConfigName;
}

const CUSTOM_HOST = 'my-custom-ext-authz.foo.svc.cluster.local';

/** Mesh configs of README §1.2, restated as meshward `ExtensionProvider`s. */
export const MESH_CONFIGS: Readonly<Record<MeshConfigName, ExtensionProvider[]>> = {
  G0: [{ name: 'default', envoyExtAuthzGrpc: { service: CUSTOM_HOST, port: 9000, failOpen: true, statusOnError: '403' } }],
  G1: [
    {
      name: 'default',
      envoyExtAuthzGrpc: {
        service: `foo/${CUSTOM_HOST}`,
        port: 9000,
        timeout: '0.002s',
        failOpen: true,
        statusOnError: '403',
        includeRequestBodyInCheck: { maxRequestBytes: 4096, allowPartialMessage: true },
      },
    },
  ],
  H: [
    {
      name: 'default',
      envoyExtAuthzHttp: {
        service: `foo/${CUSTOM_HOST}`,
        port: 9000,
        timeout: '10s',
        failOpen: true,
        statusOnError: '403',
        pathPrefix: '/check',
        includeRequestHeadersInCheck: ['x-custom-id', 'x-prefix-*', '*-suffix'],
        includeHeadersInCheck: ['should-not-include-when-IncludeRequestHeadersInCheck-is-set'],
        includeAdditionalHeadersInCheck: { 'x-header-1': 'value-1', 'x-header-2': 'value-2' },
        includeRequestBodyInCheck: { maxRequestBytes: 2048, allowPartialMessage: true, packAsBytes: true },
        headersToUpstreamOnAllow: ['Authorization', 'x-prefix-*', '*-suffix'],
        headersToDownstreamOnDeny: ['Set-cookie', 'x-prefix-*', '*-suffix'],
        headersToDownstreamOnAllow: ['Set-cookie', 'x-prefix-*', '*-suffix'],
      },
    },
  ],
  BAD: [
    {
      name: 'default',
      envoyExtAuthzHttp: { service: 'foo/my-custom-ext-authz', port: 999999, pathPrefix: 'check', statusOnError: '999' },
    },
  ],
};

/** README §1.1 item 6: one service, reachable as `foo/<host>` or `<host>`. */
export function builderServiceRegistry(service: string): string | undefined {
  return service === CUSTOM_HOST || service === `foo/${CUSTOM_HOST}` ? CUSTOM_HOST : undefined;
}

const http = (name: string, input: string, expected: string[], extra: Partial<BuilderCase> = {}): BuilderCase => ({
  name, chain: 'http', input, expected, ...extra,
});
const tcp = (name: string, input: string, expected: string[], extra: Partial<BuilderCase> = {}): BuilderCase => ({
  name, chain: 'tcp', input, expected, ...extra,
});

export const HTTP_CASES: readonly BuilderCase[] = [
  http('allow-empty-rule', 'allow-empty-rule-in.yaml', ['allow-empty-rule-out.yaml']),
  http('allow-full-rule', 'allow-full-rule-in.yaml', ['allow-full-rule-out.yaml']),
  http('allow-nil-rule', 'allow-nil-rule-in.yaml', ['allow-nil-rule-out.yaml']),
  http('allow-path', 'allow-path-in.yaml', ['allow-path-out.yaml']),
  http('audit-full-rule', 'audit-full-rule-in.yaml', ['audit-full-rule-out.yaml']),
  http('custom-grpc-provider-no-namespace', 'custom-simple-http-in.yaml',
    ['custom-grpc-provider-no-namespace-out1.yaml', 'custom-grpc-provider-no-namespace-out2.yaml'], { mesh: 'G0' }),
  http('custom-grpc-provider', 'custom-simple-http-in.yaml', ['custom-grpc-provider-out1.yaml', 'custom-grpc-provider-out2.yaml'], { mesh: 'G1' }),
  http('custom-http-provider', 'custom-simple-http-in.yaml', ['custom-http-provider-out1.yaml', 'custom-http-provider-out2.yaml'], { mesh: 'H' }),
  http('custom-bad-multiple-providers', 'custom-bad-multiple-providers-in.yaml',
    ['custom-bad-multiple-providers-out1.yaml', 'custom-bad-multiple-providers-out2.yaml'], { mesh: 'H' }),
  http('custom-bad-invalid-config', 'custom-simple-http-in.yaml', ['custom-bad-out.yaml'], { mesh: 'BAD' }),
  http('deny-and-allow', 'deny-and-allow-in.yaml', ['deny-and-allow-out1.yaml', 'deny-and-allow-out2.yaml']),
  http('deny-empty-rule', 'deny-empty-rule-in.yaml', ['deny-empty-rule-out.yaml']),
  http('dry-run-allow-and-deny', 'dry-run-allow-and-deny-in.yaml', ['dry-run-allow-and-deny-out1.yaml', 'dry-run-allow-and-deny-out2.yaml']),
  http('dry-run-allow', 'dry-run-allow-in.yaml', ['dry-run-allow-out.yaml']),
  http('dry-run-mix', 'dry-run-mix-in.yaml', ['dry-run-mix-out.yaml']),
  http('multiple-policies', 'multiple-policies-in.yaml', ['multiple-policies-out.yaml']),
  http('single-policy', 'single-policy-in.yaml', ['single-policy-out.yaml']),
  http('trust-domain-one-alias', 'simple-policy-td-aliases-in.yaml', ['simple-policy-td-aliases-out.yaml'], { bundle: ['td1', 'cluster.local'] }),
  http('trust-domain-multiple-aliases', 'simple-policy-multiple-td-aliases-in.yaml', ['simple-policy-multiple-td-aliases-out.yaml'],
    { bundle: ['td1', 'cluster.local', 'some-td'] }),
  http('trust-domain-wildcard-in-principal', 'simple-policy-principal-with-wildcard-in.yaml', ['simple-policy-principal-with-wildcard-out.yaml'],
    { bundle: ['td1', 'foobar'] }),
  http('trust-domain-aliases-in-source-principal', 'td-aliases-source-principal-in.yaml', ['td-aliases-source-principal-out.yaml'],
    { bundle: ['new-td', 'old-td', 'some-trustdomain'] }),
  http('trust-domains-field', 'trust-domains-in.yaml', ['trust-domains-out.yaml']),
];

export const TCP_CASES: readonly BuilderCase[] = [
  tcp('allow-both-http-tcp', 'allow-both-http-tcp-in.yaml', ['allow-both-http-tcp-out.yaml']),
  tcp('allow-only-http', 'allow-only-http-in.yaml', ['allow-only-http-out.yaml']),
  tcp('audit-both-http-tcp', 'audit-both-http-tcp-in.yaml', ['audit-both-http-tcp-out.yaml']),
  tcp('custom-both-http-tcp', 'custom-both-http-tcp-in.yaml', ['custom-both-http-tcp-out1.yaml', 'custom-both-http-tcp-out2.yaml'], { mesh: 'G1' }),
  tcp('custom-only-http', 'custom-only-http-in.yaml', [], { mesh: 'H' }),
  tcp('deny-both-http-tcp', 'deny-both-http-tcp-in.yaml', ['deny-both-http-tcp-out.yaml']),
  tcp('dry-run-mix', 'dry-run-mix-in.yaml', ['dry-run-mix-out.yaml']),
];

/** Orphan goldens of a removed Istio 1.10 proxy mode (README §1.2): listed, never run. */
export const OBSOLETE_FILES: readonly string[] = ['http/allow-host-before-111-in.yaml', 'http/allow-host-before-111-out.yaml'];

export function loadPolicies(file: string): AuthorizationPolicy[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => d.toJS() as unknown)
    .filter((d): d is AuthorizationPolicy => typeof d === 'object' && d !== null && (d as { kind?: unknown }).kind === 'AuthorizationPolicy');
}

/** Builds one case: the filters as plain JSON, ready for comparison. */
export function buildCase(c: BuilderCase, dataDir: string): unknown[] {
  const all = loadPolicies(join(dataDir, 'builder', c.chain, c.input));
  const attached = selectAttached(all, { namespace: 'foo', labels: { app: 'httpbin', version: 'v1' } }, '');
  const opts = {
    trustDomainBundle: c.bundle ?? [],
    extensionProviders: c.mesh ? MESH_CONFIGS[c.mesh] : [],
    enableMultipleCustomProviders: false,
    resolveService: builderServiceRegistry,
  };
  const built = c.chain === 'http' ? buildHttpAuthz(attached, opts) : buildTcpAuthz(attached, opts);
  return JSON.parse(JSON.stringify(built.filters)) as unknown[];
}

export function compareCase(c: BuilderCase, dataDir: string, filePrefix = ''): string | undefined {
  const actual = buildCase(c, dataDir);
  const expected = c.expected.map((f) => parseYaml(readFileSync(join(dataDir, 'builder', c.chain, filePrefix + f), 'utf8')) as unknown);
  if (actual.length !== expected.length) return `got ${actual.length} filters, want ${expected.length}`;
  for (let i = 0; i < actual.length; i++) {
    const d = firstDifference(actual[i], expected[i], `filter[${i}]`);
    if (d) return `${filePrefix}${c.expected[i]}: ${d}`;
  }
  return undefined;
}

/** Each HTTP case runs against its base files and its byte-identical `extended-` twins. */
export function builderRuns(): { id: string; c: BuilderCase; prefix: string }[] {
  return [
    ...HTTP_CASES.flatMap((c) => [
      { id: `http/${c.name}`, c, prefix: '' },
      { id: `http/${c.name} (extended)`, c, prefix: 'extended-' },
    ]),
    ...TCP_CASES.map((c) => ({ id: `tcp/${c.name}`, c, prefix: '' })),
  ];
}

/** Files in the data folders that no case reads: a new upstream golden must not go unnoticed. */
export function unreferencedFiles(dataDir: string): string[] {
  const used = new Set<string>(OBSOLETE_FILES);
  for (const { c, prefix } of builderRuns()) {
    used.add(`${c.chain}/${c.input}`);
    for (const f of c.expected) used.add(`${c.chain}/${prefix}${f}`);
  }
  const out: string[] = [];
  for (const chain of ['http', 'tcp']) {
    for (const f of readdirSync(join(dataDir, 'builder', chain)).sort()) if (!used.has(`${chain}/${f}`)) out.push(`${chain}/${f}`);
  }
  return out;
}

export const builderSuite: ConformanceSuite = {
  name: 'builder',
  run(dataDir) {
    const outcomes: CaseOutcome[] = builderRuns().map(({ id, c, prefix }) => {
      try {
        const d = compareCase(c, dataDir, prefix);
        return d ? { id, status: 'fail', detail: d } : { id, status: 'ok' };
      } catch (e) {
        return { id, status: 'fail', detail: `threw ${e instanceof Error ? e.message : String(e)}` };
      }
    });
    for (const f of unreferencedFiles(dataDir)) outcomes.push({ id: f, status: 'fail', detail: 'file not referenced by any case' });
    const obsolete = [...new Set(OBSOLETE_FILES.map((f) => f.replace(/-(in|out)\.yaml$/, '')))];
    for (const f of obsolete) outcomes.push({ id: f, status: 'skip', detail: 'skipped (obsolete, see README)' });
    return outcomes;
  },
};
