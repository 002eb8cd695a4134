// The walkthrough a new user is offered: listed under Welcome, its steps in order, and its
// "Open the Demo" opens a Python file whose activations hover — for someone with no PyTorch code.
import * as assert from 'node:assert/strict';
import type { Check } from '../framework.mjs';

export default {
  name: 'walkthrough: its five steps, and Open the Demo gives a file to hover',
  themes: ['light'],
  timeoutMs: 120_000,
  async run(ctx) {
    const { page } = ctx;
    await ctx.runCommand('Welcome: Open Walkthrough...');
    await page.keyboard.type('Activation Lens');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with Activation Lens' }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await row.click();
    const steps = page.locator('.gettingStartedContainer .getting-started-step');
    await steps.first().waitFor({ state: 'visible', timeout: 20_000 });
    const titles = await page.locator('.gettingStartedContainer .getting-started-step .step-title').allInnerTexts();
    assert.deepEqual(titles.map((s) => s.trim()), ['Hover an activation', 'Compare activations in the explorer', 'Play with softmax', 'See the findings in the Problems panel', 'Run an experiment in the lab']);
    await page.waitForTimeout(400);
    await ctx.screenshot('walkthrough');
    // The first step's button: a demo file to hover.
    await page.locator('.gettingStartedContainer a, .gettingStartedContainer .button-link', { hasText: 'Open the Demo' }).first().click();
    await page.locator('.tabs-container .tab.active', { hasText: 'Untitled' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    const h = await ctx.hover('softmax', { line: /torch\.softmax\(scores/, contains: /Range/, timeoutMs: 30_000 });
    assert.match(h.text, /Softmax/);
    assert.ok(h.images.some((i) => i.naturalWidth >= 400), 'the demo\'s hover graph did not decode');
    await ctx.closeHover();
    await ctx.runCommand('View: Revert and Close Editor');
  },
} satisfies Check;
