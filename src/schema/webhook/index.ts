/**
 * istiod's validating-webhook rules for the security and telemetry kinds, as pure functions over
 * a loaded {@link Resource} (spec §3.0–§3.4). Errors are what istiod rejects; warnings are what it
 * admits with a warning. Structural checks (types, enums, unknown fields) and the CRDs' CEL rules
 * are other layers (`../validate.ts`, `../cel/`).
 *
 * @example
 * const diagnostics = validateWebhook(policy);
 * const rejected = diagnostics.some((d) => d.severity === 'error');
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { AuthorizationPolicy, PeerAuthentication, RequestAuthentication, Resource, Telemetry } from '../../model/resources.js';
import { validateAuthorizationPolicy } from './authorization-policy.js';
import { checkAnnotations } from './metadata.js';
import { validatePeerAuthentication } from './peer-authentication.js';
import { Findings } from './report.js';
import { validateRequestAuthentication } from './request-authentication.js';
import { validateTelemetry } from './telemetry.js';

export { WEBHOOK_CODES, type WebhookCode, type WebhookCodeInfo } from './codes.js';
export { parseGoBool, DRY_RUN_ANNOTATION } from './metadata.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WebhookOptions {}

/** Runs istiod's webhook validation for `resource`; kinds istiod does not validate give `[]`. */
export function validateWebhook(resource: Resource, _opts: WebhookOptions = {}): Diagnostic[] {
  const f = new Findings(resource);
  switch (resource.kind) {
    case 'AuthorizationPolicy':
      checkAnnotations(resource, f);
      validateAuthorizationPolicy(resource as AuthorizationPolicy, f);
      break;
    case 'PeerAuthentication':
      checkAnnotations(resource, f);
      validatePeerAuthentication(resource as PeerAuthentication, f);
      break;
    case 'RequestAuthentication':
      checkAnnotations(resource, f);
      validateRequestAuthentication(resource as RequestAuthentication, f);
      break;
    case 'Telemetry':
      checkAnnotations(resource, f);
      validateTelemetry(resource as Telemetry, f);
      break;
    default:
      break;
  }
  return f.diagnostics;
}
