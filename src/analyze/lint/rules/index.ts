/** Every built-in lint rule, in id order. */
import type { LintRule } from '../rule.js';
import { allowRuleAnySource } from './allow-rule-any-source.js';
import { allowRuleDroppedOnTcp } from './allow-rule-dropped-on-tcp.js';
import { annotationNoEffect } from './annotation-no-effect.js';
import { broadSourceIp } from './broad-source-ip.js';
import { customHttpProviderOnTcp } from './custom-http-provider-on-tcp.js';
import { customProviderFallback } from './custom-provider-fallback.js';
import { defaultAllowWorkload } from './default-allow-workload.js';
import { denyHttpOnlyOnTcp } from './deny-http-only-on-tcp.js';
import { denyJwtBypassedWithoutToken } from './deny-jwt-bypassed-without-token.js';
import { denyNeverMatches } from './deny-never-matches.js';
import { duplicateResource } from './duplicate-resource.js';
import { headerAsIdentity } from './header-as-identity.js';
import { hostWithoutPort } from './host-without-port.js';
import { hostsAtSidecar } from './hosts-at-sidecar.js';
import { identityWithoutStrictMtls } from './identity-without-strict-mtls.js';
import { jwtWithoutRequestAuthn } from './jwt-without-request-authn.js';
import { methodNotUppercase } from './method-not-uppercase.js';
import { missingNamespace } from './missing-namespace.js';
import { pathNormalizationBypass } from './path-normalization-bypass.js';
import { peerAuthnNotStrict } from './peer-authn-not-strict.js';
import { principalForeignTrustDomain } from './principal-foreign-trust-domain.js';
import { principalMalformed } from './principal-malformed.js';
import { principalSpiffePrefix } from './principal-spiffe-prefix.js';
import { remoteIpAtSidecar } from './remote-ip-at-sidecar.js';
import { requestAuthnNotRequired } from './request-authn-not-required.js';
import { selectsNoWorkload } from './selects-no-workload.js';
import { telemetryMetricsNoProvider } from './telemetry-metrics-no-provider.js';
import { telemetryTagNotCel } from './telemetry-tag-not-cel.js';
import { whenTimeAttribute } from './when-time-attribute.js';

export const builtinRules: readonly LintRule[] = [
  principalSpiffePrefix,
  principalMalformed,
  principalForeignTrustDomain,
  whenTimeAttribute,
  requestAuthnNotRequired,
  allowRuleAnySource,
  headerAsIdentity,
  remoteIpAtSidecar,
  broadSourceIp,
  identityWithoutStrictMtls,
  denyHttpOnlyOnTcp,
  allowRuleDroppedOnTcp,
  pathNormalizationBypass,
  hostWithoutPort,
  selectsNoWorkload,
  peerAuthnNotStrict,
  defaultAllowWorkload,
  telemetryTagNotCel,
  annotationNoEffect,
  missingNamespace,
  duplicateResource,
  denyNeverMatches,
  jwtWithoutRequestAuthn,
  denyJwtBypassedWithoutToken,
  customProviderFallback,
  customHttpProviderOnTcp,
  hostsAtSidecar,
  methodNotUppercase,
  telemetryMetricsNoProvider,
];
