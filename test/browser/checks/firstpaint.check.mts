// The explorer's first paint comes from the HTML itself: the host renders the two charts as SVG
// (src/render/firstPaint.ts), the browser paints them before any script of ours has run, and the
// bundle, loaded after that paint, puts chart.js in their place at the same spot. Screenshots of
// both states in each theme (the first paint is shown again over the live panel for its picture).
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { Check } from '../framework.mjs';

type Area = { left: number; top: number; right: number; bottom: number };
const fp = (f: Frame) => f.evaluate('window.activationLens.firstPaint()') as Promise<{ svg: Area[]; canvas: Area[] }>;

export default {
  name: 'explorer first paint: SVG charts painted before the bundle runs, then chart.js in the same place',
  themes: ['light', 'dark', 'hc'],
  timeoutMs: 180_000,
  async run(ctx) {
    await ctx.openFile('activations_article.py');
    await ctx.waitForExtensionActive();
    const enterAt = await ctx.runCommand('Activation Lens: Open Explorer');
    const f = await ctx.findFrame('body[data-ready="explorer"][data-painted][data-hydrated]', 60_000);
    await f.waitForFunction('window.activationLens.painted() > 500', null, { timeout: 20_000 }).catch(() => {});
    assert.ok((await f.evaluate('window.activationLens.painted()') as number) > 500, 'chart.js drew nothing after the first paint');

    // The first contentful paint happened before our bundle started: what was painted was the HTML.
    const t = await f.evaluate(() => ({
      origin: performance.timeOrigin,
      fcp: performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? NaN,
      script: performance.getEntriesByName('al:script')[0]?.startTime ?? NaN,
      hydrated: performance.getEntriesByName('al:hydrated')[0]?.startTime ?? NaN,
      load: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.loadEventStart ?? NaN,
      svgLeft: document.querySelectorAll('#al-first svg').length,
    }));
    ctx.log(`first contentful paint ${Math.round(t.origin + t.fcp - enterAt)} ms after Enter; document load ${t.load.toFixed(0)} ms, paint ${t.fcp.toFixed(0)} ms, bundle running ${t.script.toFixed(0)} ms, chart.js in place ${t.hydrated.toFixed(0)} ms after the document started`);
    assert.ok(Number.isFinite(t.fcp) && Number.isFinite(t.script), `paint ${t.fcp}, script ${t.script}`);
    assert.ok(t.fcp < t.script, `the first paint (${t.fcp} ms) came after the bundle started (${t.script} ms)`);
    assert.ok(t.load <= t.script, `the bundle (${t.script} ms) ran before the load event (${t.load} ms), delaying the frame`);
    assert.equal(t.svgLeft, 0, 'the first-paint SVG is still in the page after chart.js drew');

    // Both plot areas were where chart.js put its own (no jump at the swap).
    const { svg, canvas } = await fp(f);
    assert.equal(svg.length, 2, 'the document had no first-paint charts');
    assert.equal(canvas.length, 2);
    ctx.log(`plot areas: SVG ${svg.map((a) => `${a.left.toFixed(1)},${a.top.toFixed(1)}–${a.right.toFixed(1)},${a.bottom.toFixed(1)}`).join(' | ')}; chart.js ${canvas.map((a) => `${a.left.toFixed(1)},${a.top.toFixed(1)}–${a.right.toFixed(1)},${a.bottom.toFixed(1)}`).join(' | ')}`);
    for (let i = 0; i < 2; i++) {
      for (const k of ['left', 'top', 'right', 'bottom'] as const) {
        assert.ok(Math.abs(svg[i][k] - canvas[i][k]) <= 1.5, `chart ${i}: the SVG's plot area ${k} ${svg[i][k]} vs chart.js's ${canvas[i][k]}`);
      }
    }

    // Screenshots: the live panel, then the first paint put back over it.
    await ctx.page.waitForTimeout(300);
    ctx.log(`live → ${await ctx.screenshot('live')}`);
    // The controls took the theme's colours (the toolkit reads them at a load event the bundle, loaded later, has to give it).
    const colours = await f.evaluate(() => [getComputedStyle(document.body).color, getComputedStyle(document.querySelector('.legend li')!).color]);
    assert.equal(colours[1], colours[0], "the panel's text is not in the theme's foreground colour");
    assert.equal(await f.evaluate('window.activationLens.showFirstPaint(true)'), true);
    const svgInk = await f.evaluate(() => Array.from(document.querySelectorAll('#al-first .curves path'), (p) => (p as SVGPathElement).getTotalLength()));
    assert.equal(svgInk.length, 2, 'one curve per chart');
    for (const len of svgInk) assert.ok(len > 100, `a first-paint curve is ${len} units long`);
    const label = await f.locator('#al-first svg[role="img"]').first().getAttribute('aria-label');
    assert.match(label ?? '', /Tanh/);
    // The page around the charts sits where the live one does too: nothing moves at the swap.
    const moved = await f.evaluate(() => ['.trace-card', '.add-row', '.presets', '.range-row', '.chart-head', '.legend', '.zone-key', '.readout', '.info', '.facts'].flatMap((sel) => {
      const a = document.querySelector('#al-first ' + sel)?.getBoundingClientRect();
      const b = document.querySelector('#app ' + sel)?.getBoundingClientRect();
      if (!a || !b) return [`${sel}: ${a ? 'not in the live panel' : 'not in the first paint'}`];
      const d = Math.max(Math.abs(a.left - b.left), Math.abs(a.top - b.top), Math.abs(a.width - b.width), Math.abs(a.height - b.height));
      return d > 1 ? [`${sel}: first paint ${a.left},${a.top} ${a.width}×${a.height}, live ${b.left},${b.top} ${b.width}×${b.height}`] : [];
    }));
    assert.deepEqual(moved, [], 'parts of the page move when chart.js takes over');
    await ctx.page.waitForTimeout(200);
    ctx.log(`first paint → ${await ctx.screenshot('svg')}`);
    await f.evaluate('window.activationLens.showFirstPaint(false)');
    await ctx.runCommand('View: Close All Editors');
  },
} satisfies Check;
