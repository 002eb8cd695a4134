// Every string the panel and the side view show exists in Simplified Chinese, and the views
// and containers they contribute are declared with localized names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { UI_STRINGS } from '../../../src/protocol';

const zh = JSON.parse(readFileSync('l10n/bundle.l10n.zh-cn.json', 'utf8')) as Record<string, string>;

test('every webview UI string has a zh-cn translation', () => {
  const missing = UI_STRINGS.filter((s) => !zh[s]);
  assert.deepEqual(missing, []);
});

test('every t(...) string of the protocol and the panel files has a zh-cn translation', () => {
  const files = ['src/protocol.ts', 'src/vscode/explorerPanel.ts', 'src/vscode/explorerData.ts', 'src/vscode/sideView.ts',
    ...readdirSync('webview').filter((f) => f.endsWith('.ts')).map((f) => `webview/${f}`)];
  const missing: string[] = [];
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)) {
      const s = m[1].replace(/\\'/g, "'");
      if (!zh[s]) missing.push(`${f}: ${s}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('the side view lives in its own activity-bar container with an icon', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const en = JSON.parse(readFileSync('package.nls.json', 'utf8'));
  const zhNls = JSON.parse(readFileSync('package.nls.zh-cn.json', 'utf8'));
  const container = pkg.contributes.viewsContainers.activitybar.find((c: { id: string }) => c.id === 'activationLens');
  assert.ok(container);
  assert.ok(readFileSync(container.icon, 'utf8').includes('<svg'));
  const view = pkg.contributes.views.activationLens.find((v: { id: string }) => v.id === 'activationLens.sideView');
  assert.equal(view.type, 'webview');
  for (const key of [container.title, view.name].map((s: string) => s.slice(1, -1))) {
    assert.ok(en[key], key);
    assert.ok(zhNls[key], key);
  }
  assert.ok(pkg.activationEvents.includes('onWebviewPanel:activationLens.explorer'));
});

test('every t() string the webview bundle can show is sent to it translated (UI_STRINGS), with the same placeholders in zh-cn', async () => {
  // The webview translates only what the host sends in its init message: a key missing from
  // UI_STRINGS shows in English even in a Chinese VS Code ("已拒绝：分数 must be a finite number").
  const { build } = await import('esbuild');
  const r = await build({ entryPoints: ['webview/main.ts'], bundle: true, write: false, metafile: true, platform: 'browser', format: 'iife', loader: { '.css': 'empty' }, logLevel: 'silent' });
  const files = Object.keys(r.metafile.inputs).filter((f) => f.endsWith('.ts') && !f.includes('node_modules'));
  assert.ok(files.includes('src/fieldInput.ts') && files.includes('src/protocol.ts'), files.join());
  const sent = new Set<string>(UI_STRINGS);
  const problems: string[] = [];
  const ph = (s: string) => [...new Set(s.match(/\{\d+\}/g) ?? [])].sort().join();
  for (const f of files) {
    for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)) {
      const key = m[1].replace(/\\(['\\])/g, '$1');
      if (!sent.has(key)) problems.push(`${f}: not in UI_STRINGS: ${key}`);
      else if (!zh[key]) problems.push(`${f}: no zh-cn: ${key}`);
      else if (ph(zh[key]) !== ph(key)) problems.push(`${f}: placeholders differ in zh-cn: ${key}`);
    }
  }
  assert.deepEqual(problems, []);
});
