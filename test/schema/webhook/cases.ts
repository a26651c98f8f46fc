/**
 * The validation cases of adversarial-cases.md section D, as YAML documents with the findings
 * (code@line:col) meshward must report. D.1 (CFG-I) must be rejected; D.2 (CFG-V) accepted, with
 * the stated warning where there is one.
 */

/** A document of `kind` in namespace `foo` named `p`; `spec` lines start at line 7, column 3. */
export function doc(kind: string, spec: string, extraMetadata = ''): string {
  const api = kind === 'Telemetry' ? 'telemetry.istio.io/v1' : 'security.istio.io/v1';
  const body = spec.trim() === '' ? ' {}' : '\n' + spec.replace(/^\n/, '').replace(/\s+$/, '').split('\n').map((l) => '  ' + l).join('\n');
  return `apiVersion: ${api}\nkind: ${kind}\nmetadata:\n  name: p\n  namespace: foo\n${extraMetadata}spec:${body}\n`;
}

export const ap = (spec: string, meta = ''): string => doc('AuthorizationPolicy', spec, meta);
export const pa = (spec: string): string => doc('PeerAuthentication', spec);
export const ra = (spec: string, meta = ''): string => doc('RequestAuthentication', spec, meta);
export const tm = (spec: string): string => doc('Telemetry', spec);

export interface Case {
  id: string;
  yaml: string;
  /** Errors as `CODE@line:col`, in report order. */
  errors: string[];
  /** Warnings as `CODE@line:col`. */
  warnings?: string[];
  /** Substrings the first error's message must contain. */
  message?: string;
}

// ---- D.1: invalid inputs (must be rejected) ---------------------------------------------------

