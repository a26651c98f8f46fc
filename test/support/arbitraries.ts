/**
 * fast-check arbitraries for AuthorizationPolicies and requests, for the property tests of
 * `test/property/`. Values come from small pools (a few namespaces, paths, hosts, IPs…) so that a
 * generated policy and a generated request collide often; every pool starts with its most ordinary
 * value, so shrinking walks towards readable counterexamples (`constantFrom` shrinks to the first).
 *
 * Two families:
 * - `validScenario`: policies that pass Istio validation (spec §3.1) and requests built like a
 *   sidecar would see them, for comparing the engine with the reference evaluator;
 * - `garbagePolicies` / `garbageRequest`: schema-shaped but hostile input (empty strings, odd CIDRs,
 *   `{**}` anywhere, huge lists, unicode, nulls) that must never crash the compiler or the engine.
 */
import fc from 'fast-check';
import type {
  AuthorizationAction,
  AuthorizationPolicy,
  AuthorizationPolicySpec,
  Condition,
  HttpRequestFacts,
  Operation,
  RequestFacts,
  Rule,
  Source,
} from '../../src/model/index.js';

/** Connection facts from generated fields (both request arbitraries share this shape). */
function connectionOf(r: {
  peers: string[];
  destinationPort: number;
  sourceIp?: string | undefined;
  destinationIp?: string | undefined;
  sni?: string | undefined;
}): RequestFacts['connection'] {
  const c: RequestFacts['connection'] = { peerPrincipals: r.peers, mtls: r.peers.length > 0, destinationPort: r.destinationPort };
  if (r.sourceIp !== undefined) c.sourceIp = r.sourceIp;
  if (r.destinationIp !== undefined) c.destinationIp = r.destinationIp;
  if (r.sni !== undefined) c.sni = r.sni;
  return c;
}

// ---- pools ------------------------------------------------------------------------------------

export const TRUST_DOMAIN_BUNDLES: readonly (readonly string[])[] = [
  ['cluster.local'],
  ['cluster.local', 'td2'],
  ['td2', 'cluster.local'],
  ['td2'],
];

const PEER_IDS = [
  'spiffe://cluster.local/ns/foo/sa/sleep',
  'spiffe://cluster.local/ns/bar/sa/default',
  'spiffe://td2/ns/foo/sa/sleep',
  'spiffe://td2/ns/bar/sa/default',
  'spiffe://cluster.local/ns/foo/sa/sleep/extra',
  'spiffe://cluster.local/ns/foo/bar/sa/sleep',
  'spiffe://other.local/ns/foo/sa/sleep',
  'spiffe://td3/ns/x.local/sa/sleep',
  'https://idp.example.com/sleep',
];

const PRINCIPALS = [
  'cluster.local/ns/foo/sa/sleep',
  'cluster.local/ns/bar/sa/default',
  'td2/ns/foo/sa/sleep',
  '*',
  '*/ns/foo/sa/sleep',
  '*sleep',
  '*/sleep',
  'cluster.local/ns/foo/*',
  'td2/*',
  '*.local/ns/foo/sa/sleep',
  'spiffe://cluster.local/ns/foo/sa/sleep',
];
const NAMESPACES = ['foo', 'bar', '*', 'f*', '*ar'];
const SERVICE_ACCOUNTS = ['sleep', 'default', 'foo/sleep', 'bar/default', 'foobar/sleep'];
const TRUST_DOMAINS = ['cluster.local', 'td2', '*', '*.local', 'td*', 'other.local'];
const CIDRS = ['10.0.0.0/8', '10.1.2.3', '192.168.0.0/16', '0.0.0.0/0', '10.1.0.0/16', '2001:db8::/32', '::1', '198.51.100.0/24'];
const REQUEST_PRINCIPALS = [
  'iss1/alice',
  '*',
  'https://accounts.example.com/alice',
  'https://accounts.example.com/*',
  '*/bob',
  'iss1',
  '*lice',
  'iss*',
  '*.com/alice',
];
const HOSTS = ['example.com', '*.example.com', 'example.com:*', '*', 'EXAMPLE.COM', 'api.*'];
const PORTS = ['8080', '80', '9090'];
const METHODS = ['GET', 'POST', '*', 'P*', '*T'];
const PATHS = [
  '/admin',
  '/',
  '/admin*',
  '/admin/*',
  '*/x',
  '*',
  '/ADMIN',
  '/foo/{*}',
  '/foo/{**}',
  '/{**}',
  '/foo/{**}/',
  '/api/{*}/users',
  '/{*}/x',
];

