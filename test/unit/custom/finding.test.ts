// AL601: a hand-written activation that equals a built-in gets a finding on its name and an unsafe
// fix returning the built-in, spelled with the file's own import of torch.nn.functional.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPython } from '../python/setup';
import { equivalenceFinding, findCustom, reportDefinition } from '../../../src/custom';

before(loadPython);

function apply(source: string, edits: { range: { line: number; column: number; endLine: number; endColumn: number }; text: string }[]): string {
  const lines = source.split('\n');
  const offset = (l: number, c: number) => lines.slice(0, l).reduce((n, s) => n + s.length + 1, 0) + c;
  let out = source;
  for (const e of [...edits].sort((a, b) => offset(b.range.line, b.range.column) - offset(a.range.line, a.range.column)))
    out = out.slice(0, offset(e.range.line, e.range.column)) + e.text + out.slice(offset(e.range.endLine, e.range.endColumn));
  return out;
}

function findings(source: string) {
  const file = findCustom(source);
  return file.definitions.map((d) => equivalenceFinding(file.module, reportDefinition(file, d)));
}

test('NewGELU: AL601 on the class name, fix returns F.gelu(x, approximate=\'tanh\') and the result is the built-in', () => {
  const src = [
    'import math',
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    '',
    'class NewGELU(nn.Module):',
    '    def forward(self, x):',
    '        return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))',
    '',
  ].join('\n');
  const [f] = findings(src);
  assert.ok(f);
  assert.equal(f.code, 'AL601');
  assert.equal(f.severity, 'info');
  assert.deepEqual(f.range, { line: 5, column: 6, endLine: 5, endColumn: 13 });
  assert.equal(f.message, "Hand-written activation equals a built-in: NewGELU is GELU (F.gelu(x, approximate='tanh'))");
  assert.equal(f.fixes.length, 1);
  assert.equal(f.fixes[0]!.applicability, 'unsafe');
  const fixed = apply(src, f.fixes[0]!.edits);
  assert.match(fixed, /        return F\.gelu\(x, approximate='tanh'\)\n/);
  // the fixed file still defines an activation equal to GELU-tanh (now by calling it)
  const again = findCustom(fixed);
  assert.equal(reportDefinition(again, again.definitions[0]!).match?.equivalent?.id, 'gelu');
});

test('spelled through `import torch` when F is not imported; parameters fitted into the call', () => {
  const src = 'import torch\n\nleaky = lambda v: torch.where(v > 0, v, 0.2 * v)\n';
  const [f] = findings(src);
  assert.equal(f!.fixes[0]!.edits[0]!.text, 'torch.nn.functional.leaky_relu(v, negative_slope=0.2)');
  assert.equal(apply(src, f!.fixes[0]!.edits), 'import torch\n\nleaky = lambda v: torch.nn.functional.leaky_relu(v, negative_slope=0.2)\n');
});

test('learned parameters: a finding that says so, and no fix', () => {
  const src = 'import torch\nfrom torch import nn\n\nclass Swish(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.beta = nn.Parameter(torch.tensor(1.0))\n\n    def forward(self, x):\n        return x * torch.sigmoid(self.beta * x)\n';
  const [f] = findings(src);
  assert.match(f!.message, /Swish is SiLU \(Swish\) at its initial parameters .* its parameters are learned here/);
  assert.deepEqual(f!.fixes, []);
});

