// The article's figure made live: f(x) and f'(x) side by side (its plt.subplots(1, 2)), every
// compared activation in its own colour, the zones where the gradient vanishes or is zero shaded,
// and one crosshair shared by both charts (mouse or arrow keys) with a reading of x, f(x), f'(x).
// Draws what the host computed; computes nothing.
import {
  Chart, LineController, LineElement, PointElement, LinearScale, BarController, BarElement, CategoryScale, Decimation,
  type ChartConfiguration, type Plugin,
} from 'chart.js';
import type { Range, SeriesTrace } from '../src/protocol';
import { CHART_STYLE, chartLayout, traceDash, type ChartLayout } from '../src/render/chartLayout';
import { fitText, legendRows } from '../src/render/exportLayout';
import { t } from './host';
import { readTheme, type ChartTheme } from './theme';

Chart.register(LineController, LineElement, PointElement, LinearScale, BarController, BarElement, CategoryScale, Decimation);

export interface Plot {
  range: Range;
  x: number[];
  traces: SeriesTrace[];
}

type Which = 'f' | 'df';

export { fmtValue as fmt } from '../src/render/measuredFacts';
import { fmtValue as fmt } from '../src/render/measuredFacts';

interface ZoneOptions { plot: () => Plot | null; theme: () => ChartTheme; which: Which; trace: () => number }
/** Shades one activation's vanishing (|f'| < 0.01) and dead (f' = 0) zones: the one the legend picked. */
function zonesPlugin(o: ZoneOptions): Plugin<'line'> {
  return {
    id: 'alZones',
    beforeDatasetsDraw(chart) {
      const plot = o.plot();
      if (!plot || !plot.traces.length) return;
      const { ctx, chartArea: a, scales } = chart;
      const xs = scales.x;
      const th = o.theme();
      const px = (v: number) => Math.max(a.left, Math.min(a.right, xs.getPixelForValue(v)));
      ctx.save();
      const p = plot.traces[o.trace()] ?? plot.traces[0];
      for (const [zones, fill] of [[p.vanishing, th.vanish], [p.dead, th.dead]] as const) {
        ctx.fillStyle = fill;
        for (const [lo, hi] of zones) {
          const l = px(lo), r = px(hi);
          ctx.fillRect(l, a.top, Math.max(1, r - l), a.bottom - a.top);
        }
      }
      ctx.restore();
    },
  };
}

