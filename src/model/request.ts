/**
 * One request arriving at a workload's inbound proxy, as the engine sees it. Absent facts stay
 * absent: a positive matcher on an absent attribute never matches, a negative one always does
 * (spec §2.3).
 */
export interface HttpRequestFacts {
  /** `:method`, as sent (Envoy rejects non-uppercase methods with 400). */
  method: string;
  /** Raw `:path` as sent, query and fragment included; the engine normalizes it (spec §8). */
  path: string;
  /** `:authority` / Host, as sent (may carry `:port`). */
  authority: string;
  /** Header lines in order; a repeated header appears once per line. Names any case. */
  headers: readonly (readonly [name: string, value: string])[];
}

export interface ConnectionFacts {
  /**
   * Peer identity from a verified mTLS client certificate: the URI SAN(s), `spiffe://` included.
   * Empty when the connection is plaintext or the peer presented no certificate.
   */
  peerPrincipals: readonly string[];
  /** Whether the connection arrived over Istio mTLS (decides STRICT handling in the pipeline). */
  mtls: boolean;
  /** The direct peer address (`source.ip`, `ipBlocks`). */
  sourceIp?: string;
  destinationIp?: string;
  /** The workload (target) port the connection arrives on: what `ports` match. */
  destinationPort: number;
  /** TLS SNI of the inbound connection (`connection.sni`). */
  sni?: string;
}

/** A JWT that jwt_authn accepted: its payload as Envoy exposes it (space-delimited claims split). */
export interface VerifiedJwt {
  payload: Readonly<Record<string, unknown>>;
  /** Which RequestAuthentication rule (issuer) validated it. */
  issuer: string;
}

export interface RequestFacts {
  connection: ConnectionFacts;
  /** Absent for TCP traffic. */
  http?: HttpRequestFacts;
  /** Set only after JWT validation succeeded (issue: authentication layers). */
  jwt?: VerifiedJwt;
  /** `remote.ip` override; otherwise derived like Envoy: the rightmost X-Forwarded-For entry at a sidecar. */
  remoteIp?: string;
  /** Other dynamic metadata, keyed by filter name (for `experimental.envoy.filters.*`). */
  filterMetadata?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}
