// One definition, one report: a def (or module) that returns a hand-written sigmoid gets AL304,
// whose safe fix puts torch.sigmoid in its place, and not AL601 besides (which would then have
// nothing left to say). AL601 stays wherever AL304 does not cover the whole returned expression,
// and wherever AL304 is not shown (ignored, or hidden by # noqa on its line).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPython } from '../python/setup';
import { fixSource, lintSource } from './helpers';
import type { Finding } from '../../../src/lint';

before(loadPython);

const SRC = `import torch
import torch.nn as nn

def sigmoid(x):
    return 1 / (1 + torch.exp(-x))

def sig_paren(x):
    return (1.0 / (1.0 + torch.exp(-x)))

def scaled(x):
    return 1 / (1 + torch.exp(-x)) * 1.0

class Sig(nn.Module):
    def forward(self, x):
        return 1 / (1 + torch.exp(-x))

def quiet(x):
    return 1 / (1 + torch.exp(-x))  # noqa: AL304
`;

const byLine = (fs: Finding[]) => fs.map((f) => `${f.range.line + 1} ${f.code}`);

test('a returned hand-written sigmoid is AL304 alone; AL601 where AL304 does not cover the return or is not shown', () => {
  assert.deepEqual(byLine(lintSource(SRC)), ['5 AL304', '8 AL304', '10 AL601', '11 AL304', '15 AL304', '17 AL601']);
});

test('with AL304 ignored, every definition keeps its AL601', () => {
  assert.deepEqual(byLine(lintSource(SRC, { ignore: ['AL304'] })), ['4 AL601', '7 AL601', '10 AL601', '13 AL601', '17 AL601']);
});

test('after the safe fixes AL601 has nothing left on the definitions AL304 covered', () => {
  const { text } = fixSource(SRC);
  assert.deepEqual(byLine(lintSource(text)), ['10 AL601', '17 AL601']);
});