/** `when` keys and the values each may take (spec §2.8). */
const WHEN_VALUES: Readonly<Record<string, readonly string[]>> = {
  'request.headers[x-role]': ['admin', 'user', '*', 'ad*', '*min'],
  'request.headers[X-Role]': ['admin', '*'],
  'source.ip': CIDRS,
  'remote.ip': CIDRS,
  'destination.ip': CIDRS,
  'destination.port': PORTS,
  'connection.sni': ['a.example.com', '*.example.com', '*'],
  'source.namespace': NAMESPACES,
  'source.principal': PRINCIPALS,
  'source.serviceAccount': SERVICE_ACCOUNTS,
  'source.trustDomain': TRUST_DOMAINS,
  'request.auth.principal': REQUEST_PRINCIPALS,
  'request.auth.audiences': ['api', 'web', '*', 'ap*'],
  'request.auth.presenter': ['web', '*', 'w*'],
  'request.auth.claims[groups]': ['g1', 'g2', '*', 'g*'],
  'request.auth.claims[nested][role]': ['admin', '*'],
  'request.auth.claims[scope]': ['read', 'write'],
};

const REQUEST_IPS = ['10.1.2.3', '10.2.0.1', '192.168.1.1', '8.8.8.8', '198.51.100.7', '2001:db8::5', '::1'];
const REQUEST_PATHS = [
  '/',
  '/admin',
  '/admin/x',
  '/administrator',
  '/ADMIN',
  '/a/x',
  '/foo/bar',
  '/foo/bar/baz',
  '/foo/',
  '/foo/bar/',
  '/api/v1/users',
  '/api/users',
  '/admin?x=1',
  '/foo/bar#frag',
];
const AUTHORITIES = ['example.com', 'Example.COM', 'example.com:80', 'a.example.com', 'api.internal', 'svc.foo'];

// ---- valid policies ---------------------------------------------------------------------------

const values = (pool: readonly string[]): fc.Arbitrary<string[]> =>
  fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 2 });

type SourceField = keyof Source;
type OperationField = keyof Operation;

const SOURCE_POOLS: Readonly<Record<SourceField, readonly string[]>> = {
  principals: PRINCIPALS,
  notPrincipals: PRINCIPALS,
  requestPrincipals: REQUEST_PRINCIPALS,
  notRequestPrincipals: REQUEST_PRINCIPALS,
  namespaces: NAMESPACES,
  notNamespaces: NAMESPACES,
  serviceAccounts: SERVICE_ACCOUNTS,
  notServiceAccounts: SERVICE_ACCOUNTS,
  trustDomains: TRUST_DOMAINS,
  notTrustDomains: TRUST_DOMAINS,
  ipBlocks: CIDRS,
  notIpBlocks: CIDRS,
  remoteIpBlocks: CIDRS,
  notRemoteIpBlocks: CIDRS,
};

const OPERATION_POOLS: Readonly<Record<OperationField, readonly string[]>> = {
  paths: PATHS,
  notPaths: PATHS,
  methods: METHODS,
  notMethods: METHODS,
  hosts: HOSTS,
  notHosts: HOSTS,
  ports: PORTS,
  notPorts: PORTS,
};

