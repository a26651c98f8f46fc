/**
 * The HTML report as a string: hostile manifest strings never become markup or break out of the
 * data block, the same input gives the same bytes, nothing points outside the file, the CSP admits
 * exactly the page's own script and style, and the sections follow the input.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { escapeHtml, jsonForScript, renderReachHtml } from '../../../src/report/html/index.js';
import type { LintReport, ReachReport } from '../../../src/report/html/types.js';
import { EXTRA, hostileLint, hostileReport, IMG, SCRIPT } from './hostile.js';

const FIXTURES = new URL('../../fixtures/reach/', import.meta.url);
const seed = JSON.parse(readFileSync(new URL('seed-as-written.json', FIXTURES), 'utf8')) as ReachReport;
const seedLint = JSON.parse(readFileSync(new URL('seed-as-written.lint.json', FIXTURES), 'utf8')) as LintReport;

const DATA_OPEN = '<script type="application/json" id="reach-data">';

/** The raw text of the inline data block, up to the first `</script>` as an HTML parser ends it. */
function dataBlock(html: string): string {
  const start = html.indexOf(DATA_OPEN);
  assert.ok(start >= 0, 'the data block exists');
  const from = start + DATA_OPEN.length;
  return html.slice(from, html.indexOf('</script>', from));
}

/** Start tags in the markup: `<name ...>`, as an HTML tokenizer sees them. */
function startTags(html: string): string[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>/g)].map((m) => m[0]);
}

