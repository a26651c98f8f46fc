/**
 * The public shape of a reach report (`meshward reach -o json`), which the HTML report reads.
 * Arrays are sorted and keys are printed sorted, so the output is deterministic.
 */

/** A token the attacker can replay: its workload validates it and keeps it in the request (spec §6.2). */
export interface ReachToken {
  issuer: string;
  audiences: string[];
  replayable: true;
  why: string;
}

/** A concrete request of the class, which `evaluateRequest` allows (checked by `verifyWitnesses`). */
export interface ReachWitness {
  /** Absent for TCP. */
  method?: string;
  path?: string;
  host?: string;
  /** Header lines besides the token (an `x-forwarded-for` sets a sidecar's `remote.ip`). */
  headers: [string, string][];
  /** The token to present (signed by the issuer; meshward signs it with a throwaway key to verify). */
  token?: { issuer: string; claims: Record<string, unknown> };
  /** True when the attacker bypasses its own sidecar (or has none): no mTLS identity. */
  plaintext: boolean;
  sni?: string;
}

export interface ReachEntry {
  /** `ns/name` of the destination workload. */
  to: string;
  /** The port addressed (Service port) and the container port behind it. */
  port: number;
  targetPort: number;
  protocol: 'HTTP' | 'TCP';
  transport: 'mtls' | 'plaintext';
  /** `["*"]` when any; Istio pattern notation (`/x/*` prefix, `*.x` suffix, `*` any non-empty). Empty for TCP. */
  methods: string[];
  paths: string[];
  hosts: string[];
  /** What the request must carry or the attacker must hold, in words. */
  requires: string[];
  /** Parts of the class that are still denied (negated fields, partial DENY rules). */
  except: string[];
  /** `ns/name rule[i]`, or `no ALLOW policy (default allow)`, or `no sidecar: nothing enforced`. */
  decidedBy: string;
  witness: ReachWitness;
  /** For `external`: the ingress gateway the request passes through. */
  via?: string;
}

export interface AttackerReach {
  /** `ns/name`, `external` or `in-cluster-plaintext`. */
  attacker: string;
  /** The SPIFFE id it holds, or null. */
  identity: string | null;
  tokens: ReachToken[];
  reachable: ReachEntry[];
}

export interface ReachSummary {
  attackers: number;
  destinations: number;
  /** Reachable entries over all attackers. */
  entries: number;
  /** Attacker → destination pairs with at least one entry. */
  pairs: number;
  /** Classes whose search hit the limit (reported, never guessed). */
  unresolved: number;
}

export interface LayerSurface {
  name: string;
  /** What the configuration keeps, in words. */
  description: string;
  mean: number;
  max: number;
  total: number;
}

export interface QuarantineReport {
  identity: string;
  /** The workloads running as that identity. */
  workloads: string[];
  before: { entries: number; destinations: number };
  after: { entries: number; destinations: number; remaining: ReachEntry[] };
  /** Flows that disappear: `from` → `to:port` with the class that is lost. */
  broken: { from: string; to: string; port: number; protocol: 'HTTP' | 'TCP'; transport: 'mtls' | 'plaintext'; decidedBy: string; methods: string[]; paths: string[] }[];
}

export interface ReachReport {
  attackers: AttackerReach[];
  summary: ReachSummary;
  layers?: LayerSurface[];
  quarantine?: QuarantineReport[];
}