/** 1–2 distinct fields of a record, each with 1–2 values: never an empty Source/Operation (§3.1.6). */
function fieldsOf<K extends string>(pools: Readonly<Record<K, readonly string[]>>): fc.Arbitrary<[K, string[]][]> {
  const keys = Object.keys(pools) as K[];
  const entry = fc.constantFrom(...keys).chain((k) => values(pools[k]).map((v): [K, string[]] => [k, v]));
  return fc.uniqueArray(entry, { minLength: 1, maxLength: 2, selector: ([k]) => k });
}

/** The value pools one family of scenarios draws from. */
export interface Pools {
  source: Readonly<Record<SourceField, readonly string[]>>;
  operation: Readonly<Record<OperationField, readonly string[]>>;
  when: Readonly<Record<string, readonly string[]>>;
  peers: readonly string[];
  requestIps: readonly string[];
  requestPaths: readonly string[];
  authorities: readonly string[];
  /** Extra header lines a request may carry (beside `x-role`, X-Forwarded-For). */
  headers: readonly (readonly [string, string])[];
  /** Extra JWT claims a token may carry. */
  claims: Readonly<Record<string, unknown>>;
  filterMetadata?: NonNullable<RequestFacts['filterMetadata']>;
}

/** A valid Source: `serviceAccounts` never beside `principals`/`namespaces` (§3.1.7). */
const sourceArbOf = (pools: Pools): fc.Arbitrary<Source> => fieldsOf(pools.source).map((entries) => {
  const has = (k: string) => entries.some(([e]) => e === k);
  const identity = ['principals', 'notPrincipals', 'namespaces', 'notNamespaces'].some(has);
  const kept = identity ? entries.filter(([k]) => k !== 'serviceAccounts' && k !== 'notServiceAccounts') : entries;
  return Object.fromEntries(kept) as Source;
});

const operationArbOf = (pools: Pools): fc.Arbitrary<Operation> =>
  fieldsOf(pools.operation).map((entries) => Object.fromEntries(entries) as Operation);

const conditionArbOf = (pools: Pools): fc.Arbitrary<Condition> => fc
  .constantFrom(...Object.keys(pools.when))
  .chain((key) => {
    const pool = pools.when[key] ?? [];
    return fc
      .record({ values: values(pool), notValues: values(pool) }, { requiredKeys: [] })
      .filter((c) => c.values !== undefined || c.notValues !== undefined)
      .map((c): Condition => ({ key, ...c }));
  });

/** Rules; all three parts absent gives `{}`, the match-everything rule (§2.2). */
const ruleArbOf = (pools: Pools): fc.Arbitrary<Rule> => fc.record(
  {
    from: fc.array(sourceArbOf(pools).map((source) => ({ source })), { minLength: 1, maxLength: 2 }),
    to: fc.array(operationArbOf(pools).map((operation) => ({ operation })), { minLength: 1, maxLength: 2 }),
    when: fc.array(conditionArbOf(pools), { minLength: 1, maxLength: 2 }),
  },
  { requiredKeys: [] },
);

interface PolicyBody {
  namespace: string;
  action: Exclude<AuthorizationAction, 'CUSTOM'> | undefined;
  rules: Rule[] | undefined;
  dryRun: string | undefined;
}

const policyBodyArbOf = (pools: Pools): fc.Arbitrary<PolicyBody> => fc.record({
  namespace: fc.constantFrom('foo', 'bar'),
  action: fc.constantFrom(undefined, 'ALLOW' as const, 'DENY' as const, 'AUDIT' as const),
  // Absent and empty rule lists are rarer than real ones, but both mean allow-nothing (§2.2).
  rules: fc.oneof(
    { arbitrary: fc.array(ruleArbOf(pools), { minLength: 1, maxLength: 3 }), weight: 8 },
    { arbitrary: fc.constant(undefined), weight: 1 },
    { arbitrary: fc.constant<Rule[]>([]), weight: 1 },
  ),
  // Go booleans, and one value that fails to parse (so the policy is enforced, §2.11).
  dryRun: fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 6 },
    { arbitrary: fc.constantFrom('true', 'false', '1', 'yes'), weight: 1 },
  ),
});

