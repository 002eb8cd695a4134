// Where a file speaks autograd: each spelling found with the right kind and range, through
// aliases and notebook cells, and nothing in strings, comments or other libraries' `grad`.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadPython } from '../python/setup';
import { autogradSpellingsOf, autogradSpellingsOfNotebook } from '../../../src/autograd/document';
import { maySpellAt, spellingAt, type AutogradSpelling } from '../../../src/autograd/spellings';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSnippets } from './snippets';

before(loadPython);

const word = (src: string, s: AutogradSpelling) => src.split('\n')[s.range.line].slice(s.range.column, s.range.endColumn);
const kinds = (src: string) => autogradSpellingsOf(src).map((s) => `${s.kind}:${word(src, s)}@${s.range.line}`);

test('the article\'s snippet: requires_grad, backward, detach, grad', () => {
  const src = [
    'import torch',
    'import torch.nn.functional as F',
    'x = torch.linspace(-20, 20, 1000, requires_grad=True)',
    'F.tanh(x).sum().backward()',
    'axes[1].plot(x.detach(), x.grad)',
  ].join('\n');
  assert.deepEqual(kinds(src), ['requires_grad:requires_grad@2', 'backward:backward@3', 'detach:detach@4', 'grad:grad@4']);
  const [rg, bw] = autogradSpellingsOf(src);
  assert.equal(rg.literal, true);
  // The backward spelling's expression is the whole call chain.
  const e = bw.exprRange;
  assert.equal(src.split('\n')[e.line].slice(e.column, e.endColumn), 'F.tanh(x).sum().backward()');
});

test('every spelling the issue names', () => {
  const src = [
    'import torch as th',
    'from torch import no_grad',
    'w = th.zeros(3).requires_grad_()',
    'w.requires_grad = True',
    'y = (w * 2).sum()',
    'h = w * 3',
    'h.retain_grad()',
    'y.backward(retain_graph=True)',
    'print(w.is_leaf, h.grad)',
    'with th.no_grad():',
    '    w -= 0.1 * w.grad',
    'with no_grad():',
    '    pass',
    '@th.no_grad()',
    'def ev(): pass',
  ].join('\n');
  assert.deepEqual(kinds(src), [
    'requires_grad_:requires_grad_@2', 'requires_grad:requires_grad@3', 'retain_grad:retain_grad@6',
    'backward:backward@7', 'retain_graph:retain_graph@7', 'is_leaf:is_leaf@8', 'grad:grad@8',
    'no_grad:no_grad@9', 'grad:grad@10', 'no_grad:no_grad@11', 'no_grad:no_grad@13',
  ]);
  const assigned = autogradSpellingsOf(src).find((s) => s.kind === 'requires_grad')!;
  assert.equal(assigned.assigned, true);
  assert.equal(assigned.literal, true);
});

test('not autograd: strings, comments, torch.autograd.grad, another library\'s no_grad, a method named grad() or a variable named backward', () => {
  const src = [
    'import torch',
    'import mxnet',
    's = "x.backward() and x.grad"  # y.backward()',
    'g = torch.autograd.grad(out, inp)',
    'with mxnet.autograd.no_grad():',
    '    pass',
    'def no_grad(): pass',
    'with no_grad():',
    '    pass',
    'tape.grad(loss)',
    'backward = 3',
    'requires_grad = False',
  ].join('\n');
  assert.deepEqual(kinds(src), []);
});

test('requires_grad=False is a spelling whose literal is false; a variable value has none', () => {
  const src = 'import torch\na = torch.ones(2, requires_grad=False)\nb = torch.ones(2, requires_grad=flag)\n';
  const [a, b] = autogradSpellingsOf(src);
  assert.equal(a.literal, false);
  assert.equal(b.literal, undefined);
});

test('notebook cells: an import in an earlier cell counts; each cell has its own lines', () => {
  const cells = ['import torch as T', 'x = T.ones(3, requires_grad=True)\nwith T.no_grad():\n    y = x * 2', 'y.sum().backward()'];
  const per = autogradSpellingsOfNotebook(cells);
  assert.deepEqual(per.map((c) => c.map((s) => `${s.kind}@${s.range.line}`)), [[], ['requires_grad@0', 'no_grad@1'], ['backward@0']]);
});

test('spellingAt: the word under the cursor, both ends included', () => {
  const src = 'import torch\nx = torch.ones(2, requires_grad=True)\nx.sum().backward()\n';
  const sp = autogradSpellingsOf(src);
  assert.equal(spellingAt(sp, 2, 8)?.kind, 'backward');
  assert.equal(spellingAt(sp, 2, 16)?.kind, 'backward');
  assert.equal(spellingAt(sp, 2, 7), undefined);
  assert.equal(spellingAt(sp, 1, 20)?.kind, 'requires_grad');
});

test('every snippet of the table: a finding\'s line holds an autograd spelling or a call the finding is about', () => {
  for (const s of loadSnippets()) {
    const per = s.notebook ? autogradSpellingsOfNotebook(s.cells) : [autogradSpellingsOf(s.cells[0])];
    assert.equal(per.length, s.cells.length, s.name);
  }
});

test('half-typed and binary text: no throw', () => {
  // tree-sitter's recovery decides what survives of a half-typed line; the call on a whole line does.
  assert.ok(kinds('import torch\nx = torch.ones(2, requires_grad=True\ny.sum().backward()\n').includes('backward:backward@2'));
  assert.deepEqual(autogradSpellingsOf('\u0000\u0001grad'), []);
});

test('maySpellAt (the hover\'s look before reading the file) is true wherever a spelling covers the spot', () => {
  const files = ['test/corpus', 'demo'].flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.py')).map((f) => join(d, f)));
  let covered = 0;
  let skipped = 0;
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    const spellings = autogradSpellingsOf(src);
    src.split('\n').forEach((line, l) => {
      for (let c = 0; c <= line.length; c++) {
        const may = maySpellAt(line, c);
        if (spellingAt(spellings, l, c)) { covered++; assert.ok(may, `${f}:${l + 1}:${c}`); } else if (!may) skipped++;
      }
    });
  }
  assert.ok(covered > 100, `spellings were checked (${covered})`);
  assert.ok(skipped > covered * 20, 'most spots are ruled out without reading the file');
  // The word's end counts (VS Code puts the cursor after it), a neighbouring word does not.
  assert.equal(maySpellAt('loss.backward()', 'loss.backward'.length), true);
  assert.equal(maySpellAt('loss.backward()', 2), false);
  assert.equal(maySpellAt('x.gradient', 4), false);
  assert.equal(maySpellAt('x.grad', 6), true);
});
