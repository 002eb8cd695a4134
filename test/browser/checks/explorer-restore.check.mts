// The explorer's view survives a window reload: the webview's setState plus the extension's
// WebviewPanelSerializer bring back the same activations, parameters and range, painted.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { Check } from '../framework.mjs';

type State = { traces: Array<{ id: string; params: Record<string, unknown> }>; range: { min: number; max: number; points: number } } | null;
const state = (f: Frame) => f.evaluate('window.activationLens.state()') as Promise<State>;
const painted = (f: Frame) => f.evaluate('window.activationLens.painted()') as Promise<number>;

export default {
  name: 'explorer: the view (activation, parameter, range) is restored after a window reload',
  timeoutMs: 300_000,
  async run(ctx) {
    const { page } = ctx;
    await ctx.openFile('regression.py');
    await ctx.waitForExtensionActive(60_000);
    const enterAt = await ctx.runCommand('Activation Lens: Open Explorer');
    let f = await ctx.findFrame('body[data-ready="explorer"][data-painted]', 60_000);
    const [origin, paintedAt] = await f.evaluate(() => [performance.timeOrigin, Number(document.body.dataset.firstPaint)]);
    ctx.log(`the window's first webview: charts painted ${Math.round(origin + paintedAt - enterAt)} ms after Enter (document started ${Math.round(origin - enterAt)} ms after Enter)`);
    await f.click('#activation');
    await f.click('#activation vscode-option[value="elu"]');
    await f.waitForFunction('window.activationLens.state().traces[0].id === "elu"');
    const alpha = f.locator('#p0-alpha-field input');
    await alpha.fill('2.5');
    await alpha.press('Enter');
    await f.locator('vscode-button.preset', { hasText: '−3…3' }).click();
    await f.waitForFunction('(() => { const s = window.activationLens.state(); return s.range.min === -3 && s.traces[0].params.alpha === 2.5; })()');
    const before = await state(f);
    await page.waitForTimeout(2500); // a person does not reload within a second of an edit

    // "Developer: Reload Window" is how a person reloads VS Code: the workbench shuts down in
    // order (it saves which editors were open) and then loads again. A bare page reload can
    // beat that save and lose the panel before any extension code could matter.
    const t0 = Date.now();
    const navigated = page.waitForEvent('framenavigated', { predicate: (fr) => fr === page.mainFrame(), timeout: 60_000 });
    await ctx.runCommand('Developer: Reload Window');
    await navigated;
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    f = await ctx.findFrame('body[data-ready="explorer"][data-painted]', 150_000);
    const after = await state(f);
    ctx.log(`restored ${after?.traces.map((t) => `${t.id} ${JSON.stringify(t.params)}`).join(' + ')} on [${after?.range.min}, ${after?.range.max}] ${Date.now() - t0} ms after the reload`);
    assert.deepEqual(after?.traces, before?.traces);
    assert.deepEqual(after?.range, before?.range);
    await f.waitForFunction('window.activationLens.painted() > 500', null, { timeout: 20_000 }).catch(() => {});
    assert.ok((await painted(f)) > 500, 'the restored charts look blank');
    assert.equal(await f.locator('#p0-alpha-field').evaluate((e) => (e as HTMLInputElement).value), '2.5');
    await page.waitForTimeout(300);
    await ctx.screenshot();
    // No warnings of ours in the extension host log after the restore (a missing CSP, settings read with the wrong scope, a selector without a scheme).
    const warnings = ctx.extensionHostLog().filter((l) => /\[warning\]|without a content security policy|scoped configuration|selector without scheme/.test(l) && /activation-lens|activationLens/.test(l));
    assert.deepEqual(warnings, []);
  },
} satisfies Check;
