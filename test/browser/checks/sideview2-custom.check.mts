// The side panel on a user-defined activation that equals a built-in: the cursor on NewGELU in
// demo/custom_activations.py shows "NewGELU = GELU" with the built-in's curve (the same function)
// and the formula as the user wrote it. Runs after sideview.check (file order); leaves the panel
// as it found it.
import * as assert from 'node:assert/strict';
import type { Check } from '../framework.mjs';

export default {
  name: 'side panel: a hand-written GELU shows as NewGELU = GELU',
  timeoutMs: 120_000,
  async run(ctx) {
    const { page } = ctx;
    await ctx.openFile('custom_activations.py');
    await ctx.waitForExtensionActive(60_000);
    const icon = page.locator('.activitybar .action-label[aria-label^="Activation Lens"]').first();
    const wasOpen = (await icon.getAttribute('aria-expanded')) === 'true' || (await icon.evaluate((el) => el.classList.contains('checked')));
    if (!wasOpen) await icon.click();
    const f = await ctx.findFrame('body[data-ready="side"]', 60_000);
    const line = ctx.editorLine(/class\s+NewGELU\(nn\.Module\)/);
    await line.waitFor({ state: 'visible', timeout: 10_000 });
    const box = await line.evaluate((el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = (n.textContent ?? '').indexOf('NewGELU');
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i + 2);
        r.setEnd(n, i + 3);
        const b = r.getBoundingClientRect();
        return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      }
      return null;
    });
    assert.ok(box, 'NewGELU not on screen');
    await page.mouse.click(box.x, box.y);
    await f.waitForFunction(() => document.body.dataset.side === 'gelu', null, { timeout: 30_000 });
    assert.match(await f.locator('.side-name').innerText(), /NewGELU = GELU/);
    assert.match(await f.locator('.side-code').innerText(), /0\.044715/);
    await f.waitForFunction('window.activationLens.painted() > 200', null, { timeout: 20_000 });
    await page.waitForTimeout(300);
    ctx.log(`side panel → ${await ctx.screenshot('newgelu-side')}`);
    if (!wasOpen) await icon.click();
  },
} satisfies Check;
