// The lab's view survives a window reload: the webview's setState plus the serializer (and the
// workspace memento) bring back the tab and the race's settings.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { Check } from '../framework.mjs';

type LabState = { tab: string; race: { seed: number; dataset: string; activations: Array<{ id: string }> } };
const labState = (f: Frame) => f.evaluate(() => (window as unknown as { activationLab: { state(): LabState } }).activationLab.state());

export default {
  name: 'lab: the tab and the race settings are restored after a window reload',
  themes: ['light'],
  timeoutMs: 300_000,
  async run(ctx) {
    const { page } = ctx;
    await ctx.openFile('mlp.py');
    await ctx.waitForExtensionActive(60_000);
    await ctx.runCommand('Activation Lens: Open Activation Lab (training race, gradients by depth)');
    let f = await ctx.findFrame('#lab[aria-busy="false"] #chart-loss', 60_000);
    await f.selectOption('#race-dataset', 'spiral');
    await f.fill('#race-seed', '7');
    await f.dispatchEvent('#race-seed', 'change');
    await f.click('#tab-depth');
    const before = await labState(f);
    assert.equal(before.race.seed, 7);
    assert.equal(before.race.dataset, 'spiral');
    await page.waitForTimeout(2500); // a person does not reload within a second of an edit
    const navigated = page.waitForEvent('framenavigated', { predicate: (fr) => fr === page.mainFrame(), timeout: 60_000 });
    await ctx.runCommand('Developer: Reload Window');
    await navigated;
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    f = await ctx.findFrame('#lab[aria-busy="false"] #chart-loss', 150_000);
    const after = await labState(f);
    ctx.log(`restored tab ${after.tab}, ${after.race.dataset} seed ${after.race.seed}, racing ${after.race.activations.map((a) => a.id).join('/')}`);
    assert.equal(after.tab, 'depth');
    assert.deepEqual(after.race, before.race);
    await f.waitForFunction(() => Number(document.body.dataset.depthRuns ?? 0) >= 1, null, { timeout: 60_000 });
  },
} satisfies Check;
