// The explorer's first paint, as HTML the host puts into the panel's document: the page's frame
// (tabs, the controls column, legend and actions) and the two charts as inline SVG — axes, ticks,
// grid, every curve, the vanishing/dead gradient zones — in the theme's colours through VS Code's
// CSS variables. The browser paints it as soon as the HTML is parsed, with no script; the webview's
// bundle loads after that and puts chart.js in its place (webview/main.ts), laid out from the same
// geometry (./chartLayout), so the swap moves nothing. Pure string building; every text is escaped.
import type { ActivationMeta, FormulaImage, Range, SeriesTrace } from '../protocol';
import { CHART_STYLE, chartLayout, traceDash, type ChartLayout } from './chartLayout';
import { measuredRows } from './measuredFacts';
import { escapeHtml as esc } from './escape';

export interface FirstPaintInput {
  range: Range;
  x: ArrayLike<number>;
  traces: SeriesTrace[];
  /** Catalog records of the traces' activations (the first one's formula and facts are shown). */
  meta: (id: string) => ActivationMeta | undefined;
  formula?: { f: FormulaImage; df: FormulaImage };
  tab: 'charts' | 'softmax';
  /** Translation of the panel's English UI strings (`{0}` placeholders filled). */
  t: (message: string, ...args: Array<string | number>) => string;
}

export interface FirstPaint {
  /** Goes into <body>, before the scripts. */
  html: string;
  /** Goes into a nonce'd <style>: the SVG's look and this document's chart margins. */
  css: string;
}

/** The element the webview removes once its own charts are drawn. */
export const FIRST_PAINT_ID = 'al-first';


/** Percent of the way from lo to hi, for SVG coordinates (0.01 % ≈ a tenth of a pixel). */
const pct = (v: number, lo: number, hi: number) => `${+(((v - lo) / (hi - lo)) * 100).toFixed(3)}%`;

/**
 * The curve in a 1000 × 1000 box stretched over the plot area (preserveAspectRatio none, the
 * stroke kept at its width by non-scaling-stroke). Points that add under a tenth of a unit of
 * deviation are dropped (Ramer–Douglas–Peucker: a ReLU half is two points); null/NaN break it.
 */
function curvePath(x: ArrayLike<number>, ys: ArrayLike<number | null>, l: ChartLayout): string {
  const n = x.length;
  const px = new Float64Array(n), py = new Float64Array(n);
  const runs: Array<[number, number]> = [];
  let start = -1, m = 0;
  for (let i = 0; i <= n; i++) {
    const y = i < n ? ys[i] : null;
    if (y !== null && Number.isFinite(y)) {
      if (start < 0) start = m;
      px[m] = ((x[i] - l.x.min) / (l.x.max - l.x.min)) * 1000;
      // Far-off values are clamped (well outside the box, so still clipped) to keep the numbers short.
      py[m] = Math.max(-1e5, Math.min(1e5, (1 - (y - l.y.min) / (l.y.max - l.y.min)) * 1000));
      m++;
    } else if (start >= 0) {
      runs.push([start, m]);
      start = -1;
    }
  }
  let d = '';
  const keep = new Uint8Array(m);
  for (const [a, b] of runs) {
    keep[a] = keep[b - 1] = 1;
    const stack = [a, b - 1];
    while (stack.length) {
      const j = stack.pop()!, i = stack.pop()!;
      const dx = px[j] - px[i], dy = py[j] - py[i];
      const len = Math.hypot(dx, dy) || 1;
      let worst = 0, at = -1;
      for (let k = i + 1; k < j; k++) {
        const dist = Math.abs(dy * (px[k] - px[i]) - dx * (py[k] - py[i])) / len;
        if (dist > worst) { worst = dist; at = k; }
      }
      if (worst > 0.1 && at > 0) { keep[at] = 1; stack.push(i, at, at, j); }
    }
    let first = true;
    for (let k = a; k < b; k++) {
      if (!keep[k]) continue;
      d += `${first ? 'M' : 'L'}${+px[k].toFixed(1)} ${+py[k].toFixed(1)}`;
      first = false;
    }
    if (b - a === 1) d += 'h0.1';
  }
  return d;
}

