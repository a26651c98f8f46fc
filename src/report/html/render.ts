/**
 * `renderReachHtml`: one self-contained HTML file for a reach result. Everything is inline (CSS,
 * script, data) and a Content-Security-Policy forbids every load: the script and the stylesheet
 * are allowed by hash, so even a string that escaped its escaping could not run or fetch anything.
 */
import { createHash } from 'node:crypto';
import { escapeHtml, jsonForScript } from './escape.js';
import { PANEL_SCRIPT } from './panel-script.js';
import { REPORT_CSS } from './styles.js';
import { renderGraphSvg, renderLegend } from './svg-graph.js';
import { renderLayersChart, renderLayersTable } from './svg-layers.js';
import { renderQuarantine } from './quarantine.js';
import { renderLintTable, renderSummary, renderWorkloadTables } from './tables.js';
import type { ReachHtmlOptions, ReachReport } from './types.js';
import { buildReachView, type ReachView } from './view-model.js';

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * No `default-src` fallback is left open: `'none'` covers fetch, images, fonts, media, frames and
 * workers; `form-action` and `base-uri` do not fall back to `default-src`, so they are set too
 * (CSP Level 3, §6.1 and §6.3).
 */
export const REPORT_CSP = [
  "default-src 'none'",
  `script-src ${sha256(PANEL_SCRIPT)}`,
  `style-src ${sha256(REPORT_CSS)}`,
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

/** The data the panel script reads: the view, without what only the static markup needs. */
function pageData(view: ReachView): unknown {
  return {
    nodes: view.nodes.map((n) => ({ id: n.id, identity: n.identity, pseudo: n.pseudo, tokens: n.tokens })),
    flows: view.flows,
  };
}

function lede(view: ReachView): string {
  const workloads = view.nodes.filter((n) => !n.pseudo).length;
  const findings = view.flows.filter((f) => f.findings.length > 0).length;
  return `${workloads} workloads, ${view.flows.length} reachable flows, ${findings} of them exist because of a finding`;
}

/**
 * Renders the reach report as one offline HTML page.
 *
 * @example
 * const html = renderReachHtml(JSON.parse(readFileSync('reach.json', 'utf8')), { title: 'shop mesh' });
 * writeFileSync('report.html', html);
 */
export function renderReachHtml(report: ReachReport, opts: ReachHtmlOptions = {}): string {
  const view = buildReachView(report, opts.lint);
  const title = opts.title ?? 'meshward reach';
  const sections: string[] = [];
  sections.push(
    '<section aria-labelledby="h-graph"><h2 id="h-graph">Lateral movement</h2>' +
      '<p class="hint">Each box is a workload an attacker may take over; each arrow is a flow it can then make. ' +
      'Select a workload (click it, or Tab to it and press Enter) to see its blast radius and the paths to it.' +
      '<span class="nojs-only"> With scripts off, the links lead to the tables below.</span></p>' +
      renderLegend() +
      `<div class="layout"><div class="graph-wrap">${renderGraphSvg(view)}</div>` +
      '<aside id="panel" hidden aria-labelledby="panel-title"><button id="panel-close" type="button">Close</button><div id="panel-body"></div></aside></div></section>',
  );
  if (report.summary) sections.push(`<section aria-labelledby="h-summary"><h2 id="h-summary">Summary</h2>${renderSummary(report.summary)}</section>`);
  if (report.layers && report.layers.length > 0) {
    sections.push(
      '<section aria-labelledby="h-layers"><h2 id="h-layers">What each defence layer removes</h2>' +
        '<p class="hint">Attack surface of one compromised workload (reachable destination-port-operation classes): bar = mean, red tick = max.</p>' +
        `${renderLayersChart(report.layers)}${renderLayersTable(report.layers)}</section>`,
    );
  }
  if (opts.lint) sections.push(`<section aria-labelledby="h-lint"><h2 id="h-lint">Lint findings (${opts.lint.diagnostics.length})</h2>${renderLintTable(opts.lint)}</section>`);
  if (report.quarantine !== undefined && report.quarantine !== null) sections.push(`<section aria-labelledby="h-quarantine"><h2 id="h-quarantine">Quarantine what-if</h2>${renderQuarantine(report.quarantine)}</section>`);
  sections.push(`<section aria-labelledby="h-all"><h2 id="h-all">Every workload, as tables</h2>${renderWorkloadTables(view)}</section>`);

  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${escapeHtml(title)}</h1><p class="lede">${escapeHtml(lede(view))}</p></header>`,
    `<main>${sections.join('\n')}</main>`,
    `<script type="application/json" id="reach-data">${jsonForScript(pageData(view))}</script>`,
    `<script>${PANEL_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
