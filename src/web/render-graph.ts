import type { RunDetailsView } from '../domain/run-details-view';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH } from './graph-layout';
import { html, type SafeHtml } from './html';
import { BLOCK_ICONS } from './status-words';

/** Drawings up to this wide are scaled to the page on wide screens; larger ones scroll. */
const FIT_WIDTH = 2_400;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function path(points: Array<{ x: number; y: number }>): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
}

/**
 * The run's DAG as SVG: blocks left to right by wave, parallel groups boxed, gates marked, the
 * critical path drawn heavier. Each block is a link to its details below (keyboard reachable);
 * the page script recolours blocks as their states change.
 */
export function renderGraph(details: RunDetailsView): SafeHtml {
  const byId = new Map(details.blocks.map((b) => [b.id, b]));
  const layout = layoutGraph({
    nodes: details.blocks.map((b) => ({ id: b.id, group: b.parallelGroup })),
    edges: details.blocks.flatMap((b) => b.depends.filter((d) => byId.has(d)).map((d) => ({ from: d, to: b.id }))),
    waves: details.waves,
  });
  const critical = new Set(details.criticalPath);
  const onPath = (from: string, to: string) => critical.has(from) && critical.has(to) && details.criticalPath.indexOf(to) === details.criticalPath.indexOf(from) + 1;
  // One label per column of the drawing: the layers of the blocks placed in it.
  const columns = new Map<number, Set<string>>();
  for (const b of details.blocks) {
    const x = Math.round(layout.nodes.get(b.id)!.x);
    if (!columns.has(x)) columns.set(x, new Set());
    if (b.layer) columns.get(x)!.add(b.layer);
  }
  const waveLabels = [...columns].map(([x, layers]) => ({ x, text: [...layers].join(' · ') }));
  return html`<svg class="dag${layout.width <= FIT_WIDTH ? ' fit' : ''}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="group" aria-label="Blocks of the run as a graph">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>
<g class="waves">${waveLabels.map((w) => html`<text class="wave-label" x="${w.x.toFixed(0)}" y="20" text-anchor="middle">${w.text}</text>`)}</g>
<g class="groups">${layout.groups.map((g) => html`<g class="group"><rect x="${g.x.toFixed(1)}" y="${g.y.toFixed(1)}" width="${g.width.toFixed(1)}" height="${g.height.toFixed(1)}" rx="10"/><text x="${(g.x + 8).toFixed(1)}" y="${(g.y + 15).toFixed(1)}">${g.id}</text></g>`)}</g>
<g class="edges">${layout.edges.map((e) => html`<path class="edge${onPath(e.from, e.to) ? ' crit' : ''}" d="${path(e.points)}" marker-end="url(#arrow)"/>`)}</g>
<g class="nodes">${details.blocks.map((b) => {
    const p = layout.nodes.get(b.id)!;
    const x = p.x - NODE_WIDTH / 2;
    const y = p.y - NODE_HEIGHT / 2;
    const gate = b.humanGate !== 'none';
    return html`<a href="#block-${b.id}" class="node st-${b.status}${critical.has(b.id) ? ' crit' : ''}" data-block="${b.id}" aria-label="${b.name}: ${b.status}${gate ? `, human gate ${b.humanGate}` : ''}">
<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="7"/>
<text class="icon" x="${(x + 12).toFixed(1)}" y="${(p.y + 5).toFixed(1)}" text-anchor="middle" data-icon>${BLOCK_ICONS[b.status]}</text>
<text class="name" x="${(x + 24).toFixed(1)}" y="${(p.y - 3).toFixed(1)}">${clip(b.name, 21)}</text>
<text class="meta" x="${(x + 24).toFixed(1)}" y="${(p.y + 12).toFixed(1)}"><tspan data-status>${b.status}</tspan>${b.layer ? ` · ${b.layer}` : ''}${b.threshold ? ` · ≥${b.threshold.min}` : ''}</text>
${gate ? html`<text class="gate-icon" x="${(x + NODE_WIDTH - 12).toFixed(1)}" y="${(y + 15).toFixed(1)}" text-anchor="middle"><title>human gate ${b.humanGate}</title>◆</text>` : ''}
</a>`;
  })}</g>
</svg>`;
}
