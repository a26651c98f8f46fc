/**
 * Stable codes of istiod's validating-webhook findings (`MW020`–`MW079`), one per rule of spec §3.
 * Codes are the contract; messages may be reworded. Sources: `pkg/config/validation/validation.go`
 * and `pkg/config/security/security.go` (istio/istio), restated in spec §3.0–§3.4.
 */
import type { Severity } from '../../model/diagnostic.js';

export interface WebhookCodeInfo {
  severity: Severity;
  /** One line: what the code means. */
  summary: string;
  /** The default fix, used when a finding gives no more specific help. */
  help: string;
}

export const WEBHOOK_CODES = {
  // ---- every kind (spec §3.0) ----
  MW020: { severity: 'error', summary: '`istio.io/dry-run` on a kind other than AuthorizationPolicy', help: 'remove the `istio.io/dry-run` annotation; only AuthorizationPolicy supports dry-run' },
  MW021: { severity: 'error', summary: '`istio.io/dry-run` value is not a Go boolean', help: 'set the annotation to `"true"` or `"false"`' },
  MW022: { severity: 'error', summary: '`istio.io/dry-run` on an AUDIT or CUSTOM AuthorizationPolicy', help: 'remove the annotation; dry-run is only supported for ALLOW and DENY policies' },
  MW023: { severity: 'error', summary: 'an annotation reserved for istiod is set', help: 'remove the `internal.istio.io/*` annotation; istiod sets it itself' },
  MW024: { severity: 'error', summary: 'more than one of `selector`, `targetRef`, `targetRefs`', help: 'keep only one of `selector`, `targetRef` or `targetRefs`' },
  MW025: { severity: 'error', summary: 'selector label with an empty key', help: 'give the label a non-empty key' },
  MW026: { severity: 'error', summary: 'wildcard `*` in a selector label key or value', help: 'selectors match labels exactly; list the exact label value instead of a pattern' },
  MW027: { severity: 'warning', summary: 'selector present without labels', help: 'add `matchLabels`, or remove `selector` to make the policy namespace-wide on purpose' },
  MW028: { severity: 'error', summary: 'targetRef without `name`', help: 'set `name` to the referenced resource' },
  MW029: { severity: 'error', summary: 'targetRef with a `namespace` (cross-namespace reference)', help: 'remove `namespace`; the target must be in the policy\'s own namespace' },
  MW030: { severity: 'error', summary: 'targetRef to a kind other than Service, ServiceEntry, Gateway or GatewayClass', help: 'reference a core `Service`, a networking.istio.io `ServiceEntry`, or a gateway.networking.k8s.io `Gateway`/`GatewayClass`' },
  // ---- AuthorizationPolicy (spec §3.1) ----
  MW031: { severity: 'error', summary: 'CUSTOM action without `rules`', help: 'add `rules: [{}]` to send every request to the provider' },
  MW032: { severity: 'error', summary: 'CUSTOM action without `provider.name`', help: 'set `provider.name` to an extension provider of meshConfig' },
  MW033: { severity: 'error', summary: 'a field or `when` key not supported with the CUSTOM action', help: 'move identity checks to an ALLOW or DENY policy, or let the external authorizer do them' },
  MW034: { severity: 'error', summary: '`provider` with an action other than CUSTOM', help: 'set `action: CUSTOM` or remove `provider`' },
  MW035: { severity: 'error', summary: 'DENY action without `rules`', help: 'add `rules: [{}]` to deny every request, or add the rules that should deny' },
  MW036: { severity: 'error', summary: 'a null rule, `from`/`to` item or `when` condition', help: 'remove the empty list item' },
  MW037: { severity: 'error', summary: '`from` or `to` present but empty', help: 'remove the empty list or add an entry to it' },
  MW038: { severity: 'error', summary: '`from.source` or `to.operation` missing or empty', help: 'add at least one field to the source or operation, or remove the entry' },
  MW039: { severity: 'error', summary: '`serviceAccounts` combined with `principals` or `namespaces` in one source', help: 'put `serviceAccounts` in a separate `from` entry' },
  MW040: { severity: 'error', summary: 'empty string in a value list', help: 'remove the empty value; use `*` to match any non-empty value' },
  MW041: { severity: 'error', summary: 'value is not an IP address or CIDR range', help: 'write an IPv4/IPv6 address or a CIDR such as `10.0.0.0/8`' },
  MW042: { severity: 'error', summary: 'invalid `serviceAccounts` value', help: 'write `sa` or `namespace/sa` without wildcards, at most 16 values of at most 320 characters' },
  MW043: { severity: 'error', summary: 'invalid trust domain value', help: 'write a bare trust domain such as `cluster.local`, with at most one leading or trailing `*` and no `/`' },
  MW044: { severity: 'error', summary: 'value is not a port number 0–65535', help: 'write one decimal port per value; ranges and names are not supported' },
  MW045: { severity: 'error', summary: 'invalid or unsupported path template', help: 'use `{*}` for one segment and `{**}` (last operator only) for many; other `{`/`}` are not allowed' },
  MW046: { severity: 'error', summary: '`when` condition without `key`', help: 'set `key` to one of the supported attributes, e.g. `request.headers[x-user]`' },
  MW047: { severity: 'error', summary: '`when` condition without `values` or `notValues`', help: 'add `values` or `notValues`' },
  MW048: { severity: 'error', summary: 'unknown or unsupported `when` key', help: 'use a key of spec §2.8 such as `source.ip`, `request.headers[name]` or `request.auth.claims[name]`' },
  MW049: { severity: 'warning', summary: 'DENY rule with only HTTP attributes denies all TCP traffic', help: 'add `ports` to the rule\'s operation (or an identity/IP field to its source) so it does not apply to every TCP connection' },
  // ---- PeerAuthentication (spec §3.2) ----
  MW050: { severity: 'error', summary: '`portLevelMtls` on a mesh- or namespace-wide policy', help: 'add a `selector` with labels, or move the port settings to a workload policy' },
  MW051: { severity: 'error', summary: '`portLevelMtls` present but empty', help: 'remove `portLevelMtls` or add a port to it' },
  MW052: { severity: 'error', summary: '`portLevelMtls` port outside 1–65535', help: 'use the workload (container) port number, 1–65535' },
  // ---- RequestAuthentication (spec §3.3) ----
  MW053: { severity: 'error', summary: 'empty audience', help: 'remove the empty audience' },
  MW054: { severity: 'error', summary: 'jwt rule without `issuer` and `jwksUri`', help: 'set `issuer` (and `jwksUri` or `jwks`)' },
  MW055: { severity: 'error', summary: '`jwksUri` is not an http(s) URL', help: 'write an absolute `https://` URL with a numeric port if any' },
  MW056: { severity: 'error', summary: '`jwks` is not a JWK Set', help: 'paste the JSON Web Key Set (`{"keys": [...]}`) as a string' },
  MW057: { severity: 'warning', summary: '`jwks` contains private key material', help: 'publish only public keys: drop `d`, `p`, `q`, `dp`, `dq`, `qi` and symmetric (`oct`) keys' },
  MW058: { severity: 'error', summary: '`fromHeaders` entry null or without a name', help: 'give each `fromHeaders` entry a header `name`' },
  MW059: { severity: 'error', summary: 'empty `fromParams` value', help: 'remove the empty query parameter name' },
  MW060: { severity: 'error', summary: 'empty `fromCookies` value', help: 'remove the empty cookie name' },
  MW061: { severity: 'error', summary: 'invalid `outputClaimToHeaders` entry', help: 'set both `claim` and `header`; header names may use letters, digits, `-` and `_` only' },
  MW062: { severity: 'error', summary: 'invalid jwt `timeout`', help: 'write a duration of at least `1ms`, in whole milliseconds, e.g. `5s`' },
  // ---- Telemetry (spec §3.4) ----
  MW064: { severity: 'error', summary: 'provider without a name', help: 'set `name` to an extension provider of meshConfig' },
  MW065: { severity: 'error', summary: 'empty `customMetric`', help: 'name the custom metric or use `metric`' },
  MW066: { severity: 'warning', summary: 'tag override with an empty tag name', help: 'name the tag to override' },
  MW067: { severity: 'error', summary: 'null metrics override or tag override', help: 'remove the null entry or give it an `operation`' },
  MW068: { severity: 'error', summary: 'UPSERT tag override without `value`', help: 'set `value` to a CEL expression, or use `operation: REMOVE`' },
  MW069: { severity: 'error', summary: 'REMOVE tag override with a `value`', help: 'remove `value`, or use `operation: UPSERT`' },
  MW070: { severity: 'error', summary: 'access-log filter is not a valid CEL expression', help: 'fix the CEL syntax of `filter.expression`, e.g. `response.code >= 400`' },
  MW071: { severity: 'warning', summary: 'more than one tracing entry', help: 'keep one `tracing` entry; only the first is used' },
  MW072: { severity: 'warning', summary: 'more than one tracing provider', help: 'keep one provider per tracing entry; only one is used' },
  MW073: { severity: 'error', summary: '`randomSamplingPercentage` outside 0–100', help: 'write a percentage between 0 and 100' },
  MW074: { severity: 'error', summary: 'invalid tracing custom tag', help: 'give the tag a name and a non-empty literal value, header name or environment variable name' },
} as const satisfies Record<string, WebhookCodeInfo>;

export type WebhookCode = keyof typeof WEBHOOK_CODES;
