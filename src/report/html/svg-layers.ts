/**
 * The layer comparison as a horizontal bar chart: per layer, a bar for the mean attack surface of
 * a compromised workload and a tick at the worst case, with the numbers written beside the bar so
 * the chart reads without colour and without measuring. A table with the same numbers follows.
 */
import { escapeHtml } from './escape.js';
import { clip } from './svg-graph.js';
import type { LayerMeasure } from './types.js';

const LABEL_WIDTH = 330;
const BAR_SPACE = 360;
const ROW = 34;
const TOP = 8;

/**
 * Formats a number the same way on every platform (no locale). The report may be rendered from a
 * JSON file of unknown origin, so a value that is not a finite number prints as `?`.
 */
export function formatNumber(n: number): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '?';
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function size(n: number): number {
  return typeof n === 'number' && Number.isFinite(n) ? Math.max(0, n) : 0;
}

export function renderLayersChart(layers: readonly LayerMeasure[]): string {
  const scale = Math.max(1, ...layers.map((l) => Math.max(size(l.max), size(l.mean))));
  const width = LABEL_WIDTH + BAR_SPACE + 230;
  const height = TOP * 2 + layers.length * ROW;
  const rows = layers.map((l, i) => {
    const y = TOP + i * ROW;
    const bar = Math.round((size(l.mean) / scale) * BAR_SPACE);
    const tick = LABEL_WIDTH + Math.round((size(l.max) / scale) * BAR_SPACE);
    const words = `mean ${formatNumber(l.mean)} · max ${formatNumber(l.max)} · total ${formatNumber(l.total)}`;
    return (
      `<g class="layer"><title>${escapeHtml(`${l.name}: ${words}${l.description ? ` (${l.description})` : ''}`)}</title>` +
      `<text class="label" x="${LABEL_WIDTH - 8}" y="${y + 20}">${escapeHtml(clip(l.name, 46))}</text>` +
      `<rect class="bar" x="${LABEL_WIDTH}" y="${y + 6}" width="${bar}" height="20"/>` +
      `<line class="max" x1="${tick}" y1="${y + 2}" x2="${tick}" y2="${y + 30}"/>` +
      `<text class="value" x="${LABEL_WIDTH + BAR_SPACE + 12}" y="${y + 20}">${escapeHtml(words)}</text></g>`
    );
  });
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="attack surface per compromised workload under each combination of defence layers">` +
    `<line class="axis" x1="${LABEL_WIDTH}" y1="0" x2="${LABEL_WIDTH}" y2="${height}"/>${rows.join('')}</svg>`
  );
}

export function renderLayersTable(layers: readonly LayerMeasure[]): string {
  const described = layers.some((l) => l.description);
  const rows = layers
    .map(
      (l) =>
        `<tr><th scope="row">${escapeHtml(l.name)}</th><td>${formatNumber(l.mean)}</td><td>${formatNumber(l.max)}</td><td>${formatNumber(l.total)}</td>` +
        `${described ? `<td>${escapeHtml(l.description ?? '')}</td>` : ''}</tr>`,
    )
    .join('');
  const keeps = described ? '<th scope="col">what it keeps</th>' : '';
  return `<table class="data layers"><thead><tr><th scope="col">layers</th><th scope="col">mean</th><th scope="col">max</th><th scope="col">total</th>${keeps}</tr></thead><tbody>${rows}</tbody></table>`;
}