test('a base class keeping a name and a config dict the forward never reads (a course\'s ActivationFunction): AL601 on each subclass; a slope read from the dict stays unread, the class name is the class\'s', () => {
  const src = `import torch
import torch.nn as nn


class ActivationFunction(nn.Module):
    def __init__(self):
        super().__init__()
        self.name = self.__class__.__name__
        self.config = {"name": self.name, "scale": 2 * 0.5}


class ReLU(ActivationFunction):
    def forward(self, x):
        return x * (x > 0).float()


class Swish(ActivationFunction):
    def forward(self, x):
        return x * torch.sigmoid(x)


class LeakyReLU(ActivationFunction):
    def __init__(self, alpha=0.1):
        super().__init__()
        self.config["alpha"] = alpha

    def forward(self, x):
        return torch.where(x > 0, x, self.config["alpha"] * x)


class Named(ActivationFunction):
    def forward(self, x):
        return x if self.name == "Named" else -x
`;
  const got = findings(src).map((f) => f?.message.replace(/\(torch.*$/, '').trim() ?? null);
  // the name is the class's own (`self.__class__.__name__`): Named's forward returns x as it is
  assert.deepEqual(got, ['Hand-written activation equals a built-in: ReLU is ReLU', 'Hand-written activation equals a built-in: Swish is SiLU (Swish)', null, 'Hand-written activation equals a built-in: Named is Identity (Identity)']);
});

test('no finding where nothing is equal (close is not equal), nor for what cannot be evaluated', () => {
  const src = 'import torch\nquick = lambda x: x * torch.sigmoid(1.702 * x)\ndef f(x):\n    for i in range(2):\n        x = x * 2\n    return x\n';
  assert.deepEqual(findings(src), [undefined, undefined]);
});

test('AL601 through lint(): the finding and its unsafe fix, as the Problems panel and check get them', async () => {
  const { lint } = await import('../../../src/lint');
  const { analyzePython } = await import('../../../src/python');
  const src = 'import torch\nimport torch.nn.functional as F\n\nswish = lambda x: x * torch.sigmoid(x)\nquick = lambda x: x * torch.sigmoid(1.702 * x)\n';
  const found = lint({ text: src, analysis: analyzePython(src), fileLosses: [] }).filter((f) => f.code === 'AL601');
  assert.equal(found.length, 1);
  assert.deepEqual(found[0]!.range, { line: 3, column: 0, endLine: 3, endColumn: 5 });
  assert.equal(found[0]!.fixes[0]!.edits[0]!.text, 'F.silu(x)');
  assert.equal(found[0]!.fixes[0]!.applicability, 'unsafe');
  const off = lint({ text: src, analysis: analyzePython(src), fileLosses: [] }, { ignore: ['AL601'] }).filter((f) => f.code === 'AL601');
  assert.deepEqual(off, []);
});

test('AL601 in a notebook: imports and constants of earlier cells count, the finding sits in the defining cell', async () => {
  const { lintCachedNotebook, lintingCache } = await import('../../../src/lint');
  const cells = [
    'import math\nimport torch\nimport torch.nn.functional as F\n',
    'C = math.sqrt(2.0 / math.pi)\n',
    '# a hand-written GELU\ndef gelu_tanh(x):\n    return 0.5 * x * (1.0 + torch.tanh(C * (x + 0.044715 * x ** 3)))\n',
    'y = gelu_tanh(torch.randn(4))\n',
  ];
  const per = lintCachedNotebook(lintingCache(2), 'nb.ipynb', 1, cells).map((fs) => fs.filter((f) => f.code === 'AL601'));
  assert.deepEqual(per.map((fs) => fs.length), [0, 0, 1, 0]);
  const f = per[2]![0]!;
  assert.deepEqual(f.range, { line: 1, column: 4, endLine: 1, endColumn: 13 });
  assert.match(f.message, /gelu_tanh is GELU \(F\.gelu\(x, approximate='tanh'\)\)/);
  assert.equal(f.fixes[0]!.edits[0]!.text, "F.gelu(x, approximate='tanh')");
  assert.equal(f.fixes[0]!.edits[0]!.range.line, 2, 'the edit is within the defining cell');
  // the same cell alone (no earlier cells): torch and C are unknown, so nothing is claimed
  const alone = lintCachedNotebook(lintingCache(2), 'alone.ipynb', 1, [cells[2]!]).flat().filter((x) => x.code === 'AL601');
  assert.deepEqual(alone, []);
});

test('a hand-written sigmoid or tanh is fixed to torch.sigmoid / torch.tanh, never to the deprecated F.sigmoid / F.tanh (AL202)', () => {
  const src = 'import torch\nimport torch.nn.functional as F\n\ndef squash(z):\n    return 1.0 / (1.0 + torch.exp(-z))\n\ndef tanh2(z):\n    return (torch.exp(z) - torch.exp(-z)) / (torch.exp(z) + torch.exp(-z))\n';
  const fs = findings(src);
  assert.deepEqual(fs.map((f) => f?.message), [
    'Hand-written activation equals a built-in: squash is Sigmoid (torch.sigmoid(z))',
    'Hand-written activation equals a built-in: tanh2 is Tanh (torch.tanh(z))',
  ]);
  const fixed = apply(src, fs.flatMap((f) => f!.fixes[0]!.edits));
  assert.doesNotMatch(fixed, /F\.(sigmoid|tanh)\(/);
  assert.match(fixed, /return torch\.sigmoid\(z\)\n/);
});

test('a helper handing its tensor on (a copy made a leaf, detached, moved) is no activation: no AL601, though its curve is the identity', () => {
  const src = [
    'import torch',
    '',
    'def as_leaf(t):',
    '    return t.clone().requires_grad_(True)',
    '',
    'frozen = lambda t: t.detach().float()',
    '',
    'def to_device(t, device="cpu"):',
    '    return t.contiguous().to(device)',
    '',
  ].join('\n');
  assert.deepEqual(findCustom(src).definitions.map((d) => d.name), []);
});

test('a copy that is then changed is still read: clone().clamp_min(0.) is ReLU; t * 1.0 is kept as the identity it computes', () => {
  const src = 'import torch\n\ndef rect(t):\n    return t.clone().clamp_min(0.)\n\nscaled = lambda t: t.detach() * 1.0\n';
  const file = findCustom(src);
  assert.deepEqual(file.definitions.map((d) => d.name), ['rect', 'scaled']);
  const [rect] = findings(src);
  assert.match(rect!.message, /rect is ReLU/);
});
