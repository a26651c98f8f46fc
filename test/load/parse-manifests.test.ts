import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifests } from '../../src/load/manifests.js';
import type { AuthorizationPolicy, PeerAuthentication } from '../../src/model/resources.js';

const AP_HEAD = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: p
  namespace: foo
`;

interface DiagCase {
  name: string;
  yaml: string;
  /** `code line:col-endLine:endCol message` of every diagnostic, in order. */
  expect: string[];
  help?: string;
}

const diagCases: DiagCase[] = [
  {
    name: 'misspelled field with a suggestion',
    yaml: `${AP_HEAD}spec:\n  selecter:\n    matchLabels: {app: a}\n`,
    expect: ['MW002 7:3-7:11 unknown field `spec.selecter`'],
    help: 'did you mean `selector`?',
  },
  {
    name: 'wrong type: rules as an object',
    yaml: `${AP_HEAD}spec:\n  rules: {}\n`,
    expect: ['MW003 7:10-7:12 `spec.rules` must be of type array, found object'],
  },
  {
    name: 'bad enum with a suggestion',
    yaml: `${AP_HEAD}spec:\n  action: ALOW\n`,
    expect: ['MW004 7:11-7:15 `spec.action` must be one of `ALLOW`, `DENY`, `AUDIT`, `CUSTOM`, found `ALOW`'],
    help: 'did you mean `ALLOW`?',
  },
  {
    name: 'missing required when key',
    yaml: `${AP_HEAD}spec:\n  rules:\n  - when:\n    - values: ["a"]\n`,
    expect: ['MW005 9:7-9:20 missing required field `spec.rules[0].when[0].key`'],
  },
  {
    name: 'maxItems on serviceAccounts',
    yaml: `${AP_HEAD}spec:\n  rules:\n  - from:\n    - source:\n        serviceAccounts: [${Array.from({ length: 17 }, (_, i) => `s${i}`).join(', ')}]\n`,
    expect: ['MW006 10:26-10:101 `spec.rules[0].from[0].source.serviceAccounts` must have at most 16 items, found 17'],
  },
  {
    name: 'unquoted port number is not a string (kubectl sends a JSON number)',
    yaml: `${AP_HEAD}spec:\n  rules:\n  - to:\n    - operation:\n        ports: [8080]\n`,
    expect: ['MW003 10:17-10:21 `spec.rules[0].to[0].operation.ports[0]` must be of type string, found integer'],
    help: 'quote the value to make it a string',
  },
  {
    name: 'YAML 1.1 boolean `yes` in a label is not a string',
    yaml: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n  labels:\n    istio-injection: yes\n`,
    expect: ['MW003 6:22-6:25 `metadata.labels.istio-injection` must be of type string, found boolean'],
  },
  {
    name: 'unknown top-level key',
    yaml: `${AP_HEAD}spec: {}\nspecs: {}\n`,
    expect: ['MW002 7:1-7:6 unknown field `specs`'],
    help: 'did you mean `spec`?',
  },
  {
    name: 'missing metadata.name',
    yaml: `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  namespace: foo\n`,
    expect: ['MW005 3:1-3:9 missing required field `metadata.name`'],
  },
  {
    name: 'wrong apiVersion for a known kind',
    yaml: `apiVersion: security.istio.io/v1alpha1\nkind: AuthorizationPolicy\nmetadata: {name: p}\n`,
    expect: ['MW008 1:13-1:39 kind `AuthorizationPolicy` is not served by apiVersion `security.istio.io/v1alpha1`'],
    help: 'use `security.istio.io/v1` or `security.istio.io/v1beta1`',
  },
  {
    name: 'malformed YAML',
    yaml: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: [a\n`,
    expect: ['MW001 5:1-5:2 malformed YAML: flow sequence in block collection must be sufficiently indented and end with a ]'],
  },
  {
    name: 'duplicate mapping key',
    yaml: `${AP_HEAD}spec:\n  action: DENY\n  action: ALLOW\n`,
    expect: ['MW001 8:3-8:4 malformed YAML: duplicate key `action`'],
  },
  {
    name: 'a document that is not a mapping',
    yaml: `- just\n- a list\n`,
    expect: ['MW003 1:1-2:9 a manifest must be a mapping with `apiVersion` and `kind`, found array'],
  },
  {
    name: 'Telemetry oneOf: metric and customMetric together',
    yaml: `apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata: {name: t, namespace: foo}\nspec:\n  metrics:\n  - overrides:\n    - match:\n        metric: REQUEST_COUNT\n        customMetric: x\n`,
    expect: ['MW006 7:7-7:12 `spec.metrics[0].overrides[0].match` may set only one of `metric`, `customMetric`'],
  },
];

for (const c of diagCases) {
  test(`diagnostic: ${c.name}`, () => {
    const r = parseManifests(c.yaml, 'in.yaml');
    const got = r.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column}-${d.span.endLine}:${d.span.endColumn} ${d.message}`);
    assert.deepEqual(got, c.expect);
    if (c.help !== undefined) assert.equal(r.diagnostics[0]?.help, c.help);
    assert.ok(r.diagnostics.every((d) => d.span.file === 'in.yaml'));
    if (r.diagnostics.some((d) => d.severity === 'error')) assert.equal(r.resources.length, 0, 'an invalid object is not kept');
  });
}

