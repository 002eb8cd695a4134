// The side panel on user-defined activations: the cursor on NewGELU in demo/custom_activations.py
// shows "NewGELU = GELU" with its own curve (the engine's f and f′ from the host) and the formula as
// the user wrote it; on QuickGELU, its own curve and how close it comes to GELU, and its explorer
// button plots that curve beside GELU. Runs after
// sideview.check (file order); leaves the panel as it found it.
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
    const clickOn = async (re: RegExp, word: string) => {
      const line = ctx.editorLine(re);
      await line.waitFor({ state: 'visible', timeout: 10_000 });
      const box = await line.evaluate((el, w) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const i = (n.textContent ?? '').indexOf(w);
          if (i < 0) continue;
          const r = document.createRange();
          r.setStart(n, i + 2);
          r.setEnd(n, i + 3);
          const b = r.getBoundingClientRect();
          return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
        }
        return null;
      }, word);
      assert.ok(box, `${word} not on screen`);
      await page.mouse.click(box.x, box.y);
    };
    // the definitions sit at the top; VS Code may reopen the file where an earlier check left it
    await page.locator('.editor-instance .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    await clickOn(/class\s+NewGELU\(nn\.Module\)/, 'NewGELU');
    await f.waitForFunction(() => document.body.dataset.side === 'custom', null, { timeout: 30_000 });
    assert.match(await f.locator('.side-name').innerText(), /NewGELU = GELU/);
    // typeset: a formula image whose text alternative is the formula as written
    assert.match(await f.locator('.side-code.side-formula').getAttribute('aria-label') ?? '', /0\.044715/);
    await f.waitForFunction('window.activationLens.painted() > 200', null, { timeout: 20_000 });
    await page.waitForTimeout(300);
    ctx.log(`side panel → ${await ctx.screenshot('newgelu-side')}`);
    assert.match(await f.locator('.side-custom').innerText(), /This is GELU: nn\.GELU\(approximate='tanh'\)/);
    await clickOn(/class\s+QuickGELU\(nn\.Module\)/, 'QuickGELU');
    await f.waitForFunction(() => /^QuickGELU/.test(document.querySelector('.side-name')?.textContent ?? ''), null, { timeout: 30_000 });
    assert.match(await f.locator('.side-custom').innerText(), /Close to GELU: at most 0\.020\d* apart/);
    await f.waitForFunction('window.activationLens.painted() > 200', null, { timeout: 20_000 });
    ctx.log(`side panel → ${await ctx.screenshot('quickgelu-side')}`);
    // its explorer button: the user's own curve beside the built-in it comes close to
    await f.locator('#side-open').click();
    const ex = await ctx.findFrame('body[data-ready="explorer"][data-painted]', 60_000);
    await ex.waitForFunction(() => Array.from(document.querySelectorAll('.legend li')).map((li) => li.textContent).join('|') === 'GELU|QuickGELU', null, { timeout: 30_000 });
    await ctx.runCommand('View: Close All Editors'); // the explorer too: as this check found the window
    if (!wasOpen) await icon.click();
  },
} satisfies Check;
