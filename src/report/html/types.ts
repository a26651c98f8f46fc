/**
 * What the HTML report consumes: the JSON of `meshward reach -o json` and of lint findings.
 * Declared here rather than imported from `analyze/reach` so the report depends only on the
 * documented JSON contract (it can render a file saved by another meshward version).
 */

/** Any JSON value: the shape of sections whose contract is not fixed yet (quarantine, summary). */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A JWT the attacker holds and can replay (it is sent to, or forwarded through, the workload). */
export interface HeldToken {
  issuer: string;
  audiences: readonly string[];
  replayable: boolean;
  why: string;
}

/** Header lines of a witness: `[name, value]` pairs (repeatable), or a name → value map. */
export type WitnessHeaders = readonly (readonly [string, string])[] | Readonly<Record<string, string>>;

/** A concrete request the engine allows: the evidence behind a reachable entry. */
export interface Witness {
  from?: string | null;
  to?: string;
  port?: number;
  /** Absent for TCP. */
  method?: string;
  path?: string;
  host?: string;
  headers?: WitnessHeaders;
  /** The token to present (issuer and claims); shown as JSON. */
  token?: unknown;
  plaintext: boolean;
  sni?: string;
}

export type Transport = 'mtls' | 'plaintext';

/** One destination port an attacker reaches, with what is allowed there and what it takes. */
export interface ReachableEntry {
  /** `ns/name` of the destination workload. */
  to: string;
  port: number;
  targetPort?: number;
  protocol?: string;
  transport: Transport;
  /** `["*"]` for any; empty for TCP, where methods and paths do not exist. */
  methods: readonly string[];
  paths: readonly string[];
  hosts?: readonly string[];
  /** What the attacker must present, in words (a token with a claim, a header). */
  requires?: readonly string[];
  /** Requests inside the allowed space that a DENY still refuses. */
  except?: readonly string[];
  /** `ns/name rule[i]` of the deciding policy, or why no policy decided. */
  decidedBy: string;
  witness?: Witness;
  /** For `external`: the ingress gateway the request passes through. */
  via?: string;
}

export type PseudoAttacker = 'external' | 'in-cluster-plaintext';

export interface Attacker {
  /** `ns/name` of the compromised workload, or an attacker without a workload identity. */
  attacker: string;
  identity: string | null;
  tokens?: readonly HeldToken[];
  reachable: readonly ReachableEntry[];
}

/** The attack surface under one combination of defence layers. */
export interface LayerMeasure {
  name: string;
  /** What the configuration keeps, in words. */
  description?: string;
  mean: number;
  max: number;
  total: number;
}

/** A flow a quarantine would cut. */
export interface BrokenFlow {
  from: string;
  to: string;
  port: number;
  protocol?: string;
  transport?: Transport;
  decidedBy?: string;
  methods?: readonly string[];
  paths?: readonly string[];
}

/** The blast radius of one identity before and after a mesh-wide DENY of it. */
export interface QuarantineResult {
  identity: string;
  workloads?: readonly string[];
  before: { entries: number; destinations: number };
  after: { entries: number; destinations: number };
  broken: readonly BrokenFlow[];
}

export interface ReachReport {
  attackers: readonly Attacker[];
  layers?: readonly LayerMeasure[];
  /** One result per `--quarantine` identity; any other JSON is shown as it is. */
  quarantine?: readonly QuarantineResult[] | JsonValue;
  /** Counts, printed as a list of name and value (an `object` so any summary interface fits). */
  summary?: object;
}

/** A lint finding as `meshward lint -o json` prints it (span flattened). */
export interface LintFinding {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  help?: string;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  resource?: string;
}

export interface LintReport {
  diagnostics: readonly LintFinding[];
}

export interface ReachHtmlOptions {
  lint?: LintReport;
  /** Page title; default `meshward reach`. */
  title?: string;
}