test('multi-document file: empty documents skipped, docIndex counts every document', () => {
  const r = parseManifests(
    `---\n# nothing here\n---\n${AP_HEAD}spec: {}\n---\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: foo}\n`,
    'multi.yaml',
  );
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(
    r.resources.map((x) => [x.kind, x.metadata.name, x.source?.docIndex]),
    [
      ['AuthorizationPolicy', 'p', 1],
      ['Namespace', 'foo', 3],
    ],
  );
});

test('skipped kinds are reported with their kind span, not loaded', () => {
  const r = parseManifests(
    `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs}\nspec: {hosts: [a]}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n`,
    's.yaml',
  );
  assert.deepEqual(r.resources, []);
  assert.deepEqual(
    r.skipped.map((s) => [s.apiVersion, s.kind, s.name, `${s.span.line}:${s.span.column}`]),
    [
      ['networking.istio.io/v1', 'VirtualService', 'vs', '2:7'],
      ['v1', 'ConfigMap', 'cm', '7:7'],
    ],
  );
});

test('List kinds are expanded; item positions and validation stay exact', () => {
  const r = parseManifests(
    `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: a}\n- apiVersion: security.istio.io/v1beta1\n  kind: PeerAuthentication\n  metadata: {name: pa, namespace: a}\n  spec:\n    mtls: {mode: STRICT}\n- apiVersion: security.istio.io/v1\n  kind: PeerAuthentication\n  metadata: {name: bad, namespace: a}\n  spec:\n    mtls: {mode: strict}\n`,
    'list.yaml',
  );
  assert.deepEqual(
    r.resources.map((x) => `${x.kind}/${x.metadata.name}`),
    ['Namespace/a', 'PeerAuthentication/pa'],
  );
  const pa = r.resources[1] as PeerAuthentication;
  assert.equal(pa.spec.mtls?.mode, 'STRICT');
  const at = pa.source?.locate(['spec', 'mtls', 'mode']);
  assert.deepEqual([at?.line, at?.column], [11, 18]);
  assert.deepEqual(
    r.diagnostics.map((d) => [d.code, d.span.line, d.span.column, d.help]),
    [['MW004', 16, 18, 'did you mean `STRICT`?']],
  );
});

test('locate() finds deep fields, keys, and falls back to the nearest ancestor', () => {
  const yaml = `${AP_HEAD}spec:\n  action: DENY\n  rules:\n  - from:\n    - source:\n        principals: ["cluster.local/ns/a/sa/b"]\n    to:\n    - operation:\n        paths: ["/admin"]\n`;
  const r = parseManifests(yaml, 'deep.yaml');
  assert.deepEqual(r.diagnostics, []);
  const ap = r.resources[0] as AuthorizationPolicy;
  const src = ap.source;
  assert.ok(src);
  const pos = (p: (string | number)[], key?: boolean) => {
    const s = src.locate(p, key);
    return `${s.line}:${s.column}-${s.endLine}:${s.endColumn}`;
  };
  assert.equal(pos(['spec', 'rules', 0, 'from', 0, 'source', 'principals', 0]), '11:22-11:47');
  assert.equal(pos(['spec', 'rules', 0, 'to', 0, 'operation', 'paths'], true), '14:9-14:14');
  assert.equal(pos(['spec', 'action']), '7:11-7:15');
  // `notPaths` does not exist: the nearest ancestor (`operation`'s value) is returned.
  assert.equal(pos(['spec', 'rules', 0, 'to', 0, 'operation', 'notPaths']), '14:9-14:26');
  assert.equal(src.file, 'deep.yaml');
  assert.deepEqual(ap.spec.rules?.[0]?.to?.[0]?.operation?.paths, ['/admin']);
});

