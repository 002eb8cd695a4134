// AL601 keeps a definition's evaluation across versions while its statement and everything its
// evaluation looked up are unchanged (src/custom/evalReuse.ts). Held here to a fresh reading: random
// edits to the definitions, the constants, helpers and imports they read, their bases and their
// uses, each version's findings deep-equal to those of a fresh cache with nothing kept. And the
// point of it: an edit inside an unrelated class evaluates nothing again.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPython } from '../python/setup';
import { lintCachedFile, lintingCache } from '../../../src/lint';
import { forgetKeptVersions } from '../../../src/python/versions';
import { forgetFollowedStatements } from '../../../src/autograd/follow';
import { forgetAutogradFindings } from '../../../src/autograd/rules';
import { evaluationsRun } from '../../../src/custom/evalReuse';
import { rng } from '../rng';

before(loadPython);

const BASE = `import math
import torch
import torch.nn as nn
import torch.nn.functional as F

ALPHA = 1.0
BETA = 0.5


def helper(x):
    return x * torch.sigmoid(x)


def swish(x):
    return helper(x)


def scaled_tanh(x, k=BETA):
    return torch.tanh(x) * ALPHA


hard = lambda x: torch.clamp(x + 3, 0, 6) / 6


class Base(nn.Module):
    def __init__(self):
        super().__init__()


class MySigmoid(Base):
    def forward(self, x):
        return 1 / (1 + torch.exp(-x))


class NeedsArgs(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.width = width

    def forward(self, x):
        return torch.relu(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)
        self.act = MySigmoid()

    def forward(self, x):
        h = swish(self.fc(x))
        return self.act(h)


class Logger:
    def __init__(self):
        self.every = 10


model = Net()
criterion = nn.BCELoss()
loss = criterion(model(torch.randn(3, 4)), torch.ones(3, 2))
probs = hard(torch.randn(3))
`;

const SWAPS: Array<[RegExp, string[]]> = [
  [/\bALPHA = [\d.]+/, ['ALPHA = 2.0', 'ALPHA = 1.0', 'ALPHA = 1']],
  [/\bBETA = [\d.]+/, ['BETA = 0.25', 'BETA = 0.5']],
  [/torch\.sigmoid\(x\)/, ['torch.tanh(x)', 'torch.sigmoid(x)', 'F.relu(x)']],
  [/return helper\(x\)/, ['return helper(x) * 2', 'return helper(x)', 'return x']],
  [/class MySigmoid\(\w+(\.\w+)?\)/, ['class MySigmoid(nn.Module)', 'class MySigmoid(Base)', 'class MySigmoid(object)']],
  [/import torch\.nn\.functional as F/, ['import torch.nn.functional as F', 'F = None', 'import math as F']],
  [/import torch\.nn as nn/, ['import torch.nn as nn', 'from torch import nn']],
  [/\+ 3, 0, 6\) \/ 6/, ['+ 3, 0, 6) / 6', '+ 3, 0, 6) / 5']],
  [/super\(\).__init__\(\)\n\n\nclass MySigmoid/, ['super().__init__()\n        self.k = ALPHA\n\n\nclass MySigmoid']],
  [/self\.width = width/, ['self.width = width', 'self.width = ALPHA']],
  [/def __init__\(self, width\)/, ['def __init__(self, width=3)', 'def __init__(self, width)']],
];
const INSERTS = ['ALPHA = 3.0', 'def helper(x):\n    return x', 'helper = torch.relu', 'import torch', 'swish = None', 'MySigmoid = nn.Sigmoid', 'y = swish(torch.randn(2))',
  'act = MySigmoid()', 'torch = None', 'def sig2(x):\n    return 1 / (1 + math.exp(-x))', 'x = = 1'];

function edit(text: string, r: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const k = r();
  if (k < 0.55) {
    const [re, to] = pick(SWAPS);
    return text.replace(re, pick(to));
  }
  const lines = text.split('\n');
  if (k < 0.8) {
    // at module level only (column 0 between statements), or a line inside a method
    const starts = lines.map((l, i) => (i > 0 && lines[i - 1] === '' && /^\S/.test(l) ? i : -1)).filter((i) => i >= 0);
    lines.splice(pick(starts), 0, pick(INSERTS), '');
  } else if (k < 0.9) {
    const body = lines.map((l, i) => (/^ {8}\S/.test(l) ? i : -1)).filter((i) => i >= 0);
    lines.splice(pick(body), 0, '        z = 0');
  } else {
    const at = Math.floor(r() * lines.length);
    if (/^\S/.test(lines[at] ?? '') && !/^(class|def) /.test(lines[at]!)) lines.splice(at, 1);
  }
  return lines.join('\n');
}

function fresh(text: string) {
  forgetKeptVersions();
  forgetFollowedStatements();
  forgetAutogradFindings();
  return lintCachedFile(lintingCache(1), 'fresh', 1, text, { showHints: true });
}

test('AL601 findings after random edits to definitions, what they read and their uses equal a fresh reading', () => {
  let al601 = 0;
  for (let seed = 0; seed < 6; seed++) {
    const r = rng(4100 + seed);
    const cache = lintingCache(2);
    let text = BASE;
    lintCachedFile(cache, 'reuse.py', 0, text, { showHints: true });
    for (let v = 1; v <= 10; v++) {
      text = edit(text, r);
      const got = lintCachedFile(cache, 'reuse.py', v, text, { showHints: true });
      const want = fresh(text);
      al601 += want.filter((f) => f.code === 'AL601').length;
      assert.deepEqual(got, want, `seed ${seed}, version ${v}:\n${text}`);
    }
  }
  assert.ok(al601 > 0, 'some versions have AL601 findings');
});

test('a one-line edit inside an unrelated class evaluates no definition again', () => {
  const cache = lintingCache(2);
  const text = BASE;
  const first = lintCachedFile(cache, 'edit.py', 1, text, { showHints: true });
  assert.ok(first.some((f) => f.code === 'AL601'), 'the file has AL601 findings');
  const before = evaluationsRun.count;
  assert.ok(before > 0);
  const edited = text.replace('self.every = 10', 'self.every = 20');
  const got = lintCachedFile(cache, 'edit.py', 2, edited, { showHints: true });
  assert.equal(evaluationsRun.count, before, 'no definition evaluated again');
  assert.deepEqual(got, fresh(edited));
  // an edit to a constant a definition reads evaluates it again
  const n = evaluationsRun.count;
  lintCachedFile(cache, 'edit.py', 3, edited.replace('ALPHA = 1.0', 'ALPHA = 2.0'), { showHints: true });
  assert.ok(evaluationsRun.count > n, 'scaled_tanh, which reads ALPHA, evaluated again');
});
