/**
 * Every witness through the real pipeline: `evaluateRequest` — what `meshward check` runs — must
 * allow it. Tokens are signed with a throwaway key per issuer, bound to that issuer through
 * `resolveJwks` overrides (as `src/suite/run.ts` does), so jwt_authn really verifies them.
 * A denied witness means reach and the engine disagree: a bug, reported loudly.
 */
import type { JwtAuthnConfig, JwtProviderConfig } from '../../compile/request-authn.js';
import { evaluateRequest, prepareWorkload, type Caller, type InboundRequest, type PreparedWorkload } from '../../engine/pipeline.js';
import type { ResolvedJwtAuthn } from '../../engine/jwt/resolved.js';
import { resolveJwks } from '../../identity/jwks.js';
import { generateSigningKey, signJwt, type SigningKey } from '../../identity/jwt-sign.js';
import type { Decision } from '../../model/decision.js';
import type { DestinationModel } from './destination.js';
import type { ReachItem, ReachResult } from './reach.js';
import type { ReachWitness } from './types.js';

export interface WitnessFailure {
  attacker: string;
  item: ReachItem;
  hop: 'gateway' | 'destination';
  decision: Decision;
}

/** Seconds since the epoch the witnesses are checked at (tokens are valid for an hour from it). */
export const WITNESS_NOW = 1_700_000_000;

const offline: typeof fetch = async (input) => {
  throw new Error(`offline: \`${String(input)}\``);
};

/** Signs witness tokens and prepares destinations once; reused across attackers. */
export class WitnessChecker {
  private readonly keys = new Map<string, SigningKey>();
  private readonly prepared = new Map<string, Promise<{ target: PreparedWorkload; jwt?: ResolvedJwtAuthn }>>();

  constructor(private readonly result: ReachResult) {}

  private key(issuer: string): SigningKey {
    let k = this.keys.get(issuer);
    if (!k) {
      k = generateSigningKey('ES256', `reach-${this.keys.size}`);
      this.keys.set(issuer, k);
    }
    return k;
  }

  private overrides(cfg: JwtAuthnConfig): Map<string, string> {
    const m = new Map<string, string>();
    for (const p of cfg.providers) {
      const jwks = JSON.stringify(this.key(p.issuer).jwks);
      m.set(p.issuer, jwks);
      if (p.jwksUri) m.set(p.jwksUri, jwks);
    }
    return m;
  }

  private target(dest: DestinationModel): Promise<{ target: PreparedWorkload; jwt?: ResolvedJwtAuthn }> {
    let p = this.prepared.get(dest.key);
    if (!p) {
      p = (async () => {
        // An inline `jwks` in the RequestAuthentication wins over overrides (spec §6.5): drop it so
        // the throwaway key is the one jwt_authn trusts.
        const cfg = dest.jwt ? { ...dest.jwt, providers: dest.jwt.providers.map(({ jwks: _drop, ...rest }) => rest as JwtProviderConfig) } : undefined;
        const jwt = cfg ? await resolveJwks(cfg, { overrides: this.overrides(cfg), fetch: offline }) : undefined;
        return { target: prepareWorkload(dest.compiled), ...(jwt ? { jwt } : {}) };
      })();
      this.prepared.set(dest.key, p);
    }
    return p;
  }

  private async request(w: ReachWitness, caller: Caller, port: number, protocol: 'HTTP' | 'TCP', cfg: JwtAuthnConfig | undefined): Promise<InboundRequest> {
    const req: InboundRequest = { caller, port, ...(w.sni ? { sni: w.sni } : {}) };
    if (protocol !== 'HTTP') return req;
    const headers: [string, string][] = w.headers.map(([n, v]) => [n, v]);
    let path = w.path ?? '/';
    if (w.token) {
      const token = await signJwt(this.key(w.token.issuer), w.token.claims, { now: WITNESS_NOW, expiresIn: 3600 });
      const p = cfg?.providers.find((x) => x.issuer === w.token!.issuer) ?? cfg?.providers[0];
      const h = p?.fromHeaders[0];
      if (h) headers.push([h.name, `${h.valuePrefix}${token}`]);
      else if (p?.fromParams[0]) path += `${path.includes('?') ? '&' : '?'}${p.fromParams[0]}=${token}`;
      else if (p?.fromCookies[0]) headers.push(['cookie', `${p.fromCookies[0]}=${token}`]);
      else headers.push(['authorization', `Bearer ${token}`]);
    }
    req.http = { method: w.method ?? 'GET', path, authority: w.host ?? '', headers };
    return req;
  }

  private async decide(dest: DestinationModel, req: InboundRequest): Promise<Decision> {
    const t = await this.target(dest);
    const mesh = this.result.compiled.mesh;
    return evaluateRequest(t.target, req, {
      trustDomain: mesh.trustDomain,
      pathNormalization: mesh.pathNormalization,
      numTrustedProxies: mesh.numTrustedProxies,
      now: WITNESS_NOW,
      trace: true,
      ...(t.jwt ? { jwt: t.jwt } : {}),
    });
  }

  /** The decision(s) for one item's witness; the first denial, or undefined when allowed. */
  async check(item: ReachItem): Promise<{ hop: 'gateway' | 'destination'; decision: Decision } | undefined> {
    const w = item.entry.witness;
    if (item.via) {
      const gw = item.via.gateway;
      const req = await this.request(w, item.via.transport.caller, item.via.port.port, 'HTTP', gw.jwt ?? item.dest.jwt);
      const d = await this.decide(gw, req);
      if (!d.allowed) return { hop: 'gateway', decision: d };
    }
    const req = await this.request(w, item.transport.caller, item.port.port, item.port.protocol, item.via?.gateway.jwt ?? item.dest.jwt);
    const d = await this.decide(item.dest, req);
    return d.allowed ? undefined : { hop: 'destination', decision: d };
  }
}

/** Runs every witness of the result; returns the ones the engine denies (empty when all agree). */
export async function verifyWitnesses(result: ReachResult): Promise<WitnessFailure[]> {
  const checker = new WitnessChecker(result);
  const out: WitnessFailure[] = [];
  for (const a of result.attackers) {
    for (const item of a.items) {
      if (item.cls.unresolved) continue;
      const bad = await checker.check(item);
      if (bad) out.push({ attacker: a.name, item, ...bad });
    }
  }
  return out;
}
