/**
 * The report's view of a reach result: workloads as nodes, every reachable entry as a flow tagged
 * with the findings it exists because of, and flows grouped into one edge per (attacker, target)
 * pair. Pure and deterministic: nodes and flows are sorted, so the same input renders the same bytes
 * even when the analysis lists attackers in a different order.
 */
import type { HeldToken, LintReport, ReachReport, ReachableEntry, Witness } from './types.js';

/** Why a flow exists when it should not: the report colours and labels these. */
export type FindingTag = 'plaintext' | 'default-allow' | 'flagged';

export interface NodeView {
  id: string;
  namespace: string;
  name: string;
  /** `external` and `in-cluster-plaintext`: attackers without a workload. */
  pseudo: boolean;
  identity: string | null;
  tokens: readonly HeldToken[];
}

export interface FlowView {
  from: number;
  to: number;
  port: number;
  targetPort: number | null;
  protocol: string;
  transport: string;
  methods: readonly string[];
  paths: readonly string[];
  hosts: readonly string[];
  requires: readonly string[];
  except: readonly string[];
  decidedBy: string;
  via: string | null;
  findings: readonly FindingTag[];
  /** Lint codes of the deciding policy (e.g. `MW106`), when lint findings were given. */
  codes: readonly string[];
  witness: Witness | null;
}

export interface EdgeView {
  from: number;
  to: number;
  flows: number;
  /** The most serious finding when every flow on the edge has one; `null` when a policy meant it. */
  finding: FindingTag | null;
}

export interface ReachView {
  nodes: readonly NodeView[];
  flows: readonly FlowView[];
  edges: readonly EdgeView[];
}

export const PSEUDO_NAMESPACE = 'outside the mesh';
const PSEUDO_IDS = new Set(['external', 'in-cluster-plaintext']);
const FINDING_ORDER: readonly FindingTag[] = ['plaintext', 'default-allow', 'flagged'];

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function splitId(id: string): { namespace: string; name: string } {
  if (PSEUDO_IDS.has(id)) return { namespace: PSEUDO_NAMESPACE, name: id };
  const slash = id.indexOf('/');
  return slash < 0 ? { namespace: '', name: id } : { namespace: id.slice(0, slash), name: id.slice(slash + 1) };
}

/**
 * Lint codes per policy: diagnostics name their resource `Kind ns/name`, reach names the deciding
 * policy `ns/name rule[i]`, so the policy's `ns/name` joins the two.
 */
function codesByPolicy(lint: LintReport | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of lint?.diagnostics ?? []) {
    const m = /^AuthorizationPolicy (\S+)$/.exec(d.resource ?? '');
    if (!m?.[1]) continue;
    const list = out.get(m[1]) ?? [];
    if (!list.includes(d.code)) list.push(d.code);
    out.set(m[1], list);
  }
  for (const list of out.values()) list.sort(cmp);
  return out;
}

function isDefaultAllow(decidedBy: string): boolean {
  return /^no ALLOW polic/i.test(decidedBy) || /default allow/i.test(decidedBy);
}

function tagsOf(e: ReachableEntry, codes: readonly string[]): FindingTag[] {
  const tags: FindingTag[] = [];
  if (e.transport === 'plaintext') tags.push('plaintext');
  if (isDefaultAllow(e.decidedBy)) tags.push('default-allow');
  if (codes.length > 0) tags.push('flagged');
  return tags;
}

function nodeOrder(a: NodeView, b: NodeView): number {
  return Number(b.pseudo) - Number(a.pseudo) || cmp(a.namespace, b.namespace) || cmp(a.name, b.name);
}

function flowKey(f: FlowView): string {
  return JSON.stringify([f.from, f.to, f.port, f.transport, f.via, f.decidedBy, f.methods, f.paths, f.hosts, f.requires, f.except]);
}

export function buildReachView(report: ReachReport, lint?: LintReport): ReachView {
  const byId = new Map<string, NodeView>();
  const ensure = (id: string): NodeView => {
    let n = byId.get(id);
    if (!n) {
      n = { id, ...splitId(id), pseudo: PSEUDO_IDS.has(id), identity: null, tokens: [] };
      byId.set(id, n);
    }
    return n;
  };
  for (const a of report.attackers) {
    const n = ensure(a.attacker);
    n.identity = a.identity;
    n.tokens = [...(a.tokens ?? [])].sort((x, y) => cmp(x.issuer, y.issuer) || cmp(x.why, y.why));
    for (const r of a.reachable) ensure(r.to);
  }
  const nodes = [...byId.values()].sort(nodeOrder);
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const policyCodes = codesByPolicy(lint);

  const flows: FlowView[] = [];
  for (const a of report.attackers) {
    for (const r of a.reachable) {
      const policy = /^(\S+\/\S+) rule\[/.exec(r.decidedBy)?.[1];
      const codes = (policy && policyCodes.get(policy)) || [];
      flows.push({
        from: index.get(a.attacker) ?? 0,
        to: index.get(r.to) ?? 0,
        port: r.port,
        targetPort: r.targetPort ?? null,
        protocol: r.protocol ?? '',
        transport: r.transport,
        methods: r.methods,
        paths: r.paths,
        hosts: r.hosts ?? [],
        requires: r.requires ?? [],
        except: r.except ?? [],
        decidedBy: r.decidedBy,
        via: r.via ?? null,
        findings: tagsOf(r, codes),
        codes,
        witness: r.witness ?? null,
      });
    }
  }
  flows.sort((x, y) => x.from - y.from || x.to - y.to || x.port - y.port || cmp(flowKey(x), flowKey(y)));
  return { nodes, flows, edges: groupEdges(flows) };
}

function groupEdges(flows: readonly FlowView[]): EdgeView[] {
  const edges: EdgeView[] = [];
  for (const f of flows) {
    // The attacker already holds its own workload: a self-edge says nothing about lateral movement.
    if (f.from === f.to) continue;
    const last = edges[edges.length - 1];
    const tag = FINDING_ORDER.find((t) => f.findings.includes(t)) ?? null;
    if (last && last.from === f.from && last.to === f.to) {
      last.flows++;
      // An edge is a finding only if no flow on it is one a policy meant to allow.
      if (last.finding !== null) last.finding = tag === null ? null : FINDING_ORDER[Math.min(FINDING_ORDER.indexOf(last.finding), FINDING_ORDER.indexOf(tag))] ?? tag;
    } else {
      edges.push({ from: f.from, to: f.to, flows: 1, finding: tag });
    }
  }
  return edges;
}
