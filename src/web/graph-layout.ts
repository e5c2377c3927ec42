import { createHash } from 'node:crypto';
import dagre from '@dagrejs/dagre';

export interface LayoutInput {
  nodes: Array<{ id: string; group: string | null }>;
  edges: Array<{ from: string; to: string }>;
  /** The engine's topological waves (computeLayers), for the fast layout of big runs. */
  waves: string[][];
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: Map<string, { x: number; y: number }>;
  groups: Array<{ id: string; x: number; y: number; width: number; height: number }>;
  edges: Array<{ from: string; to: string; points: Array<{ x: number; y: number }> }>;
}

export const NODE_WIDTH = 176;
export const NODE_HEIGHT = 44;
const CACHE_SIZE = 32;
/**
 * Above this many blocks dagre's crossing minimisation takes seconds (3.5 s for 400 blocks on
 * this machine), so big runs get a plain wave-by-column layout in O(V+E) instead.
 */
export const MAX_DAGRE_BLOCKS = 120;
const cache = new Map<string, GraphLayout>();

/**
 * Lays out a run's DAG left to right with dagre (parallel groups as clusters). The layout depends
 * only on the template's shape, so it is cached by a fingerprint of it: every poll and every run
 * of the same template reuses it (a 400-block layout takes a few hundred milliseconds).
 */
export function layoutGraph(input: LayoutInput): GraphLayout {
  const key = createHash('sha256').update(JSON.stringify(input)).digest('hex');
  const hit = cache.get(key);
  if (hit) return hit;
  const layout = input.nodes.length > MAX_DAGRE_BLOCKS ? computeWaveLayout(input) : computeLayout(input);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, layout);
  return layout;
}

/** One column per wave; within a column, blocks ordered by where their dependencies sit. */
function computeWaveLayout(input: LayoutInput): GraphLayout {
  const colGap = 64;
  const rowGap = 14;
  const margin = { x: 20, y: 44 };
  const parents = new Map<string, string[]>();
  for (const e of input.edges) parents.set(e.to, [...(parents.get(e.to) ?? []), e.from]);
  const nodes = new Map<string, { x: number; y: number }>();
  let height = 0;
  input.waves.forEach((wave, col) => {
    const rank = (id: string) => {
      const ys = (parents.get(id) ?? []).map((p) => nodes.get(p)?.y).filter((y): y is number => y !== undefined);
      return ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : 0;
    };
    const ordered = col === 0 ? wave : [...wave].sort((a, b) => rank(a) - rank(b));
    ordered.forEach((id, row) => nodes.set(id, { x: margin.x + col * (NODE_WIDTH + colGap) + NODE_WIDTH / 2, y: margin.y + row * (NODE_HEIGHT + rowGap) + NODE_HEIGHT / 2 }));
    height = Math.max(height, margin.y + ordered.length * (NODE_HEIGHT + rowGap));
  });
  const edges = input.edges.map((e) => {
    const a = nodes.get(e.from)!;
    const b = nodes.get(e.to)!;
    return { ...e, points: [{ x: a.x + NODE_WIDTH / 2, y: a.y }, { x: b.x - NODE_WIDTH / 2, y: b.y }] };
  });
  return { width: margin.x * 2 + input.waves.length * (NODE_WIDTH + colGap), height: height + margin.y, nodes, groups: groupBoxes(input, nodes), edges };
}

function groupBoxes(input: LayoutInput, nodes: Map<string, { x: number; y: number }>): GraphLayout['groups'] {
  const members = new Map<string, Array<{ x: number; y: number }>>();
  for (const node of input.nodes) if (node.group) members.set(node.group, [...(members.get(node.group) ?? []), nodes.get(node.id)!]);
  const pad = 8;
  return [...members].map(([id, at]) => {
    const x = Math.min(...at.map((p) => p.x)) - NODE_WIDTH / 2 - pad;
    const y = Math.min(...at.map((p) => p.y)) - NODE_HEIGHT / 2 - pad - 16;
    return { id, x, y, width: Math.max(...at.map((p) => p.x)) + NODE_WIDTH / 2 + pad - x, height: Math.max(...at.map((p) => p.y)) + NODE_HEIGHT / 2 + pad - y };
  });
}

function computeLayout(input: LayoutInput): GraphLayout {
  // No dagre clusters: they spread the graph and tangle edges. Groups are drawn afterwards as the
  // box around their members, which share their dependencies and so sit in one column.
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 64, marginx: 20, marginy: 44 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of input.nodes) g.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of input.edges) g.setEdge(edge.from, edge.to);
  dagre.layout(g);
  const nodes = new Map<string, { x: number; y: number }>();
  for (const node of input.nodes) {
    const n = g.node(node.id);
    nodes.set(node.id, { x: n.x, y: n.y });
  }
  const graph = g.graph();
  return {
    width: Math.ceil(graph.width ?? 0),
    height: Math.ceil(graph.height ?? 0),
    nodes,
    groups: groupBoxes(input, nodes),
    edges: input.edges.map((e) => ({ ...e, points: ((g.edge(e.from, e.to)?.points ?? []) as Array<{ x: number; y: number }>).map((p) => ({ x: p.x, y: p.y })) })),
  };
}
