import type { AuthorizationAction } from './resources.js';

/** A policy (and, when known, the rule) that took part in a decision. */
export interface PolicyRef {
  namespace: string;
  name: string;
  action: AuthorizationAction;
  /** Index in `spec.rules`; absent for whole-policy effects such as allow-nothing. */
  rule?: number;
  dryRun: boolean;
}

export type DecisionStage = 'normalize' | 'mtls' | 'jwt' | 'custom' | 'audit' | 'deny' | 'allow';

/** One step of the explanation: what was looked at, and whether it matched. */
export interface TraceStep {
  stage: DecisionStage;
  policy?: PolicyRef;
  matched: boolean;
  /** Short human text, e.g. "`principals` did not match `spiffe://…`". */
  detail: string;
}

export type DecisionReason =
  | 'allowed-no-allow-policy'
  | 'allowed-by-policy'
  | 'denied-by-policy'
  | 'denied-no-allow-match'
  | 'denied-by-custom'
  | 'jwt-rejected'
  | 'mtls-required'
  | 'bad-request';

export interface ShadowVerdict {
  policy: PolicyRef;
  result: 'allowed' | 'denied';
}

/**
 * The outcome of one request at one workload, never a bare boolean: what happened, which policy
 * decided it, and why (the Cedar way).
 */
export interface Decision {
  allowed: boolean;
  /** What the client sees: an HTTP status, or `reset` for a refused/closed connection. */
  status: 200 | 400 | 401 | 403 | 'reset';
  reason: DecisionReason;
  /** The deciding policy (absent when no policy decided, e.g. no ALLOW policy applies). */
  policy?: PolicyRef;
  /** Body a client would see (`RBAC: access denied`, Envoy's jwt_authn message). */
  message?: string;
  trace: TraceStep[];
  /** Dry-run verdicts, recorded and never enforced. */
  shadow: ShadowVerdict[];
  /** AUDIT policies whose rules matched. */
  audited: PolicyRef[];
  /** `iss/sub` of the token jwt_authn accepted, when one was. */
  requestPrincipal?: string;
  /**
   * What jwt_authn changed in the request the application receives: headers it added
   * (`outputClaimToHeaders`, `outputPayloadToHeader`) and removed (the token itself unless
   * `forwardOriginalToken`, forged copies of output headers), and the forwarded `:path`.
   */
  upstream?: { path: string; headersAdded: [string, string][]; headersRemoved: string[] };
}