function toPolicy(b: PolicyBody, i: number): AuthorizationPolicy {
  const spec: AuthorizationPolicySpec = {};
  if (b.action !== undefined) spec.action = b.action;
  if (b.rules !== undefined) spec.rules = b.rules;
  // Validation allows the dry-run annotation on ALLOW and DENY only (§3.1.15).
  const dryRun = b.dryRun !== undefined && b.action !== 'AUDIT' ? b.dryRun : undefined;
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: {
      name: `p${i}`,
      namespace: b.namespace,
      ...(dryRun === undefined ? {} : { annotations: { 'istio.io/dry-run': dryRun } }),
    },
    spec,
  };
}

/** 0–4 valid policies, named `p0`, `p1`… in order (names stay unique while shrinking). */
export function policiesArbOf(pools: Pools): fc.Arbitrary<AuthorizationPolicy[]> {
  return fc.array(policyBodyArbOf(pools), { maxLength: 4 }).map((bodies) => bodies.map(toPolicy));
}

export const BASE_POOLS: Pools = {
  source: SOURCE_POOLS,
  operation: OPERATION_POOLS,
  when: WHEN_VALUES,
  peers: PEER_IDS,
  requestIps: REQUEST_IPS,
  requestPaths: REQUEST_PATHS,
  authorities: AUTHORITIES,
  headers: [],
  claims: {},
};

export const policiesArb: fc.Arbitrary<AuthorizationPolicy[]> = policiesArbOf(BASE_POOLS);

/** Fields with corner values draw mostly those (plus two ordinary values); the others keep their pool. */
const withExtra = <K extends string>(base: Readonly<Record<K, readonly string[]>>, extra: Partial<Record<K, readonly string[]>>) =>
  Object.fromEntries(
    Object.entries<readonly string[]>(base).map(([k, v]) => {
      const more = extra[k as K];
      return [k, more === undefined ? v : [...v.slice(0, 2), ...more]];
    }),
  ) as Record<K, string[]>;

/**
 * Corner cases on top of the base pools: regex metacharacters that must be quoted (`.`, `+`), a `*`
 * in the middle (a literal, §2.6), non-ASCII letters under `ignoreCase` (Envoy folds ASCII only),
 * pseudo-headers, claim names with `/`, nested claims, non-string claims, experimental metadata
 * keys, IPv4-mapped IPv6, CIDRs with host bits set, ports 0 and 65535.
 */