/** One chart: the plot area's box (placed by the document's CSS) holding the SVG. */
function chartSvg(which: 'f' | 'df', input: FirstPaintInput, l: ChartLayout, label: string): string {
  const { x, traces } = input;
  const style = CHART_STYLE;
  const parts: string[] = [];
  // Zones under everything: the first activation's shaded, the others' as strips along the bottom.
  const zone = (lo: number, hi: number, cls: string, extra = '') => {
    const a = Math.max(l.x.min, Math.min(l.x.max, lo)), b = Math.max(l.x.min, Math.min(l.x.max, hi));
    return `<rect class="${cls}" x="${pct(a, l.x.min, l.x.max)}" width="${pct(Math.max(b, a) - a + (l.x.max - l.x.min) * 0.0005, 0, l.x.max - l.x.min)}"${extra}/>`;
  };
  const p = traces[0];
  if (p) {
    for (const [lo, hi] of p.vanishing) parts.push(zone(lo, hi, 'z-vanish', ' y="0" height="100%"'));
    for (const [lo, hi] of p.dead) parts.push(zone(lo, hi, 'z-dead', ' y="0" height="100%"'));
  }
  traces.slice(1).forEach((tr, k) => {
    const strips = [...tr.vanishing.map((z) => zone(z[0], z[1], `strip s${(k + 1) % 6}`, ` y="-${4 * (k + 1)}" height="3" fill-opacity="0.45"`)),
      ...tr.dead.map((z) => zone(z[0], z[1], `strip s${(k + 1) % 6}`, ` y="-${4 * (k + 1)}" height="3" fill-opacity="0.95"`))];
    if (strips.length) parts.push(`<svg y="100%" overflow="visible">${strips.join('')}</svg>`);
  });
  // Grid lines at the ticks, running out of the plot area as tick marks.
  const xs = l.x.ticks.map((v) => pct(v, l.x.min, l.x.max));
  const ys = l.y.ticks.map((v) => pct(v, l.y.max, l.y.min));
  const grid = [
    ...xs.map((X) => `<line x1="${X}" x2="${X}" y1="0" y2="100%"/>`),
    ...ys.map((Y) => `<line x1="-${style.tickLength}" x2="100%" y1="${Y}" y2="${Y}"/>`),
  ];
  parts.push(`<g class="grid">${grid.join('')}<svg y="100%" overflow="visible">${xs.map((X) => `<line x1="${X}" x2="${X}" y1="0" y2="${style.tickLength}"/>`).join('')}</svg></g>`);
  // Curves, clipped to the plot area by their own viewport.
  const curves = traces.map((tr, k) => {
    const dash = traceDash(k);
    return `<path class="s${k % 6}" d="${curvePath(x, which === 'f' ? tr.y : tr.dy, l)}"${dash.length ? ` stroke-dasharray="${dash.join(' ')}"` : ''}/>`;
  });
  parts.push(`<svg class="curves" viewBox="0 0 1000 1000" preserveAspectRatio="none">${curves.join('')}</svg>`);
  // The axes' lines (left and bottom) over the grid, then the labels.
  parts.push('<g class="axis"><line x1="0" x2="0" y1="0" y2="100%"/><line x1="0" x2="100%" y1="100%" y2="100%"/></g>');
  const out = style.tickLength + style.tickPadding;
  const yLabels = l.y.labels.map((s, i) => `<text x="-${out}" y="${ys[i]}" dy="0.34em" text-anchor="end">${esc(s)}</text>`);
  const xLabels = l.x.labels.map((s, i) => `<text x="${xs[i]}" y="${out}" dy="0.8em" text-anchor="middle">${esc(s)}</text>`);
  parts.push(`<g class="labels">${yLabels.join('')}<svg y="100%" overflow="visible">${xLabels.join('')}</svg></g>`);
  return `<div class="fp-plot fp-${which}"><svg class="fp-svg" role="img" aria-label="${esc(label)}"><title>${esc(label)}</title>${parts.join('')}</svg></div>`;
}

