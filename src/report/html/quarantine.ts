/**
 * The quarantine what-if: per identity, its blast radius before and after a mesh-wide DENY of it,
 * and the flows the DENY would cut (legitimate ones included, which is the point of asking).
 * A result of another shape, from a newer or older meshward, is shown as indented JSON.
 */
import { escapeHtml } from './escape.js';
import { formatNumber } from './svg-layers.js';
import type { QuarantineResult, ReachReport } from './types.js';

function isRadius(v: unknown): v is { entries: number; destinations: number } {
  return typeof v === 'object' && v !== null && typeof (v as { entries?: unknown }).entries === 'number' && typeof (v as { destinations?: unknown }).destinations === 'number';
}

function isResult(v: unknown): v is QuarantineResult {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Partial<Record<keyof QuarantineResult, unknown>>;
  return typeof r.identity === 'string' && isRadius(r.before) && isRadius(r.after) && Array.isArray(r.broken);
}

function radius(r: { entries: number; destinations: number }): string {
  return `${formatNumber(r.entries)} flows to ${formatNumber(r.destinations)} destinations`;
}

function renderResult(q: QuarantineResult): string {
  const members = q.workloads && q.workloads.length > 0 ? ` (${q.workloads.map((w) => escapeHtml(w)).join(', ')})` : '';
  const rows = q.broken
    .map(
      (b) =>
        `<tr><td>${escapeHtml(b.from)}</td><td>${escapeHtml(`${b.to}:${b.port}`)}${b.protocol ? ` ${escapeHtml(b.protocol)}` : ''}</td>` +
        `<td>${escapeHtml(b.transport ?? '')}</td><td>${escapeHtml((b.methods ?? []).join(' '))}</td><td>${escapeHtml((b.paths ?? []).join(' '))}</td><td>${escapeHtml(b.decidedBy ?? '')}</td></tr>`,
    )
    .join('');
  const table =
    q.broken.length === 0
      ? '<p>no flow is cut</p>'
      : `<table class="data"><thead><tr><th scope="col">from</th><th scope="col">to</th><th scope="col">transport</th><th scope="col">methods</th><th scope="col">paths</th><th scope="col">was allowed by</th></tr></thead><tbody>${rows}</tbody></table>`;
  return (
    `<h3>deny <code>${escapeHtml(q.identity)}</code>${members}</h3>` +
    `<p>its blast radius: ${escapeHtml(radius(q.before))} before, <strong>${escapeHtml(radius(q.after))}</strong> after</p>` +
    `<h4>flows the deny cuts (${q.broken.length})</h4>${table}`
  );
}

export function renderQuarantine(q: NonNullable<ReachReport['quarantine']>): string {
  if (Array.isArray(q) && q.every(isResult)) return q.map(renderResult).join('');
  return `<pre class="json">${escapeHtml(JSON.stringify(q, null, 2))}</pre>`;
}