export const EDGE_POOLS: Pools = {
  source: withExtra<SourceField>(SOURCE_POOLS, {
    principals: ['cluster.local/ns/*/sa/sleep', 'cluster.local/ns/a.b/sa/x', '*/ns/a.b/sa/x', 'cluster.local/ns/foo/sa/sleep/extra'],
    notPrincipals: ['cluster.local/ns/a.b/sa/x'],
    namespaces: ['a.b', 'a*b', 'x.*'],
    notNamespaces: ['a.b'],
    serviceAccounts: ['a.b/x', 's.a', 'foo/s+a'],
    trustDomains: ['cluster.lo*', 'x.local'],
    ipBlocks: ['::ffff:10.0.0.0/104', '10.1.2.3/8', '::/0', '0.0.0.0/0'],
    remoteIpBlocks: ['::ffff:10.1.2.3', '10.1.2.3/8'],
  }),
  operation: withExtra<OperationField>(OPERATION_POOLS, {
    hosts: ['k.example.com', 'éx.com', '*.EXAMPLE.com', '*:80'],
    paths: ['/a.b', '/{*}/a.b', '/foo/{*}/a+b', '/foo/{*}/', '/a*b', '/{**}/x'],
    ports: ['0', '65535'],
  }),
  when: {
    'source.principal': ['cluster.local/ns/*/sa/sleep', 'cluster.local/ns/a.b/sa/x', '*/ns/a.b/sa/x'],
    'source.namespace': ['a.b', 'a*b', 'foo'],
    'request.headers[x-role]': ['admin', 'user'],
    'request.headers[:authority]': ['example.com', '*.com', 'EXAMPLE.COM'],
    'request.headers[:method]': ['GET', 'G*'],
    'request.headers[:path]': ['/admin', '/admin?*', '*=1'],
    'request.headers[x-forwarded-for]': ['198.51.100.7', '*'],
    'request.auth.claims[foo.com/name]': ['alice', '*'],
    'request.auth.claims[a][b][c]': ['deep', 'd*'],
    'request.auth.claims[num]': ['1', '*'],
    'request.auth.claims[flag]': ['true'],
    'experimental.envoy.filters.x[k]': ['[b]', 'b', '[*]', 'v*'],
    'experimental.envoy.filters.x[s]': ['v', '[v]', '*'],
    'destination.port': ['0', '65535', '8080'],
  },
  peers: [
    ...PEER_IDS,
    'spiffe://cluster.local/ns/axb/sa/x',
    'spiffe://cluster.local/ns/a.b/sa/x',
    'spiffe://cluster.local/ns/*/sa/sleep',
    'spiffe://cluster.local/ns/foo/sa/s+a',
    'spiffe://cluster.local/ns/foo/sa/ssa',
    'spiffe://clusterxlocal/ns/foo/sa/sleep',
  ],
  requestIps: [...REQUEST_IPS, '::ffff:10.1.2.3', '10.255.255.255'],
  requestPaths: [...REQUEST_PATHS, '/a.b', '/axb', '/x/a.b', '/x/axb', '/foo/x/a+b', '/foo/x/aab', '/foo/x/', '/a*b', '/ab', '/y/x', '/admin?x=1'],
  authorities: [...AUTHORITIES, '\u212a.example.com', 'K.example.com', 'ÉX.com', 'éx.com', 'a.example.com:80'],
  headers: [['X-Forwarded-For', '10.2.0.1'], ['x-role', 'admin,user']],
  claims: { 'foo.com/name': 'alice', a: { b: { c: 'deep' } }, num: 1, flag: true },
  filterMetadata: { 'envoy.filters.x': { k: ['a', 'b'], s: 'v' } },
};

// ---- requests ---------------------------------------------------------------------------------

// Up to two `x-role` lines (a repeated header, AZ-28), then maybe X-Forwarded-For and a bystander.
const headersArbOf = (pools: Pools): fc.Arbitrary<[string, string][]> => fc
  .record({
    roles: fc.array(fc.tuple(fc.constantFrom('x-role', 'X-Role'), fc.constantFrom('admin', 'user', 'Admin', '')), { maxLength: 2 }),
    xff: fc.option(fc.constantFrom('198.51.100.7', '10.2.0.1, 198.51.100.7', '198.51.100.7, 10.2.0.1', '2001:db8::5'), { nil: undefined }),
    other: fc.subarray([['x-other', '1'] as const, ...pools.headers], { maxLength: Math.min(2, 1 + pools.headers.length) }),
  })
  .map(({ roles, xff, other }) => {
    const out: [string, string][] = [...roles];
    if (xff !== undefined) out.push(['x-forwarded-for', xff]);
    for (const [n, v] of other) out.push([n, v]);
    return out;
  });

const httpArbOf = (pools: Pools): fc.Arbitrary<HttpRequestFacts> => fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'HEAD'),
  path: fc.constantFrom(...pools.requestPaths),
  authority: fc.constantFrom(...pools.authorities),
  // Repeated header lines (AZ-28) come from two entries with the same name.
  headers: headersArbOf(pools),
});