/** The look of the SVG charts, from VS Code's theme variables, matching webview/theme.ts. */
function css(layouts: Record<'f' | 'df', ChartLayout>): string {
  const s = CHART_STYLE;
  const fg = 'var(--vscode-editor-foreground, #cccccc)';
  const series = ['blue', 'orange', 'green', 'purple', 'red', 'yellow'];
  const fallback = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'];
  const box = (w: 'f' | 'df') => {
    const m = layouts[w].margin;
    // .chart-box's padding (6px 4px 2px 2px) plus the chart's own margins: chart.js's plot area.
    return `#${FIRST_PAINT_ID} .fp-${w}{left:${2 + m.left}px;top:${6 + m.top}px;right:${4 + m.right}px;bottom:${2 + m.bottom}px}`;
  };
  return [
    `#${FIRST_PAINT_ID}{position:absolute;top:0;left:0;right:0;min-height:100vh;z-index:20;background:var(--vscode-editor-background)}`,
    '.fp-plot{position:absolute}',
    '.fp-svg,.fp-svg .curves{position:absolute;left:0;top:0;width:100%;height:100%}',
    '.fp-svg{overflow:visible}',
    `.fp-svg .grid line{stroke:${fg};stroke-opacity:${s.gridAlpha.dark};stroke-width:1;shape-rendering:crispEdges}`,
    `body.vscode-light .fp-svg .grid line{stroke-opacity:${s.gridAlpha.light}}`,
    `body.vscode-high-contrast .fp-svg .grid line,body.vscode-high-contrast-light .fp-svg .grid line{stroke-opacity:${s.gridAlpha.hc}}`,
    `.fp-svg .axis line{stroke:${fg};stroke-opacity:${s.axisAlpha.normal};stroke-width:1;shape-rendering:crispEdges}`,
    `body.vscode-high-contrast .fp-svg .axis line,body.vscode-high-contrast-light .fp-svg .axis line{stroke-opacity:${s.axisAlpha.hc}}`,
    `.fp-svg text{fill:var(--vscode-descriptionForeground, ${fg});font-family:var(--vscode-font-family, system-ui, sans-serif);font-size:${s.full.font}px}`,
    `.fp-svg .z-vanish{fill:var(--vscode-charts-yellow, #cca700);fill-opacity:${s.vanishAlpha.dark}}`,
    `body.vscode-light .fp-svg .z-vanish,body.vscode-high-contrast-light .fp-svg .z-vanish{fill-opacity:${s.vanishAlpha.light}}`,
    `.fp-svg .z-dead{fill:var(--vscode-charts-red, #f14c4c);fill-opacity:${s.deadAlpha.dark}}`,
    `body.vscode-light .fp-svg .z-dead,body.vscode-high-contrast-light .fp-svg .z-dead{fill-opacity:${s.deadAlpha.light}}`,
    `.fp-svg .curves path{fill:none;stroke-width:${s.full.line};stroke-linejoin:round;vector-effect:non-scaling-stroke}`,
    ...series.map((c, k) => `.fp-svg path.s${k}{stroke:var(--vscode-charts-${c}, ${fallback[k]})}.fp-svg rect.s${k},#${FIRST_PAINT_ID} .swatch.s${k}{fill:var(--vscode-charts-${c}, ${fallback[k]});background:var(--vscode-charts-${c}, ${fallback[k]})}`),
    // The toolkit's controls, before the toolkit runs: boxes of the same size.
    `#${FIRST_PAINT_ID} .fp-tabs{display:flex;gap:32px;height:34px;align-items:center;padding:0 6px;color:var(--vscode-panelTitle-inactiveForeground, var(--vscode-descriptionForeground))}`,
    `#${FIRST_PAINT_ID} .fp-tabs .on{color:var(--vscode-panelTitle-activeForeground, var(--vscode-foreground));border-bottom:1px solid var(--vscode-panelTitle-activeBorder, var(--vscode-focusBorder));padding:4px 0 5px;margin-top:10px}`,
    `#${FIRST_PAINT_ID} .fp-app{padding:0 16px 16px}`,
    `#${FIRST_PAINT_ID} .fp-view{padding:10px 1px 0}`,
    `#${FIRST_PAINT_ID} .fp-field{box-sizing:border-box;display:block;height:26px;line-height:24px;padding:0 8px;border:1px solid var(--vscode-dropdown-border, var(--al-border));background:var(--vscode-dropdown-background, var(--vscode-input-background));color:var(--vscode-dropdown-foreground, var(--vscode-foreground));border-radius:2px;overflow:hidden;white-space:nowrap}`,
    `#${FIRST_PAINT_ID} .card-head .fp-field,#${FIRST_PAINT_ID} .add-row .fp-field{flex:1;min-width:0;position:relative;padding-right:24px}`,
    `#${FIRST_PAINT_ID} .card-head .fp-field::after,#${FIRST_PAINT_ID} .add-row .fp-field::after{content:"";position:absolute;right:10px;top:7px;width:6px;height:6px;border:solid currentColor;border-width:0 1px 1px 0;transform:rotate(45deg)}`,
    `#${FIRST_PAINT_ID} .fp-button{box-sizing:border-box;display:inline-block;height:26px;line-height:24px;padding:0 11px;border:1px solid transparent;border-radius:2px;white-space:nowrap;background:var(--vscode-button-secondaryBackground, #3a3d41);color:var(--vscode-button-secondaryForeground, #ffffff)}`,
    `#${FIRST_PAINT_ID} .fp-button.primary{background:var(--vscode-button-background);color:var(--vscode-button-foreground)}`,
    `body.vscode-high-contrast #${FIRST_PAINT_ID} .fp-button,body.vscode-high-contrast-light #${FIRST_PAINT_ID} .fp-button{background:transparent;border-color:var(--vscode-contrastBorder)}`,
    `#${FIRST_PAINT_ID} .presets .fp-button{height:19px;line-height:17px;padding:0 7px;font-variant-numeric:tabular-nums}`,
    `#${FIRST_PAINT_ID} .range-row .fp-field{background:var(--vscode-input-background);border-color:var(--vscode-input-border, var(--al-border))}`,
    `#${FIRST_PAINT_ID} .fp-label{display:block;margin-bottom:2px;color:var(--vscode-foreground)}`,
    box('f'), box('df'),
  ].join('\n');
}

