// The side panel beside the code: it opens from its activity-bar icon, follows the cursor through
// mlp.py (ReLU in a hidden layer, Sigmoid at the output), stays put when pinned, and says what to
// do on a line without an activation.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { Check, CheckContext } from '../framework.mjs';

async function clickInLine(ctx: CheckContext, text: string, word: string) {
  const line = ctx.editorLine(text);
  await line.waitFor({ state: 'visible', timeout: 10_000 });
  const box = await line.evaluate((el, word) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let full = '';
    const nodes: Array<{ n: Text; start: number }> = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push({ n: n as Text, start: full.length }); full += n.textContent; }
    const i = full.indexOf(word) + 1;
    const hit = nodes.filter((x) => x.start <= i).pop()!;
    const r = document.createRange();
    r.setStart(hit.n, i - hit.start);
    r.setEnd(hit.n, i - hit.start + 1);
    const b = r.getBoundingClientRect();
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  }, word);
  await ctx.page.mouse.click(box.x, box.y);
}

const side = (f: Frame) => f.evaluate(() => document.body.dataset.side ?? '');

async function waitSide(f: Frame, want: string, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const now = await side(f);
    if (now === want) return Date.now();
    if (Date.now() > end) throw new Error(`side panel shows "${now}", expected "${want}"`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

export default {
  name: 'side panel: follows the cursor (ReLU → Sigmoid → empty state), pin keeps it',
  timeoutMs: 180_000,
  async run(ctx) {
    const { page } = ctx;
    await ctx.openFile('mlp.py');
    await ctx.waitForExtensionActive(60_000);
    await page.locator('.activitybar .action-label[aria-label^="Activation Lens"]').first().click();
    const f = await ctx.findFrame('body[data-ready="side"]', 60_000);

    await clickInLine(ctx, 'nn.ReLU(),', 'ReLU');
    let t0 = Date.now();
    await waitSide(f, 'relu', 30_000);
    ctx.log(`side panel showed ReLU ${Date.now() - t0} ms after the click`);
    await f.waitForFunction(() => Number(document.body.dataset.painted) > 0);
    await f.waitForFunction('window.activationLens.painted() > 200', null, { timeout: 20_000 }).catch(() => {});
    assert.ok((await f.evaluate('window.activationLens.painted()') as number) > 200, 'side charts look blank');
    assert.match(await f.locator('.side-code').innerText(), /nn\.ReLU\(\)/);
    // The host's measurements with this call's parameters: ReLU's gradient is exactly 0 left of 0.
    await f.waitForSelector('dl[data-measured="relu"]', { timeout: 10_000 });
    assert.match(await f.locator('dl[data-measured="relu"]').innerText(), /f' = 0 exactly\s+(50|49\.\d|50\.\d)% of the range/);
    await page.waitForTimeout(300);
    await ctx.screenshot('relu');

    await clickInLine(ctx, 'nn.Sigmoid(),', 'Sigmoid');
    t0 = Date.now();
    await waitSide(f, 'sigmoid');
    ctx.log(`side panel followed to Sigmoid in ${Date.now() - t0} ms`);

    // pinned: moving the cursor changes nothing
    await f.click('#pin');
    await clickInLine(ctx, 'nn.ReLU(),', 'ReLU');
    await page.waitForTimeout(1200);
    assert.equal(await side(f), 'sigmoid', 'the pinned side panel followed the cursor');
    await f.click('#pin');
    await waitSide(f, 'relu');

    await clickInLine(ctx, 'optimizer.zero_grad()', 'zero_grad');
    await waitSide(f, 'empty');
    assert.match(await f.locator('.empty').innerText(), /No activation under the cursor|光标处没有激活函数/);
    await page.waitForTimeout(200);
    await ctx.screenshot('empty');
  },
} satisfies Check;
