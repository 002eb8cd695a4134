// The computation graph as a small SVG: one row per distance from the root (the value
// backward() starts from at the top, the leaves that receive .grad at the bottom), each node a
// box with PyTorch's grad_fn name and its tensor's shape and dtype, arrows the way the gradient
// flows. Pure string building; the text is escaped as XML.
import type { GraphModel, GraphNode } from '../autograd/graph';
import { nodeLabel } from '../autograd/graph';
import { palette, type ThemeKind } from './theme';

const ROW = 46;
const BOX_H = 32;
const GAP = 14;
const CHAR_W = 6.4;
const PAD = 10;
/** Beyond this many rows or boxes per row a hover image is unreadable: the text form is shown instead. */
export const MAX_SVG_ROWS = 8;
export const MAX_SVG_PER_ROW = 5;

export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

function detail(n: GraphNode): string {
  return `${shapeText(n.shape)} ${n.dtype}${n.leaf?.requiresGrad ? ' \u00b7 requires_grad' : ''}`;
}

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Row of each node: its longest distance from the root, so every arrow points down. */
function rows(g: GraphModel): number[] {
  const depth = g.nodes.map(() => 0);
  // nodes are listed breadth first; relax until stable (graphs here are small and acyclic)
  for (let changed = true, guard = 0; changed && guard < g.nodes.length + 1; guard++) {
    changed = false;
    for (const n of g.nodes) for (const i of n.inputs) if (depth[i]! < depth[n.id]! + 1) { depth[i] = depth[n.id]! + 1; changed = true; }
  }
  return depth;
}

/** The SVG, or null when the graph is empty or too large to draw legibly. */
export function graphSvg(g: GraphModel, theme: ThemeKind, title: string): string | null {
  if (!g.nodes.length) return null;
  const pal = palette(theme);
  const depth = rows(g);
  const byRow: GraphNode[][] = [];
  for (const n of g.nodes) (byRow[depth[n.id]!] ??= []).push(n);
  if (byRow.length > MAX_SVG_ROWS || byRow.some((r) => r.length > MAX_SVG_PER_ROW)) return null;
  const width = (n: GraphNode) => Math.ceil(Math.max(nodeLabel(n).length, detail(n).length * 0.85) * CHAR_W) + 2 * PAD;
  const rowWidth = (r: GraphNode[]) => r.reduce((s, n) => s + width(n), 0) + GAP * (r.length - 1);
  const W = Math.max(...byRow.map(rowWidth)) + 2 * PAD;
  const H = byRow.length * ROW - (ROW - BOX_H) + 2 * PAD;
  const pos = new Map<number, { x: number; y: number; w: number }>();
  byRow.forEach((r, k) => {
    let x = (W - rowWidth(r)) / 2;
    for (const n of r) {
      pos.set(n.id, { x, y: PAD + k * ROW, w: width(n) });
      x += width(n) + GAP;
    }
  });
  const parts: string[] = [];
  parts.push(`<defs><marker id="ah" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L8 4L0 8z" fill="${pal.axis}"/></marker></defs>`);
  parts.push(`<rect width="${W}" height="${H}" rx="4" fill="${pal.card}"/>`);
  for (const n of g.nodes) {
    const a = pos.get(n.id)!;
    for (const i of n.inputs) {
      const b = pos.get(i)!;
      parts.push(`<path class="edge" d="M${(a.x + a.w / 2).toFixed(1)} ${a.y + BOX_H}L${(b.x + b.w / 2).toFixed(1)} ${b.y - 1}" stroke="${pal.axis}" stroke-width="1.2" fill="none" marker-end="url(#ah)"/>`);
    }
  }
  for (const n of g.nodes) {
    const p = pos.get(n.id)!;
    const colour = n.leaf ? pal.df : pal.f;
    parts.push(
      `<g class="node${n.leaf ? ' leaf' : ''}" data-name="${xml(n.name)}">`
      + `<rect x="${p.x.toFixed(1)}" y="${p.y}" width="${p.w}" height="${BOX_H}" rx="5" fill="${pal.card}" stroke="${colour}" stroke-width="${pal.line * 0.75}"/>`
      + `<text x="${(p.x + p.w / 2).toFixed(1)}" y="${p.y + 13}" text-anchor="middle" fill="${pal.text}" font-size="11" font-weight="600">${xml(nodeLabel(n))}</text>`
      + `<text x="${(p.x + p.w / 2).toFixed(1)}" y="${p.y + 26}" text-anchor="middle" fill="${pal.axis}" font-size="9">${xml(detail(n))}</text>`
      + '</g>',
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="-apple-system,'Segoe UI',system-ui,Ubuntu,sans-serif"><title>${xml(title)}</title>${parts.join('')}</svg>`;
}
