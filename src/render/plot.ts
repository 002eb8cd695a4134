// The hover's graph: f and f' side by side (the article's two subplots), the zones where the
// gradient vanishes (|f'| < 0.01) or is exactly 0 shaded, axes with ticks, zero lines and a
// legend. Pure string building from a computed series; crisp and small (a few KB).
import { VANISHING } from '../catalog/series';
import { palette, type Palette, type ThemeKind } from './theme';

export interface PlotSeries {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  dy: ArrayLike<number>;
}

export interface Zone {
  kind: 'vanishing' | 'zero';
  x0: number;
  x1: number;
}

export { VANISHING };

export const PLOT_WIDTH = 440;
export const PLOT_HEIGHT = 172;

/**
 * Maximal runs of samples where f' is exactly 0 ('zero', hatched), and runs where
 * 0 < |f'| < 0.01 ('vanishing', tinted). The two never overlap.
 */
export function gradientZones(x: ArrayLike<number>, dy: ArrayLike<number>): Zone[] {
  const zones: Zone[] = [];
  const runs = (pred: (g: number) => boolean, kind: Zone['kind']) => {
    let start = -1;
    for (let i = 0; i <= dy.length; i++) {
      const inside = i < dy.length && Number.isFinite(dy[i]) && pred(dy[i]);
      if (inside && start < 0) start = i;
      if (!inside && start >= 0) {
        // A single sample is a point, not a zone (e.g. a kink's subgradient).
        if (i - 1 > start) zones.push({ kind, x0: x[start], x1: x[i - 1] });
        start = -1;
      }
    }
  };
  runs((g) => g !== 0 && Math.abs(g) < VANISHING, 'vanishing');
  runs((g) => g === 0, 'zero');
  return zones;
}

/** 1-2-5 ticks covering [lo, hi], about `count` of them. */
export function niceTicks(lo: number, hi: number, count: number): number[] {
  const span = hi - lo;
  if (!(span > 0) || !Number.isFinite(span)) return [lo];
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

function fmt(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(0).replace('e+', 'e');
  return String(Number(v.toPrecision(3))).replace('-', '\u2212');
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/**
 * Ramer–Douglas–Peucker in pixel space: straight runs (ReLU's halves) collapse to their ends.
 * Points [from, to) of xs/ys; returns which of them to keep (1) as flags indexed from `from`.
 */
function simplify(xs: Float64Array, ys: Float64Array, from: number, to: number, eps: number): Uint8Array {
  const n = to - from;
  const keep = new Uint8Array(n);
  if (n < 3) { keep.fill(1); return keep; }
  keep[0] = keep[n - 1] = 1;
  const stack: number[] = [from, to - 1];
  while (stack.length) {
    const b = stack.pop()!;
    const a = stack.pop()!;
    const ax = xs[a]!, ay = ys[a]!;
    const bx = xs[b]!, by = ys[b]!;
    const dx = bx - ax, dy = by - ay;
    const len = Math.hypot(dx, dy) || 1;
    let worst = -1, at = -1;
    for (let i = a + 1; i < b; i++) {
      const d = Math.abs(dy * (xs[i]! - ax) - dx * (ys[i]! - ay)) / len;
      if (d > worst) { worst = d; at = i; }
    }
    if (worst > eps) { keep[at - from] = 1; stack.push(a, at, at, b); }
  }
  return keep;
}

interface Panel { left: number; top: number; width: number; height: number }

function yDomain(v: ArrayLike<number>): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    const a = v[i];
    if (Number.isFinite(a)) { if (a < lo) lo = a; if (a > hi) hi = a; }
  }
  if (lo === Infinity) return [-1, 1];
  if (hi - lo < 1e-9) { const c = lo; return [c - 1, c + 1]; }
  const pad = (hi - lo) * 0.08;
  return [lo - pad, hi + pad];
}