export const INVALID: readonly Case[] = [
  { id: 'CFG-I-01 DENY without rules', yaml: ap('action: DENY'), errors: ['MW035@7:11'], message: '`DENY` action without `rules` is meaningless' },
  { id: 'CFG-I-02 CUSTOM without rules', yaml: ap('action: CUSTOM\nprovider:\n  name: x'), errors: ['MW031@7:11'] },
  { id: 'CFG-I-03 CUSTOM without provider', yaml: ap('action: CUSTOM\nrules:\n- {}'), errors: ['MW032@7:11'], message: '`provider.name` must not be empty' },
  { id: 'CFG-I-03 CUSTOM with empty provider name', yaml: ap('action: CUSTOM\nprovider:\n  name: ""\nrules:\n- {}'), errors: ['MW032@9:11'] },
  {
    id: 'CFG-I-05 CUSTOM with identity fields',
    yaml: ap(`action: CUSTOM
provider:
  name: x
rules:
- from:
  - source:
      principals: ["a"]
      notNamespaces: ["b"]
      requestPrincipals: ["c"]
      trustDomains: ["td"]
  when:
  - key: request.auth.claims[iss]
    values: ["x"]
  - key: source.trustDomain
    values: ["td"]`),
    errors: ['MW033@14:9', 'MW033@13:9', 'MW033@15:9', 'MW033@16:9', 'MW033@18:12', 'MW033@20:12'],
    message: '`from.source.notNamespaces` is currently not supported with CUSTOM action',
  },
  { id: 'CFG-I-07 empty from', yaml: ap('rules:\n- from: []'), errors: ['MW037@8:11'], message: '`from` must not be empty, found at rule 0' },
  { id: 'CFG-I-08 empty source', yaml: ap('rules:\n- from:\n  - source: {}'), errors: ['MW038@9:15'], message: '`from.source` must not be empty, found at rule 0' },
  { id: 'CFG-I-10 empty to', yaml: ap('rules:\n- to: []'), errors: ['MW037@8:9'], message: '`to` must not be empty, found at rule 0' },
  { id: 'CFG-I-11 empty operation', yaml: ap('rules:\n- to:\n  - operation: {}'), errors: ['MW038@9:18'], message: '`to.operation` must not be empty' },
  { id: 'CFG-I-11 nil operation', yaml: ap('rules:\n- to:\n  - {}'), errors: ['MW038@9:7'], message: '`to.operation` must not be nil, found at rule 0' },
  {
    id: 'CFG-I-12 empty strings',
    yaml: ap(`rules:
- from:
  - source:
      principals: ["ok", ""]
  to:
  - operation:
      hosts: [""]
      notPaths: ["/a", ""]`),
    errors: ['MW040@10:28', 'MW040@13:17', 'MW040@14:26'],
    message: 'empty value not allowed, found in Principals',
  },
  {
    id: 'CFG-I-13 bad IPs and CIDRs',
    yaml: ap(`rules:
- from:
  - source:
      ipBlocks: ["1.2.3.4", "ip1"]
      notRemoteIpBlocks: ["1.2.3.4/33"]
  when:
  - key: destination.ip
    values: ["10.0.0.300"]`),
    errors: ['MW041@10:31', 'MW041@11:29', 'MW041@14:16'],
    message: 'bad IP address (ip1)',
  },
  {
    id: 'CFG-I-15 bad ports',
    yaml: ap(`rules:
- to:
  - operation:
      ports: ["port1", "65536", "80-90", "*", "-1"]`),
    errors: ['MW044@10:17', 'MW044@10:26', 'MW044@10:35', 'MW044@10:44', 'MW044@10:49'],
    message: 'bad port (port1): strconv.ParseUint: parsing "port1": invalid syntax',
  },
  {
    id: 'CFG-I-16 serviceAccounts with namespaces',
    yaml: ap(`rules:
- from:
  - source:
      serviceAccounts: ["bar/sa"]
      namespaces: ["bar"]`),
    errors: ['MW039@10:9', 'MW015@10:9'],
    message: 'cannot set serviceAccounts with namespaces or principals, found at rule 0',
  },
  { id: 'CFG-I-17 wildcard service account', yaml: ap('rules:\n- from:\n  - source:\n      serviceAccounts: ["ns/*"]'), errors: ['MW042@10:27'], message: 'wildcard not allowed, found in ServiceAccounts' },
  {
    id: 'CFG-I-18 too many slashes',
    yaml: ap(`rules:
- from:
  - source:
      serviceAccounts: ["a/b/c"]
  when:
  - key: source.serviceAccount
    values: ["too/many/slashes"]`),
    errors: ['MW042@10:27', 'MW042@13:16'],
    message: `expected format 'serviceAccount' or 'namespace/serviceAccount', found "a/b/c" in ServiceAccounts`,
  },
  { id: 'CFG-I-22 spiffe trust domain', yaml: ap('rules:\n- from:\n  - source:\n      trustDomains: ["spiffe://cluster.local"]'), errors: ['MW043@10:24'], message: `trust domain must not contain '/', found in TrustDomains: "spiffe://cluster.local"` },
  { id: 'CFG-I-22 trust domain with path', yaml: ap('rules:\n- from:\n  - source:\n      trustDomains: ["cluster.local/ns/foo"]'), errors: ['MW043@10:24'] },
  { id: 'CFG-I-24 when without key', yaml: ap('rules:\n- when:\n  - values: ["v1"]'), errors: ['MW046@9:7'], message: '`key` must not be empty' },
  { id: 'CFG-I-24 when with empty key', yaml: ap('rules:\n- when:\n  - key: ""\n    values: ["v1"]'), errors: ['MW046@9:12'] },
  { id: 'CFG-I-25 when without values', yaml: ap('rules:\n- when:\n  - key: source.principal'), errors: ['MW047@9:12'], message: 'at least one of `values` or `notValues` must be set for key source.principal' },
  { id: 'CFG-I-26 unknown key', yaml: ap('rules:\n- when:\n  - key: key1\n    values: ["v1"]'), errors: ['MW048@9:12'], message: 'invalid `value` for `key` key1: unknown attribute: key1' },
  { id: 'CFG-I-26 source.user', yaml: ap('rules:\n- when:\n  - key: source.user\n    notValues: ["v1"]'), errors: ['MW048@9:12'], message: 'invalid `notValue` for `key` source.user: unknown attribute: source.user' },
  { id: 'CFG-I-27 bad source.ip value', yaml: ap('rules:\n- when:\n  - key: source.ip\n    values: ["a.b.c.d"]'), errors: ['MW041@10:16'], message: 'invalid `value` for `key` source.ip: bad IP address (a.b.c.d)' },
  { id: 'CFG-I-27 bad source.ip notValue', yaml: ap('rules:\n- when:\n  - key: source.ip\n    notValues: ["a.b.c.d"]'), errors: ['MW041@10:19'], message: 'invalid `notValue` for `key` source.ip' },
  {
    id: 'CFG-I-28 malformed map keys',
    yaml: ap(`rules:
- when:
  - key: request.headers[]
    values: ["a"]
  - key: request.headers
    values: ["a"]
  - key: request.auth.claims[]
    values: ["a"]`),
    errors: ['MW048@9:12', 'MW048@11:12', 'MW048@13:12'],
    message: 'invalid `value` for `key` request.headers[]: bad key (request.headers[]): should have format a[b]',
  },
  {
    id: 'CFG-I-31 unsupported templates',
    yaml: ap(`rules:
- to:
  - operation:
      paths: ["/foo/{*}.txt"]
  - operation:
      paths: ["/foo/{buzz}"]
  - operation:
      paths: ["/{*}/foo/{}/bar"]
  - operation:
      notPaths: ["/foo/{buzz=*}/bar/{**}"]`),
    errors: ['MW045@10:17', 'MW045@12:17', 'MW045@14:17', 'MW045@16:20'],
    message: "invalid or unsupported path `foo/{*}.txt`, found in Paths: contains '{' or '}' beyond a supported path template",
  },
  { id: 'CFG-I-32 {**} not last', yaml: ap('rules:\n- to:\n  - operation:\n      paths: ["/{**}/foo/{*}"]'), errors: ['MW045@10:17'], message: '{**} is not the last operator' },
  { id: 'CFG-I-34 empty selector key (AP)', yaml: ap('selector:\n  matchLabels:\n    "": v1\nrules:\n- {}'), errors: ['MW025@9:7', 'MW015@9:7'], message: 'empty key is not supported in selector: `=v1`' },
  { id: 'CFG-I-34 empty selector key (PA)', yaml: pa('selector:\n  matchLabels:\n    "": v1'), errors: ['MW025@9:7', 'MW015@9:7'] },
  { id: 'CFG-I-34 empty selector key (RA)', yaml: ra('selector:\n  matchLabels:\n    "": v1'), errors: ['MW025@9:7', 'MW015@9:7'] },
  { id: 'CFG-I-35 wildcard label value', yaml: ap('selector:\n  matchLabels:\n    app: httpbin-*'), errors: ['MW026@9:12', 'MW015@9:12'], message: 'wildcard is not supported in selector: `app=httpbin-*`' },
  { id: 'CFG-I-35 wildcard label key', yaml: ap('selector:\n  matchLabels:\n    app-*: httpbin'), errors: ['MW026@9:7', 'MW015@9:7'] },
  { id: 'CFG-I-36 selector and targetRef (AP)', yaml: ap('selector:\n  matchLabels:\n    app: a\ntargetRef:\n  kind: Service\n  name: a'), errors: ['MW024@10:3', 'MW015@7:3'], message: 'only one of targetRefs or workloadSelector can be set' },
  { id: 'CFG-I-36 targetRef and targetRefs (RA)', yaml: ra('targetRef:\n  kind: Service\n  name: a\ntargetRefs:\n- kind: Service\n  name: b'), errors: ['MW024@10:3', 'MW015@7:3'] },
  {
    id: 'CFG-I-38 targetRef kinds',
    yaml: ap(`targetRefs:
- group: ""
  kind: Deployment
  name: x
- group: wrong-group
  kind: Service
  name: svc`),
    errors: ['MW030@9:11', 'MW030@12:11'],
    message: 'targetRef must be to one of [core/v1/Service networking.istio.io/v1/ServiceEntry gateway.networking.k8s.io/v1/Gateway gateway.networking.k8s.io/v1/GatewayClass] but was `/Deployment`',
  },
  { id: 'CFG-I-40 dry-run not a bool', yaml: ap('rules:\n- {}', '  annotations:\n    istio.io/dry-run: "foo"\n'), errors: ['MW021@7:23'], message: 'foo/p has annotation istio.io/dry-run with invalid value (`foo`)' },
  { id: 'CFG-I-40 dry-run on CUSTOM', yaml: ap('action: CUSTOM\nprovider:\n  name: x\nrules:\n- {}', '  annotations:\n    istio.io/dry-run: "true"\n'), errors: ['MW022@7:5'], message: 'found action CUSTOM in foo/p' },
  { id: 'CFG-I-40 dry-run on AUDIT', yaml: ap('action: AUDIT\nrules:\n- {}', '  annotations:\n    istio.io/dry-run: "true"\n'), errors: ['MW022@7:5'] },
  { id: 'CFG-I-40 dry-run on RA', yaml: ra('jwtRules:\n- issuer: a', '  annotations:\n    istio.io/dry-run: "true"\n'), errors: ['MW020@7:5'], message: 'foo/p has unsupported annotation istio.io/dry-run, please remove the annotation' },
  { id: 'CFG-I-42 empty jwt rule', yaml: ra('jwtRules:\n- {}'), errors: ['MW054@8:5'], message: 'issuer or jwksUri must be non-empty string' },
  { id: 'CFG-I-43 jwksUri without scheme', yaml: ra('jwtRules:\n- issuer: a\n  jwksUri: foo.com'), errors: ['MW055@9:14', 'MW015@9:14'], message: 'URI scheme "" is not supported' },
  { id: 'CFG-I-43 ftp jwksUri', yaml: ra('jwtRules:\n- issuer: a\n  jwksUri: ftp://x/jwks'), errors: ['MW055@9:14', 'MW015@9:14'], message: 'URI scheme "ftp" is not supported' },
  { id: 'CFG-I-44 jwksUri with bad port', yaml: ra('jwtRules:\n- issuer: a\n  jwksUri: https://foo.com:not-a-number'), errors: ['MW055@9:14', 'MW015@9:14'], message: 'invalid port ":not-a-number" after host' },
  { id: 'CFG-I-45 jwks not JSON', yaml: ra('jwtRules:\n- issuer: a\n  jwks: foo'), errors: ['MW056@9:11'], message: 'jwks parse error: ' },
  { id: 'CFG-I-47 empty audience', yaml: ra('jwtRules:\n- issuer: a\n  audiences: [""]'), errors: ['MW053@9:17'], message: 'audience must be non-empty string' },
  {
    id: 'CFG-I-48 empty token locations',
    yaml: ra(`jwtRules:
- issuer: a
  fromHeaders:
  - name: ""
    prefix: "Bearer "
  fromParams: [""]
  fromCookies: ["", "foo"]`),
    errors: ['MW058@10:13', 'MW059@12:18', 'MW060@13:19'],
    message: 'location header name must be non-empty string',
  },
  { id: 'CFG-I-53 port-level mTLS without selector', yaml: pa('portLevelMtls:\n  "80":\n    mode: STRICT'), errors: ['MW050@7:3', 'MW015@7:3'], message: 'mesh/namespace peer authentication cannot have port level mTLS' },
  { id: 'CFG-I-53 port-level mTLS with empty selector', yaml: pa('selector: {}\nportLevelMtls:\n  "80":\n    mode: STRICT'), errors: ['MW050@8:3', 'MW015@7:3'], warnings: ['MW027@7:13'] },
  { id: 'CFG-I-54 empty port-level mTLS', yaml: pa('selector:\n  matchLabels:\n    app: a\nportLevelMtls: {}'), errors: ['MW051@10:18'], message: 'port level mTLS, if defined, must have at least one element' },
  { id: 'CFG-I-55 port 0', yaml: pa('selector:\n  matchLabels:\n    app: a\nportLevelMtls:\n  "0":\n    mode: STRICT'), errors: ['MW052@11:5', 'MW015@11:5'], message: 'port must be in range 1..65535' },
  { id: 'CFG-I-55 port 42949672', yaml: pa('selector:\n  matchLabels:\n    app: a\nportLevelMtls:\n  "42949672":\n    mode: STRICT'), errors: ['MW052@11:5', 'MW015@11:5'] },
  { id: 'CFG-I-56 port acd', yaml: pa('selector:\n  matchLabels:\n    app: a\nportLevelMtls:\n  "acd":\n    mode: STRICT'), errors: ['MW052@11:5', 'MW015@11:5'] },
];

