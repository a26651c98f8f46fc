/**
 * Runs a TestSuite against the engine: each case is one request through the destination's full
 * inbound pipeline (mTLS → jwt_authn → CUSTOM → DENY → ALLOW), with real tokens signed by the
 * suite's issuers and verified by the engine's jwt_authn against their public keys.
 */
import { compileJwtAuthn } from '../compile/request-authn.js';
import { compileMesh, workloadKey } from '../compile/mesh.js';
import type { CompiledMesh } from '../compile/mesh.js';
import { evaluateRequest, prepareWorkload } from '../engine/pipeline.js';
import type { Caller, PreparedWorkload } from '../engine/pipeline.js';
import type { ResolvedJwtAuthn } from '../engine/jwt/resolved.js';
import { resolveJwks } from '../identity/jwks.js';
import { generateSigningKey, loadPrivateKeyPem, signJwt } from '../identity/jwt-sign.js';
import type { SigningKey } from '../identity/jwt-sign.js';
import type { Decision } from '../model/decision.js';
import { MeshwardError } from '../model/errors.js';
import type { RequestFacts } from '../model/request.js';
import type { Expectation, SuiteCase, TestSuite } from './types.js';

export interface CaseResult {
  name: string;
  expected: Expectation;
  got: Expectation;
  passed: boolean;
  /** A known divergence: reported, never failing the suite. */
  todo?: string;
  /** `ns/name` of the deciding policy, when one decided. */
  policy?: string;
  /** Why it failed, beyond expected vs got (policy or shadow mismatch). */
  problems: string[];
  decision: Decision;
}

export interface SuiteResult {
  suite: string;
  file: string;
  /** Resources left out because istiod would reject them. */
  rejected: TestSuite['rejected'];
  cases: CaseResult[];
  passed: number;
  failed: number;
  todo: number;
}

interface Signer {
  key?: SigningKey;
  publicJwks: string;
}

export interface RunOptions {
  /** Seconds since the epoch; overrides the suite's `now` (which, when absent, is the wall clock). */
  now?: number;
}

/** Runs every case of `suite` and returns their results; throws only on unusable key material. */
export async function runSuite(suite: TestSuite, opts: RunOptions = {}): Promise<SuiteResult> {
  const now = opts.now ?? suite.now ?? Math.floor(Date.now() / 1000);
  const signers = issuerKeys(suite);
  const overrides = new Map<string, string>();
  for (const iss of suite.issuers) {
    const s = signers.get(iss.issuer)!;
    overrides.set(iss.issuer, s.publicJwks);
    if (iss.jwksUri) overrides.set(iss.jwksUri, s.publicJwks);
  }
  const compiled: CompiledMesh = compileMesh({ resources: suite.resources, workloads: suite.workloads, mesh: suite.mesh });
  const prepared = new Map<string, { target: PreparedWorkload; jwt?: ResolvedJwtAuthn }>();
  const destination = async (key: string) => {
    let p = prepared.get(key);
    if (!p) {
      const cw = compiled.workloads.get(key)!;
      const cfg = compileJwtAuthn(cw.requestAuthentications);
      // Suites are offline: a jwksUri the suite does not serve fails closed, as an unreachable
      // JWKS does in istiod's default mode (spec §6.5).
      const jwt = cfg ? await resolveJwks(cfg, { overrides, fetch: offlineFetch }) : undefined;
      p = { target: prepareWorkload(cw), ...(jwt ? { jwt } : {}) };
      prepared.set(key, p);
    }
    return p;
  };

  const results: CaseResult[] = [];
  for (const c of suite.cases) {
    const key = `${c.to.namespace}/${c.to.name}`;
    const dest = await destination(key);
    const request = await buildRequest(c, signers, now);
    const decision = evaluateRequest(dest.target, { caller: callerOf(c, suite), port: c.to.port, ...request }, {
      trustDomain: suite.mesh.trustDomain,
      pathNormalization: suite.mesh.pathNormalization,
      numTrustedProxies: suite.mesh.numTrustedProxies,
      trace: true,
      now,
      ...(dest.jwt ? { jwt: dest.jwt } : {}),
      customAuthorizer: authorizerFor(suite),
    });
    results.push(judge(c, decision));
  }
  const todo = results.filter((r) => r.todo !== undefined).length;
  const passed = results.filter((r) => r.passed && r.todo === undefined).length;
  return { suite: suite.name, file: suite.file, rejected: suite.rejected, cases: results, passed, failed: results.length - passed - todo, todo };
}

const offlineFetch: typeof fetch = async (input) => {
  throw new Error(`offline: \`${String(input)}\` is not served by this suite`);
};

/**
 * Keys per issuer. The served JWKS is the issuer's `jwks` file, plus the public half of a
 * `generate`d key when both are given: suites can then verify tokens made elsewhere (raw) and sign
 * new ones from `claims` without any private key in the repository.
 */
