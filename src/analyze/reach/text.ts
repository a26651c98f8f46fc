/**
 * The reach report for people: per attacker a compact table (destination, port, transport,
 * methods, paths, what is required, deciding rule), then the layer and quarantine tables.
 */
import type { ReachEntry, ReachReport } from './types.js';

function table(rows: readonly string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.min(60, Math.max(...rows.map((r) => (r[c] ?? '').length))));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd());
}

const list = (xs: readonly string[]): string => (xs.length === 0 ? '-' : xs.join(','));

function row(e: ReachEntry): string[] {
  const req = [...e.requires, ...e.except.map((x) => `except ${x}`)];
  return [
    `${e.to}${e.via ? ` (via ${e.via})` : ''}`,
    `${e.port}/${e.protocol}`,
    e.transport,
    list(e.methods),
    list(e.paths),
    req.length ? req.join('; ') : '-',
    e.decidedBy,
  ];
}

export function formatReachText(r: ReachReport): string {
  const out: string[] = [];
  for (const a of r.attackers) {
    out.push(`${a.attacker}${a.identity ? `  (${a.identity})` : ''}: ${a.reachable.length} reachable class${a.reachable.length === 1 ? '' : 'es'}`);
    for (const t of a.tokens) out.push(`  replayable token: issuer \`${t.issuer}\`${t.audiences.length ? ` audiences ${t.audiences.map((x) => `\`${x}\``).join(', ')}` : ''}`);
    if (a.reachable.length > 0) {
      for (const line of table([['TO', 'PORT', 'TRANSPORT', 'METHODS', 'PATHS', 'REQUIRES', 'DECIDED BY'], ...a.reachable.map(row)])) out.push(`  ${line}`);
    }
    out.push('');
  }
  const s = r.summary;
  out.push(`${s.attackers} attackers, ${s.destinations} destinations, ${s.entries} reachable classes over ${s.pairs} attacker→destination pairs${s.unresolved ? `, ${s.unresolved} unresolved` : ''}`);
  if (r.layers) {
    out.push('', 'attack surface per compromised workload (reachable destination × port × request classes)');
    for (const line of table([['LAYERS', 'MEAN', 'MAX', 'TOTAL'], ...r.layers.map((l) => [l.name, String(l.mean), String(l.max), String(l.total)])])) out.push(`  ${line}`);
  }
  for (const q of r.quarantine ?? []) {
    out.push('', `quarantine ${q.identity} (${q.workloads.join(', ') || 'no workload runs as it'})`);
    out.push(`  blast radius: ${q.before.entries} classes to ${q.before.destinations} destinations before, ${q.after.entries} to ${q.after.destinations} after`);
    for (const e of q.after.remaining) out.push(`  still reachable: ${e.to}:${e.port} ${e.transport} ${list(e.methods)} ${list(e.paths)} (${e.decidedBy})`);
    out.push(`  flows broken: ${q.broken.length}`);
    for (const b of q.broken) out.push(`    ${b.from} → ${b.to}:${b.port} ${b.transport} ${list(b.methods)} ${list(b.paths)} (${b.decidedBy})`);
  }
  return `${out.join('\n')}\n`;
}
