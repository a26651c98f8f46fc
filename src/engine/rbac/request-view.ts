/**
 * The request as Envoy's RBAC matchers see it: connection facts, HTTP headers (names
 * case-insensitive, every line of a repeated header kept), the normalized `:path`, and the
 * dynamic metadata written so far. Built once per decision; expensive views (the header map,
 * parsed IPs) are computed on first use, so a decision pays only for what its policies read.
 */
import type { RequestFacts } from '../../model/request.js';
import { parseIp, type ParsedIp } from './cidr.js';

/** `filterMetadata` of Envoy's dynamic metadata: filter name → struct. */
export type DynamicMetadata = Record<string, Record<string, unknown>>;

export interface RbacRequestOptions {
  /** Normalized `:path`, query kept (what header matchers on `:path` see). */
  path?: string;
  /** Normalized path without query (what `urlPath` and `uriTemplate` see). */
  urlPath?: string;
  /** The `remote.ip` Envoy derived; defaults to `facts.remoteIp`, then the direct peer. */
  remoteIp?: string;
  /** Metadata written by filters that ran earlier in the chain (merged over the facts' own). */
  written?: DynamicMetadata;
}

const JWT_FILTER = 'envoy.filters.http.jwt_authn';
const NO_IP = { version: 0 } as unknown as ParsedIp;

export class RbacRequest {
  readonly facts: RequestFacts;
  readonly method: string | undefined;
  readonly authority: string | undefined;
  readonly path: string | undefined;
  readonly urlPath: string | undefined;
  readonly destinationPort: number;
  /** TLS is present (Envoy `connection.ssl()`): Istio mTLS, or any verified peer certificate. */
  readonly ssl: boolean;
  readonly peerPrincipals: readonly string[];
  /** `connection.requestedServerName()`: the empty string when the client sent no SNI. */
  readonly sni: string;
  /** Metadata written by earlier filters of the chain; created on first write. */
  written: DynamicMetadata | undefined;
  /** The `remote.ip` text in use (derived by the caller, else the facts' own, else the direct peer). */
  readonly remoteIpText: string | undefined;
  private headerMap: Map<string, string[]> | undefined;
  private ips: [ParsedIp | undefined, ParsedIp | undefined, ParsedIp | undefined] | undefined;

  constructor(facts: RequestFacts, opts: RbacRequestOptions = {}) {
    this.facts = facts;
    const http = facts.http;
    this.method = http?.method;
    this.authority = http?.authority;
    if (http) {
      // Without a normalized path from the caller, use the raw one minus fragment (no normalization).
      const raw = http.path;
      const hash = raw.indexOf('#');
      this.path = opts.path ?? (hash >= 0 ? raw.slice(0, hash) : raw);
      const q = this.path.indexOf('?');
      this.urlPath = opts.urlPath ?? (q >= 0 ? this.path.slice(0, q) : this.path);
    }
    const c = facts.connection;
    this.destinationPort = c.destinationPort;
    this.peerPrincipals = c.peerPrincipals;
    this.ssl = c.mtls || c.peerPrincipals.length > 0;
    this.sni = c.sni ?? '';
    this.remoteIpText = opts.remoteIp ?? facts.remoteIp ?? c.sourceIp;
    this.written = opts.written;
  }

  /** Every value of a header, in order; `undefined` when absent. `name` must be lower-case. */
  header(name: string): readonly string[] | undefined {
    const http = this.facts.http;
    if (!http) return undefined;
    if (name.charCodeAt(0) === 58 /* ':' */) {
      if (name === ':method') return [http.method];
      if (name === ':authority') return [http.authority];
      if (name === ':path') return this.path === undefined ? undefined : [this.path];
      return undefined;
    }
    if (!this.headerMap) {
      const m = new Map<string, string[]>();
      for (const [n, v] of http.headers) {
        const key = n.toLowerCase();
        if (key.charCodeAt(0) === 58) continue;
        const list = m.get(key);
        if (list) list.push(v);
        else m.set(key, [v]);
      }
      this.headerMap = m;
    }
    return this.headerMap.get(name);
  }