function issuerKeys(suite: TestSuite): Map<string, Signer> {
  const out = new Map<string, Signer>();
  for (const iss of suite.issuers) {
    let key: SigningKey | undefined;
    if (iss.privateKeyPem) key = loadPrivateKeyPem(iss.privateKeyPem, 'RS256', iss.kid ?? kidFromJwks(iss.jwksJson));
    else if (iss.generate) key = generateSigningKey(iss.generate, iss.kid ?? `${iss.issuer}-generated`);
    let publicJwks = iss.jwksJson ?? JSON.stringify(key!.jwks);
    if (iss.jwksJson && iss.generate && key) {
      const given = JSON.parse(iss.jwksJson) as { keys?: unknown[] };
      publicJwks = JSON.stringify({ keys: [...(given.keys ?? []), ...key.jwks.keys] });
    }
    out.set(iss.issuer, key ? { key, publicJwks } : { publicJwks });
  }
  return out;
}

function kidFromJwks(json: string | undefined): string {
  if (!json) return '';
  try {
    const keys = (JSON.parse(json) as { keys?: { kid?: string }[] }).keys ?? [];
    return keys.length === 1 ? (keys[0]!.kid ?? '') : '';
  } catch {
    return '';
  }
}

function callerOf(c: SuiteCase, suite: TestSuite): Caller {
  if ('ip' in c.from) return { kind: 'external', ip: c.from.ip };
  const ref = c.from.workload;
  const w = suite.workloads.find((x) => workloadKey(x) === ref)!;
  return { kind: 'workload', workload: w, ...(c.plaintext ? { bypassSidecar: true } : {}), ...(c.sourceIp ? { ip: c.sourceIp } : {}) };
}

async function buildRequest(c: SuiteCase, signers: Map<string, Signer>, now: number) {
  const r = c.request;
  const headers: [string, string][] = [...(r?.headers ?? [])];
  let path = r?.path ?? '/';
  if (c.token) {
    const token = c.token.raw ?? (await signToken(c, signers, now));
    const where = c.token.in ?? {};
    if (where.query) path += `${path.includes('?') ? '&' : '?'}${where.query}=${token}`;
    else if (where.cookie) headers.push(['cookie', `${where.cookie}=${token}`]);
    else headers.push([where.header ?? 'authorization', `${where.prefix ?? (where.header ? '' : 'Bearer ')}${token}`]);
  }
  const http = { method: r?.method ?? 'GET', path, authority: r?.host ?? `${c.to.name}.${c.to.namespace}`, headers };
  return { http, ...(r?.sni ? { sni: r.sni } : {}) };
}

async function signToken(c: SuiteCase, signers: Map<string, Signer>, now: number): Promise<string> {
  const t = c.token!;
  const s = signers.get(t.issuer!);
  if (!s) throw new MeshwardError('ERR_SUITE_INVALID', `case \`${c.name}\`: issuer \`${t.issuer}\` is not declared under \`issuers\``);
  if (!s.key) throw new MeshwardError('ERR_SUITE_INVALID', `case \`${c.name}\`: issuer \`${t.issuer}\` has no private key to sign with: add \`privateKey\` or use \`raw\``);
  const claims: Record<string, unknown> = { iss: t.issuer, sub: 'subject', ...(t.claims ?? {}) };
  if (t.notBeforeIn !== undefined && claims.nbf === undefined) claims.nbf = now + t.notBeforeIn;
  return signJwt(s.key, claims, { now, expiresIn: t.expiresIn ?? 3600 });
}

/** meshward's test provider: the "authorizer" allows iff the request carries the header value. */
function authorizerFor(suite: TestSuite): (provider: string, facts: RequestFacts) => boolean {
  return (provider, facts) => {
    const p = suite.mesh.extensionProviders.find((x) => x.name === provider);
    if (!p?.allowIfHeader) return false; // a real ext_authz server cannot be asked offline: fail closed
    const want = p.allowIfHeader;
    return (facts.http?.headers ?? []).some(([n, v]) => n.toLowerCase() === want.name.toLowerCase() && v === want.value);
  };
}

function outcomeOf(d: Decision): Expectation {
  return d.status === 'reset' ? 'reset' : d.status;
}

function judge(c: SuiteCase, d: Decision): CaseResult {
  const got = outcomeOf(d);
  const problems: string[] = [];
  const policy = d.policy ? `${d.policy.namespace}/${d.policy.name}` : undefined;
  if (c.expectPolicy !== undefined && c.expectPolicy !== policy) problems.push(`decided by \`${policy ?? 'no policy'}\`, expected \`${c.expectPolicy}\``);
  if (c.expectBody !== undefined && c.expectBody !== (d.message ?? '')) problems.push(`body \`${d.message ?? ''}\`, expected \`${c.expectBody}\``);
  if (c.expectShadow) {
    const s = d.shadow.find((x) => `${x.policy.namespace}/${x.policy.name}` === c.expectShadow!.policy);
    if (!s) problems.push(`dry-run policy \`${c.expectShadow.policy}\` gave no shadow verdict`);
    else if (s.result !== c.expectShadow.result) problems.push(`dry-run \`${c.expectShadow.policy}\` would be ${s.result}, expected ${c.expectShadow.result}`);
  }
  const passed = got === c.expect && problems.length === 0;
  const out: CaseResult = { name: c.name, expected: c.expect, got, passed, problems, decision: d };
  if (policy) out.policy = policy;
  if (c.todo !== undefined) out.todo = c.todo;
  return out;
}