interface CrossOptions { index: () => number | null; plot: () => Plot | null; theme: () => ChartTheme; which: Which }
function crosshairPlugin(o: CrossOptions): Plugin<'line'> {
  return {
    id: 'alCrosshair',
    afterDatasetsDraw(chart) {
      const i = o.index();
      const plot = o.plot();
      if (i === null || !plot || i >= plot.x.length) return;
      const { ctx, chartArea: a, scales } = chart;
      const th = o.theme();
      const x = scales.x.getPixelForValue(plot.x[i]);
      if (x < a.left || x > a.right) return;
      ctx.save();
      ctx.strokeStyle = th.crosshair;
      ctx.setLineDash([4, 3]);
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(x, a.top);
      ctx.lineTo(x, a.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      plot.traces.forEach((tr, k) => {
        const v = (o.which === 'f' ? tr.y : tr.dy)[i];
        if (v === null || v === undefined) return;
        const y = scales.y.getPixelForValue(v);
        if (y < a.top || y > a.bottom) return;
        ctx.fillStyle = th.series[k % th.series.length];
        ctx.strokeStyle = th.background;
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.arc(x, y, 3.5, 0, Math.PI * 2);
        ctx.fill();
        ctx.stroke();
      });
      ctx.restore();
    },
  };
}

/** A fixed-size background so an exported PNG is readable outside the editor. */
const backgroundPlugin = (theme: () => ChartTheme, enabled: () => boolean): Plugin<'line'> => ({
  id: 'alBackground',
  beforeDraw(chart) {
    if (!enabled()) return;
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = theme().background;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
});

export interface ChartPairOptions {
  compact?: boolean;
  /** Called after every draw with the time the update took (ms). */
  onIndex?: (i: number | null) => void;
}

/** The two charts, their crosshair, tooltip, readout and data tables. */
export class ChartPair {
  readonly root: HTMLElement;
  /**
   * Made by the first setPlot, with its data, once the canvases are in the document: chart.js
   * then sizes, lays out and draws each chart once. (Made earlier, on detached canvases, each
   * drew nothing and then laid itself out again when attached.)
   */
  private charts: Record<Which, Chart<'line'>> | undefined;
  private canvases: Record<Which, HTMLCanvasElement>;
  private tips: Record<Which, HTMLElement>;
  private plot: Plot | null = null;
  private index: number | null = null;
  private theme: ChartTheme = readTheme();
  private exporting = false;
  private zoneTrace = 0;
  readonly readout: HTMLElement;
  private readonly hint: string;

  constructor(private readonly opts: ChartPairOptions = {}) {
    this.root = document.createElement('div');
    this.root.className = 'chart-pair' + (opts.compact ? ' compact' : '');
    const make = (which: Which) => {
      const fig = document.createElement('figure');
      fig.className = 'chart-figure';
      const cap = document.createElement('figcaption');
      cap.className = 'chart-title';
      cap.textContent = which === 'f' ? t('Function f(x)') : t("Derivative f'(x)");
      if (which === 'df') {
        const sub = document.createElement('span');
        sub.className = 'chart-sub';
        sub.textContent = ' · ' + t('computed by backward()');
        cap.append(sub);
      }
      const box = document.createElement('div');
      box.className = 'chart-box';
      const canvas = document.createElement('canvas');
      canvas.tabIndex = 0;
      canvas.setAttribute('role', 'img');
      canvas.dataset.chart = which;
      const tip = document.createElement('div');
      tip.className = 'chart-tip';
      tip.hidden = true;
      tip.setAttribute('aria-hidden', 'true');
      box.append(canvas, tip);
      fig.append(cap, box);
      this.root.append(fig);
      return { canvas, tip };
    };
    const f = make('f');
    const df = make('df');
    this.canvases = { f: f.canvas, df: df.canvas };
    this.tips = { f: f.tip, df: df.tip };
    this.readout = document.createElement('div');
    this.readout.className = 'readout';
    this.readout.setAttribute('aria-live', 'polite');
    this.hint = opts.compact ? '' : t('Move the cursor over the chart, or focus it and use the arrow keys, to read values.');
    this.readout.textContent = this.hint;
    for (const which of ['f', 'df'] as const) this.wire(which);
  }

  /** Axis domains, ticks, labels and margins of each chart, shared with the host's first-paint SVG. */
  private layouts: Record<Which, ChartLayout> | undefined;

  private layoutOf(which: Which, plot: Plot): ChartLayout {
    return chartLayout(plot.range, plot.traces.map((tr) => (which === 'f' ? tr.y : tr.dy)), { compact: !!this.opts.compact });
  }

  private build(which: Which, plot: Plot): Chart<'line'> {
    const th = this.theme;
    const style = this.opts.compact ? CHART_STYLE.compact : CHART_STYLE.full;
    const layout = () => this.layouts![which];
    // chart.js draws what the layout says: its ticks and labels, and margins fixed to the layout's
    // (it would otherwise size the axes from measured labels, a few px off the first-paint SVG).
    const ticks = (axis: 'x' | 'y') => ({
      color: th.muted, autoSkip: false, maxRotation: 0, padding: CHART_STYLE.tickPadding,
      callback: (v: number | string) => { const a = layout()[axis]; const i = a.ticks.indexOf(Number(v)); return i >= 0 ? a.labels[i] : ''; },
    });
    const fixAxis = (axis: 'x' | 'y') => (scale: { width: number; height: number; paddingLeft: number; paddingRight: number; paddingTop: number; paddingBottom: number }) => {
      const m = layout().margin;
      if (axis === 'x') scale.height = m.bottom; else scale.width = m.left;
      scale.paddingLeft = scale.paddingRight = scale.paddingTop = scale.paddingBottom = 0;
    };
    const setTicks = (axis: 'x' | 'y') => (scale: { ticks: Array<{ value: number }> }) => { scale.ticks = layout()[axis].ticks.map((value) => ({ value })); };
    const l = layout();
    const cfg: ChartConfiguration<'line'> = {
      type: 'line',
      data: { datasets: this.datasets(which, plot) },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        spanGaps: false,
        events: [],
        layout: { padding: { top: l.margin.top, right: l.margin.right, left: 0, bottom: 0 } },
        plugins: {
          legend: { display: false },
          tooltip: { enabled: false },
          decimation: { enabled: true, algorithm: 'min-max' },
        },
        elements: { point: { radius: 0, hitRadius: 0, hoverRadius: 0 }, line: { borderWidth: style.line, tension: 0, borderJoinStyle: 'round' } },
        scales: {
          x: {
            type: 'linear', min: l.x.min, max: l.x.max, grid: { color: th.grid, tickLength: CHART_STYLE.tickLength }, border: { color: th.axis }, ticks: ticks('x'),
            afterBuildTicks: setTicks('x') as never, afterFit: fixAxis('x') as never,
          },
          y: {
            type: 'linear', min: l.y.min, max: l.y.max, grid: { color: th.grid, tickLength: CHART_STYLE.tickLength }, border: { color: th.axis }, ticks: ticks('y'),
            afterBuildTicks: setTicks('y') as never, afterFit: fixAxis('y') as never,
          },
        },
      },
      plugins: [
        backgroundPlugin(() => this.theme, () => this.exporting),
        zonesPlugin({ plot: () => this.plot, theme: () => this.theme, which, trace: () => this.zoneTrace }),
        crosshairPlugin({ index: () => this.index, plot: () => this.plot, theme: () => this.theme, which }),
      ],
    };
    Chart.defaults.font.family = th.font;
    Chart.defaults.font.size = style.font;
    Chart.defaults.color = th.muted;
    return new Chart(this.canvases[which], cfg);
  }

  private datasets(which: Which, plot: Plot) {
    const th = this.theme;
    return plot.traces.map((tr, k) => {
      const ys = which === 'f' ? tr.y : tr.dy;
      const data = new Array(plot.x.length);
      for (let i = 0; i < plot.x.length; i++) data[i] = { x: plot.x[i], y: ys[i] ?? NaN };
      return { label: tr.title, data, borderColor: th.series[k % th.series.length], backgroundColor: th.series[k % th.series.length], borderDash: [...traceDash(k)] };
    });
  }

  private wire(which: Which) {
    const canvas = this.canvases[which];
    const chart = () => this.charts?.[which];
    const indexAt = (clientX: number): number | null => {
      const c = chart();
      if (!this.plot || !c) return null;
      const r = canvas.getBoundingClientRect();
      const v = c.scales.x.getValueForPixel(clientX - r.left);
      if (v === undefined) return null;
      const { min, max, points } = this.plot.range;
      if (v < min || v > max) return null;
      return Math.max(0, Math.min(points - 1, Math.round(((v - min) / (max - min)) * (points - 1))));
    };
    canvas.addEventListener('pointermove', (e) => this.setIndex(indexAt(e.clientX), which, e.clientX, e.clientY));
    canvas.addEventListener('pointerleave', () => this.setIndex(null));
    canvas.addEventListener('blur', () => this.setIndex(null));
    canvas.addEventListener('focus', () => {
      if (this.plot && this.index === null) this.setIndex(Math.floor(this.plot.x.length / 2), which);
    });
    canvas.addEventListener('keydown', (e) => {
      if (!this.plot) return;
      const n = this.plot.x.length;
      const step = e.shiftKey ? Math.max(1, Math.round(n / 20)) : Math.max(1, Math.round(n / 200));
      const cur = this.index ?? Math.floor(n / 2);
      let next: number | null = null;
      if (e.key === 'ArrowLeft') next = cur - step;
      else if (e.key === 'ArrowRight') next = cur + step;
      else if (e.key === 'Home') next = 0;
      else if (e.key === 'End') next = n - 1;
      else if (e.key === 'Escape') { this.setIndex(null); return; }
      if (next === null) return;
      e.preventDefault();
      this.setIndex(Math.max(0, Math.min(n - 1, next)), which);
    });
  }

  /** Moves the shared crosshair; the tooltip shows on the chart the user is on. */
  setIndex(i: number | null, on?: Which, clientX?: number, clientY?: number) {
    this.index = i;
    this.charts?.f.draw();
    this.charts?.df.draw();
    for (const w of ['f', 'df'] as const) this.tips[w].hidden = true;
    const plot = this.plot;
    if (i === null || !plot) {
      // No reading without a crosshair: a stale one would describe curves no longer drawn.
      this.readout.textContent = this.hint;
      this.opts.onIndex?.(null);
      return;
    }
    const x = plot.x[i];
    const rows = plot.traces.map((tr) => ({ title: tr.title, f: tr.y[i], df: tr.dy[i] }));
    this.readout.textContent = `x = ${fmt(x)} · ` + rows.map((r) => `${r.title}: f(x) = ${fmt(r.f)}, f'(x) = ${fmt(r.df)}`).join(' · ');
    if (on) {
      const tip = this.tips[on];
      tip.replaceChildren();
      const head = document.createElement('div');
      head.className = 'tip-head';
      head.textContent = `x = ${fmt(x)}`;
      tip.append(head);
      rows.forEach((r, k) => {
        const line = document.createElement('div');
        line.className = 'tip-row';
        const sw = document.createElement('span');
        sw.className = 'swatch';
        sw.style.background = this.theme.series[k % this.theme.series.length];
        const txt = document.createElement('span');
        txt.textContent = `${r.title}  f = ${fmt(r.f)}  f' = ${fmt(r.df)}`;
        line.append(sw, txt);
        tip.append(line);
      });
      const box = this.canvases[on].getBoundingClientRect();
      const px = clientX !== undefined ? clientX - box.left : this.charts?.[on].scales.x.getPixelForValue(x) ?? 0;
      const py = clientY !== undefined ? clientY - box.top : 24;
      tip.hidden = false;
      const w = tip.offsetWidth;
      tip.style.left = `${Math.max(4, Math.min(box.width - w - 4, px + 14 > box.width - w ? px - w - 14 : px + 14))}px`;
      tip.style.top = `${Math.max(4, Math.min(box.height - tip.offsetHeight - 4, py - 10))}px`;
    }
    this.opts.onIndex?.(i);
  }

  /** Draws new series; returns the time chart.js took to update and paint both charts. */
  setPlot(plot: Plot): number {
    const t0 = performance.now();
    const before = this.plot?.traces.map((tr) => tr.key + tr.id).join();
    this.plot = plot;
    if (this.index !== null && this.index >= plot.x.length) this.index = null;
    // Other activations: the crosshair's reading is recomputed below for the new curves; with no crosshair it is cleared.
    if (before !== plot.traces.map((tr) => tr.key + tr.id).join() && this.index === null) this.readout.textContent = this.hint;
    const title = plot.traces.map((tr) => tr.title).join(', ');
    for (const which of ['f', 'df'] as const) this.canvases[which].setAttribute('aria-label', which === 'f' ? t('Chart of {0}', title) : t('Chart of the derivative of {0}', title));
    this.layouts = { f: this.layoutOf('f', plot), df: this.layoutOf('df', plot) };
    if (!this.charts) {
      this.charts = { f: this.build('f', plot), df: this.build('df', plot) };
    } else {
      for (const which of ['f', 'df'] as const) {
        const chart = this.charts[which];
        const l = this.layouts[which];
        chart.data.datasets = this.datasets(which, plot);
        const { x: xs, y: ys } = chart.options.scales!;
        xs!.min = l.x.min;
        xs!.max = l.x.max;
        ys!.min = l.y.min;
        ys!.max = l.y.max;
        chart.options.layout!.padding = { top: l.margin.top, right: l.margin.right, left: 0, bottom: 0 };
        chart.update('none');
      }
    }
    if (this.index !== null) this.setIndex(this.index);
    return performance.now() - t0;
  }

  /** Shades the k-th trace's zones from now on. */
  setZoneTrace(k: number) {
    if (k === this.zoneTrace) return;
    this.zoneTrace = k;
    this.charts?.f.draw();
    this.charts?.df.draw();
  }

  get zonesShown(): number {
    return this.zoneTrace;
  }

  retheme() {
    this.theme = readTheme();
    const th = this.theme;
    Chart.defaults.font.family = th.font;
    Chart.defaults.color = th.muted;
    if (!this.charts) return;
    for (const which of ['f', 'df'] as const) {
      const c = this.charts[which];
      const s = c.options.scales!;
      for (const ax of [s.x!, s.y!]) {
        ax.grid = { ...ax.grid, color: th.grid };
        ax.border = { ...ax.border, color: th.axis };
        ax.ticks = { ...ax.ticks, color: th.muted };
      }
      c.data.datasets.forEach((d, k) => { d.borderColor = th.series[k % th.series.length]; d.backgroundColor = th.series[k % th.series.length]; });
      c.update('none');
    }
  }

  /** Sum of non-background pixels' alpha over both canvases: > 0 means something was drawn. */
  paintedPixels(): number {
    let n = 0;
    for (const c of Object.values(this.canvases)) {
      const ctx = c.getContext('2d');
      if (!ctx || !c.width || !c.height) continue;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < d.length; i += 16) if (d[i] > 0) n++;
    }
    return n;
  }

  /** A cheap hash of both canvases' pixels: changes whenever what is drawn changes. */
  signature(): string {
    let h = 2166136261;
    for (const c of Object.values(this.canvases)) {
      const ctx = c.getContext('2d');
      if (!ctx || !c.width || !c.height) continue;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < d.length; i += 7) h = Math.imul(h ^ d[i], 16777619);
    }
    return (h >>> 0).toString(16);
  }

  /**
   * Both charts on one PNG at 2× device pixels (crisp in documents and slides whatever the
   * screen), on the theme's background, with each chart's title, a legend naming every curve in
   * its colour and dash, and the key to the shaded zones.
   */
  toPng(text: { f: string; df: string; zones: string; vanish: string; dead: string }): { dataUrl: string; width: number; height: number } {
    const charts = this.charts;
    if (!charts || !this.plot) return { dataUrl: '', width: 0, height: 0 };
    const scale = 2;
    this.exporting = true;
    const setRatio = (r: number | undefined) => {
      for (const c of Object.values(charts)) { c.options.devicePixelRatio = r; c.resize(); c.draw(); }
    };
    setRatio(scale);
    try {
      const [a, b] = [this.canvases.f, this.canvases.df];
      const th = this.theme;
      const font = 13, small = 12, pad = 12, gap = 8, mark = 22, line = 18;
      const cssW = (c: HTMLCanvasElement) => c.width / scale;
      const width = cssW(a) + cssW(b) + pad * 3;
      const probe = document.createElement('canvas').getContext('2d')!;
      probe.font = `${small}px ${th.font}`;
      const measure = (s: string) => probe.measureText(s).width;
      const legend = legendRows(measure, this.plot.traces.map((tr) => tr.title), width - 2 * pad, { mark, gap, lineHeight: line });
      const head = font + 10;
      const chartsH = Math.max(a.height, b.height) / scale;
      const height = pad + head + chartsH + gap + legend.rows * line + line + pad;
      const out = document.createElement('canvas');
      out.width = Math.round(width * scale);
      out.height = Math.round(height * scale);
      const ctx = out.getContext('2d')!;
      ctx.scale(scale, scale);
      ctx.fillStyle = th.background;
      ctx.fillRect(0, 0, width, height);
      ctx.fillStyle = th.fg;
      ctx.textBaseline = 'alphabetic';
      ctx.font = `600 ${font}px ${th.font}`;
      probe.font = ctx.font;
      ctx.fillText(fitText(measure, text.f, cssW(a)), pad, pad + font);
      ctx.fillText(fitText(measure, text.df, cssW(b)), cssW(a) + pad * 2, pad + font);
      ctx.drawImage(a, pad, pad + head, cssW(a), a.height / scale);
      ctx.drawImage(b, cssW(a) + pad * 2, pad + head, cssW(b), b.height / scale);
      // The legend: each curve's colour and dash, as drawn.
      ctx.font = `${small}px ${th.font}`;
      probe.font = ctx.font;
      const top = pad + head + chartsH + gap;
      legend.items.forEach((it, k) => {
        const y = top + it.y + line / 2;
        ctx.strokeStyle = th.series[k % th.series.length];
        ctx.lineWidth = 2.5;
        ctx.setLineDash([...traceDash(k)]);
        ctx.beginPath();
        ctx.moveTo(pad + it.x, y);
        ctx.lineTo(pad + it.x + mark, y);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = th.fg;
        ctx.fillText(it.text, pad + it.x + mark + gap, y + small * 0.35);
      });
      // The zones' key: whose zones, and what each shade means.
      let x = pad;
      const y = top + legend.rows * line + line / 2;
      ctx.fillStyle = th.fg;
      if (text.zones) { ctx.fillText(text.zones, x, y + small * 0.35); x += measure(text.zones) + gap; }
      for (const [fill, label] of [[th.vanish, text.vanish], [th.dead, text.dead]] as const) {
        ctx.fillStyle = fill;
        ctx.fillRect(x, y - 5, 14, 10);
        ctx.strokeStyle = th.axis;
        ctx.lineWidth = 1;
        ctx.strokeRect(x, y - 5, 14, 10);
        ctx.fillStyle = th.fg;
        ctx.fillText(label, x + 14 + gap / 2, y + small * 0.35);
        x += 14 + gap + measure(label) + 2 * gap;
      }
      return { dataUrl: out.toDataURL('image/png'), width: out.width, height: out.height };
    } finally {
      this.exporting = false;
      setRatio(undefined);
    }
  }

  /** A sampled table of the plot, the screen-reader alternative to the canvas. */
  tableRows(which: Which, rows = 41): { columns: string[]; data: Array<Record<string, string>> } {
    const plot = this.plot;
    if (!plot) return { columns: [], data: [] };
    const n = plot.x.length;
    const columns = ['x', ...plot.traces.map((tr) => (which === 'f' ? `${tr.title} f(x)` : `${tr.title} f'(x)`))];
    const data: Array<Record<string, string>> = [];
    const count = Math.min(rows, n);
    for (let r = 0; r < count; r++) {
      const i = count === 1 ? 0 : Math.round((r * (n - 1)) / (count - 1));
      const row: Record<string, string> = { x: fmt(plot.x[i]) };
      plot.traces.forEach((tr, k) => { row[columns[k + 1]] = fmt((which === 'f' ? tr.y : tr.dy)[i]); });
      data.push(row);
    }
    return { columns, data };
  }

  /** Where each chart's plot area is on the page (CSS px), for checks that the first-paint SVG lined up. */
  plotAreas(): Array<{ left: number; top: number; right: number; bottom: number }> {
    if (!this.charts) return [];
    return (['f', 'df'] as const).map((w) => {
      const r = this.canvases[w].getBoundingClientRect();
      const a = this.charts![w].chartArea;
      return { left: r.left + a.left, top: r.top + a.top, right: r.left + a.right, bottom: r.top + a.bottom };
    });
  }

  get canvasElements() {
    return this.canvases;
  }

  get current() {
    return this.plot;
  }
}

