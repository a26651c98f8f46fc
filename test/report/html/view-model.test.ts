/**
 * How flows become coloured edges (a finding only when every flow on the edge has one) and the
 * layout's guarantees: boxes never overlap, sit inside the drawing, and group by namespace.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { layoutGraph } from '../../../src/report/html/layout.js';
import type { LintReport, ReachReport, ReachableEntry } from '../../../src/report/html/types.js';
import { buildReachView, type FindingTag } from '../../../src/report/html/view-model.js';

function entry(to: string, over: Partial<ReachableEntry> = {}): ReachableEntry {
  return { to, port: 80, transport: 'mtls', methods: ['*'], paths: ['*'], decidedBy: 'ns/p rule[0]', ...over };
}

const lint: LintReport = {
  diagnostics: [{ code: 'MW106', severity: 'warning', message: 'm', file: 'f.yaml', line: 1, column: 1, resource: 'AuthorizationPolicy prod/flagged' }],
};

const cases: { name: string; flows: Partial<ReachableEntry>[]; edge: FindingTag | null; tags: FindingTag[][] }[] = [
  { name: 'a policy rule meant it', flows: [{}], edge: null, tags: [[]] },
  { name: 'plaintext', flows: [{ transport: 'plaintext' }], edge: 'plaintext', tags: [['plaintext']] },
  { name: 'no ALLOW policy', flows: [{ decidedBy: 'no ALLOW policy (default allow)' }], edge: 'default-allow', tags: [['default-allow']] },
  { name: 'a policy lint flags', flows: [{ decidedBy: 'prod/flagged rule[1]' }], edge: 'flagged', tags: [['flagged']] },
  {
    name: 'the most serious finding names the edge',
    flows: [{ decidedBy: 'prod/flagged rule[1]', port: 81 }, { transport: 'plaintext', decidedBy: 'no ALLOW policy (default allow)', port: 82 }],
    edge: 'plaintext',
    tags: [['flagged'], ['plaintext', 'default-allow']],
  },
  { name: 'one meant flow makes the edge ordinary', flows: [{ transport: 'plaintext', port: 81 }, { port: 82 }], edge: null, tags: [['plaintext'], []] },
];

describe('buildReachView: findings', () => {
  for (const c of cases) {
    it(c.name, () => {
      const report: ReachReport = { attackers: [{ attacker: 'a/x', identity: null, reachable: c.flows.map((f) => entry('b/y', f)) }] };
      const view = buildReachView(report, lint);
      assert.equal(view.edges.length, 1);
      assert.equal(view.edges[0]?.finding, c.edge);
      assert.equal(view.edges[0]?.flows, c.flows.length);
      assert.deepEqual(view.flows.map((f) => f.findings), c.tags);
    });
  }

  it('names the lint codes of the deciding policy', () => {
    const view = buildReachView({ attackers: [{ attacker: 'a/x', identity: null, reachable: [entry('b/y', { decidedBy: 'prod/flagged rule[1]' })] }] }, lint);
    assert.deepEqual(view.flows[0]?.codes, ['MW106']);
  });

  it('draws no self-edge but keeps the flow', () => {
    const view = buildReachView({ attackers: [{ attacker: 'a/x', identity: null, reachable: [entry('a/x')] }] });
    assert.equal(view.edges.length, 0);
    assert.equal(view.flows.length, 1);
  });

  it('puts attackers without a workload first, then namespaces and names in order', () => {
    const view = buildReachView({
      attackers: [
        { attacker: 'z/b', identity: null, reachable: [entry('a/c')] },
        { attacker: 'external', identity: null, reachable: [entry('z/a')] },
      ],
    });
    assert.deepEqual(view.nodes.map((n) => n.id), ['external', 'a/c', 'z/a', 'z/b']);
  });
});

describe('layoutGraph', () => {
  const seed = JSON.parse(readFileSync(new URL('../../fixtures/reach/seed-as-written.json', import.meta.url), 'utf8')) as ReachReport;
  const view = buildReachView(seed);
  const layout = layoutGraph(view.nodes);

  it('places every node inside the drawing without overlaps', () => {
    assert.equal(layout.boxes.length, view.nodes.length);
    layout.boxes.forEach((b, i) => {
      assert.ok(b.x >= 0 && b.y >= 0 && b.x + b.width <= layout.width && b.y + b.height <= layout.height, `node ${i} inside`);
      layout.boxes.forEach((o, j) => {
        if (j <= i) return;
        const apart = b.x + b.width <= o.x || o.x + o.width <= b.x || b.y + b.height <= o.y || o.y + o.height <= b.y;
        assert.ok(apart, `${view.nodes[i]?.id} and ${view.nodes[j]?.id} overlap`);
      });
    });
  });

  it('draws each namespace once, around exactly its workloads', () => {
    const namespaces = [...new Set(view.nodes.map((n) => n.namespace))];
    assert.deepEqual(layout.groups.map((g) => g.namespace), namespaces);
    view.nodes.forEach((n, i) => {
      const g = layout.groups.find((x) => x.namespace === n.namespace);
      const b = layout.boxes[i];
      assert.ok(g && b && b.x >= g.x && b.y >= g.y && b.x + b.width <= g.x + g.width && b.y + b.height <= g.y + g.height, n.id);
    });
  });

  it('keeps a mesh of many namespaces about as wide as tall', () => {
    assert.ok(layout.width < 2 * layout.height + 400, `${layout.width}×${layout.height}`);
  });
});