export function firstPaintDocument(input: FirstPaintInput): FirstPaint {
  const { t, traces } = input;
  const layouts = {
    f: chartLayout(input.range, traces.map((tr) => tr.y), { compact: false }),
    df: chartLayout(input.range, traces.map((tr) => tr.dy), { compact: false }),
  };
  const title = traces.map((tr) => tr.title).join(', ');
  const first = traces[0] ? input.meta(traces[0].id) : undefined;

  const cards = traces.map((tr, k) => {
    const m = input.meta(tr.id);
    const shown = m ? m.params.filter((p) => !m.ignored.includes(p.name)) : [];
    const params = shown.length
      ? shown.map((p) => `<div class="param"><span class="param-label">${esc(p.name)}</span><div class="param-inputs"><span class="fp-field">${esc(String(tr.params[p.name] ?? p.default))}</span></div></div>`).join('')
      : `<p class="muted small">${esc(t('no parameters'))}</p>`;
    return `<div class="trace-card"><div class="card-head"><span class="swatch big s${k % 6}"></span><span class="fp-field">${esc(m?.title ?? tr.id)}</span></div><div class="params">${params}</div></div>`;
  }).join('');
  const presets = ['−20…20', '−10…10', '−6…6', '−3…3', '−1…1'].map((p) => `<span class="fp-button">${p}</span>`).join('') + `<span class="fp-button">${esc(t('Auto'))}</span>`;
  const field = (label: string, v: number) => `<div><span class="fp-label">${esc(t(label))}</span><span class="fp-field">${v}</span></div>`;
  const controls = `<aside class="controls" aria-label="${esc(t('Parameters'))}"><h2 class="section-title">${esc(t('Activation'))}</h2><div class="traces">${cards}</div>`
    + `<div class="add-row"><span class="fp-field">${esc(input.meta('relu')?.title ?? '')}</span><span class="fp-button">${esc(t('Add to comparison'))}</span></div>`
    + `<h2 class="section-title">${esc(t('x range'))}</h2><div class="presets">${presets}</div>`
    + `<div class="range-row">${field('Minimum', input.range.min)}${field('Maximum', input.range.max)}${field('Points', input.range.points)}</div></aside>`;

  const legend = traces.map((tr, k) => `<li><span class="swatch s${k % 6}"></span>${esc(tr.title)}</li>`).join('');
  const actions = `<div class="actions"><span class="fp-button">${esc(t('Show data table'))}</span><span class="fp-button">${esc(t('Export PNG'))}</span><span class="fp-button primary">${esc(t('Copy script'))}</span></div>`;
  const figure = (which: 'f' | 'df') => {
    const label = which === 'f' ? t('Chart of {0}', title) : t('Chart of the derivative of {0}', title);
    const cap = which === 'f' ? esc(t('Function f(x)')) : `${esc(t("Derivative f'(x)"))}<span class="chart-sub"> · ${esc(t('computed by backward()'))}</span>`;
    return `<figure class="chart-figure"><figcaption class="chart-title">${cap}</figcaption><div class="chart-box">${chartSvg(which, input, layouts[which], label)}</div></figure>`;
  };
  const zoneKey = `<div class="zone-key muted small"><span class="zone-swatch vanish"></span>${esc(t("gradient vanishes (|f'| < 0.01)"))}<span class="zone-swatch dead"></span>${esc(t('gradient is zero (dead units)'))}</div>`;
  const readout = `<div class="readout">${esc(t('Move the cursor over the chart, or focus it and use the arrow keys, to read values.'))}</div>`;

  let info = '';
  let formulaCss = '';
  if (first) {
    const formula = (which: 'f' | 'df') => {
      const text = which === 'f' ? first.formula.text : first.formula.textDerivative;
      const img = input.formula?.[which];
      if (!img) return `<code class="formula-text">${esc(text)}</code>`;
      // CSP allows no style attributes: the mask and size go into the document's nonce'd stylesheet.
      // The image once, in a variable both mask properties read.
      formulaCss += `#${FIRST_PAINT_ID} .fp-formula-${which}{--fp-mask:url("${img.uri.replace(/["\\\n<]/g, encodeURIComponent)}");width:min(100%, ${+(img.width * 1.15).toFixed(2)}px);aspect-ratio:${img.width} / ${img.height};mask-image:var(--fp-mask);-webkit-mask-image:var(--fp-mask)}\n`;
      return `<span class="formula-img fp-formula-${which}" role="img" aria-label="${esc(text)}" title="${esc(text)}"></span>`;
    };
    const m = measuredRows({ range: input.range, traces }, first.id, t);
    const measured = m ? `<div class="measured-box"><h3 class="section-subtitle">${esc(m.title)}</h3><dl class="facts measured">${m.rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl></div>` : '';
    const facts = first.facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('');
    const advice = first.advice.length ? `<div class="info-col"><h2 class="section-title">${esc(t('Advice'))}</h2><ul class="advice">${first.advice.map((a) => `<li>${esc(a)}</li>`).join('')}</ul></div>` : '';
    info = `<section class="info"><div class="info-col"><h2 class="section-title">${esc(t('Formula'))} · ${esc(first.title)}</h2><div class="formula">${formula('f')}</div><div class="formula">${formula('df')}</div><a class="docs" href="${esc(first.docs)}">${esc(t('Documentation'))} ↗</a></div>`
      + `<div class="info-col"><h2 class="section-title">${esc(t('Facts'))}</h2><dl class="facts">${facts}</dl>${measured}</div>${advice}</section>`;
  }
  const main = `<div class="main"><div class="chart-head"><ul class="legend" aria-label="${esc(t('Comparison'))}">${legend}</ul>${actions}</div><div class="chart-pair">${figure('f')}${figure('df')}</div>${zoneKey}${readout}<div class="tables" hidden=""></div>${info}</div>`;
  const tabs = `<div class="fp-tabs"><span${input.tab === 'charts' ? ' class="on"' : ''}>${esc(t('Charts'))}</span><span${input.tab === 'softmax' ? ' class="on"' : ''}>${esc(t('Softmax playground'))}</span></div>`;
  const html = `<div id="${FIRST_PAINT_ID}"><div class="fp-app">${tabs}<div class="fp-view"><div class="explorer">${controls}${main}</div></div></div></div>`;
  return { html, css: css(layouts) + '\n' + formulaCss };
}
