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
