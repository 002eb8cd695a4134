// A hand-written activation in demo/custom_activations.py: hovering its definition and a use of it
// shows what Activation Lens evaluated — the equivalence with the built-in, the formula as written,
// and the graph of f and f' (decoded image) — in light and dark themes, with screenshots. Inside the
// definition, its torch.tanh is part of it: no separate tanh hover there.
import * as assert from 'node:assert/strict';
import type { Check, CheckContext, HoverInfo } from '../framework.mjs';

/** Scrolls the editor to a line (VS Code's Go to Line), so the words on it can be hovered. */
async function revealLine(ctx: CheckContext, line: number, visible: RegExp) {
  await ctx.editorLine(visible).click();
  await ctx.page.keyboard.press('Control+g');
  await ctx.page.keyboard.type(String(line));
  await ctx.page.keyboard.press('Enter');
  await ctx.page.waitForTimeout(300);
}

function assertGraph(h: HoverInfo, what: string) {
  const graph = h.images.find((i) => i.src.startsWith('data:image/svg+xml;base64,') && /and its derivative/.test(i.alt));
  assert.ok(graph, `${what}: no graph image among ${JSON.stringify(h.images.map((i) => i.alt))}`);
  assert.ok(graph.complete && graph.naturalWidth >= 400 && graph.naturalHeight > 0, `${what}: the graph did not decode (${graph.naturalWidth}×${graph.naturalHeight})`);
}

export default {
  name: 'hover on a custom activation and on its use shows the graph and the equivalence',
  timeoutMs: 150_000,
  async run(ctx) {
    await ctx.openFile('custom_activations.py');
    const def = await ctx.hover('NewGELU', { line: /class\s+NewGELU\(nn\.Module\)/, contains: /This is GELU/, timeoutMs: 30_000 });
    assert.match(def.text, /your own activation/);
    assert.match(def.text, /nn\.GELU\(approximate='tanh'\)/);
    // the formula typeset from the parsed expression: an image whose alt text is the formula as text
    const formula = def.images.find((i) => /0\.044715/.test(i.alt));
    assert.ok(formula && formula.complete && formula.naturalWidth > 200, `no typeset formula image among ${JSON.stringify(def.images.map((i) => i.alt))}`);
    assertGraph(def, 'definition of NewGELU');
    await ctx.page.waitForTimeout(500);
    ctx.log(`definition → ${await ctx.screenshot('newgelu-definition', def.element)}`);
    await ctx.closeHover();

    await revealLine(ctx, 44, /class\s+NewGELU/);
    const use = await ctx.hover('NewGELU', { line: /act_layer=NewGELU/, contains: /This is GELU/, timeoutMs: 30_000 });
    assert.match(use.text, /defined at line 13/);
    assert.match(use.text, /hidden layer/, 'the use act_layer=NewGELU is a hidden layer (by the flow through Block)');
    assertGraph(use, 'use act_layer=NewGELU');
    await ctx.page.waitForTimeout(500);
    ctx.log(`use → ${await ctx.screenshot('newgelu-use', use.element)}`);
    await ctx.closeHover();

    await revealLine(ctx, 54, /act_layer=NewGELU/);
    const quick = await ctx.hover('QuickGELU', { line: /nn\.Sequential\(nn\.Linear\(64,\s64\),\sQuickGELU\(\)/, contains: /Close to GELU/, timeoutMs: 30_000 });
    assert.match(quick.text, /at most 0\.020\d* apart on \[-6, 6\]/);
    assert.doesNotMatch(quick.text, /This is GELU/);
    assertGraph(quick, 'use QuickGELU()');
    await ctx.page.waitForTimeout(500);
    ctx.log(`close → ${await ctx.screenshot('quickgelu-use', quick.element)}`);
    await ctx.closeHover();

    // inside the definition, torch.tanh is part of NewGELU: no tanh layer hover
    await revealLine(ctx, 17, /QuickGELU\(\)/);
    const inside = await ctx.hover('tanh', { line: /torch\.tanh\(math\.sqrt/, timeoutMs: 8_000 }).catch(() => null);
    assert.ok(!inside || !/torch\.tanh/.test(inside.text), `a separate tanh hover inside NewGELU: ${inside?.text.slice(0, 200)}`);
    await ctx.closeHover();

    // QuickGELU's "Open in explorer" link: the built-in it comes close to, with its own curve beside it
    await revealLine(ctx, 54, /torch\.tanh\(math\.sqrt/);
    const again = await ctx.hover('QuickGELU', { line: /nn\.Sequential\(nn\.Linear\(64,\s64\),\sQuickGELU\(\)/, contains: /Close to GELU/, timeoutMs: 30_000 });
    await again.element.locator('a', { hasText: 'Open GELU in Explorer' }).click();
    const ex = await ctx.findFrame('body[data-ready="explorer"][data-painted]', 60_000);
    await ex.waitForFunction(() => Array.from(document.querySelectorAll('.legend li')).map((li) => li.textContent).join('|') === 'GELU|QuickGELU', null, { timeout: 30_000 });
    await ex.waitForFunction('window.activationLens.painted() > 200', null, { timeout: 20_000 });
    ctx.log(`explorer → ${await ctx.screenshot('quickgelu-explorer')}`);
    await ctx.closeHover();
    // Leave the file scrolled to its start: VS Code reopens an editor where it was left, and a later
    // check (sideview2-custom) looks for the definitions at the top. The runner closes the explorer.
    await ctx.runCommand('View: Focus First Editor Group');
    const top = ctx.editorLine(/class\s+NewGELU\(nn\.Module\)/);
    // the focus lands a moment after the palette closes: press again until the top is shown
    for (let i = 0; i < 10 && !(await top.isVisible()); i++) {
      await ctx.page.waitForTimeout(200);
      await ctx.page.keyboard.press('Control+Home');
    }
    assert.ok(await top.isVisible(), 'custom_activations.py was not scrolled back to its top');
  },
} satisfies Check;
