/**
 * Resolving each jwt_authn provider's keys before evaluation, the way istiod does in its default
 * mode (`PILOT_JWT_ENABLE_REMOTE_JWKS=false`, spec §6.5; `pilot/pkg/model/jwks_resolver.go`):
 * an inline `jwks` wins; otherwise `jwksUri` is fetched, or discovered from
 * `<issuer>/.well-known/openid-configuration` when absent. A fetch that fails (network error,
 * timeout, non-2xx, a body that is not a JWKS) leaves the provider `unavailable`: every token of that
 * issuer is then rejected while token-less requests still pass (fail closed, JWT-55).
 *
 * This is the only JWT module that does I/O; `runJwtAuthn` stays pure.
 */
import { readFile as fsReadFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { JwtAuthnConfig, JwtProviderConfig } from '../compile/request-authn.js';
import {
  bindJwtAuthn,
  jwksStateFromJson,
  type BindOptions,
  type JwksState,
  type ResolvedJwtAuthn,
} from '../engine/jwt/resolved.js';

export interface ResolveJwksOptions extends BindOptions {
  fetch?: typeof fetch;
  readFile?: (path: string) => Promise<string>;
  /** Overrides every provider's `timeout` (default: the rule's, 5 s when unset). */
  timeoutMs?: number;
  /**
   * JWKS supplied without network, keyed by issuer or by `jwksUri` (the URI wins). Values are
   * JWKS JSON strings or objects. Used by test suites and the lab.
   */
  overrides?: ReadonlyMap<string, string | object>;
  /** Shared cache of fetched documents; defaults to a module-wide one. */
  cache?: JwksFetchCache;
  /**
   * Who fetches: `istiod` (default) inlines a public-only JWKS on failure, so tokens fail with
   * `Jwt verification fails`; `envoy` fetches in the proxy, failing with `Jwks remote fetch is failed`.
   */
  mode?: 'istiod' | 'envoy';
}

/**
 * Successful fetches by URL, kept for `ttlMs` (istiod refreshes every 20 minutes). Failures are not
 * cached, so the next resolution retries, like istiod's one-minute retry after an error.
 */
export class JwksFetchCache {
  private readonly entries = new Map<string, { body: string; expiresAt: number }>();
  private readonly inflight = new Map<string, Promise<string>>();

  constructor(
    readonly ttlMs = 20 * 60 * 1000,
    private readonly clock: () => number = Date.now,
  ) {}

  async get(url: string, load: () => Promise<string>): Promise<string> {
    const hit = this.entries.get(url);
    if (hit && hit.expiresAt > this.clock()) return hit.body;
    const pending = this.inflight.get(url);
    if (pending) return pending;
    const p = load().then(
      (body) => {
        this.entries.set(url, { body, expiresAt: this.clock() + this.ttlMs });
        this.inflight.delete(url);
        return body;
      },
      (err: unknown) => {
        this.inflight.delete(url);
        throw err;
      },
    );
    this.inflight.set(url, p);
    return p;
  }

  clear(): void {
    this.entries.clear();
  }
}

const defaultCache = new JwksFetchCache();

async function fetchText(url: string, opts: ResolveJwksOptions, timeoutMs: number): Promise<string> {
  if (url.startsWith('file:')) {
    const read = opts.readFile ?? ((p: string) => fsReadFile(p, 'utf8'));
    return read(fileURLToPath(url));
  }
  const doFetch = opts.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (err) {
    const e = err as Error;
    const why = e.name === 'TimeoutError' || e.name === 'AbortError' ? `timed out after ${timeoutMs} ms` : e.message;
    throw new Error(`fetch \`${url}\` failed: ${why}`, { cause: err });
  }
  if (res.status < 200 || res.status >= 300) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`fetch \`${url}\` failed: status ${res.status}`);
  }
  return res.text();
}

/** istiod accepts a fetched body only when it parses as a JWK Set. */
function assertJwksShape(url: string, body: string): void {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    throw new Error(`\`${url}\` did not return JSON`);
  }
  const keys = (doc as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new Error(`\`${url}\` did not return a JWK set`);
}

async function discoverJwksUri(issuer: string, opts: ResolveJwksOptions, timeoutMs: number, cache: JwksFetchCache): Promise<string> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const body = await cache.get(url, () => fetchText(url, opts, timeoutMs));
  let uri: unknown;
  try {
    uri = (JSON.parse(body) as { jwks_uri?: unknown }).jwks_uri;
  } catch {
    throw new Error(`\`${url}\` did not return JSON`);
  }
  if (typeof uri !== 'string' || uri === '') throw new Error(`\`${url}\` has no \`jwks_uri\``);
  return uri;
}

async function resolveProvider(p: JwtProviderConfig, opts: ResolveJwksOptions): Promise<JwksState> {
  // An inline `jwks` is what Envoy gets, whatever else is known about the issuer (spec §6.5):
  // overrides only stand in for what would be fetched.
  if (p.jwks !== undefined) return jwksStateFromJson(p.jwks);
  const override = (p.jwksUri !== undefined ? opts.overrides?.get(p.jwksUri) : undefined) ?? opts.overrides?.get(p.issuer);
  if (override !== undefined) return jwksStateFromJson(typeof override === 'string' ? override : JSON.stringify(override));
  const cache = opts.cache ?? defaultCache;
  const timeoutMs = opts.timeoutMs ?? p.timeoutMs;
  try {
    if (p.jwksUri === undefined && p.issuer === '') throw new Error('neither `jwksUri` nor `issuer` is set');
    const uri = p.jwksUri ?? (await discoverJwksUri(p.issuer, opts, timeoutMs, cache));
    const body = await cache.get(uri, async () => {
      const text = await fetchText(uri, opts, timeoutMs);
      assertJwksShape(uri, text);
      return text;
    });
    return jwksStateFromJson(body);
  } catch (err) {
    return {
      kind: 'unavailable',
      status: opts.mode === 'envoy' ? 'JwksFetchFail' : 'JwtVerificationFail',
      reason: `keys unavailable for issuer \`${p.issuer}\`: ${(err as Error).message}`,
    };
  }
}

/**
 * Resolves the keys of every provider (in parallel) and binds them to the config.
 *
 * @example
 * const resolved = await resolveJwks(compileJwtAuthn(ras)!, { overrides: new Map([[issuer, jwks]]) });
 * runJwtAuthn(resolved, request, Math.floor(Date.now() / 1000));
 */
export async function resolveJwks(cfg: JwtAuthnConfig, opts: ResolveJwksOptions = {}): Promise<ResolvedJwtAuthn> {
  const states = await Promise.all(cfg.providers.map((p) => resolveProvider(p, opts)));
  const byName = new Map<string, JwksState>();
  cfg.providers.forEach((p, i) => {
    const s = states[i];
    if (s) byName.set(p.name, s);
  });
  const bind: BindOptions = {};
  if (opts.cacheSize !== undefined) bind.cacheSize = opts.cacheSize;
  return bindJwtAuthn(cfg, byName, bind);
}
