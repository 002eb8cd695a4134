// The lesson hover: one rule per spelling in English and Simplified Chinese, markdown that
// cannot be broken by what a translation or the user's file contains.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AUTOGRAD_KINDS } from '../../../src/autograd/spellings';
import { lessonFor } from '../../../src/autograd/lessons';
import { codeSpan, renderAutogradHover } from '../../../src/render/autogradHover';
import { AUTOGRAD_VIEW_STRINGS } from '../../../src/autograd/view';
import { AUTOGRAD_EXAMPLES } from '../../../src/autograd/examples';

const zh: Record<string, string> = JSON.parse(readFileSync('l10n/bundle.l10n.zh-cn.json', 'utf8'));

/** A translator that records every string it had no zh-cn for. */
function zhT(misses: Set<string>) {
  return (m: string, ...args: Array<string | number | boolean>) => {
    if (!zh[m]) misses.add(m);
    return (zh[m] ?? m).replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
  };
}

test('every spelling has a lesson; backward states the article\'s three conditions and why .sum()', () => {
  for (const k of AUTOGRAD_KINDS) assert.ok(lessonFor(k, (s) => s).body.length > 0, k);
  const md = renderAutogradHover({ kind: 'backward' });
  assert.match(md, /\*\*Autograd\*\* · `\.backward\(\)`/);
  assert.match(md, /must be a scalar/);
  assert.match(md, /`F\.tanh\(x\)\.sum\(\)\.backward\(\)`/);
  assert.match(md, /leaf/);
  assert.match(md, /`requires_grad=True`/);
  assert.match(md, /retain_graph=True/);
});

test('in zh-cn every lesson string comes from the bundle, code spans kept as written', () => {
  const misses = new Set<string>();
  for (const k of AUTOGRAD_KINDS) {
    const md = renderAutogradHover({ kind: k }, zhT(misses));
    assert.match(md, /自动求导/);
    for (const span of md.match(/`[^`]+`/g) ?? []) assert.doesNotMatch(span, /[\u4e00-\u9fff]/, `${k}: ${span}`);
  }
  assert.deepEqual([...misses], []);
  assert.match(renderAutogradHover({ kind: 'backward' }, zhT(misses)), /叶子节点/);
});

test('markup in a translation outside code spans stays text', () => {
  const md = renderAutogradHover({ kind: 'detach' }, () => 'see [here](command:evil) *now* `x.detach()`');
  assert.doesNotMatch(md, /\]\(command:/);
  assert.match(md, /\\\[here\\\]\\\(command\\:evil\\\)/);
  assert.match(md, /`x\.detach\(\)`/);
});

test('codeSpan fences backticks and flattens newlines', () => {
  assert.equal(codeSpan('x.grad'), '`x.grad`');
  assert.equal(codeSpan('a`b'), '``a`b``');
  assert.equal(codeSpan('`a'), '`` `a ``');
  assert.equal(codeSpan('a\nb'), '`a b`');
  assert.equal(codeSpan('x'.repeat(100)).length, 83);
});

test('facts come before the lesson, images after the lines', () => {
  const md = renderAutogradHover({ kind: 'backward', facts: { lines: ['graph'], images: [{ uri: 'data:image/svg+xml;base64,AA', alt: 'x.grad' }] } });
  const parts = md.split('\n\n---\n\n');
  assert.equal(parts.length, 3);
  assert.match(parts[1], /^graph\n\n!\[x\\\.grad\]\(data:image\/svg\+xml;base64,AA\)$/);
});

test('every literal t() string of the autograd layer, its hover and its view has zh-cn with the same placeholders', () => {
  const files = ['src/autograd/findings.ts', 'src/autograd/view.ts', 'src/autograd/lessons.ts', 'src/render/autogradFacts.ts', 'src/render/autogradHover.ts', 'src/vscode/autogradPanel.ts', 'src/vscode/autogradHover.ts'];
  const keys: string[] = [];
  for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)) keys.push(m[1]!.replace(/\\(['\\])/g, '$1'));
  keys.push(...AUTOGRAD_VIEW_STRINGS, ...AUTOGRAD_EXAMPLES.map((e) => e.title));
  assert.ok(keys.length > 50, `found ${keys.length}`);
  const ph = (s: string) => [...new Set(s.match(/\{\d+\}/g) ?? [])].sort().join();
  for (const k of keys) {
    assert.ok(zh[k], `no zh-cn for ${JSON.stringify(k)}`);
    assert.equal(ph(zh[k]!), ph(k), k);
  }
});