/** Attribute names of a start tag, skipping quoted values as the HTML tokenizer does. */
function attributeNames(tag: string): string[] {
  const body = tag.replace(/^<[a-zA-Z][a-zA-Z0-9-]*/, '').replace(/\/?>$/, '');
  return [...body.matchAll(/\s*([^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g)].map((m) => (m[1] ?? '').toLowerCase());
}

describe('escapeHtml and jsonForScript', () => {
  it('escapes the five HTML metacharacters', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
  it('keeps JSON valid while hiding <, >, &, U+2028 and U+2029 from the HTML parser', () => {
    const value = { s: `${SCRIPT}<!--&\u2028\u2029` };
    const out = jsonForScript(value);
    assert.doesNotMatch(out, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(out), value);
  });
});

describe('renderReachHtml: hostile manifest strings', () => {
  const html = renderReachHtml(hostileReport(), { lint: hostileLint(), title: IMG });

  it('never emits them as markup', () => {
    assert.ok(!html.includes(IMG), 'the <img> payload appears only escaped');
    assert.ok(!html.includes(SCRIPT), 'the </script> payload appears only escaped');
    const tags = startTags(html);
    assert.deepEqual(
      tags.filter((t) => /^<(img|iframe|object|embed|link|base|form|meta http-equiv="refresh")/i.test(t)),
      [],
    );
    assert.deepEqual(tags.filter((t) => attributeNames(t).some((a) => a.startsWith('on'))), [], 'no start tag carries an event handler');
    assert.equal(tags.filter((t) => /^<script\b/i.test(t)).length, 2, 'the data block and the report script, nothing else');
    assert.equal(html.match(/<\/script/gi)?.length, 2);
  });

  it('keeps them inside their attribute values', () => {
    // EXTRA starts with `"`: unescaped, it would close aria-label and add an onmouseover attribute.
    assert.ok(html.includes(escapeHtml(EXTRA)));
    const names = new Set(startTags(html).flatMap(attributeNames));
    assert.ok(!names.has('onmouseover') && !names.has('data-pwned'), [...names].join(' '));
    assert.ok(names.has('aria-label'), 'the parser sees the attributes that are there');
  });

  it('keeps the data block closed and its JSON intact', () => {
    const block = dataBlock(html);
    assert.doesNotMatch(block, /[<>&\u2028\u2029]/);
    const data = JSON.parse(block) as { nodes: { id: string }[]; flows: { paths: string[]; witness: { headers: [string, string][] } }[] };
    assert.deepEqual(data.nodes.map((n) => n.id).sort(), [`${SCRIPT}/${EXTRA}`, `evil/${IMG}`].sort());
    assert.deepEqual(data.flows[0]?.paths, [SCRIPT]);
    assert.deepEqual(data.flows[0]?.witness.headers, [[IMG, SCRIPT]]);
  });

  it('links only to anchors inside the page', () => {
    const hrefs = [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]);
    assert.ok(hrefs.length > 0);
    for (const h of hrefs) assert.match(h ?? '', /^#wl-\d+$/);
  });
});

describe('renderReachHtml: self-contained', () => {
  const html = renderReachHtml(seed, { lint: seedLint });

  it('refers to no URL outside the file', () => {
    assert.doesNotMatch(html, /\s(?:src|href|xlink:href|action|srcset|poster|data)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|\/\/)/i);
    assert.doesNotMatch(html, /url\(\s*["']?\s*(?:https?:|\/\/)/i);
    assert.doesNotMatch(html, /@import/i);
    assert.doesNotMatch(html, /https?:\/\/(?!identity-server\.internal)/, 'the only URL is the issuer, as text');
  });

  it('has a CSP that forbids loads and admits exactly its own script and style by hash', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    assert.match(csp, /(^|; )default-src 'none'(;|$)/);
    assert.match(csp, /form-action 'none'/);
    assert.match(csp, /base-uri 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*|https?:|data:/);
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = (s: string): string => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    assert.match(csp, new RegExp(`script-src ${escapeRe(hash(script))}(;|$)`));
    assert.match(csp, new RegExp(`style-src ${escapeRe(hash(style))}(;|$)`));
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<style>'), 'the CSP precedes everything it governs');
  });

  it('stays well under 200 KB for the seed example', () => {
    const bytes = Buffer.byteLength(html, 'utf8');
    assert.ok(bytes < 150_000, `${bytes} bytes`);
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

describe('renderReachHtml: deterministic', () => {
  it('gives byte-identical output for the same input', () => {
    assert.equal(renderReachHtml(seed, { lint: seedLint }), renderReachHtml(structuredClone(seed), { lint: structuredClone(seedLint) }));
  });

  it('does not depend on the order the analysis lists attackers and destinations in', () => {
    const shuffled: ReachReport = { ...seed, attackers: [...seed.attackers].reverse().map((a) => ({ ...a, reachable: [...a.reachable].reverse() })) };
    assert.equal(renderReachHtml(shuffled), renderReachHtml(seed));
  });
});

describe('renderReachHtml: sections follow the input', () => {
  it('draws one node per workload and attacker, and one chart bar per layer', () => {
    const html = renderReachHtml(seed, { lint: seedLint });
    const ids = new Set([...seed.attackers.map((a) => a.attacker), ...seed.attackers.flatMap((a) => a.reachable.map((r) => r.to))]);
    assert.equal(html.match(/<a class="node/g)?.length, ids.size);
    assert.equal(html.match(/<g class="layer">/g)?.length, seed.layers?.length);
    assert.equal(html.match(/<tr class="sev-/g)?.length, seedLint.diagnostics.length);
    assert.match(html, /<h2 id="h-quarantine">/);
  });

  it('leaves out the chart, lint and quarantine when they are absent', () => {
    const html = renderReachHtml({ attackers: seed.attackers });
    assert.doesNotMatch(html, /<svg class="chart"|id="h-layers"|id="h-lint"|id="h-quarantine"|id="h-summary"/);
    assert.match(html, /<svg class="graph"/);
  });

  it('uses the title, escaped, and a default otherwise', () => {
    assert.match(renderReachHtml(seed, { title: 'a & b' }), /<title>a &amp; b<\/title>/);
    assert.match(renderReachHtml(seed), /<title>meshward reach<\/title>/);
  });
});

describe('renderReachHtml: quarantine what-if', () => {
  it('shows each identity with its radius before and after, and the flows the deny cuts', () => {
    const html = renderReachHtml({
      attackers: seed.attackers,
      quarantine: [
        {
          identity: 'spiffe://cluster.local/ns/compromised/sa/suspicious-service',
          workloads: ['compromised/suspicious-service'],
          before: { entries: 7, destinations: 7 },
          after: { entries: 2, destinations: 2 },
          broken: [{ from: 'compromised/suspicious-service', to: 'production/payment-service', port: 80, protocol: 'HTTP', transport: 'mtls', decidedBy: 'production/payment-service-authz rule[1]', methods: ['POST'], paths: ['/api/v1/payments/process'] }],
        },
      ],
    });
    const section = html.slice(html.indexOf('id="h-quarantine"'), html.indexOf('id="h-all"'));
    assert.match(section, /7 flows to 7 destinations before, <strong>2 flows to 2 destinations<\/strong> after/);
    assert.match(section, /flows the deny cuts \(1\)/);
    assert.match(section, /<td>production\/payment-service:80 HTTP<\/td><td>mtls<\/td><td>POST<\/td><td>\/api\/v1\/payments\/process<\/td>/);
  });

  it('shows a result of another shape as escaped JSON', () => {
    const html = renderReachHtml({ attackers: [], quarantine: { note: SCRIPT } });
    assert.match(html, /<pre class="json">\{\n {2}&quot;note&quot;: &quot;&lt;\/script&gt;/);
  });
});
