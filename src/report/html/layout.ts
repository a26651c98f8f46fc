/**
 * A deterministic graph layout computed at render time (no layout engine in the page): each
 * namespace is a group of workloads stacked by name, and groups are placed masonry-style into a
 * few columns (each into the shortest column, ties to the left) so that a mesh of many small
 * namespaces stays about as wide as it is tall. Attackers without a workload sort first, so they
 * always head the first column. Coordinates are integers so the SVG text is stable.
 */
import type { EdgeView, NodeView } from './view-model.js';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Group extends Box {
  namespace: string;
}

export interface GraphLayout {
  width: number;
  height: number;
  groups: readonly Group[];
  /** Same order as the nodes given. */
  boxes: readonly Box[];
}

export const NODE_WIDTH = 168;
export const NODE_HEIGHT = 44;
const ROW_GAP = 12;
const PAD = 10;
const HEADER = 22;
const GROUP_GAP = 18;
const COLUMN_GAP = 70;
const MARGIN = 12;
const GROUP_WIDTH = NODE_WIDTH + 2 * PAD;
const BOW_ROOM = 48;

/** Few columns for few groups; never more than five, so the graph fits beside the panel. */
function columnCount(groups: number): number {
  return Math.max(1, Math.min(5, groups, Math.ceil(Math.sqrt(groups) * 1.3)));
}

export function layoutGraph(nodes: readonly NodeView[]): GraphLayout {
  // Nodes arrive sorted by (pseudo, namespace, name): consecutive runs are the namespaces.
  const runs: { namespace: string; members: number[] }[] = [];
  nodes.forEach((n, i) => {
    const last = runs[runs.length - 1];
    if (last?.namespace === n.namespace) last.members.push(i);
    else runs.push({ namespace: n.namespace, members: [i] });
  });
  const columns = columnCount(runs.length);
  const heights: number[] = Array.from({ length: columns }, () => MARGIN);
  const groups: Group[] = [];
  const boxes: Box[] = new Array<Box>(nodes.length);
  for (const run of runs) {
    const c = heights.indexOf(Math.min(...heights));
    const x = MARGIN + c * (GROUP_WIDTH + COLUMN_GAP);
    const y = heights[c] ?? MARGIN;
    const height = HEADER + PAD + run.members.length * (NODE_HEIGHT + ROW_GAP) - ROW_GAP + PAD;
    groups.push({ namespace: run.namespace, x, y, width: GROUP_WIDTH, height });
    run.members.forEach((i, row) => {
      boxes[i] = { x: x + PAD, y: y + HEADER + PAD + row * (NODE_HEIGHT + ROW_GAP), width: NODE_WIDTH, height: NODE_HEIGHT };
    });
    heights[c] = y + height + GROUP_GAP;
  }
  return {
    // The last column keeps room on its right for edges that bow out between boxes of one column.
    width: MARGIN * 2 + columns * (GROUP_WIDTH + COLUMN_GAP) - COLUMN_GAP + BOW_ROOM,
    height: Math.max(...heights) - GROUP_GAP + MARGIN,
    groups,
    boxes,
  };
}

/**
 * The path of an edge: a cubic curve from the side of the source facing the target to the facing
 * side of the target; within one column it bows out to the right so it does not cross the boxes.
 */
export function edgePath(from: Box, to: Box, edge: EdgeView): string {
  // Small per-edge offsets keep parallel edges into one box from landing on the same pixel.
  const spread = ((edge.from * 7 + edge.to * 3) % 5) - 2;
  const fy = from.y + from.height / 2 + spread * 3;
  const ty = to.y + to.height / 2 + spread * 3;
  if (from.x === to.x) {
    const x = from.x + from.width;
    const bow = Math.min(BOW_ROOM + PAD, 24 + Math.round(Math.abs(ty - fy) / 5));
    return `M${x} ${Math.round(fy)} C${x + bow} ${Math.round(fy)} ${x + bow} ${Math.round(ty)} ${x + 2} ${Math.round(ty)}`;
  }
  const rightward = to.x > from.x;
  const sx = rightward ? from.x + from.width : from.x;
  const tx = rightward ? to.x - 2 : to.x + to.width + 2;
  const mid = Math.round((sx + tx) / 2);
  return `M${sx} ${Math.round(fy)} C${mid} ${Math.round(fy)} ${mid} ${Math.round(ty)} ${tx} ${Math.round(ty)}`;
}
