/**
 * The workload graph as inline SVG. Workloads are `<a href="#wl-N">` links: focusable and
 * activated by Enter without any script, and with JS off they jump to the workload's static
 * section. Edges carry a dash pattern and a `<title>` as well as a colour, so findings read
 * without colour.
 */
import { escapeHtml } from './escape.js';
import { edgePath, layoutGraph } from './layout.js';
import type { EdgeView, FindingTag, ReachView } from './view-model.js';

export const FINDING_LABELS: Readonly<Record<FindingTag | 'policy', string>> = {
  plaintext: 'plaintext (no mTLS)',
  'default-allow': 'default allow (no ALLOW policy)',
  flagged: 'allowed by a policy lint flags',
  policy: 'allowed by a policy',
};

const MARKER_COLOURS: Readonly<Record<FindingTag | 'policy', string>> = {
  plaintext: '#c62828',
  'default-allow': '#a15c00',
  flagged: '#6a1b9a',
  policy: '#546e7a',
};

function kindOf(e: EdgeView): FindingTag | 'policy' {
  return e.finding ?? 'policy';
}

/** Shortens a label by code points so a long manifest name cannot overflow its box. */
export function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

function markers(): string {
  return Object.entries(MARKER_COLOURS)
    .map(
      ([kind, colour]) =>
        `<marker id="arrow-${kind}" viewBox="0 0 8 8" refX="7" refY="4" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0 0L8 4L0 8z" fill="${colour}"/></marker>`,
    )
    .join('');
}

export function renderGraphSvg(view: ReachView): string {
  const layout = layoutGraph(view.nodes);
  const outCount = view.nodes.map(() => new Set<number>());
  const inCount = view.nodes.map(() => new Set<number>());
  for (const e of view.edges) {
    outCount[e.from]?.add(e.to);
    inCount[e.to]?.add(e.from);
  }
  const parts: string[] = [];
  parts.push(
    `<svg class="graph" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="group" aria-label="workloads and the flows an attacker holding each one can make">`,
  );
  parts.push(`<defs>${markers()}</defs>`);
  for (const g of layout.groups) {
    parts.push(
      `<g class="ns"><rect x="${g.x}" y="${g.y}" width="${g.width}" height="${g.height}" rx="8"/>` +
        `<text x="${g.x + 10}" y="${g.y + 19}">${escapeHtml(clip(g.namespace || '(no namespace)', 24))}</text></g>`,
    );
  }
  parts.push('<g class="edges">');
  for (const e of view.edges) {
    const from = layout.boxes[e.from];
    const to = layout.boxes[e.to];
    const a = view.nodes[e.from];
    const b = view.nodes[e.to];
    if (!from || !to || !a || !b) continue;
    const kind = kindOf(e);
    const flows = e.flows === 1 ? '1 flow' : `${e.flows} flows`;
    parts.push(
      `<path class="edge e-${kind}" data-from="${e.from}" data-to="${e.to}" d="${edgePath(from, to, e)}" marker-end="url(#arrow-${kind})"><title>${escapeHtml(`${a.id} → ${b.id}: ${flows}, ${FINDING_LABELS[kind]}`)}</title></path>`,
    );
  }
  parts.push('</g><g class="nodes">');
  view.nodes.forEach((n, i) => {
    const box = layout.boxes[i];
    if (!box) return;
    const reaches = outCount[i]?.size ?? 0;
    const reachedBy = inCount[i]?.size ?? 0;
    const counts = n.pseudo ? `reaches ${reaches} · no identity` : `reaches ${reaches} · reached by ${reachedBy}`;
    parts.push(
      `<a class="node${n.pseudo ? ' pseudo' : ''}" href="#wl-${i}" data-i="${i}" aria-label="${escapeHtml(`${n.id}: ${counts}`)}">` +
        `<title>${escapeHtml(n.id)}</title>` +
        `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="6"/>` +
        `<text class="name" x="${box.x + 10}" y="${box.y + 18}">${escapeHtml(clip(n.name, 22))}</text>` +
        `<text class="count" x="${box.x + 10}" y="${box.y + 35}">${escapeHtml(counts)}</text></a>`,
    );
  });
  parts.push('</g></svg>');
  return parts.join('');
}

/** The legend: each edge kind as a sample line and its words. */
export function renderLegend(): string {
  const items = (Object.keys(FINDING_LABELS) as (FindingTag | 'policy')[]).map(
    (kind) =>
      `<li><svg width="44" height="10" aria-hidden="true"><line class="edge e-${kind}" x1="2" y1="5" x2="42" y2="5"/></svg> ${escapeHtml(FINDING_LABELS[kind])}</li>`,
  );
  return `<ul class="legend">${items.join('')}</ul>`;
}
