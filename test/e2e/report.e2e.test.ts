/**
 * The reach report in a real browser (Debian's Chromium, playwright-core): it opens with no
 * request but its own, a click or Enter on a workload shows that workload's blast radius and the
 * paths to it, the layer chart is drawn, hostile manifest names stay text, and with JS off the
 * graph still leads to the tables. The report is the real one for examples/seed-architecture (as
 * written), from `meshward reach` and `meshward lint`. Leaves a screenshot in
 * test-artifacts/report.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { renderReachHtml } from '../../src/report/html/index.js';
import type { LintReport, ReachReport } from '../../src/report/html/types.js';
import { hostileReport } from '../report/html/hostile.js';
import { browserSkipReason, openSession, servePages, type PageServer, type Session } from './browser.js';
import { seedReport } from './seed-report.js';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);

const skip = browserSkipReason();
if (skip) console.log(`# skipping the browser tests: ${skip}`);

describe('reach report in Chromium', { skip: skip ?? false }, () => {
  // The real analysis of the bundled example, through the commands' JSON.
  let report: ReachReport;
  let lint: LintReport;
  let html: string;
  let server: PageServer;

  before(async () => {
    ({ report, lint } = await seedReport());
    html = renderReachHtml(report, { lint, title: 'seed architecture, as written' });
    server = await servePages({
      'report.html': html,
      'hostile.html': renderReachHtml(hostileReport()),
    });
  });
  after(async () => {
    await server?.close();
  });

  it('is one small file for the seed example', () => {
    const bytes = Buffer.byteLength(html, 'utf8');
    assert.ok(bytes < 150_000, `${bytes} bytes`);
  });

  describe('with scripts on', () => {
    let s: Session;
    before(async () => {
      s = await openSession([server.url('report.html')]);
      await s.page.goto(server.url('report.html'));
    });
    after(async () => {
      await s?.close();
    });

    it('a click on orders/order-service shows what it can reach and who reaches it', async () => {
      const { page } = s;
      assert.equal(await page.locator('#panel').isVisible(), false, 'the panel starts closed');
      await page.locator('a.node[aria-label^="orders/order-service:"]').click();
      await page.locator('#panel').waitFor({ state: 'visible' });
      assert.equal(await page.locator('#panel-title').textContent(), 'orders/order-service');

      const payment = page.locator('#panel .reach-list li[data-to="production/payment-service"]');
      assert.equal(await payment.count(), 1);
      assert.equal(await payment.locator('.v.methods').textContent(), 'POST');
      assert.equal(await payment.locator('.v.paths').textContent(), '/api/v1/payments/process');
      assert.match((await payment.textContent()) ?? '', /payment-service-authz rule\[1\]/);
      assert.match((await payment.textContent()) ?? '', /lint MW\d+/, 'the flow is labelled with the lint codes of its policy');

      const dests = await page.locator('#panel .reach-list li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-to')));
      const expected = report.attackers.find((a) => a.attacker === 'orders/order-service')?.reachable.map((r) => r.to) ?? [];
      assert.deepEqual(dests, [...expected].sort());

      const callers = await page.locator('#panel .reached-by-list li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-from')));
      assert.ok(callers.includes('api-gateway/api-gateway'));
      // No ALLOW policy on order-service: the outside world reaches it through the ingress gateway.
      const external = page.locator('#panel .reached-by-list li[data-from="external"]');
      assert.match((await external.locator('.head').textContent()) ?? '', /via istio-system\/istio-ingressgateway/);

      // Edges of the selected workload are highlighted, the rest dimmed.
      assert.ok((await page.locator('svg.graph .edge.on').count()) > 0);
      assert.equal(await page.locator('a.node.selected').getAttribute('aria-label').then((l) => l?.split(':')[0]), 'orders/order-service');

      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: new URL('report.png', ARTIFACTS).pathname });
    });

    it('Enter on a focused workload opens its panel and Escape closes it', async () => {
      const { page } = s;
      const node = page.locator('a.node[aria-label^="production/payment-service:"]');
      await node.focus();
      await page.keyboard.press('Enter');
      await page.locator('#panel-title', { hasText: 'production/payment-service' }).waitFor();
      const fromOrders = page.locator('#panel .reached-by-list li[data-from="orders/order-service"]');
      assert.equal(await fromOrders.locator('.v.methods').textContent(), 'POST');
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('#panel').isVisible(), false);
      assert.equal(await node.evaluate((n) => n.ownerDocument.activeElement === n), true, 'focus returns to the workload');
    });

    it('draws the layer chart with one bar per layer', async () => {
      const chart = s.page.locator('svg.chart');
      assert.equal(await chart.isVisible(), true);
      assert.equal(await chart.locator('g.layer').count(), report.layers?.length);
      const box = await chart.boundingBox();
      assert.ok(box && box.width > 300 && box.height > 100, `chart is drawn at a readable size: ${JSON.stringify(box)}`);
    });

    it('lists every lint finding', async () => {
      assert.equal(await s.page.locator('table.lint tbody tr').count(), lint.diagnostics.length);
    });

    it('loads nothing but the report, and its CSP stops the page from fetching', async () => {
      assert.equal(s.errors.length, 0, `loading and using the page broke no CSP rule and threw nothing: ${s.errors.join(' | ')}`);
      const outcome = await s.page.evaluate(() =>
        fetch('https://example.com/beacon').then(
          () => 'fetched',
          () => 'refused',
        ),
      );
      assert.equal(outcome, 'refused');
      assert.ok(s.errors.length > 0 && s.errors.every((e) => e.includes('https://example.com/beacon') && /Content Security Policy/.test(e)), s.errors.join(' | '));
      assert.deepEqual(s.blocked, [], 'no request left the page (CSP refuses before the network)');
    });
  });

  it('hostile manifest names render as text and run nothing', async () => {
    const s = await openSession([server.url('hostile.html')]);
    try {
      await s.page.goto(server.url('hostile.html'));
      const node = s.page.locator('a.node').filter({ hasText: '<img' }).first();
      await node.click();
      await s.page.locator('#panel').waitFor({ state: 'visible' });
      assert.equal(await s.page.locator('#panel-title').textContent(), 'evil/<img src=x onerror=alert(1)>');
      const panel = (await s.page.locator('#panel').textContent()) ?? '';
      assert.ok(panel.includes('</script><script>alert(1)</script>'), 'paths, identity and claims show as text');
      assert.ok(panel.includes('<img src=x onerror=alert(1)>: </script><script>alert(1)</script>'), 'witness header pairs show as text');
      assert.ok(panel.includes('</script><script>alert(1)</script>: <img src=x onerror=alert(1)>'), 'witness header maps show as text');
      assert.equal(await s.page.locator('img').count(), 0, 'no <img> element was created');
      assert.equal(await s.page.locator('script').count(), 2, 'only the data block and the report script exist');
      assert.deepEqual(s.dialogs, [], 'no alert ran');
      assert.deepEqual(s.errors, []);
      assert.deepEqual(s.blocked, []);
    } finally {
      await s.close();
    }
  });

  it('with scripts off, a workload link leads to its table', async () => {
    const s = await openSession([server.url('report.html')], { javaScriptEnabled: false });
    try {
      await s.page.goto(server.url('report.html'));
      const node = s.page.locator('a.node[aria-label^="orders/order-service:"]');
      const href = await node.getAttribute('href');
      await node.click();
      assert.equal(new URL(s.page.url()).hash, href);
      const section = s.page.locator(`section${href ?? ''}`);
      assert.equal(await section.locator('h3').textContent(), 'orders/order-service');
      const row = section.locator('tr', { hasText: 'production/payment-service' });
      assert.match((await row.textContent()) ?? '', /POST.*\/api\/v1\/payments\/process/);
      assert.equal(await section.isVisible(), true);
      assert.deepEqual(s.blocked, []);
    } finally {
      await s.close();
    }
  });
});