function panelSvg(p: Panel, xs: ArrayLike<number>, ys: ArrayLike<number>, zones: Zone[], colour: string, dashed: boolean, pal: Palette, xDomain: [number, number]): string {
  const [x0, x1] = xDomain;
  const [y0, y1] = yDomain(ys);
  const sx = (x: number) => p.left + ((x - x0) / (x1 - x0)) * p.width;
  const sy = (y: number) => p.top + p.height - ((y - y0) / (y1 - y0)) * p.height;
  const parts: string[] = [];
  // Zones first, under everything.
  for (const z of zones) {
    const a = r1(sx(z.x0)), b = r1(sx(z.x1));
    const fill = z.kind === 'zero' ? 'url(#hatch)' : pal.vanishing;
    const op = z.kind === 'zero' ? '' : ` fill-opacity="${pal.vanishingOpacity}"`;
    parts.push(`<rect class="zone-${z.kind}" data-x0="${fmtData(z.x0)}" data-x1="${fmtData(z.x1)}" x="${a}" y="${p.top}" width="${r1(Math.max(0.5, b - a))}" height="${p.height}" fill="${fill}"${op}/>`);
  }
  // Grid and ticks.
  const xt = niceTicks(x0, x1, 6), yt = niceTicks(y0, y1, 4);
  const grid: string[] = [], ticks: string[] = [], labels: string[] = [];
  for (const t of xt) {
    const X = Math.round(sx(t)) + 0.5;
    grid.push(`M${X} ${p.top}V${p.top + p.height}`);
    ticks.push(`M${X} ${p.top + p.height}v3`);
    labels.push(`<text x="${X}" y="${p.top + p.height + 13}" text-anchor="middle">${fmt(t)}</text>`);
  }
  for (const t of yt) {
    const Y = Math.round(sy(t)) + 0.5;
    grid.push(`M${p.left} ${Y}H${p.left + p.width}`);
    ticks.push(`M${p.left - 3} ${Y}h3`);
    labels.push(`<text x="${p.left - 5}" y="${Y + 3.5}" text-anchor="end">${fmt(t)}</text>`);
  }
  parts.push(`<path d="${grid.join('')}" stroke="${pal.grid}" stroke-width="1" shape-rendering="crispEdges"/>`);
  // Zero lines, stronger than the grid.
  const zero: string[] = [];
  if (x0 < 0 && x1 > 0) zero.push(`M${Math.round(sx(0)) + 0.5} ${p.top}V${p.top + p.height}`);
  if (y0 < 0 && y1 > 0) zero.push(`M${p.left} ${Math.round(sy(0)) + 0.5}H${p.left + p.width}`);
  if (zero.length) parts.push(`<path d="${zero.join('')}" stroke="${pal.axis}" stroke-width="1" stroke-opacity="0.7" shape-rendering="crispEdges"/>`);
  // Frame (left + bottom axes) and tick marks.
  parts.push(`<path d="M${p.left + 0.5} ${p.top}V${p.top + p.height + 0.5}H${p.left + p.width}${ticks.join('')}" stroke="${pal.axis}" stroke-width="1" fill="none" shape-rendering="crispEdges"/>`);
  parts.push(`<g fill="${pal.text}">${labels.join('')}</g>`);
  // The curve: clipped to the panel, simplified in pixel space, with breaks at non-finite values.
  // Finite samples in pixels, packed; a run of them between non-finite values is one segment.
  const px = new Float64Array(xs.length), py = new Float64Array(xs.length);
  let n = 0;
  const segEnds: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const y = ys[i];
    if (!Number.isFinite(y)) { if (n > (segEnds[segEnds.length - 1] ?? 0)) segEnds.push(n); continue; }
    px[n] = sx(xs[i]);
    py[n] = sy(y);
    n++;
  }
  if (n > (segEnds[segEnds.length - 1] ?? 0)) segEnds.push(n);
  let d = '';
  for (let k = 0, from = 0; k < segEnds.length; from = segEnds[k]!, k++) {
    const to = segEnds[k]!;
    if (to - from <= 1) continue;
    const keep = simplify(px, py, from, to, 0.2);
    let first = true;
    for (let i = from; i < to; i++) {
      if (!keep[i - from]) continue;
      d += `${first ? 'M' : 'L'}${r1(px[i]!)} ${r1(py[i]!)}`;
      first = false;
    }
  }
  parts.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="${pal.line}" stroke-linejoin="round" stroke-linecap="round"${dashed ? ' stroke-dasharray="5 3"' : ''} clip-path="url(#c${p.left})"/>`);
  return `<clipPath id="c${p.left}"><rect x="${p.left}" y="${p.top - 2}" width="${p.width}" height="${p.height + 4}"/></clipPath>` + parts.join('');
}

function fmtData(v: number): string {
  return String(Number(v.toFixed(4)));
}

export interface PlotOptions {
  theme: ThemeKind;
  /** Accessible name of the image (localised by the caller). */
  title?: string;
  /** The derivative's legend entry: spelled out, since f′ and f look alike at hover size (localised by the caller). */
  dfLabel?: string;
}

/** Two panels, f | f', with shaded zones and a legend; returns the SVG markup. */
export function plotSvg(series: PlotSeries, opts: PlotOptions): string {
  const pal = palette(opts.theme);
  const n = series.x.length;
  const xDomain: [number, number] = [series.x[0], series.x[n - 1]];
  const zones = gradientZones(series.x, series.dy);
  const top = 22, height = PLOT_HEIGHT - top - 19;
  const left: Panel = { left: 34, top, width: 174, height };
  const right: Panel = { left: 34 + 174 + 50, top, width: PLOT_WIDTH - (34 + 174 + 50) - 8, height };
  const hasVanishing = zones.some((z) => z.kind === 'vanishing');
  const hasZero = zones.some((z) => z.kind === 'zero');
  // Legend: the two curves, then the zone styles present.
  const legend: string[] = [];
  let lx = left.left;
  const item = (sample: string, label: string, w: number) => { legend.push(`<g transform="translate(${lx} 8)">${sample}<text x="22" y="4">${label}</text></g>`); lx += w; };
  const dfLabel = opts.dfLabel ?? 'f\u2032(x) = derivative';
  item(`<path d="M0 0H16" stroke="${pal.f}" stroke-width="${pal.line}"/>`, 'f(x)', 52);
  // About 6 px per character at this size (CJK ones are wider: counted twice).
  item(`<path d="M0 0H16" stroke="${pal.df}" stroke-width="${pal.line}" stroke-dasharray="5 3"/>`, xmlEscape(dfLabel), 34 + [...dfLabel].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 11 : 6), 0));
  if (hasVanishing) item(`<rect x="2" y="-5" width="12" height="10" fill="${pal.vanishing}" fill-opacity="${pal.vanishingOpacity * 2}"/>`, '|f\u2032| &lt; 0.01', 100);
  if (hasZero) item(`<rect x="2" y="-5" width="12" height="10" fill="url(#hatch)" stroke="${pal.zero}" stroke-width="0.5"/>`, 'f\u2032 = 0', 70);
  const hatch = `<pattern id="hatch" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)"><path d="M0 0V5" stroke="${pal.zero}" stroke-width="1.6" stroke-opacity="${pal.zeroOpacity}"/></pattern>`;
  const title = opts.title ? `<title>${xmlEscape(opts.title)}</title>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PLOT_WIDTH}" height="${PLOT_HEIGHT}" viewBox="0 0 ${PLOT_WIDTH} ${PLOT_HEIGHT}" font-family="-apple-system,'Segoe UI',system-ui,Ubuntu,sans-serif" font-size="10">`
    + title + `<defs>${hatch}</defs><rect width="${PLOT_WIDTH}" height="${PLOT_HEIGHT}" rx="4" fill="${pal.card}"/>`
    + `<g fill="${pal.text}" font-size="11">${legend.join('')}</g>`
    + panelSvg(left, series.x, series.y, zones, pal.f, false, pal, xDomain)
    + panelSvg(right, series.x, series.dy, zones, pal.df, true, pal, xDomain)
    + '</svg>';
}

