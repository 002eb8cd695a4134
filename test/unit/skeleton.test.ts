import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

test('package.json declares the card and l10n files exist for en and zh-cn', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  assert.equal(pkg.name, 'activation-lens');
  const en = JSON.parse(readFileSync('package.nls.json', 'utf8'));
  const zh = JSON.parse(readFileSync('package.nls.zh-cn.json', 'utf8'));
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  for (const c of pkg.contributes.commands) assert.ok(en[c.title.slice(1, -1)], c.title);
});