const jwtClaimsArb: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    aud: fc.constantFrom<unknown>('api', ['api', 'web'], ['web']),
    azp: fc.constantFrom('web', 'cli'),
    groups: fc.constantFrom<unknown>('g1', ['g1', 'g2'], 1, []),
    nested: fc.constantFrom<unknown>({ role: 'admin' }, { role: ['user', 'admin'] }, 'admin'),
    scope: fc.constantFrom<unknown>(['read'], ['read', 'write']),
  },
  { requiredKeys: [] },
);

const jwtPayloadArbOf = (pools: Pools): fc.Arbitrary<Record<string, unknown>> => fc
  .record({
    // iss/sub are usually there (a request principal needs both, spec §2.7.4); `undefined` = absent.
    iss: fc.constantFrom('https://accounts.example.com', 'iss1', '', undefined),
    sub: fc.constantFrom('alice', 'bob', '', undefined),
    rest: jwtClaimsArb,
    extra: fc.subarray(Object.entries(pools.claims)),
  })
  .map(({ iss, sub, rest, extra }) => ({
    ...(iss === undefined ? {} : { iss }),
    ...(sub === undefined ? {} : { sub }),
    ...rest,
    ...Object.fromEntries(extra),
  }));

const peerArbOf = (pools: Pools): fc.Arbitrary<string[]> => fc.oneof(
  { arbitrary: fc.constant<string[]>([]), weight: 3 },
  { arbitrary: fc.constantFrom(...pools.peers).map((p) => [p]), weight: 6 },
  { arbitrary: fc.uniqueArray(fc.constantFrom(...pools.peers), { minLength: 2, maxLength: 2 }), weight: 1 },
);

/** `a` or `undefined`; `absentOneIn` = n makes `undefined` come once in n draws. */
const opt = <T>(a: fc.Arbitrary<T>, absentOneIn = 3): fc.Arbitrary<T | undefined> =>
  fc.option(a, { nil: undefined, freq: absentOneIn });

/** `undefined` usually; `a` once in `oneIn` draws. */
const rare = <T>(a: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: oneIn - 1 }, { arbitrary: a, weight: 1 });

/** A request as the authorization filters see it: HTTP unless `tcp`, then no HTTP facts and no JWT. */
export function requestArb(opts: { tcp: boolean; pools?: Pools }): fc.Arbitrary<RequestFacts> {
  const pools = opts.pools ?? BASE_POOLS;
  return fc
    .record({
      peers: peerArbOf(pools),
      sourceIp: opt(fc.constantFrom(...pools.requestIps), 8),
      destinationIp: opt(fc.constantFrom('10.1.0.7', '10.2.0.1', '2001:db8::9')),
      destinationPort: fc.constantFrom(8080, 80, 9090),
      sni: opt(fc.constantFrom('a.example.com', 'example.com')),
      // The `remote.ip` override is rare, so X-Forwarded-For usually decides it (AZ-32).
      remoteIp: rare(fc.constantFrom(...pools.requestIps), 6),
      http: httpArbOf(pools),
      jwt: opt(jwtPayloadArbOf(pools), 4),
      meta: fc.boolean(),
    })
    .map((r): RequestFacts => {
      const facts: RequestFacts = { connection: connectionOf(r) };
      if (r.remoteIp !== undefined) facts.remoteIp = r.remoteIp;
      if (r.meta && pools.filterMetadata !== undefined) facts.filterMetadata = pools.filterMetadata;
      if (!opts.tcp) {
        facts.http = r.http;
        if (r.jwt !== undefined) facts.jwt = { payload: r.jwt, issuer: typeof r.jwt['iss'] === 'string' ? r.jwt['iss'] : 'iss1' };
      }
      return facts;
    });
}

export interface Scenario {
  policies: AuthorizationPolicy[];
  request: RequestFacts;
  trustDomainBundle: string[];
}

