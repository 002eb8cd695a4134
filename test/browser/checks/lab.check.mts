// The Activation Lab in the real VS Code: it opens from the palette and from a hover's "See it
// train"; a race runs with its curves and decision heatmaps painting (canvases not blank), pause
// stops it and reset starts over; a hostile setting is refused visibly; the depth view shows
// sigmoid's gradient norms falling by orders of magnitude with depth while ReLU with He init stays
// within one order. Screenshots of the race and of the depth view.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { Check } from '../framework.mjs';

const LAB = 'Activation Lens: Open Activation Lab (training race, gradients by depth)';
type Lab = { state(): { tab: string; race: { activations: Array<{ id: string }> } }; depth(): { configs: Array<{ activation: string; init: string }>; grad: number[][] } | null; painted(sel: string): number; yLabels(sel: string): string[] };
const labDepth = (f: Frame) => f.evaluate(() => (window as unknown as { activationLab: Lab }).activationLab.depth());
const firstRacer = (f: Frame) => f.evaluate(() => (window as unknown as { activationLab: Lab }).activationLab.state().race.activations[0]?.id);
const painted = (f: Frame, sel: string) => f.evaluate((s) => (window as unknown as { activationLab: Lab }).activationLab.painted(s), sel);
const yLabels = (f: Frame, sel: string) => f.evaluate((s) => (window as unknown as { activationLab: Lab }).activationLab.yLabels(s), sel);
const step = (f: Frame) => f.evaluate(() => Number(document.body.dataset.raceStep ?? -1));

export default {
  name: 'lab: race paints and pauses/resets, depth view shows vanishing gradients, opens from palette and hover',
  timeoutMs: 240_000,
  async run(ctx) {
    const { page } = ctx;
    await ctx.openFile('mlp.py');
    await ctx.waitForExtensionActive(60_000);
    await ctx.runCommand(LAB);
    const f = await ctx.findFrame('#lab[aria-busy="false"] #chart-loss', 60_000);
    await f.click('#tab-race'); // the lab reopens on the tab it was left on (lab-restore leaves it on depth)
    await f.waitForFunction(() => document.body.dataset.raceStep === '0', null, { timeout: 30_000 });

    // ---- the race: play, curves and heatmaps paint, pause holds, reset starts over
    await f.fill('#race-steps', '20000'); // long enough that it is still running when paused
    await f.dispatchEvent('#race-steps', 'change');
    await f.waitForFunction(() => document.getElementById('race-status')?.textContent?.includes('20000'), null, { timeout: 15_000 });
    await f.click('#lab-play');
    await f.waitForFunction(() => Number(document.body.dataset.raceStep) >= 60, null, { timeout: 60_000 });
    for (const sel of ['#chart-loss', '#chart-accuracy', '#chart-dead', 'canvas[data-heat="0"]', 'canvas[data-heat="1"]', 'canvas[data-heat="2"]'])
      assert.ok((await painted(f, sel)) > 500, `${sel} is blank`);
    // the loss axis is logarithmic and spans less than a decade here: it once showed no labels
    for (const sel of ['#chart-loss', '#chart-accuracy', '#chart-dead']) {
      // The charts take new frames on the next animation frame: wait for the axis to be laid out with data.
      let labels = await yLabels(f, sel);
      for (let end = Date.now() + 10_000; labels.length < 2 && Date.now() < end; labels = await yLabels(f, sel)) await page.waitForTimeout(100);
      assert.ok(labels.length >= 2, `${sel}: y axis labels ${JSON.stringify(labels)}`);
      if (sel === '#chart-loss') ctx.log(`loss axis labels: ${labels.join(' ')}`);
    }
    assert.equal(await f.evaluate(() => document.body.dataset.running), 'true', 'the race should still be running');
    await f.click('#lab-play'); // pause
    await f.waitForFunction(() => document.body.dataset.running === 'false', null, { timeout: 10_000 });
    const paused = await step(f);
    assert.ok(paused < 20000);
    await page.waitForTimeout(800);
    assert.equal(await step(f), paused, 'the race went on while paused');
    ctx.log(`race paused at step ${paused}`);
    await ctx.screenshot('race');
    await f.click('#lab-reset');
    await f.waitForFunction(() => document.body.dataset.raceStep === '0', null, { timeout: 10_000 });

    // ---- a hostile setting is refused with a visible message, and nothing breaks
    await f.fill('#race-depth', '1000000');
    await f.dispatchEvent('#race-depth', 'change');
    await f.locator('.banner.bad').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await f.locator('.banner.bad').innerText(), /50|深度/);

    // ---- depth view: sigmoid (Xavier) vs ReLU (He), 20 layers
    await f.click('#tab-depth');
    await f.waitForFunction(() => Number(document.body.dataset.depthRuns ?? 0) >= 1, null, { timeout: 60_000 });
    const d = await labDepth(f);
    assert.ok(d && d.configs.length >= 2);
    const sig = d.grad[d.configs.findIndex((c) => c.activation === 'sigmoid')];
    const relu = d.grad[d.configs.findIndex((c) => c.activation === 'relu' && c.init.startsWith('kaiming'))];
    assert.ok(sig[0] < sig[sig.length - 1] / 100, `sigmoid: first layer ${sig[0]}, last ${sig[sig.length - 1]}`);
    assert.ok(Math.max(...relu) / Math.min(...relu) < 10, `ReLU + He spread ${Math.max(...relu) / Math.min(...relu)}`);
    ctx.log(`depth: sigmoid |grad W| ${sig[0].toExponential(1)} (layer 1) → ${sig[sig.length - 1].toExponential(1)} (layer ${sig.length}); ReLU+He within ×${(Math.max(...relu) / Math.min(...relu)).toFixed(1)}`);
    assert.ok((await painted(f, '#chart-grad')) > 500, 'gradient chart is blank');
    assert.ok((await yLabels(f, '#chart-grad')).length >= 2, 'gradient chart has no y labels');
    await page.waitForTimeout(300);
    await ctx.screenshot('depth');

    // ---- from a hover: "See it train" opens the lab with that activation in the race
    await ctx.openFile('classifier.py');
    const hover = await ctx.hover('LeakyReLU', { line: /negative_slope/, contains: /See it train|看它训练/ });
    await hover.element.locator('a', { hasText: /See it train|看它训练/ }).first().click();
    const g = await ctx.findFrame('#lab[aria-busy="false"] #chart-loss', 30_000);
    const end = Date.now() + 15_000;
    while ((await firstRacer(g)) !== 'leaky_relu') {
      if (Date.now() > end) throw new Error(`the hover link did not race leaky_relu: ${await firstRacer(g)}`);
      await page.waitForTimeout(200);
    }
    ctx.log('hover link "See it train" opened the lab racing leaky_relu');
  },
} satisfies Check;
