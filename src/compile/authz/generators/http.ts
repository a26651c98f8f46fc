/**
 * HTTP-only generators: hosts, methods, paths and request headers (spec §2.5, §2.7.3, §2.7.6).
 * On a TCP filter chain each of them reports an error (spec §2.9.4). Source: `hostGenerator`,
 * `methodGenerator`, `pathGenerator`, `requestHeaderGenerator` in
 * `pilot/pkg/security/authz/model/generator.go`, `matcher/template.go`.
 */
import type { Permission, Principal } from '../../../model/envoy-rbac.js';
import { headerMatcher, hostMatcher, patternMatcher } from '../string-matcher.js';
import { fail, nameInBrackets, ok, type SimpleGenerator } from './generator.js';

export const URI_TEMPLATE_TYPE = 'type.googleapis.com/envoy.extensions.path.match.uri_template.v3.UriTemplateMatchConfig';

/** `:authority`, case-insensitive (CVE-2021-39155); a port in the Host header is not stripped. */
export const hostGenerator: SimpleGenerator<Permission> = {
  shape: 'simple',
  httpOnly: true,
  leaf: (_key, value) => ok({ header: hostMatcher(':authority', value) }),
};

/** `:method`, case-sensitive and exact: `GET` does not cover `HEAD`. */
export const methodGenerator: SimpleGenerator<Permission> = {
  shape: 'simple',
  httpOnly: true,
  leaf: (_key, value) => ok({ header: headerMatcher(':method', value) }),
};

export function containsPathTemplate(value: string): boolean {
  return value.includes('{*}') || value.includes('{**}');
}

/**
 * `paths`: Envoy `url_path` (query and fragment removed); `{*}` / `{**}` switch to the
 * `uri_template` extension with Envoy's own `*` / `**` operators.
 */
export const pathGenerator: SimpleGenerator<Permission> = {
  shape: 'simple',
  httpOnly: true,
  leaf: (_key, value) => {
    if (!containsPathTemplate(value)) return ok({ urlPath: { path: patternMatcher(value) } });
    const pathTemplate = value.replaceAll('{**}', '**').replaceAll('{*}', '*');
    return ok({ uriTemplate: { name: 'uri-template', typedConfig: { '@type': URI_TEMPLATE_TYPE, pathTemplate } } });
  },
};

const HEADER_KEY = 'request.headers';

/** `request.headers[<name>]`: `*` is a presence match, which also accepts an empty value. */
export const requestHeaderGenerator: SimpleGenerator<Principal> = {
  shape: 'simple',
  httpOnly: true,
  leaf: (key, value) => {
    const name = nameInBrackets(key.slice(HEADER_KEY.length));
    if (name === undefined) return fail(`expecting format \`request.headers[<name>]\`, found \`${key}\``);
    return ok({ header: headerMatcher(name, value) });
  },
};
