// The explorer's first paint as the host writes it: the shared chart geometry (ticks, domains,
// margins), and the SVG charts in the HTML — well-formed, labelled, the curves on the engine's
// values, the gradient zones, escaped text — and the page that carries it (strict CSP, the bundle
// loaded after the paint).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartLayout, tickLabel, xAxis, yAxis } from '../../../src/render/chartLayout';
import { FIRST_PAINT_ID, firstPaintDocument, type FirstPaintInput } from '../../../src/render/firstPaint';
import { catalogMeta, seriesMessage } from '../../../src/vscode/explorerData';
import { defaultState, type Trace } from '../../../src/protocol';
import { webviewPage } from '../../../src/vscode/webviewPage';
import { english } from '../../../src/i18n';
import { checkXml } from './xml';

const catalog = new Map(catalogMeta(english).map((m) => [m.id, m]));
const t = (m: string, ...a: Array<string | number>) => m.replace(/\{(\d+)\}/g, (s, i: string) => String(a[Number(i)] ?? s));
function input(traces: Trace[], range = { min: -20, max: 20, points: 1000 }): FirstPaintInput {
  const s = seriesMessage(traces, range, 1);
  return { range: s.range, x: s.x, traces: s.traces, meta: (id) => catalog.get(id), tab: 'charts', t };
}
const tanh: Trace = { id: 'tanh', params: {} };

test('x axis: the plotted range exactly, nice ticks inside it, true minus signs', () => {
  const a = xAxis(-20, 20, 11);
  assert.deepEqual([a.min, a.max], [-20, 20]);
  assert.deepEqual(a.ticks, [-20, -15, -10, -5, 0, 5, 10, 15, 20]);
  assert.deepEqual(a.labels.slice(0, 2), ['\u221220', '\u221215']);
  const b = xAxis(-1, 1, 11);
  assert.ok(b.ticks.length <= 11 && b.ticks.every((v) => v >= -1 && v <= 1));
  assert.deepEqual(b.labels, b.ticks.map((v) => (v === 0 ? '0' : v.toFixed(1).replace('-', '\u2212'))));
});

test('y axis: the data plus 4 % grace, rounded out to ticks at both ends, at most maxTicks', () => {
  const a = yAxis(-1, 1, 8);
  assert.deepEqual([a.min, a.max], [-1.5, 1.5]);
  assert.deepEqual(a.ticks, [-1.5, -1, -0.5, 0, 0.5, 1, 1.5]);
  assert.equal(a.labels[1], '\u22121.0');
  // Many ranges: every tick inside, the data inside with room, the count within the limit.
  for (const [lo, hi] of [[0, 1], [0, 20], [-0.27, 20], [1e-7, 3e-7], [-1e6, 1e6], [3, 3], [0, 0], [-5e-3, 2e-2], [0.99, 1.0001]]) {
    for (const max of [5, 8]) {
      const y = yAxis(lo, hi, max);
      assert.ok(y.ticks.length >= 2 && y.ticks.length <= max, `[${lo}, ${hi}] max ${max}: ${y.ticks}`);
      assert.ok(y.min <= lo && y.max >= hi && y.max > y.min, `[${lo}, ${hi}] → [${y.min}, ${y.max}]`);
      assert.equal(y.ticks[0], y.min);
      assert.equal(y.ticks[y.ticks.length - 1], y.max);
      assert.equal(new Set(y.labels).size, y.labels.length, `labels repeat: ${y.labels}`);
    }
  }
});

test('tick labels: the step\'s decimals, exponents for very large or small values', () => {
  assert.equal(tickLabel(0.25, 0.25), '0.25');
  assert.equal(tickLabel(-2, 0.5), '\u22122.0');
  assert.equal(tickLabel(0, 0.1), '0');
  assert.equal(tickLabel(500000, 500000), '5e5');
  assert.equal(tickLabel(2e-5, 1e-5), '2e\u22125');
  assert.equal(tickLabel(-3e5, 1e5), '\u22123e5');
});

test('the y axis is given room for its widest label; margins are positive', () => {
  const narrow = chartLayout({ min: -1, max: 1 }, [[0, 1]], { compact: false });
  const wide = chartLayout({ min: -1, max: 1 }, [[-123456, 987654]], { compact: false });
  assert.ok(wide.margin.left > narrow.margin.left);
  for (const l of [narrow, wide]) for (const v of Object.values(l.margin)) assert.ok(v > 0);
  assert.ok(chartLayout({ min: -1, max: 1 }, [[0, 1]], { compact: true }).margin.left <= narrow.margin.left);
});