// ---- D.2: valid but surprising (must be accepted) ---------------------------------------------

export const VALID: readonly Case[] = [
  { id: 'CFG-V-01 allow-nothing', yaml: ap(''), errors: [] },
  { id: 'CFG-V-02 allow-all', yaml: ap('rules:\n- {}'), errors: [] },
  { id: 'CFG-V-02 deny-all', yaml: ap('action: DENY\nrules:\n- {}'), errors: [] },
  {
    id: 'CFG-V-03 DENY with only HTTP attributes',
    yaml: ap(`action: DENY
rules:
- from:
  - source:
      requestPrincipals: ["*"]
- to:
  - operation:
      methods: ["POST"]
      paths: ["/admin/*"]`),
    errors: [],
    warnings: ['MW049@9:5', 'MW049@12:5'],
    message: 'configured AuthorizationPolicy will deny all traffic to TCP ports under its scope due to the use of only HTTP attributes in a DENY rule; it is recommended to explicitly specify the port',
  },
  { id: 'CFG-V-03 DENY with a port: no warning', yaml: ap('action: DENY\nrules:\n- to:\n  - operation:\n      ports: ["8080"]\n      paths: ["/admin"]'), errors: [] },
  { id: 'CFG-V-03 quirk: trustDomains is not a TCP field', yaml: ap('action: DENY\nrules:\n- from:\n  - source:\n      trustDomains: ["td"]'), errors: [], warnings: ['MW049@9:5'] },
  { id: 'CFG-V-03 quirk: destination.port in when does not silence', yaml: ap('action: DENY\nrules:\n- to:\n  - operation:\n      methods: ["GET"]\n  when:\n  - key: destination.port\n    values: ["80"]'), errors: [], warnings: ['MW049@9:5'] },
  { id: 'CFG-V-03 quirk: only-when DENY rule gets no warning', yaml: ap('action: DENY\nrules:\n- when:\n  - key: request.headers[x-evil]\n    values: ["1"]'), errors: [] },
  { id: 'CFG-V-05 empty label value', yaml: ap('selector:\n  matchLabels:\n    app: ""'), errors: [] },
  { id: 'CFG-V-07 lowercase method', yaml: ap('rules:\n- to:\n  - operation:\n      methods: ["get"]'), errors: [] },
  { id: 'CFG-V-08 port 0', yaml: ap('rules:\n- to:\n  - operation:\n      ports: ["0"]\n  when:\n  - key: destination.port\n    values: ["0"]'), errors: [] },
  { id: 'CFG-V-10 cluster.local principal', yaml: ap('rules:\n- from:\n  - source:\n      principals: ["cluster.local/ns/a/sa/b"]'), errors: [] },
  { id: 'CFG-V-11 bare service account', yaml: ap('rules:\n- from:\n  - source:\n      serviceAccounts: ["sa1"]'), errors: [] },
  { id: 'CFG-V-14 AUDIT', yaml: ap('action: AUDIT\nrules:\n- {}'), errors: [] },
  { id: 'CFG-V-15/16 RA alone, no audiences', yaml: ra('jwtRules:\n- issuer: https://issuer.example\n  jwksUri: https://issuer.example/jwks'), errors: [] },
  {
    id: 'CFG-V-18 jwks with a private RSA key',
    yaml: ra(`jwtRules:
- issuer: a
  jwks: '{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB","d":"AQAB"}]}'`),
    errors: [],
    warnings: ['MW057@9:11'],
    message: 'jwks key at index 0 contains private key material; only public keys are used for verification',
  },
  { id: 'CFG-V-18 jwks with an oct key', yaml: ra(`jwtRules:\n- issuer: a\n  jwks: '{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}'`), errors: [], warnings: ['MW057@9:11'] },
  { id: 'CFG-V-19 UNSET modes', yaml: pa('selector:\n  matchLabels:\n    app: a\nmtls:\n  mode: UNSET\nportLevelMtls:\n  8080:\n    mode: UNSET'), errors: [] },
  { id: 'CFG-V-21 namespace-wide PA', yaml: pa('mtls:\n  mode: STRICT'), errors: [] },
  { id: 'CFG-V-22 host without port', yaml: ap('rules:\n- to:\n  - operation:\n      hosts: ["example.com"]'), errors: [] },
];
