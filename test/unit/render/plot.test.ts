// The hover's graph from hand-made series (the engine's numbers are checked in hover.test.ts):
// zones, well-formed SVG, size, colours, base64.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plotSvg, gradientZones, niceTicks } from '../../../src/render/plot';
import { base64, base64Js, svgDataUri } from '../../../src/render/dataUri';
import { checkXml } from './xml';
import { themeKindFromVscode } from '../../../src/render/theme';

function series(f: (x: number) => number, df: (x: number) => number, a: number, b: number, n = 401) {
  const x: number[] = [], y: number[] = [], dy: number[] = [];
  for (let i = 0; i < n; i++) { const v = a + ((b - a) * i) / (n - 1); x.push(v); y.push(f(v)); dy.push(df(v)); }
  return { x, y, dy };
}
const relu = series((x) => Math.max(0, x), (x) => (x > 0 ? 1 : 0), -6, 6);
const tanh = series(Math.tanh, (x) => 1 - Math.tanh(x) ** 2, -6, 6);

test('ReLU: one exact-zero zone, x from -6 to 0, and no vanishing zone', () => {
  const z = gradientZones(relu.x, relu.dy);
  assert.deepEqual(z, [{ kind: 'zero', x0: -6, x1: 0 }]);
});

test('tanh: vanishing zones for |x| > 3 on both sides, no exact zero', () => {
  const z = gradientZones(tanh.x, tanh.dy);
  assert.equal(z.length, 2);
  assert.ok(z.every((q) => q.kind === 'vanishing'));
  assert.equal(z[0].x0, -6);
  assert.ok(Math.abs(z[0].x1 + 3) < 0.05, String(z[0].x1));
  assert.ok(Math.abs(z[1].x0 - 3) < 0.05, String(z[1].x0));
  assert.equal(z[1].x1, 6);
});

test('a single zero sample (a kink) is not a zone; NaN breaks runs', () => {
  assert.deepEqual(gradientZones([0, 1, 2], [1, 0, 1]), []);
  assert.deepEqual(gradientZones([0, 1, 2, 3], [0, NaN, 0, 0]), [{ kind: 'zero', x0: 2, x1: 3 }]);
});

for (const theme of ['light', 'dark', 'highContrast', 'highContrastLight'] as const) {
  test(`plot SVG (${theme}) is well-formed, under 20 KB, shades the zones and has a legend`, () => {
    for (const [name, s, kinds] of [['relu', relu, ['zero']], ['tanh', tanh, ['vanishing']]] as const) {
      const svg = plotSvg(s, { theme, title: `${name} <&> "f"` });
      const names = checkXml(svg);
      assert.ok(new TextEncoder().encode(svg).length < 20_000, `${name}: ${svg.length} bytes`);
      for (const k of kinds) assert.match(svg, new RegExp(`class="zone-${k}"`), `${name} ${k}`);
      assert.ok(names.filter((n) => n === 'path').length >= 6, 'curves, axes, grid');
      assert.match(svg, /f\(x\)/);
      assert.match(svg, /f\u2032\(x\)/);
      assert.match(svg, /shape-rendering="crispEdges"/);
      assert.ok(!svg.includes('currentColor'), 'concrete theme colours');
      assert.ok(svg.includes('&lt;&amp;&gt;'), 'title escaped');
    }
  });
}

test('ReLU zone rect is the left half of each panel', () => {
  const svg = plotSvg(relu, { theme: 'light' });
  const rects = [...svg.matchAll(/<rect class="zone-zero" data-x0="(-?[\d.]+)" data-x1="(-?[\d.]+)"/g)];
  assert.equal(rects.length, 2, 'one per panel');
  for (const r of rects) assert.deepEqual([Number(r[1]), Number(r[2])], [-6, 0]);
});

test('straight runs are decimated: a ReLU curve needs a handful of points', () => {
  const svg = plotSvg(relu, { theme: 'dark' });
  const curve = [...svg.matchAll(/<path d="(M[^"]*)" fill="none" stroke="#ff7b56"/g)][0][1];
  assert.ok((curve.match(/L/g) ?? []).length <= 4, curve);
});

test('non-finite values do not leak NaN into the SVG', () => {
  const s = series((x) => (x > 0 ? Infinity : x), (x) => (x > 0 ? NaN : 1), -2, 2, 41);
  const svg = plotSvg(s, { theme: 'light' });
  checkXml(svg);
  assert.ok(!/NaN|Infinity/.test(svg));
});

test('ticks land on 1-2-5 steps', () => {
  assert.deepEqual(niceTicks(-6, 6, 6), [-6, -4, -2, 0, 2, 4, 6]);
  assert.deepEqual(niceTicks(0, 1, 4), [0, 0.5, 1]);
  assert.deepEqual(niceTicks(-0.02, 0.27, 4), [0, 0.1, 0.2]);
});

test('base64 matches Node\'s for every length remainder and for non-ASCII', () => {
  for (const s of ['', 'a', 'ab', 'abc', 'abcd', 'f′(x) → λ 激活', '<svg/>'.repeat(50), 'é'.repeat(40_000)]) {
    const bytes = new TextEncoder().encode(s);
    assert.equal(base64(bytes), Buffer.from(bytes).toString('base64'), s);
    assert.equal(base64Js(bytes), Buffer.from(bytes).toString('base64'), `JS fallback: ${s}`);
  }
  assert.match(svgDataUri('<svg/>'), /^data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+$/);
});

test('theme kind: VS Code\'s kind, corrected by a theme name that says otherwise', () => {
  assert.equal(themeKindFromVscode(1), 'light');
  assert.equal(themeKindFromVscode(2), 'dark');
  assert.equal(themeKindFromVscode(3), 'highContrast');
  assert.equal(themeKindFromVscode(4), 'highContrastLight');
  assert.equal(themeKindFromVscode(1, 'Default Dark Modern'), 'dark');
  assert.equal(themeKindFromVscode(2, 'Default Light Modern'), 'light');
  assert.equal(themeKindFromVscode(2, 'Monokai'), 'dark');
  assert.equal(themeKindFromVscode(3, 'Default High Contrast'), 'highContrast');
});

test('every image sits on a card of its theme\'s background', () => {
  assert.match(plotSvg(relu, { theme: 'dark' }), /<rect width="440" height="172" rx="4" fill="#1e1e1e"\/>/);
});
