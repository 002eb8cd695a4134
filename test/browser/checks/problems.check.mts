// Findings as a person sees them: the Problems panel lists Activation Lens's codes for a demo/
// file (AL101 in classifier.py), a notebook (lint_mistakes.ipynb, cell by cell) and a model trained
// in another file (demo/project), with the source and a code that opens the rule page.
import * as assert from 'node:assert/strict';
import type { Check, CheckContext } from '../framework.mjs';

async function problemRow(ctx: CheckContext, code: string, timeoutMs = 45_000) {
  const row = ctx.page.locator('.markers-panel .monaco-list-row', { hasText: code }).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  return row;
}

export default {
  name: 'Problems panel: AL codes for a demo file and a notebook',
  timeoutMs: 150_000,
  async run(ctx) {
    const { page } = ctx;
    await ctx.openFile('classifier.py');
    await ctx.waitForExtensionActive(60_000);
    const t0 = Date.now();
    await page.keyboard.press('Control+Shift+M');
    const row = await problemRow(ctx, 'AL101');
    ctx.log(`AL101 listed ${Date.now() - t0} ms after the Problems panel opened`);
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /CrossEntropyLoss applies log_softmax itself/);
    assert.match(text, /Activation Lens/);
    // The code is a link to the rule page.
    assert.ok(await row.locator('.code-link, a').count() > 0, `no code link in the row: ${text}`);
    const panel = page.locator('.part.panel').first();
    ctx.log(`classifier.py → ${await ctx.screenshot('classifier', panel)}`);
    // The squiggle under torch.softmax's name.
    await ctx.editorLine('return torch.softmax(logits').waitFor({ state: 'visible' });
    assert.ok(await page.locator('.view-overlays .squiggly-warning, .squiggly-warning').count() > 0, 'no warning squiggle in the editor');

    await ctx.openFile('lint_mistakes.ipynb');
    for (const code of ['AL301', 'AL303', 'AL201']) await problemRow(ctx, code);
    const nbText = (await page.locator('.markers-panel').innerText()).replace(/\s+/g, ' ');
    assert.match(nbText, /log of a softmax/);
    assert.doesNotMatch(nbText, /AL102/, 'a softmax whose log is taken feeds NLLLoss log-probabilities');
    ctx.log(`lint_mistakes.ipynb → ${await ctx.screenshot('notebook', panel)}`);
    // The cell with the finding, squiggled, above the panel.
    await ctx.editorLine('log_probs = torch.log').waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.notebookOverlay .squiggly-warning').first().waitFor({ state: 'attached', timeout: 30_000 });
    await ctx.screenshot('notebook-window');
    // Across files: demo/project/model.py ends in a softmax, train.py beside it (not open) feeds
    // the model's output to CrossEntropyLoss; the finding sits in model.py and names train.py.
    await ctx.openFile('project/model.py');
    const across = page.locator('.markers-panel .monaco-list-row', { hasText: /reaches CrossEntropyLoss in .*train\.py:\d+/ }).first();
    await across.waitFor({ state: 'visible', timeout: 45_000 });
    const acrossText = (await across.innerText()).replace(/\s+/g, ' ');
    assert.match(acrossText, /AL101/);
    ctx.log(`project/model.py → ${await ctx.screenshot('across-files', panel)}`);
    // The row leads to the softmax in model.py, squiggled.
    await across.click();
    await ctx.editorLine('F.softmax(self.fc2(x), dim=1)').waitFor({ state: 'visible', timeout: 30_000 });
    await ctx.screenshot('across-files-window');
    // Leave the window as the next check expects it: no panel taking the editor's lines, no editors.
    await ctx.runCommand('View: Hide Panel');
    await ctx.runCommand('View: Close All Editors');
  },
} satisfies Check;
