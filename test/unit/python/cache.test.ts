// Per-version caching and incremental re-parsing; hover look-ups.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AnalysisCache, analyzePython, useAt } from '../../../src/python';
import { loadPython, tenThousandEdited } from './setup';

before(loadPython);

const SRC = `import torch
import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.act = nn.LeakyReLU(negative_slope=0.1)
        self.out = nn.Softmax(dim=1)

    def forward(self, x):
        x = self.act(F.relu(self.fc1(x)))
        return self.out(torch.tanh(x))

loss_fn = nn.CrossEntropyLoss()
`;

test('same version returns the same object without parsing or reading the text', () => {
  const cache = new AnalysisCache();
  const a = cache.get('file:///a.py', 1, SRC);
  assert.equal(cache.parses, 1);
  let reads = 0;
  const b = cache.get('file:///a.py', 1, () => { reads++; return 'changed'; });
  assert.equal(b, a);
  assert.equal(reads, 0);
  assert.equal(cache.parses, 1);
});

test('a new version is re-parsed and reflects the new text', () => {
  const cache = new AnalysisCache();
  const a = cache.get('k', 1, SRC);
  const edited = SRC.replace('F.relu(', 'F.gelu(');
  const b = cache.get('k', 2, () => edited);
  assert.notEqual(b, a);
  assert.equal(cache.parses, 2);
  assert.ok(b.uses.some((u) => u.id === 'gelu'));
  assert.ok(!b.uses.some((u) => u.id === 'relu'));
  assert.deepEqual(b, analyzePython(edited));
});

test('incremental re-parses agree with fresh parses over a run of random edits', () => {
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const inserts = ['F.relu(x)', '\n', 'nn.Sigmoid()', ')', '(', ' ', 'torch.tanh', '# ', '"', 'x.sigmoid()', 'é😀', 'F = 1\n', 'def f(F):\n  return F.relu(x)\n'];
  const cache = new AnalysisCache();
  let text = SRC;
  cache.get('doc', 0, text);
  for (let v = 1; v <= 60; v++) {
    const at = rand(text.length + 1);
    const del = rand(3) === 0 ? rand(12) : 0;
    text = text.slice(0, at) + (rand(4) === 0 ? '' : inserts[rand(inserts.length)]) + text.slice(at + del);
    assert.deepEqual(cache.get('doc', v, text), analyzePython(text), `after edit ${v}`);
  }
});

test('LRU: bounded number of documents', () => {
  const cache = new AnalysisCache(2);
  cache.get('a', 1, SRC);
  cache.get('b', 1, SRC);
  cache.get('a', 1, SRC); // a is now the most recent
  cache.get('c', 1, SRC); // evicts b
  assert.equal(cache.size, 2);
  const before = cache.parses;
  cache.get('a', 1, SRC);
  assert.equal(cache.parses, before, 'a stayed');
  cache.get('b', 1, SRC);
  assert.equal(cache.parses, before + 1, 'b was evicted and parsed again');
  cache.delete('b');
  assert.equal(cache.size, 1);
  cache.clear();
  assert.equal(cache.size, 0);
});

test('notebooks are cached per version too', () => {
  const cache = new AnalysisCache();
  const cells = ['import torch.nn.functional as F', 'y = F.relu(x)'];
  const a = cache.getNotebook('nb', 3, cells);
  assert.equal(a[1]!.uses[0]!.id, 'relu');
  assert.equal(cache.getNotebook('nb', 3, () => { throw new Error('must not read'); }), a);
  const b = cache.getNotebook('nb', 4, [...cells, 'z = F.tanh(x)']);
  assert.equal(b[2]!.uses[0]!.id, 'tanh');
});

test('useAt covers the activation name, end included, and the rest of its call', () => {
  const a = analyzePython(SRC);
  const line = SRC.split('\n').findIndex((l) => l.includes('F.relu('));
  const col = SRC.split('\n')[line]!.indexOf('relu');
  assert.equal(useAt(a, line, col)?.id, 'relu');
  assert.equal(useAt(a, line, col + 2)?.id, 'relu');
  assert.equal(useAt(a, line, col + 4)?.id, 'relu');
  // The side panel and the hover answer for the whole call (issue 14): its `F` and its arguments.
  assert.equal(useAt(a, line, col - 2)?.id, 'relu', 'the F of F.relu');
  assert.equal(useAt(a, line, col + 6)?.id, 'relu', 'the argument');
  assert.equal(useAt(a, 0, 0), undefined);
  assert.equal(useAt(a, 10_000, 0), undefined);
  for (const u of a.uses) assert.equal(useAt(a, u.range.line, u.range.column), u);
});

