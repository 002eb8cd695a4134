// The explorer is where the article's lessons meet: its title bar opens the lab and the autograd
// view, each a contributed command with an icon and a title in English and Chinese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const nls = JSON.parse(readFileSync('package.nls.json', 'utf8'));
const nlsZh = JSON.parse(readFileSync('package.nls.zh-cn.json', 'utf8'));

for (const command of ['activationLens.openLab', 'activationLens.openAutograd']) {
  test(`the explorer's title bar opens ${command}`, () => {
    const entry = pkg.contributes.menus['editor/title'].find((m: { command: string }) => m.command === command);
    assert.ok(entry, `no editor/title entry for ${command}`);
    assert.equal(entry.when, 'activeWebviewPanelId == activationLens.explorer');
    assert.equal(entry.group, 'navigation');
    const c = pkg.contributes.commands.find((x: { command: string }) => x.command === command);
    assert.ok(c?.icon, `${command} has no icon for the title bar`);
    const key = /^%(.+)%$/.exec(c.title)?.[1];
    assert.ok(key && nls[key] && /[\u4e00-\u9fff]/.test(nlsZh[key] ?? ''), `${command}'s title lacks en or zh-cn`);
  });
}