/** The points of an SVG path "M x y L x y …", in the 1000 × 1000 box. */
function pathPoints(d: string): Array<[number, number]> {
  return [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}
const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

test('tanh: two labelled SVG charts, well-formed, each curve on the engine\'s f and f\'', () => {
  const inp = input([tanh]);
  const fp = firstPaintDocument(inp);
  const names = checkXml(fp.html);
  assert.ok(names.includes('svg') && names.includes('path'));
  const imgs = [...fp.html.matchAll(/<svg class="fp-svg" role="img" aria-label="([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(imgs, ['Chart of Tanh', 'Chart of the derivative of Tanh']);
  const paths = [...fp.html.matchAll(/<path class="s0" d="([^"]*)"/g)].map((m) => m[1]);
  assert.equal(paths.length, 2);
  for (const [k, which] of (['f', 'df'] as const).entries()) {
    const l = chartLayout(inp.range, [which === 'f' ? inp.traces[0].y : inp.traces[0].dy], { compact: false });
    const pts = pathPoints(paths[k]);
    // Simplified (a straight run keeps its ends), yet far fewer than 1000 points and still the curve.
    assert.ok(pts.length > 10 && pts.length < 400, `${which}: ${pts.length} points`);
    assert.ok(Math.abs(pts[0][0]) < 0.1 && Math.abs(pts[pts.length - 1][0] - 1000) < 0.1, 'the curve spans the whole x range');
    for (const [px, py] of pts) {
      const x = l.x.min + (px / 1000) * (l.x.max - l.x.min);
      const y = l.y.max - (py / 1000) * (l.y.max - l.y.min);
      const want = which === 'f' ? Math.tanh(x) : 1 - Math.tanh(x) ** 2;
      assert.ok(Math.abs(y - want) < 0.003 * (l.y.max - l.y.min) + 0.02 * Math.abs(which === 'f' ? 1 - want ** 2 : 2 * want * Math.tanh(x)) * (40 / 1000),
        `${which}(${x.toFixed(3)}) drawn at ${y}, tanh gives ${want}`);
    }
    // Tick labels are the shared layout's.
    assert.ok(l.y.labels.every((s) => fp.html.includes(`>${s}</text>`)));
  }
  // tanh's two vanishing zones (|f'| < 0.01 beyond |x| ≈ 3), shaded in both charts; no dead zone.
  const zones = [...fp.html.matchAll(/<rect class="z-vanish"[^>]*>/g)].map((m) => m[0]);
  assert.equal(zones.length, 4);
  const x0 = Number(attr(zones[0], 'x')!.replace('%', ''));
  const w0 = Number(attr(zones[0], 'width')!.replace('%', ''));
  assert.ok(x0 < 0.01 && Math.abs(-20 + (w0 / 100) * 40 - -3) < 0.1, `first zone from ${x0}% over ${w0}%`);
  assert.doesNotMatch(fp.html, /z-dead/);
  // The document's CSS places each plot area where chart.js will put its own.
  const l = chartLayout(inp.range, [inp.traces[0].y], { compact: false });
  assert.ok(fp.css.includes(`#${FIRST_PAINT_ID} .fp-f{left:${2 + l.margin.left}px;top:${6 + l.margin.top}px;right:${4 + l.margin.right}px;bottom:${2 + l.margin.bottom}px}`));
  // The facts and formula text of the catalog, the host's measurements on this range.
  assert.match(fp.html, /Output range/);
  assert.match(fp.html, /With these parameters, on \[-20, 20\]/);
});

test('ReLU compared with GELU and ELU: dead zone shaded, the others as strips, the third dashed, legend in order', () => {
  const fp = firstPaintDocument(input([{ id: 'relu', params: {} }, { id: 'gelu', params: {} }, { id: 'elu', params: {} }], { min: -6, max: 6, points: 500 }));
  checkXml(fp.html);
  assert.equal((fp.html.match(/<rect class="z-dead"/g) ?? []).length, 2);
  assert.ok((fp.html.match(/class="strip s[12]"/g) ?? []).length >= 2);
  assert.equal((fp.html.match(/<path class="s2" d="[^"]*" stroke-dasharray="6 3"/g) ?? []).length, 2);
  assert.equal((fp.html.match(/<path class="s1" d="[^"]*"\/>/g) ?? []).length, 2);
  assert.deepEqual([...fp.html.matchAll(/<li><span class="swatch s\d"><\/span>([^<]*)<\/li>/g)].map((m) => m[1]), ['ReLU', 'GELU', 'ELU']);
  // ReLU's left half is one straight run: two points, not hundreds.
  const d = /<path class="s0" d="([^"]*)"/.exec(fp.html)![1];
  assert.ok(pathPoints(d).length <= 4, d);
});

test('values that are not finite break the curve instead of drawing through them', () => {
  const inp = input([tanh], { min: -3, max: 3, points: 101 });
  inp.traces[0].y[50] = null;
  const d = /<path class="s0" d="([^"]*)"/.exec(firstPaintDocument(inp).html)![1];
  assert.equal((d.match(/M/g) ?? []).length, 2);
});

test('text is escaped: a hostile title or label cannot open an element or end the style', () => {
  const inp = input([tanh]);
  inp.traces[0].title = '</svg><script>alert(1)</script>&';
  const hostileT = (m: string, ...a: Array<string | number>) => t(m, ...a) + (m === 'Charts' ? '<img src=x onerror=alert(1)>' : '');
  const fp = firstPaintDocument({ ...inp, t: hostileT });
  checkXml(fp.html);
  assert.doesNotMatch(fp.html, /<script|<img/i);
  const page = webviewPage({ cspSource: 'https://x', nonce: 'n0nce', cssUri: 'https://x/main.css', jsUri: 'https://x/main.js', lang: 'en', view: 'explorer', title: 'T', firstPaint: { html: fp.html, css: fp.css + '</style><script>alert(1)</script>' } });
  assert.equal((page.match(/<\/style/gi) ?? []).length, 1, 'the generated CSS closed its <style> early');
});

test('the page with a first paint: strict CSP, no boot data, one nonce\'d loader that adds the bundle after the paint', () => {
  const fp = firstPaintDocument(input([tanh]));
  const html = webviewPage({
    cspSource: 'https://x.vscode-cdn.net', nonce: 'abc123', cssUri: 'https://x/main.css', jsUri: 'https://x/main.js?a="</script><script>alert(1)//',
    lang: 'en', view: 'explorer', title: 'T', boot: [{ type: 'status', message: 'not carried' }], firstPaint: fp,
  });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1].replace(/&#39;/g, "'") ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  assert.deepEqual(scripts, ['<script nonce="abc123">'], 'exactly one script element: the loader');
  assert.equal((html.match(/<\/script/gi) ?? []).length, 1, 'the bundle URL closed the loader early');
  assert.doesNotMatch(html, /application\/json|not carried/);
  const loader = html.slice(html.indexOf('<script nonce="abc123">'), html.indexOf('</script>'));
  assert.match(loader, /first-contentful-paint/);
  assert.match(loader, /s\.nonce = "abc123"/);
  assert.match(loader, /addEventListener\('load'/);
  // The first paint sits in the body, after #app, with its own nonce'd rules.
  assert.ok(html.indexOf(`id="${FIRST_PAINT_ID}"`) > html.indexOf('id="app"'));
  assert.match(html, /<style nonce="abc123">#al-first\{/);
});

test('readable ticks for every accepted range: labels distinct, within the axis\'s room, on both axes', async () => {
  const { X_LABEL_BUDGET } = await import('../../../src/render/chartLayout');
  const { computeSeries, getActivation } = await import('../../../src/catalog');
  const ranges: Array<[number, number]> = [[5, 20], [-1e-12, 1e-12], [0, 1e-9], [-1e6, 1e6], [1e6 - 1e-3, 1e6], [0.1, 0.10001], [-20, 20], [1e-3, 2e-3],
    [-3, 3], [12345.6, 12399.9], [-0.5, 1e5], [99999, 100001], [-1e-5, 3e-4]];
  for (const compact of [false, true]) {
    const budget = compact ? X_LABEL_BUDGET.compact : X_LABEL_BUDGET.full;
    for (const [min, max] of ranges) {
      const x = xAxis(min, max, compact ? 7 : 11, budget);
      const chars = x.labels.reduce((n, l) => n + l.length, 0) + 2 * (x.labels.length - 1);
      assert.ok(x.ticks.length >= 2, `[${min}, ${max}]: ${x.labels}`);
      assert.ok(chars <= budget, `[${min}, ${max}] compact=${compact}: ${chars} chars > ${budget}: ${x.labels.join(' | ')}`);
      assert.equal(new Set(x.labels).size, x.labels.length, `[${min}, ${max}]: x labels repeat: ${x.labels}`);
      // f and f' of tanh there (5…20: f ≈ 0.9999…1, f' ≈ 1e-17…2e-4): no repeated y labels either.
      const s = computeSeries({ spec: getActivation('tanh')!, params: {}, min, max, points: 200 });
      for (const ys of [s.y, s.dy]) {
        const l = chartLayout({ min, max }, [Array.from(ys)], { compact });
        assert.equal(new Set(l.y.labels).size, l.y.labels.length, `[${min}, ${max}]: y labels repeat: ${l.y.labels}`);
      }
    }
  }
  assert.deepEqual(chartLayout({ min: 5, max: 20 }, [Array.from(computeSeries({ spec: getActivation('tanh')!, params: {}, min: 5, max: 20, points: 100 }).y)], { compact: false }).y.labels.includes('1e0'), false);
});
