// Restricted Mode, where a user opens a freshly cloned repo: Workspace Trust on, demo/ not trusted.
// The extension declares `untrustedWorkspaces: { supported: true }` (it never runs workspace code),
// so the hover, the explorer and (when the findings are built in) the Problems panel work there.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Check } from '../framework.mjs';

export default {
  name: 'Restricted Mode (untrusted demo/): hover, explorer and findings work',
  themes: ['untrusted'],
  timeoutMs: 150_000,
  async run(ctx) {
    const { page } = ctx;
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    ctx.log('VS Code shows Restricted Mode');
    await ctx.openFile('classifier.py');
    await ctx.waitForExtensionActive(60_000);
    const h = await ctx.hover('softmax', { line: /return\s+torch\.softmax/, contains: /Range/, timeoutMs: 30_000 });
    assert.match(h.text, /applied twice/);
    assert.ok(h.images.some((i) => i.naturalWidth >= 400), 'the graph did not decode');
    await ctx.screenshot('hover', h.element);
    await ctx.closeHover();
    // The settings the hover reads with a document are resource-scoped: no scope warnings per hover.
    const scopeWarnings = ctx.extensionHostLog().filter((l) => /scoped configuration/.test(l) && /activationLens/.test(l));
    assert.deepEqual(scopeWarnings, []);

    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { configuration: { properties: Record<string, unknown> } } };
    if ('activationLens.lint.enable' in pkg.contributes.configuration.properties) {
      // Findings (issue 15's lint) in the Problems panel, from the untrusted file.
      await ctx.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
      await page.locator('.markers-panel .monaco-list-row', { hasText: /AL\d{3}/ }).first().waitFor({ state: 'visible', timeout: 20_000 });
      ctx.log('findings listed in the Problems panel');
      await page.waitForTimeout(300);
      await ctx.screenshot('problems', page.locator('.part.panel').first());
    } else {
      ctx.log('no lint settings in package.json yet: the Problems panel part waits for the findings to land');
    }

    await ctx.runCommand('Activation Lens: Open Explorer');
    const f = await ctx.findFrame('body[data-ready="explorer"][data-painted]', 45_000);
    await f.waitForFunction('window.activationLens.painted() > 500', null, { timeout: 20_000 });
    await ctx.screenshot('explorer');
  },
} satisfies Check;
