/**
 * Peer-identity generators: principals, namespaces, service accounts and trust domains are all
 * matchers on the peer SPIFFE URI (spec §2.4, §2.7.1, §2.7.2), so none of them ever matches a
 * plaintext connection. Source: `srcPrincipalGenerator`, `srcNamespaceGenerator`,
 * `srcServiceAccountGenerator` in `pilot/pkg/security/authz/model/generator.go`.
 */
import type { Principal } from '../../../model/envoy-rbac.js';
import { quoteMeta } from '../quote-meta.js';
import { principalIdentity } from '../rbac-nodes.js';
import { patternMatcher, regexMatcher } from '../string-matcher.js';
import { ok, type SimpleGenerator } from './generator.js';

const SPIFFE = 'spiffe://';

/**
 * `principals` / `source.principal`: `spiffe://` is always prepended, even when the user already
 * wrote it, so `spiffe://x` becomes the never-matching `spiffe://spiffe://x` (spec §2.7.1).
 */
export const principalGenerator: SimpleGenerator<Principal> = {
  shape: 'simple',
  httpOnly: false,
  leaf: (_key, value, ctx) => ok(principalIdentity(patternMatcher(value, SPIFFE), ctx.useFilterState)),
};

/** `namespaces` / `source.namespace`: regex `.*` + `/ns/<ns>/` + `.*`; each `*` → `.*`, literals quoted. */
export const namespaceGenerator: SimpleGenerator<Principal> = {
  shape: 'simple',
  httpOnly: false,
  leaf: (_key, value, ctx) => {
    const ns = value.split('*').map(quoteMeta).join('.*');
    return ok(principalIdentity(regexMatcher(`.*/ns/${ns}/.*`), ctx.useFilterState));
  },
};

/**
 * `serviceAccounts` / `source.serviceAccount`: `<ns>/<sa>` or `<sa>` (the policy's namespace).
 * The regex accepts any trust domain and extra path segments between `ns` and `sa`, but not a
 * longer account name (`sa/x` must end or continue with `/`).
 */
export const serviceAccountGenerator: SimpleGenerator<Principal> = {
  shape: 'simple',
  httpOnly: false,
  leaf: (_key, value, ctx) => {
    const slash = value.indexOf('/');
    const ns = slash < 0 ? ctx.policyNamespace : value.slice(0, slash);
    const sa = slash < 0 ? value : value.slice(slash + 1);
    const regex = `spiffe://.+/ns/${quoteMeta(ns)}/(.+/|)sa/${quoteMeta(sa)}(/.+)?`;
    return ok(principalIdentity(regexMatcher(regex), ctx.useFilterState));
  },
};

/**
 * `trustDomains` / `source.trustDomain`: `*` → any SPIFFE id; `td` → prefix `spiffe://td/`;
 * a wildcard stands for characters of one segment (`[^/]*`) so it cannot reach past the trust domain.
 */
export const trustDomainGenerator: SimpleGenerator<Principal> = {
  shape: 'simple',
  httpOnly: false,
  leaf: (_key, value, ctx) => {
    if (value === '*') return ok(principalIdentity({ prefix: SPIFFE }, ctx.useFilterState));
    if (!value.includes('*')) return ok(principalIdentity({ prefix: `${SPIFFE}${value}/` }, ctx.useFilterState));
    const td = value.split('*').map(quoteMeta).join('[^/]*');
    return ok(principalIdentity(regexMatcher(`${SPIFFE}${td}/.*`), ctx.useFilterState));
  },
};
