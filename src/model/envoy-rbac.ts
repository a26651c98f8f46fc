/**
 * Envoy RBAC and ext_authz configuration in protobuf-JSON form (camelCase names, default scalars
 * omitted, `Any` as an object with `@type`), exactly as istiod's authz builder emits it and as
 * Istio's golden files print it. Message presence matters (`rules: {}` differs from no `rules`).
 */

export interface StringMatcher {
  exact?: string;
  prefix?: string;
  suffix?: string;
  contains?: string;
  safeRegex?: { regex: string };
  ignoreCase?: boolean;
}

export interface CidrRange {
  addressPrefix: string;
  prefixLen?: number;
}

export interface HeaderMatcher {
  name: string;
  stringMatch?: StringMatcher;
  presentMatch?: boolean;
  invertMatch?: boolean;
}

export type PathSegment = { key: string };

export interface ValueMatcher {
  stringMatch?: StringMatcher;
  listMatch?: { oneOf: ValueMatcher };
  orMatch?: { valueMatchers: ValueMatcher[] };
  presentMatch?: boolean;
  boolMatch?: boolean;
}

export interface MetadataMatcher {
  filter: string;
  path: PathSegment[];
  value: ValueMatcher;
  invert?: boolean;
}

export interface Principal {
  andIds?: { ids: Principal[] };
  orIds?: { ids: Principal[] };
  any?: boolean;
  authenticated?: { principalName?: StringMatcher };
  directRemoteIp?: CidrRange;
  remoteIp?: CidrRange;
  sourceIp?: CidrRange;
  header?: HeaderMatcher;
  urlPath?: { path: StringMatcher };
  metadata?: MetadataMatcher;
  filterState?: { key: string; stringMatch?: StringMatcher };
  notId?: Principal;
}

export interface Permission {
  andRules?: { rules: Permission[] };
  orRules?: { rules: Permission[] };
  any?: boolean;
  header?: HeaderMatcher;
  urlPath?: { path: StringMatcher };
  destinationIp?: CidrRange;
  destinationPort?: number;
  metadata?: MetadataMatcher;
  notRule?: Permission;
  requestedServerName?: StringMatcher;
  uriTemplate?: {
    name: string;
    typedConfig: { '@type': string; pathTemplate: string };
  };
}

export interface RbacPolicy {
  permissions: Permission[];
  principals: Principal[];
}

/** `envoy.config.rbac.v3.RBAC`; `action` omitted means ALLOW (enum zero). */
export interface RbacRules {
  action?: 'DENY' | 'LOG';
  policies?: Record<string, RbacPolicy>;
}

export interface HttpRbacConfig {
  '@type': 'type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC';
  rules?: RbacRules;
  shadowRules?: RbacRules;
  shadowRulesStatPrefix?: string;
}

export interface NetworkRbacConfig {
  '@type': 'type.googleapis.com/envoy.extensions.filters.network.rbac.v3.RBAC';
  rules?: RbacRules;
  shadowRules?: RbacRules;
  shadowRulesStatPrefix?: string;
  statPrefix: string;
}

/** ext_authz typed configs are kept as plain JSON objects: meshward renders them, never walks them. */
export interface ExtAuthzConfig {
  '@type':
    | 'type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz'
    | 'type.googleapis.com/envoy.extensions.filters.network.ext_authz.v3.ExtAuthz';
  [field: string]: unknown;
}

export interface RbacFilter {
  name: 'envoy.filters.http.rbac' | 'envoy.filters.network.rbac';
  typedConfig: HttpRbacConfig | NetworkRbacConfig;
}

export interface ExtAuthzFilter {
  name: 'envoy.filters.http.ext_authz' | 'envoy.filters.network.ext_authz';
  typedConfig: ExtAuthzConfig;
}

export type AuthzFilter = RbacFilter | ExtAuthzFilter;
