/**
 * Thrown errors. Problems with user input that can be collected are {@link Diagnostic}s instead;
 * a `MeshwardError` is for what stops an operation (a file that cannot be read, a bad flag).
 * Callers switch on `code`, never on the message.
 */
export type MeshwardErrorCode =
  | 'ERR_MANIFEST_READ'
  | 'ERR_MANIFEST_INVALID'
  | 'ERR_MESH_CONFIG'
  | 'ERR_USAGE'
  | 'ERR_WORKLOAD_NOT_FOUND'
  | 'ERR_REQUEST_INVALID'
  | 'ERR_CONFORMANCE_DATA'
  | 'ERR_JWKS_FETCH'
  | 'ERR_JWT_KEY'
  | 'ERR_SUITE_INVALID'
  /** Envoy RBAC / ext_authz config the engine cannot run (Envoy would reject it too). */
  | 'ERR_RBAC_CONFIG'
  /** A policy set whose request space reach cannot expand within its bounds (reported, never guessed). */
  | 'ERR_REACH_TOO_COMPLEX'
  | 'ERR_INTERNAL';

export class MeshwardError extends Error {
  readonly code: MeshwardErrorCode;
  /** Diagnostics behind the error, when it summarises collected problems. */
  readonly diagnostics: readonly import('./diagnostic.js').Diagnostic[];

  constructor(
    code: MeshwardErrorCode,
    message: string,
    options: { cause?: unknown; diagnostics?: readonly import('./diagnostic.js').Diagnostic[] } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MeshwardError';
    this.code = code;
    this.diagnostics = options.diagnostics ?? [];
  }
}