function xmlEscape(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** One panel, y against x, with a legend label: the autograd hover's plot of `x.grad`. */
export function linePlotSvg(x: ArrayLike<number>, y: ArrayLike<number>, opts: PlotOptions & { label: string }): string {
  const pal = palette(opts.theme);
  const width = 260, height = 150;
  const xDomain: [number, number] = [x[0], x[x.length - 1]];
  const zones = gradientZones(x, y);
  const panel: Panel = { left: 40, top: 22, width: width - 48, height: height - 22 - 19 };
  const legend = `<g transform="translate(40 8)"><path d="M0 0H16" stroke="${pal.df}" stroke-width="${pal.line}" stroke-dasharray="5 3"/><text x="22" y="4">${xmlEscape(opts.label)}</text></g>`;
  const hatch = `<pattern id="hatch" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)"><path d="M0 0V5" stroke="${pal.zero}" stroke-width="1.6" stroke-opacity="${pal.zeroOpacity}"/></pattern>`;
  const title = opts.title ? `<title>${xmlEscape(opts.title)}</title>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="-apple-system,'Segoe UI',system-ui,Ubuntu,sans-serif" font-size="10">`
    + title + `<defs>${hatch}</defs><rect width="${width}" height="${height}" rx="4" fill="${pal.card}"/>`
    + `<g fill="${pal.text}" font-size="11">${legend}</g>`
    + panelSvg(panel, x, y, zones, pal.df, true, pal, xDomain)
    + '</svg>';
}