test('a bare `n` is the boolean false under YAML 1.1, so it is not a valid name', () => {
  const r = parseManifests(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n`, 'n.yaml');
  assert.deepEqual(r.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column} ${d.message}`), [
    'MW003 4:9 `metadata.name` must be of type string, found boolean',
  ]);
});

test('scalars are typed as Kubernetes types them: "true" stays a string, on/yes are booleans', () => {
  const r = parseManifests(
    `apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: ra\n  namespace: foo\n  annotations:\n    quoted: "true"\nspec:\n  jwtRules:\n  - issuer: "on"\n    forwardOriginalToken: on\n`,
    'scalars.yaml',
  );
  assert.deepEqual(r.diagnostics, []);
  const ra = r.resources[0];
  assert.equal(ra?.metadata.annotations?.quoted, 'true');
  const rule = (ra?.spec as { jwtRules: { issuer: string; forwardOriginalToken: boolean }[] }).jwtRules[0];
  assert.equal(rule?.issuer, 'on');
  assert.equal(rule?.forwardOriginalToken, true);
});

test('merge keys and aliases are applied; explicit keys win', () => {
  const r = parseManifests(
    `base: &sel\n  matchLabels: {app: a, tier: web}\n---\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: pa, namespace: foo}\nspec:\n  selector:\n    matchLabels:\n      <<: {app: merged, tier: web}\n      app: explicit\n`,
    'merge.yaml',
  );
  // The first document has no apiVersion/kind.
  assert.deepEqual(
    r.diagnostics.map((d) => `${d.code} ${d.message}`),
    ['MW005 missing required field `apiVersion`', 'MW005 missing required field `kind`'],
  );
  const pa = r.resources[0] as PeerAuthentication;
  assert.deepEqual(pa.spec.selector?.matchLabels, { app: 'explicit', tier: 'web' });
});

test('null property values are pruned like the API server; null list items are errors', () => {
  const ok = parseManifests(`${AP_HEAD}spec:\n  selector:\n  action: DENY\n  rules:\n  - {}\n`, 'n.yaml');
  assert.deepEqual(ok.diagnostics, []);
  const ap = ok.resources[0] as AuthorizationPolicy;
  assert.equal('selector' in ap.spec, false);
  assert.deepEqual(ap.spec.rules, [{}]);
  const bad = parseManifests(`${AP_HEAD}spec:\n  rules:\n  - ~\n`, 'n.yaml');
  assert.deepEqual(bad.diagnostics.map((d) => d.message), ['`spec.rules[0]` must be of type object, found null']);
});

test('duplicate objects: the later one wins and a warning points at it', () => {
  const r = parseManifests(
    `${AP_HEAD}spec: {action: ALLOW}\n---\n${AP_HEAD}spec: {action: DENY}\n`,
    'dup.yaml',
  );
  assert.equal(r.resources.length, 1);
  assert.equal((r.resources[0] as AuthorizationPolicy).spec.action, 'DENY');
  assert.deepEqual(
    r.diagnostics.map((d) => [d.code, d.severity, d.span.line, d.span.column, d.message]),
    [['MW007', 'warning', 11, 9, 'duplicate `AuthorizationPolicy foo/p`: it replaces the definition at dup.yaml:4:9']],
  );
});

test('keepInvalid keeps an object with errors next to its diagnostics', () => {
  const r = parseManifests(`${AP_HEAD}spec:\n  action: ALOW\n`, 'k.yaml', { keepInvalid: true });
  assert.equal(r.resources.length, 1);
  assert.equal(r.diagnostics[0]?.code, 'MW004');
});

test('a billion-laughs document is refused instead of expanded', () => {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i <= 8; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
  const r = parseManifests(lines.join('\n') + '\n', 'bomb.yaml');
  assert.deepEqual(r.diagnostics.map((d) => d.message), ['malformed YAML: document expands to too many nodes through aliases']);
});
