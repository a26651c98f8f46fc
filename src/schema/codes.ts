/**
 * Stable codes of the loading and schema diagnostics (`MW0xx`). Codes are the contract; messages
 * may be reworded. Lint rules use `MW1xx` and up.
 */
export const DiagnosticCodes = {
  /** YAML that cannot be parsed (syntax, duplicate key, bad alias). */
  MALFORMED_YAML: 'MW001',
  /** A field the schema does not know (objects of Istio kinds are closed). */
  UNKNOWN_FIELD: 'MW002',
  /** A value of the wrong type. */
  WRONG_TYPE: 'MW003',
  /** A value outside an enum. */
  BAD_ENUM: 'MW004',
  /** A required field is missing. */
  MISSING_REQUIRED: 'MW005',
  /** Any other schema constraint: lengths, counts, ranges, patterns, formats, oneOf. */
  CONSTRAINT: 'MW006',
  /** The same `Kind namespace/name` appears twice; the later one wins, as with `kubectl apply`. */
  DUPLICATE_RESOURCE: 'MW007',
  /** A known kind under an apiVersion that does not serve it. */
  UNSUPPORTED_API_VERSION: 'MW008',
  /** A workload's namespace is not among the inputs; injection is assumed. */
  ASSUMED_INJECTION: 'MW010',
} as const;

export type DiagnosticCode = (typeof DiagnosticCodes)[keyof typeof DiagnosticCodes];
