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

/** A concrete request the engine allows: the evidence behind a reachable entry. */
export interface Witness {
  from: string | null;
  to: string;
  port: number;
  method?: string;
  path?: string;
  host?: string;
  headers?: Readonly<Record<string, string>>;
  token?: Readonly<Record<string, JsonValue>> | null;
  plaintext: boolean;
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
  /** `["*"]` for any. */
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
  mean: number;
  max: number;
  total: number;
}

export interface ReachReport {
  attackers: readonly Attacker[];
  layers?: readonly LayerMeasure[];
  quarantine?: JsonValue;
  summary?: { readonly [key: string]: JsonValue };
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
