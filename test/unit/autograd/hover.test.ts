// The hover on autograd spellings with what the engine found for that code: the article's
// backward() shows its graph, what x.grad holds and a plot of it; a finding's line shows the
// finding; code whose values cannot be followed gets the lesson only.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadPython } from '../python/setup';
import { analyzeAutograd } from '../../../src/autograd/analyze';
import { spellingAt } from '../../../src/autograd/spellings';
import { autogradFacts } from '../../../src/render/autogradFacts';
import { renderAutogradHover } from '../../../src/render/autogradHover';
import { checkXml } from '../render/xml';

before(loadPython);

const zh: Record<string, string> = JSON.parse(readFileSync('l10n/bundle.l10n.zh-cn.json', 'utf8'));
const zhT = (m: string, ...a: Array<string | number | boolean>) => (zh[m] ?? m).replace(/\{(\d+)\}/g, (_, i: string) => String(a[Number(i)]));

function hoverAt(src: string, needle: string, t?: (m: string, ...a: Array<string | number | boolean>) => string, occurrence = 0): string {
  const lines = src.split('\n');
  let k = -1;
  const line = lines.findIndex((l) => l.includes(needle) && ++k === occurrence);
  const cell = analyzeAutograd(src, t);
  // the needle may start with punctuation (`.backward(`): aim at its first letter
  const s = spellingAt(cell.spellings, line, lines[line]!.indexOf(needle) + needle.search(/[a-z_]/i))!;
  assert.ok(s, `no spelling at ${needle}`);
  return shown(renderAutogradHover({ kind: s.kind, facts: autogradFacts(cell, s, 'dark', t ?? ((m, ...a) => m.replace(/\{(\d+)\}/g, (_, i: string) => String(a[Number(i)])))) }, t));
}

/** The markdown as read: backslash escapes dropped (the images' base64 has none). */
const shown = (md: string) => md.replace(/\\([!-/:-@[-`{-~])/g, '$1');

const demo = readFileSync('demo/activations_article.py', 'utf8');

test('backward() in demo/activations_article.py: the graph, what x.grad holds, the graph and x.grad images', () => {
  const md = hoverAt(demo, '.backward(');
  assert.match(md, /`SumBackward0 → TanhBackward0 → AccumulateGrad \(x\)`/);
  assert.match(md, /`x` is a leaf that requires grad: after this line `x\.grad` holds tanh′ at each of the 1000 points/);
  const images = [...md.matchAll(/!\[[^\]]*\]\((data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+)\)/g)].map((m) => Buffer.from(m[1]!.slice(26), 'base64').toString('utf8'));
  assert.equal(images.length, 2);
  checkXml(images[0]!);
  assert.match(images[0]!, /data-name="TanhBackward0"/);
  assert.match(images[1]!, /x\.grad/);
  // the lesson follows the facts
  assert.ok(md.indexOf('must be a scalar') > md.indexOf('TanhBackward0'));
});

test('the same hover in Simplified Chinese', () => {
  const md = hoverAt(demo, '.backward(', zhT);
  assert.match(md, /`x` 是需要梯度的叶子节点：这一行之后，`x\.grad` 中是 1000 个点上每一点的 tanh′/);
  assert.match(md, /自动求导/);
});

test('requires_grad=True and .detach() in the demo: the tensor\'s facts', () => {
  assert.match(hoverAt(demo, 'requires_grad='), /`x`: a leaf · shape \[1000\] · float32 · requires grad/);
  assert.match(hoverAt(demo, '.detach('), /does not require grad and has no grad_fn/);
});

test('a finding\'s line: the hover leads with it; the .grad of a non-leaf says None', () => {
  const src = readFileSync('test/fixtures/autograd/snippets/al504-non-leaf-grad.py', 'utf8');
  const md = hoverAt(src, '.grad)');
  assert.match(md, /\$\(warning\) \*\*AL504\*\*/);
  assert.match(md, /`h`: computed \(grad_fn TanhBackward0\) · shape \[5\] · float32 · requires grad\s+\.grad here: None/);
  const bad = readFileSync('test/fixtures/autograd/snippets/al501-article-no-sum.py', 'utf8');
  const md2 = hoverAt(bad, '.backward(');
  assert.match(md2, /\*\*AL501\*\*/);
  assert.match(md2, /PyTorch raises here:.*`RuntimeError: grad can be implicitly created only for scalar outputs`/);
  assert.match(md2, /`TanhBackward0 → AccumulateGrad \(x\)`/);
});

test('values the code does not show being made: the lesson only', () => {
  const src = readFileSync('test/fixtures/autograd/snippets/unknown-model.py', 'utf8');
  const md = hoverAt(src, '.backward(');
  assert.equal(md.split('\n\n---\n\n').length, 2);
  assert.doesNotMatch(md, /Graph:|AL50/);
});