test('a hover reads only its spot, and agrees with the whole-file reading everywhere', () => {
  const sources = [SRC, readFileSync('test/fixtures/python/realistic.py', 'utf8'),
    'from torch.nn.functional import *\nimport torch\nF = torch.nn.functional\ny = relu(x) + F.gelu(x)\nz = x\n  .sigmoid()\nm = torch.nn.Sequential(torch.nn.ReLU(), torch.nn.Softmax(1))\nl = torch.nn.BCELoss()\n',
    // Spots two readings propose (a Tensor method and a torch.nn.functional name), dotted names
    // across escaped line breaks (LF and CRLF), a rebinding, and no alias (names read lazily).
    'import torch\nimport torch.nn.functional as F\ny = torch.nn.functional.relu(x) + torch.nn.functional.softmax(x, 1)\nz = torch \\\n  .nn.functional \\\n  .relu(x)\r\nv = F \\\r\n .gelu(x)\nw = (x\n  .sigmoid())\ndef f(F):\n    return F.relu(x)\nt = x.relu().tanh_().softmax(-1)\nl = F.nll_loss(F.log_softmax(t, 1), y)\n'];
  for (const src of sources) {
    const full = analyzePython(src);
    const lines = src.split('\n');
    const cache = new AnalysisCache();
    const lazy = cache.get('p', 1, src);
    // Every spot of the file: the same answer, without materialising the whole list first.
    for (let line = 0; line <= lines.length; line++) {
      for (let col = 0; col <= (lines[line]?.length ?? 0) + 1; col++) {
        assert.deepEqual(useAt(lazy, line, col), useAt(full, line, col), `${line}:${col} in ${src.slice(0, 40)}`);
      }
    }
    assert.ok(!Object.getOwnPropertyDescriptor(lazy, 'uses')!.hasOwnProperty('value'), 'uses not read yet');
    // Reading `uses` gives the whole list, and the objects a hover already got.
    const u = full.uses[0]!;
    const hovered = useAt(lazy, u.range.line, u.range.column);
    assert.deepEqual(lazy.uses, full.uses);
    assert.equal(lazy.uses.find((x) => x.range.line === u.range.line && x.range.column === u.range.column), hovered);
    assert.deepEqual(JSON.parse(JSON.stringify(lazy)), JSON.parse(JSON.stringify(full)));
  }
});

test('an older version stays readable after the tree moved on', () => {
  const cache = new AnalysisCache();
  const v1 = cache.get('d', 1, SRC);
  const edited = SRC.replace('torch.tanh(x)', 'torch.sigmoid(x)');
  const v2 = cache.get('d', 2, edited);
  const line = SRC.split('\n').findIndex((l) => l.includes('torch.tanh'));
  const col = SRC.split('\n')[line]!.indexOf('tanh');
  assert.equal(useAt(v1, line, col)?.id, 'tanh', 'v1 read again from its text');
  assert.equal(useAt(v2, line, col)?.id, 'sigmoid');
  assert.deepEqual(v1.uses, analyzePython(SRC).uses);
});

test('hover look-ups on a cached 10,000-line file are fast', () => {
  const block = SRC.split('\n').slice(4).join('\n');
  const big = SRC.slice(0, SRC.indexOf('class')) + block.repeat(Math.ceil(10_000 / block.split('\n').length));
  const cache = new AnalysisCache();
  const t0 = performance.now();
  const a = cache.get('big', 1, big);
  const first = performance.now() - t0;
  assert.ok(a.uses.length > 3000);
  const times: number[] = [];
  for (let i = 0; i < 500; i++) {
    const u = a.uses[(i * 7919) % a.uses.length]!;
    const t = performance.now();
    const hit = useAt(cache.get('big', 1, big), u.range.line, u.range.column + 1);
    times.push(performance.now() - t);
    assert.equal(hit, u);
  }
  times.sort((x, y) => x - y);
  const p95 = times[Math.floor(times.length * 0.95)]!;
  assert.ok(p95 < 2, `p95 ${p95} ms`);
  assert.ok(first < 10_000, `first ${first} ms`);
});

test('one line changed in a class of the 10,000-line file: only the verdicts that read it are followed again, and all equal a fresh reading', async () => {
  const { tenThousandLines } = await import('../../../bench/hover');
  const text = tenThousandLines();
  const cache = new AnalysisCache();
  const total = cache.get('file:///big.py', 1, text).uses.length;
  const at = text.indexOf('h = torch.tanh(h)', text.length >> 1);
  const edited = text.slice(0, at) + 'h = torch.tanh(h) * 2\n        h = F.relu(h)' + text.slice(at + 'h = torch.tanh(h)'.length);
  const uses = cache.get('file:///big.py', 2, edited).uses;
  const counts = cache.verdicts('file:///big.py')!;
  assert.ok(counts.reused > 0.95 * total, `${counts.reused} of ${total} taken over`);
  assert.ok(counts.read > 0, 'the changed run is read again');
  assert.deepEqual(uses, analyzePython(edited).uses);
  // An import changes what every name means: nothing is taken over.
  const imported = 'import numpy as np\n' + edited;
  assert.deepEqual(cache.get('file:///big.py', 3, imported).uses, analyzePython(imported).uses);
  assert.equal(cache.verdicts('file:///big.py')!.reused, 0);
});

test('after an edit, a hover on a use taken over from the previous version gets the file\'s loss as a fresh reading does', async () => {
  // Taken-over uses carry whether their loss is the file's with their record (reuse.ts), not in
  // needsFileLoss: a hover's point look-up (before every use is read) must attach it all the same.
  const { cache, edited } = await tenThousandEdited();
  const a = cache.get('k', 2, edited);
  const fresh = analyzePython(edited).uses;
  let withLoss = 0;
  for (const u of fresh.filter((_, i) => i % 7 === 0)) {
    assert.deepEqual(useAt(a, u.range.line, u.range.column), u, `${u.spelling} at ${u.range.line}`);
    if (u.loss) withLoss++;
  }
  assert.ok(cache.verdicts('k')!.reused > 0 && withLoss > 100, `losses attached at hovers: ${withLoss}`);
  assert.deepEqual(a.uses, fresh);
});