/** Valid policies and a request drawn from the same pools (`BASE_POOLS` unless told). */
export function validScenario(opts: { tcp: boolean; pools?: Pools }): fc.Arbitrary<Scenario> {
  return fc.record({
    policies: policiesArbOf(opts.pools ?? BASE_POOLS),
    request: requestArb(opts),
    trustDomainBundle: fc.constantFrom(...TRUST_DOMAIN_BUNDLES).map((b) => [...b]),
  });
}

// ---- garbage (schema-shaped, hostile) ---------------------------------------------------------

const ODD_STRINGS = [
  '',
  '*',
  '**',
  '{*}',
  '{**}',
  '/{**}/{*}',
  '/a/{**}/{*}',
  '/{**}/x/{**}',
  'foo{*}.txt',
  '/{',
  '}',
  '/a//{*}',
  'spiffe://',
  'spiffe://cluster.local/ns/foo/sa/sleep',
  '*/*/*/*/*',
  '/',
  '10.0.0.0/33',
  '::/200',
  '1.2.3',
  '1.2.3.4/',
  '::ffff:1.2.3.4',
  '300.1.1.1',
  '99999',
  '-1',
  '0x50',
  ' ',
  '\u0000',
  'ü',
  '🙂',
  'a\nb',
  '[x]',
  '[]',
  '\\',
  '.*',
  '(',
  'a'.repeat(400),
];

const oddString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...ODD_STRINGS), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 },
  { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
);

const oddList: fc.Arbitrary<string[]> = fc.oneof(
  { arbitrary: fc.array(oddString, { maxLength: 3 }), weight: 6 },
  { arbitrary: fc.array(oddString, { minLength: 50, maxLength: 120 }), weight: 1 },
);

const ODD_KEYS = [
  'request.headers[]',
  'request.headers[x',
  'request.headers[:path]',
  'request.headers[x-a]',
  'request.auth.claims[a][b',
  'request.auth.claims[]',
  'request.auth.claims[a][b][c]',
  'request.auth.claims[foo.com/name]',
  'experimental.envoy.filters.x',
  'experimental.envoy.filters.x[k]',
  'experimental.envoy.filters.[]',
  'request.time.hour',
  'destination.namespace',
  'any',
  '',
  'source.ip',
  'remote.ip',
  'destination.port',
  'source.serviceAccount',
  'source.trustDomain',
  'request.auth.principal',
];

const garbageSourceKeys = Object.keys(SOURCE_POOLS) as SourceField[];
const garbageOperationKeys = Object.keys(OPERATION_POOLS) as OperationField[];

const garbageRecord = <K extends string>(keys: readonly K[]): fc.Arbitrary<Partial<Record<K, string[]>>> =>
  fc.dictionary(fc.constantFrom(...keys), oddList, { maxKeys: 4 }) as fc.Arbitrary<Partial<Record<K, string[]>>>;

const garbageCondition: fc.Arbitrary<Condition | null> = fc.oneof(
  { arbitrary: fc.constant(null), weight: 1 },
  {
    arbitrary: fc.record(
      { key: fc.oneof(fc.constantFrom(...ODD_KEYS, ...Object.keys(WHEN_VALUES)), oddString), values: oddList, notValues: oddList },
      { requiredKeys: ['key'] },
    ),
    weight: 8,
  },
);

const garbageRule: fc.Arbitrary<Rule | null> = fc.oneof(
  { arbitrary: fc.constant(null), weight: 1 },
  {
    arbitrary: fc.record(
      {
        from: fc.array(fc.oneof(fc.constant(null), fc.record({ source: fc.oneof(fc.constant(null), garbageRecord(garbageSourceKeys)) }, { requiredKeys: [] })), { maxLength: 3 }),
        to: fc.array(fc.oneof(fc.constant(null), fc.record({ operation: fc.oneof(fc.constant(null), garbageRecord(garbageOperationKeys)) }, { requiredKeys: [] })), { maxLength: 3 }),
        when: fc.array(garbageCondition, { maxLength: 3 }),
      },
      { requiredKeys: [] },
    ),
    weight: 8,
  },
);

