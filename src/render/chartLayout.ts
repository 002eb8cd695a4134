// The geometry of the explorer's f/f' charts, shared by the two things that draw them: the SVG the
// host puts into the panel's first HTML (painted before any script runs) and chart.js in the
// webview (which replaces it once its bundle has loaded). Both take the axis domains, the ticks,
// their labels and the margins from here, so the swap from the one to the other moves nothing.
// Pure: no DOM, no measuring of text (the host cannot measure; chart.js is told the same widths).

export interface AxisLayout {
  min: number;
  max: number;
  ticks: number[];
  labels: string[];
}

export interface ChartLayout {
  x: AxisLayout;
  y: AxisLayout;
  /** px from the canvas's edges to the plot area (the y axis's labels and tick marks sit in `left`). */
  margin: { top: number; right: number; bottom: number; left: number };
}

export interface ChartSize {
  compact: boolean;
}

/** The look both renderers share (px unless said otherwise). */
export const CHART_STYLE = {
  full: { maxXTicks: 11, maxYTicks: 8, font: 11, line: 2 },
  compact: { maxXTicks: 7, maxYTicks: 5, font: 10, line: 1.75 },
  /** Grid lines run this far out of the plot area as tick marks; labels sit `tickPadding` beyond them. */
  tickLength: 8,
  tickPadding: 3,
  /** Of the y range, added above and below the data before rounding out to ticks. */
  grace: 0.04,
  /** Alpha of the grid (dark, light theme), the axis lines, the zone shading. */
  gridAlpha: { dark: 0.12, light: 0.1, hc: 0.35 },
  axisAlpha: { normal: 0.45, hc: 0.9 },
  vanishAlpha: { dark: 0.13, light: 0.16 },
  deadAlpha: { dark: 0.16, light: 0.13 },
  /** The dash of the 3rd, 5th… compared activation (0-based k even, k ≥ 2). */
  dash: [6, 3] as const,
} as const;

/** The dash pattern of the k-th trace's line ([] = solid). */
export function traceDash(k: number): readonly number[] {
  return k >= 2 && k % 2 === 0 ? CHART_STYLE.dash : [];
}

/** A 1-2-5 step of at least span / intervals. */
function niceStep(span: number, intervals: number): number {
  const raw = span / Math.max(1, intervals);
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * mag >= raw * (1 - 1e-9)) return m * mag;
  return 10 * mag;
}

/** Multiples of `step` in [lo, hi]; -0 and rounding dust cleaned up. */
function multiples(lo: number, hi: number, step: number): number[] {
  const out: number[] = [];
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  for (let k = first; k <= last && out.length < 1000; k++) {
    const v = k * step;
    out.push(Math.abs(v) < step * 1e-9 ? 0 : +v.toPrecision(12));
  }
  return out;
}

/** Digits after the point that `step` needs (0.25 → 2, 5 → 0). */
function decimalsOf(step: number): number {
  // Relative: a step below 1e-6 is not "0 decimals" just because it is close to 0.
  for (let d = 0; d <= 12; d++) { const v = step * 10 ** d; if (v >= 1 - 1e-9 && Math.abs(Math.round(v) - v) < 1e-6 * v) return d; }
  return 12;
}

/**
 * A tick's label: the step's decimals, a true minus sign, exponents for very large or small
 * values — with as many mantissa digits as the step needs, so neighbouring ticks never read the
 * same (5…20's f ≈ 0.9999 used to label every tick "1e0").
 */
export function tickLabel(v: number, step: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  let s: string;
  if (a >= 1e5 || a < 1e-4) {
    const digits = Math.max(0, Math.min(15, Math.floor(Math.log10(a) + 1e-9) - Math.floor(Math.log10(step) + 1e-9)));
    s = v.toExponential(digits).replace(/(\.\d*?)0+e/, '$1e').replace(/\.e/, 'e').replace('e+', 'e');
  } else {
    s = v.toFixed(decimalsOf(step));
  }
  return s.replace(/-/g, '\u2212');
}

/**
 * Characters the x axis's labels may take together (gaps of two included): about what the
 * narrowest plot area (~280 px full, ~200 px compact) holds at the axis font without overlap.
 */
export const X_LABEL_BUDGET = { full: 44, compact: 30 } as const;

const labelChars = (labels: string[]) => labels.reduce((n, l) => n + l.length, 0) + 2 * Math.max(0, labels.length - 1);