/** The softmax playground's probabilities as bars. */
export class BarChart {
  readonly canvas: HTMLCanvasElement;
  private chart: Chart<'bar'>;
  private theme = readTheme();
  constructor(label: string) {
    this.canvas = document.createElement('canvas');
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', label);
    this.canvas.dataset.chart = 'softmax';
    const th = this.theme;
    this.chart = new Chart(this.canvas, {
      type: 'bar',
      data: { labels: [], datasets: [{ data: [], backgroundColor: th.series[0], borderRadius: 2, maxBarThickness: 42 }] },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, events: [],
        plugins: { legend: { display: false }, tooltip: { enabled: false } },
        scales: {
          x: { type: 'category', grid: { display: false }, border: { color: th.axis }, ticks: { color: th.muted } },
          y: { type: 'linear', min: 0, max: 1, grid: { color: th.grid }, border: { color: th.axis }, ticks: { color: th.muted } },
        },
      },
      plugins: [{
        id: 'alBarLabels',
        afterDatasetsDraw: (chart) => {
          const meta = chart.getDatasetMeta(0);
          const { ctx } = chart;
          ctx.save();
          ctx.fillStyle = this.theme.fg;
          ctx.font = `10px ${this.theme.font}`;
          ctx.textAlign = 'center';
          const values = chart.data.datasets[0].data as number[];
          const top = values.map((v, i) => [v, i]).sort((a, b) => b[0] - a[0]).slice(0, 3).map(([, i]) => i);
          meta.data.forEach((el, i) => {
            const v = values[i];
            const text = v.toFixed(4);
            // Where it fits above its own bar, and always for the three largest; the data table has every value.
            const bar = (el as unknown as { width: number }).width;
            if (ctx.measureText(text).width <= bar + 8 || top.includes(i)) ctx.fillText(text, el.x, el.y - 4);
          });
          ctx.restore();
        },
      }],
    });
  }
  set(labels: Array<string | string[]>, values: number[]) {
    this.chart.data.labels = labels;
    this.chart.data.datasets[0].data = values;
    const max = Math.max(...values);
    this.chart.options.scales!.y!.max = max > 0.8 ? 1 : Math.min(1, Math.ceil((max * 1.2) * 10) / 10);
    this.chart.update('none');
  }
  retheme() {
    this.theme = readTheme();
    const th = this.theme;
    const s = this.chart.options.scales!;
    for (const ax of [s.x!, s.y!]) { ax.border = { ...ax.border, color: th.axis }; ax.ticks = { ...ax.ticks, color: th.muted }; }
    s.y!.grid = { ...s.y!.grid, color: th.grid };
    this.chart.data.datasets[0].backgroundColor = th.series[0];
    this.chart.update('none');
  }
}
