/**
 * The report as static HTML tables: every workload's blast radius and who reaches it, lint
 * findings and the summary. This is what the page shows with JS off, and
 * the target of the graph's links, so nothing in the report depends on script to be read.
 */
import { escapeHtml } from './escape.js';
import { formatNumber } from './svg-layers.js';
import type { LintReport } from './types.js';
import type { FindingTag, FlowView, NodeView, ReachView } from './view-model.js';

const TAG_WORDS: Readonly<Record<FindingTag, string>> = {
  plaintext: 'plaintext',
  'default-allow': 'default allow',
  flagged: 'lint',
};

function list(values: readonly string[], empty = '—'): string {
  return values.length === 0 ? empty : values.map((v) => `<code>${escapeHtml(v)}</code>`).join(' ');
}

/** `80→8080 HTTP`, as both the table and the panel show a port. */
export function portLabel(f: Pick<FlowView, 'port' | 'targetPort' | 'protocol'>): string {
  const target = f.targetPort !== null && f.targetPort !== f.port ? `→${f.targetPort}` : '';
  return `${f.port}${target}${f.protocol ? ` ${f.protocol}` : ''}`;
}

/** The findings of a flow in words, e.g. `plaintext, default allow, lint MW106`. */
export function findingWords(f: Pick<FlowView, 'findings' | 'codes'>): string {
  return f.findings.map((t) => (t === 'flagged' ? `lint ${f.codes.join(' ')}` : TAG_WORDS[t])).join(', ');
}

function flowRow(f: FlowView, other: NodeView | undefined): string {
  const needs = [...f.requires.map((r) => `requires ${r}`), ...f.except.map((e) => `except ${e}`)];
  const words = findingWords(f);
  return (
    `<tr${f.findings.length > 0 ? ' class="finding"' : ''}>` +
    `<td>${escapeHtml(other?.id ?? '?')}${f.via ? ` <span class="via">via ${escapeHtml(f.via)}</span>` : ''}</td><td>${escapeHtml(portLabel(f))}</td><td>${escapeHtml(f.transport)}</td>` +
    `<td>${list(f.methods)}</td><td>${list(f.paths)}</td><td>${needs.length === 0 ? 'nothing' : needs.map((n) => escapeHtml(n)).join('<br>')}</td>` +
    `<td>${escapeHtml(f.decidedBy)}</td><td>${words ? `<strong>${escapeHtml(words)}</strong>` : '—'}</td></tr>`
  );
}

const FLOW_HEAD =
  '<thead><tr><th scope="col">destination</th><th scope="col">port</th><th scope="col">transport</th><th scope="col">methods</th><th scope="col">paths</th><th scope="col">needs</th><th scope="col">decided by</th><th scope="col">finding</th></tr></thead>';

function workloadSection(view: ReachView, i: number): string {
  const n = view.nodes[i];
  if (!n) return '';
  const out = view.flows.filter((f) => f.from === i);
  const callers = [...new Set(view.flows.filter((f) => f.to === i && f.from !== i).map((f) => f.from))];
  const identity = n.identity ? `identity <code>${escapeHtml(n.identity)}</code>` : 'no workload identity';
  const tokens =
    n.tokens.length === 0
      ? ''
      : `<ul class="tokens">${n.tokens
          .map((t) => `<li>token from <code>${escapeHtml(t.issuer)}</code> for ${list(t.audiences, 'any audience')}${t.replayable ? ' (replayable)' : ''}: ${escapeHtml(t.why)}</li>`)
          .join('')}</ul>`;
  const table = out.length === 0 ? '<p>reaches nothing</p>' : `<table class="data">${FLOW_HEAD}<tbody>${out.map((f) => flowRow(f, view.nodes[f.to])).join('')}</tbody></table>`;
  const reachedBy = callers.length === 0 ? 'nobody' : callers.map((c) => `<a href="#wl-${c}">${escapeHtml(view.nodes[c]?.id ?? '?')}</a>`).join(', ');
  return (
    `<section class="workload" id="wl-${i}" aria-labelledby="wl-${i}-h"><h3 id="wl-${i}-h">${escapeHtml(n.id)}</h3>` +
    `<p>${identity}</p>${tokens}<h4>can reach</h4>${table}<p><strong>reached by:</strong> ${reachedBy}</p></section>`
  );
}

export function renderWorkloadTables(view: ReachView): string {
  return view.nodes.map((_, i) => workloadSection(view, i)).join('');
}

export function renderLintTable(lint: LintReport): string {
  if (lint.diagnostics.length === 0) return '<p>no findings</p>';
  const rows = lint.diagnostics
    .map(
      (d) =>
        `<tr class="sev-${escapeHtml(d.severity)}"><td><code>${escapeHtml(d.code)}</code></td><td>${escapeHtml(d.severity)}</td>` +
        `<td>${escapeHtml(d.message)}${d.help ? `<div class="help">${escapeHtml(d.help)}</div>` : ''}</td>` +
        `<td><code>${escapeHtml(`${d.file}:${d.line}:${d.column}`)}</code></td><td>${escapeHtml(d.resource ?? '')}</td></tr>`,
    )
    .join('');
  return `<table class="data lint"><thead><tr><th scope="col">code</th><th scope="col">severity</th><th scope="col">finding</th><th scope="col">where</th><th scope="col">resource</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function scalar(v: unknown): string {
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') return escapeHtml(v);
  if (typeof v === 'boolean' || v === null || v === undefined) return String(v);
  return `<code>${escapeHtml(JSON.stringify(v))}</code>`;
}

/** The summary's fields as name and value, sorted by name. */
export function renderSummary(summary: object): string {
  const rows = Object.entries(summary)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${scalar(v)}</dd></div>`)
    .join('');
  return `<dl class="summary">${rows}</dl>`;
}