const garbagePolicy: fc.Arbitrary<Omit<AuthorizationPolicy, 'metadata'> & { metadata: Omit<AuthorizationPolicy['metadata'], 'name'> }> = fc.record({
  apiVersion: fc.constant('security.istio.io/v1'),
  kind: fc.constant('AuthorizationPolicy' as const),
  metadata: fc.record(
    {
      namespace: fc.oneof(fc.constantFrom('foo', ''), oddString),
      annotations: fc.dictionary(fc.constantFrom('istio.io/dry-run', 'other'), oddString, { maxKeys: 2 }),
    },
    { requiredKeys: [] },
  ),
  spec: fc.record(
    {
      action: fc.constantFrom<AuthorizationAction>('ALLOW', 'DENY', 'AUDIT', 'CUSTOM'),
      provider: fc.record({ name: fc.oneof(fc.constantFrom('ext-http', 'ext-grpc', 'missing'), oddString) }, { requiredKeys: [] }),
      rules: fc.array(garbageRule, { maxLength: 4 }),
    },
    { requiredKeys: [] },
  ),
});

/** Hostile but schema-shaped policies; names are `g0`, `g1`… (sometimes repeated). */
export const garbagePoliciesArb: fc.Arbitrary<AuthorizationPolicy[]> = fc
  .array(fc.tuple(garbagePolicy, fc.constantFrom('a', 'b')), { maxLength: 5 })
  .map((ps) => ps.map(([p, n], i) => ({ ...p, metadata: { ...p.metadata, name: i % 3 === 2 ? `g-${n}` : `g${i}` } })));

const oddJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 });

/** A hostile request: odd methods, paths, headers, identities, IPs and JWT payloads. */
export function garbageRequestArb(opts: { tcp: boolean }): fc.Arbitrary<RequestFacts> {
  return fc
    .record({
      peers: fc.array(oddString, { maxLength: 3 }),
      sourceIp: opt(oddString, 1),
      destinationIp: opt(oddString, 1),
      destinationPort: fc.oneof(fc.constantFrom(0, 80, 65535, -1, 70000, Number.NaN), fc.integer()),
      sni: opt(oddString, 1),
      remoteIp: opt(oddString, 1),
      http: fc.record({
        method: fc.oneof(fc.constantFrom('GET', 'get', '', 'POST '), oddString),
        path: fc.oneof(fc.constantFrom('/', '', '//admin', '/a/../b', '/%00', '/admin%2Fx', '/a?b#c', '*', '%'), oddString),
        authority: oddString,
        headers: fc.array(fc.tuple(fc.oneof(fc.constantFrom('x-role', 'X-Forwarded-For', ':path', ''), oddString), oddString), {
          maxLength: 6,
        }),
      }),
      jwt: opt(fc.dictionary(fc.constantFrom('iss', 'sub', 'aud', 'azp', 'groups', 'a', 'scope'), oddJson, { maxKeys: 5 }), 1),
      meta: opt(fc.dictionary(fc.constantFrom('envoy.filters.x', 'envoy.filters.http.jwt_authn'), fc.dictionary(fc.string({ maxLength: 3 }), oddJson, { maxKeys: 3 }), { maxKeys: 2 }), 1),
    })
    .map((r): RequestFacts => {
      const facts: RequestFacts = { connection: connectionOf(r) };
      if (r.remoteIp !== undefined) facts.remoteIp = r.remoteIp;
      if (r.meta !== undefined) facts.filterMetadata = r.meta as NonNullable<RequestFacts['filterMetadata']>;
      if (!opts.tcp) {
        facts.http = r.http;
        if (r.jwt !== undefined) facts.jwt = { payload: r.jwt, issuer: 'iss1' };
      }
      return facts;
    });
}
