/**
 * The webhook rules not covered by the section-D tables, one invalid/valid pair per rule, with
 * the exact place of each finding (`CODE@line:col`). Spec lines start at line 7.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WEBHOOK_CODES, validateWebhook } from '../../../src/schema/webhook/index.js';
import { ap, pa, ra, tm } from './cases.js';
import { brief, one } from './fixture.js';

const run = (yaml: string): string[] => brief(validateWebhook(one(yaml)));

const CASES: readonly [name: string, yaml: string, expected: string[]][] = [
  ['MW023 reserved annotation', ap('rules:\n- {}', '  annotations:\n    internal.istio.io/parents: x\n'), ['MW023@7:5']],
  ['MW028/MW029 targetRef without name, with namespace', ra('targetRef:\n  kind: Service\n  namespace: bar'), ['MW028@8:5', 'MW029@9:16']],
  ['targetRef to a ServiceEntry and a GatewayClass is fine', ap('targetRefs:\n- group: networking.istio.io\n  kind: ServiceEntry\n  name: se\n- group: gateway.networking.k8s.io\n  kind: GatewayClass\n  name: gc'), []],
  ['MW034 provider with ALLOW', ap('provider:\n  name: x\nrules:\n- {}'), ['MW034@7:3']],
  ['MW036 null rule', ap('rules:\n- null'), ['MW036@8:5']],
  ['MW036 null from item', ap('rules:\n- from:\n  - null'), ['MW036@9:7']],
  ['MW036 null when in CUSTOM (plus empty key)', ap('action: CUSTOM\nprovider:\n  name: x\nrules:\n- when:\n  - null'), ['MW036@12:7', 'MW046@12:7']],
  ['MW038 from entry without source', ap('rules:\n- from:\n  - {}'), ['MW038@9:7']],
  ['MW042 17 service accounts', ap(`rules:\n- from:\n  - source:\n      serviceAccounts: [${Array.from({ length: 17 }, (_, i) => `s${i}`).join(', ')}]`), ['MW042@10:26']],
  ['CUSTOM may use IPs, hosts and headers', ap('action: CUSTOM\nprovider:\n  name: x\nrules:\n- from:\n  - source:\n      ipBlocks: ["10.0.0.0/8"]\n  to:\n  - operation:\n      hosts: ["a"]\n  when:\n  - key: request.headers[x]\n    values: ["1"]'), []],
  ['MW061 bad claim header', ra('jwtRules:\n- issuer: a\n  outputClaimToHeaders:\n  - claim: sub\n    header: ":authority"'), ['MW061@11:15']],
  ['MW061 null claim entry and empty claim', ra('jwtRules:\n- issuer: a\n  outputClaimToHeaders:\n  - null\n  - claim: ""\n    header: h'), ['MW061@10:7', 'MW061@11:14']],
  ['MW058 null header location', ra('jwtRules:\n- issuer: a\n  fromHeaders:\n  - null'), ['MW058@10:7']],
  ['MW062 timeout', ra('jwtRules:\n- issuer: a\n  timeout: 500us\n- issuer: b\n  timeout: apple\n- issuer: c\n  timeout: 1.0005s'), ['MW062@9:14', 'MW062@11:14', 'MW062@13:14']],
  ['RA with jwksUri only, timeout 5s, both jwks and jwksUri: webhook accepts', ra('jwtRules:\n- jwksUri: https://x/jwks\n  jwks: \'{"keys":[]}\'\n  timeout: 5s'), []],
  ['PA 65535 is fine', pa('selector:\n  matchLabels:\n    app: a\nportLevelMtls:\n  "65535":\n    mode: DISABLE'), []],
  ['MW064 first empty provider name only', tm('metrics:\n- providers:\n  - name: prometheus\n  - name: ""\n  - {}'), ['MW064@10:13']],
  ['MW065/MW066/MW067/MW068/MW069 tag overrides', tm(`metrics:
- overrides:
  - null
  - match:
      customMetric: ""
    tagOverrides:
      "":
        operation: REMOVE
      nulled: null
      upsert:
        operation: UPSERT
      implicit-upsert: {}
      remove:
        operation: REMOVE
        value: oops`), ['MW067@9:7', 'MW066@13:9', 'MW067@15:17', 'MW068@17:11', 'MW068@18:26', 'MW069@21:18', 'MW065@11:23']],
  ['MW070 bad filter, empty filter', tm('accessLogging:\n- filter:\n    expression: "response.code >="\n  providers:\n  - name: envoy\n- filter: {}'), ['MW070@9:19', 'MW070@12:13']],
  ['access log filter with unknown attributes parses', tm(`accessLogging:\n- filter:\n    expression: 'response.code >= 400 && request.headers["x-a"] == "b"'`), []],
  ['MW071/MW072/MW073/MW074 tracing', tm(`tracing:
- providers:
  - name: a
  - name: b
  randomSamplingPercentage: 101
  customTags:
    lit:
      literal:
        value: ""
    hdr:
      header:
        name: ""
    env:
      environment:
        name: ""
    nil: null
- providers:
  - name: ""`), ['MW071@23:5', 'MW072@10:7', 'MW073@11:31', 'MW074@15:11', 'MW074@18:11', 'MW074@21:11', 'MW074@22:12', 'MW064@24:13']],
];

describe('webhook rules', () => {
  for (const [name, yaml, expected] of CASES) it(name, () => assert.deepEqual(run(yaml), expected));

  it('other kinds are not the webhook\'s business', () => {
    assert.deepEqual(validateWebhook(one('apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec: {}\n')), []);
  });

  it('resources built in code (no source) still get a span', () => {
    const d = validateWebhook({ apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'p', namespace: 'foo' }, spec: { action: 'DENY' } });
    assert.equal(d.length, 1);
    assert.equal(d[0]?.span.file, '<AuthorizationPolicy foo/p>');
  });
});

describe('WEBHOOK_CODES', () => {
  it('uses only MW020–MW079, each with a summary and a help', () => {
    for (const [code, info] of Object.entries(WEBHOOK_CODES)) {
      const n = Number(code.slice(2));
      assert.ok(code.startsWith('MW') && n >= 20 && n <= 79, code);
      assert.ok(info.summary.length > 0 && info.help.length > 0, code);
      assert.ok(info.severity === 'error' || info.severity === 'warning', code);
    }
  });
});