  private ip(i: 0 | 1 | 2): ParsedIp | undefined {
    if (!this.ips) this.ips = [NO_IP, NO_IP, NO_IP];
    if (this.ips[i] === NO_IP) {
      const c = this.facts.connection;
      const text = i === 0 ? c.sourceIp : i === 1 ? this.remoteIpText : c.destinationIp;
      this.ips[i] = text === undefined ? undefined : parseIp(text);
    }
    return this.ips[i];
  }

  /** `source.ip`: the downstream direct peer. */
  directRemoteIp(): ParsedIp | undefined {
    return this.ip(0);
  }

  /** `remote.ip`: the client address Envoy derived (XFF at a sidecar, see {@link sidecarRemoteIp}). */
  remoteIp(): ParsedIp | undefined {
    return this.ip(1);
  }

  destinationIp(): ParsedIp | undefined {
    return this.ip(2);
  }

  /** Merges `fields` (which the request then owns) into the struct of `filter`, as Envoy `setDynamicMetadata` does. */
  writeMetadata(filter: string, fields: Record<string, unknown>): void {
    if (!this.written) this.written = {};
    const prev = this.written[filter];
    if (prev) Object.assign(prev, fields);
    else this.written[filter] = fields;
  }

  /** The dynamic metadata struct of one filter, `undefined` when that filter wrote none. */
  metadata(filter: string): Record<string, unknown> | undefined {
    let base: Record<string, unknown> | undefined;
    if (filter === JWT_FILTER && this.facts.jwt) base = { payload: this.facts.jwt.payload };
    else base = this.facts.filterMetadata?.[filter] as Record<string, unknown> | undefined;
    const over = this.written?.[filter];
    if (!over) return base;
    return base ? { ...base, ...over } : over;
  }
}

/**
 * `Utility::getLastAddressFromXFF`: the X-Forwarded-For entry `skip` places from the right (lines
 * of a repeated header are joined with `,`, as Envoy's header map does), when there are enough
 * entries and it parses as an IP; otherwise `undefined`.
 */
function lastAddressFromXff(facts: RequestFacts, skip: number): string | undefined {
  const lines = facts.http?.headers.filter(([n]) => n.toLowerCase() === 'x-forwarded-for') ?? [];
  if (lines.length === 0) return undefined;
  const entries = lines.map(([, v]) => v).join(',').split(',');
  const entry = entries[entries.length - 1 - skip];
  if (entry === undefined) return undefined;
  const text = entry.trim();
  return parseIp(text) ? text : undefined;
}

/**
 * `remote.ip` at a sidecar inbound listener: `use_remote_address=false`, no trusted hops, so Envoy
 * takes the right-most `X-Forwarded-For` entry when it parses as an IP, else the direct peer
 * (Envoy `Utility::getLastAddressFromXFF`; AZ-32 — attacker-controlled).
 */
export function sidecarRemoteIp(facts: RequestFacts): string | undefined {
  return lastAddressFromXff(facts, 0) ?? facts.connection.sourceIp;
}

/**
 * `remote.ip` at a gateway: `use_remote_address=true` with `xff_num_trusted_hops=N`
 * (`gatewayTopology.numTrustedProxies`). With N > 0 Envoy takes the N-th entry from the right of
 * the X-Forwarded-For it received; with N = 0, too few entries or an entry that is not an IP, the
 * direct peer (`ConnectionManagerUtility::mutateRequestHeaders`; AZ-33). Never an entry the
 * trusted hops did not vouch for.
 */
export function gatewayRemoteIp(facts: RequestFacts, trustedHops: number): string | undefined {
  return (trustedHops > 0 ? lastAddressFromXff(facts, trustedHops - 1) : undefined) ?? facts.connection.sourceIp;
}
