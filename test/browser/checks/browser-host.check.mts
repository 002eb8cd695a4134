// vscode.dev / github.dev: the extension's `browser` entry in VS Code's web-worker extension host
// (code-server runs it there when `remote.extensionKind` says "web"). The hover (the wasm parser
// loaded through workspace.fs, the engine with its SIMD kernels), the explorer, the side panel and
// the findings (computed in a Web Worker) work; the remote Node extension host never activates the
// extension. The lab's training race runs in a Web Worker (not the in-process fallback) and paints
// its curves and heatmaps.
import * as assert from 'node:assert/strict';
import type { Check } from '../framework.mjs';
import { EXTENSION_ID } from '../framework.mjs';

export default {
  name: 'browser host (web worker): hover, explorer, side panel, findings and a lab race work, SIMD kernels and the wasm parser load',
  themes: ['web'],
  timeoutMs: 150_000,
  async run(ctx) {
    const { page } = ctx;
    const said: string[] = [];
    page.on('console', (m) => { if (m.text().includes('[Activation Lens]')) said.push(m.text()); });
    await ctx.openFile('cnn.py');
    const t0 = Date.now();
    const h = await ctx.hover('relu', { line: /F\.relu\(self\.conv1/, contains: /Range/, timeoutMs: 60_000 });
    ctx.log(`first hover in the web worker host after ${Date.now() - t0} ms`);
    assert.match(h.text, /ReLU/);
    assert.ok(h.images.some((i) => i.naturalWidth >= 400), 'the hover graph did not decode');
    await ctx.screenshot('hover', h.element);
    await ctx.closeHover();
    const node = ctx.extensionHostLog().filter((l) => l.includes(`_doActivateExtension ${EXTENSION_ID}`));
    assert.deepEqual(node, [], 'the extension activated in the Node extension host, not the web worker');
    const end = Date.now() + 10_000;
    while (!said.some((s) => /web worker extension host/.test(s)) && Date.now() < end) await page.waitForTimeout(100);
    const line = said.find((s) => /web worker extension host/.test(s));
    assert.ok(line, `no web-host line in the console: ${said.join(' | ')}`);
    assert.match(line, /SIMD kernels: loaded/);
    ctx.log(line);

    await ctx.runCommand('Activation Lens: Open Explorer');
    const f = await ctx.findFrame('body[data-ready="explorer"][data-painted]', 45_000);
    await f.waitForFunction('window.activationLens.painted() > 500', null, { timeout: 20_000 });
    await f.click('#tab-softmax');
    await f.waitForFunction(() => document.getElementById('softmax-printout')?.textContent?.startsWith('tensor([0.0212'), null, { timeout: 15_000 });
    await ctx.screenshot('explorer');
    await f.click('#tab-charts');

    await ctx.openFile('mlp.py');
    await page.locator('.activitybar .action-label[aria-label^="Activation Lens"]').first().click();
    // The cursor inside `nn.ReLU()`: the line's start, then into the name.
    await ctx.editorLine('nn.ReLU(').first().click();
    await page.keyboard.press('Home');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    const side = await ctx.findFrame('body[data-ready="side"]', 45_000);
    await side.waitForFunction(() => document.body.dataset.side !== undefined && document.body.dataset.side !== 'empty', null, { timeout: 45_000 });
    assert.match(await side.locator('body').innerText(), /ReLU/);
    await ctx.screenshot('side');

    // Findings, computed in a Web Worker of the web worker host (the host's thread stays free for hovers).
    await ctx.openFile('classifier.py');
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'AL101' }).first().waitFor({ state: 'visible', timeout: 45_000 });
    const findingsLine = said.find((s) => /findings in a Web Worker/.test(s));
    assert.ok(findingsLine, `findings were not computed in a Web Worker: ${said.join(' | ')}`);
    await ctx.runCommand('View: Hide Panel');

    await ctx.runCommand('Activation Lens: Open Activation Lab (training race, gradients by depth)');
    const lab = await ctx.findFrame('#lab[aria-busy="false"] #chart-loss', 60_000);
    await lab.click('#tab-race');
    await lab.waitForFunction(() => document.body.dataset.raceStep === '0', null, { timeout: 30_000 });
    await lab.click('#lab-play');
    await lab.waitForFunction(() => Number(document.body.dataset.raceStep) >= 40, null, { timeout: 60_000 });
    const worker = said.find((s) => /lab training runs in:/.test(s));
    assert.ok(worker, `no lab worker line in the console: ${said.join(' | ')}`);
    assert.equal(/runs in: (\S+)/.exec(worker)?.[1], 'web', `the race did not run in a Web Worker: ${worker}`);
    const painted = (sel: string) => lab.evaluate((s) => (window as unknown as { activationLab: { painted(x: string): number } }).activationLab.painted(s), sel);
    for (const sel of ['#chart-loss', '#chart-accuracy', 'canvas[data-heat="0"]'])
      assert.ok((await painted(sel)) > 500, `${sel} is blank`);
    ctx.log(`lab training in a Web Worker; race at step ${await lab.evaluate(() => document.body.dataset.raceStep)}`);
    await ctx.screenshot('lab');
  },
} satisfies Check;
