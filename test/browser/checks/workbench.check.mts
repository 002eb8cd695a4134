// The workbench a newcomer sees after `npm start`: demo/ open, a PyTorch file in the editor,
// the extension installed from the .vsix, activated, and its commands in the palette.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Check } from '../framework.mjs';

interface Manifest {
  contributes?: { commands?: { command: string; title: string; category?: string }[]; menus?: { commandPalette?: { command: string; when?: string }[] } };
}

/** Palette labels ("Category: Title") of the contributed commands, with titles from package.nls.json. */
function paletteLabels(root: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
  const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const t = (s: string) => s.replace(/^%(.+)%$/, (_, k: string) => nls[k] ?? s);
  const hidden = new Set((pkg.contributes?.menus?.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));
  return (pkg.contributes?.commands ?? []).filter((c) => !hidden.has(c.command))
    .map((c) => (c.category ? `${t(c.category)}: ${t(c.title)}` : t(c.title)));
}

export default {
  name: 'workbench loads with demo/ open and the extension active',
  async run(ctx) {
    await ctx.openFile('mlp.py');
    assert.ok(await ctx.editorLine('nn.Sequential(').isVisible(), 'mlp.py is not shown in the editor');
    ctx.log('mlp.py open');

    const line = await ctx.waitForExtensionActive();
    assert.match(line, /activationEvent: 'onLanguage:python'/, `activated for the wrong reason: ${line}`);
    ctx.log(line.slice(line.indexOf('ExtensionService')));
    await ctx.screenshot();

    const labels = paletteLabels(join(ctx.demo, '..'));
    assert.ok(labels.length > 0, 'package.json contributes no commands');
    const rows = await ctx.paletteRows('Activation Lens');
    const missing: string[] = [];
    for (const l of labels) {
      // Commands outside the category (or off-screen in a long list) are looked up one by one.
      if (!rows.some((r) => r.includes(l)) && !(await ctx.paletteHas(l))) missing.push(l);
    }
    assert.deepEqual(missing, [], `the command palette does not list: ${missing.join(', ')} (it lists: ${rows.join(' | ')})`);
    assert.ok(await ctx.paletteHas(labels[0], { query: 'Activation Lens', keepOpen: true }));
    await ctx.screenshot('palette');
    ctx.log(`palette lists ${labels.length} command(s)`);
  },
} satisfies Check;