/** The x axis: exactly the plotted range, ticks at nice values inside it, as many as their labels leave room for. */
export function xAxis(min: number, max: number, maxTicks: number, budget: number = X_LABEL_BUDGET.full): AxisLayout {
  let best: AxisLayout | undefined;
  for (let intervals = maxTicks - 1; intervals >= 1; intervals--) {
    const step = niceStep(max - min, intervals);
    const ticks = multiples(min, max, step);
    if (ticks.length > maxTicks) continue;
    const used = ticks.length > 1 ? ticks[1] - ticks[0] : step;
    const axis = { min, max, ticks, labels: ticks.map((v) => tickLabel(v, used)) };
    best ??= axis;
    if (ticks.length >= 2 && labelChars(axis.labels) <= budget) return axis;
  }
  // Nothing fits (labels of a sliver of a huge range): just the two ends.
  if (best && best.ticks.length > 2) return { min, max, ticks: [min, max], labels: [tickLabel(min, max - min), tickLabel(max, max - min)] };
  return best ?? { min, max, ticks: [min, max], labels: [tickLabel(min, max - min), tickLabel(max, max - min)] };
}

/** The y axis: the data's range plus a little grace, rounded out to the ticks at both ends. */
export function yAxis(lo: number, hi: number, maxTicks: number): AxisLayout {
  if (!(lo <= hi) || !Number.isFinite(lo) || !Number.isFinite(hi)) { lo = -1; hi = 1; }
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(lo))) { const c = lo; lo = c - (Math.abs(c) || 1) * 0.05 - (c === 0 ? 0.95 : 0); hi = c + (c - lo); }
  const pad = (hi - lo) * CHART_STYLE.grace;
  const a = lo - pad, b = hi + pad;
  for (let intervals = maxTicks - 1; intervals >= 1; intervals--) {
    const step = niceStep(b - a, intervals);
    const min = Math.floor(a / step + 1e-9) * step;
    const max = Math.ceil(b / step - 1e-9) * step;
    const ticks = multiples(min, max, step);
    if (ticks.length <= maxTicks || intervals === 1) {
      return { min: ticks[0] ?? min, max: ticks[ticks.length - 1] ?? max, ticks, labels: ticks.map((v) => tickLabel(v, step)) };
    }
  }
  /* c8 ignore next */
  return { min: a, max: b, ticks: [a, b], labels: [tickLabel(a, b - a), tickLabel(b, b - a)] };
}

/** The smallest and largest finite values of every series. */
export function dataRange(series: ReadonlyArray<ArrayLike<number | null>>): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.length; i++) {
      const v = s[i];
      if (v !== null && Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
    }
  }
  return lo <= hi ? [lo, hi] : [-1, 1];
}

/**
 * Width the y axis's labels get: an upper bound of their width in the UI font (digits ≈ 0.6 em,
 * the minus sign and the point a little less), so no label is cut off in either renderer.
 */
export function yLabelWidth(labels: string[], font: number): number {
  const widest = Math.max(1, ...labels.map((s) => [...s].reduce((w, c) => w + (c === '.' ? 0.32 : c === 'e' ? 0.58 : 0.62), 0)));
  return Math.ceil(widest * font);
}

/** Everything both renderers need to draw one chart of `values` over `range`. */
export function chartLayout(range: { min: number; max: number }, values: ReadonlyArray<ArrayLike<number | null>>, size: ChartSize): ChartLayout {
  const s = size.compact ? CHART_STYLE.compact : CHART_STYLE.full;
  const x = xAxis(range.min, range.max, s.maxXTicks, size.compact ? X_LABEL_BUDGET.compact : X_LABEL_BUDGET.full);
  const [lo, hi] = dataRange(values);
  const y = yAxis(lo, hi, s.maxYTicks);
  const out = CHART_STYLE.tickLength + CHART_STYLE.tickPadding;
  return {
    x, y,
    margin: {
      // Half a label above the top tick; room for the last x label's half beyond the right end.
      top: Math.ceil(s.font * 0.6) + 2,
      right: Math.ceil(Math.max(8, (x.labels[x.labels.length - 1]?.length ?? 0) * s.font * 0.31 + 2)),
      bottom: out + Math.ceil(s.font * 1.25) + 2,
      left: out + yLabelWidth(y.labels, s.font) + 2,
    },
  };
}
