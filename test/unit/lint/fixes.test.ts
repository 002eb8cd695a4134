// Every fixable rule: before → after, Python compiles the result (/usr/bin/python3 -m py_compile),
// a second pass finds nothing the fix addressed (idempotence), and unsafe fixes wait for --unsafe-fixes.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPython } from '../python/setup';
import { RULES } from '../../../src/lint';
import { codes, fixSource, lintSource, pyCompileError } from './helpers';

before(loadPython);

const HEAD = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n';
const seq = (layers: string, loss: string) => `${HEAD}model = nn.Sequential(${layers})\ncriterion = ${loss}\n\n\ndef step(x, y):\n    return criterion(model(x), y)\n`;

type Row = [code: string, before: string, after: string, unsafe?: boolean];
const ROWS: Row[] = [
  ['AL101', seq('nn.Linear(4, 3), nn.Softmax(dim=1)', 'nn.CrossEntropyLoss()'), seq('nn.Linear(4, 3), nn.Identity()', 'nn.CrossEntropyLoss()'), true],
  ['AL101', `${HEAD}def loss_of(logits, y):\n    return F.cross_entropy(F.softmax(logits, dim=1), y)\n`, `${HEAD}def loss_of(logits, y):\n    return F.cross_entropy(logits, y)\n`, true],
  ['AL101', `${HEAD}def loss_of(a, b, y):\n    return F.cross_entropy((a + b).softmax(1), y)\n`, `${HEAD}def loss_of(a, b, y):\n    return F.cross_entropy((a + b), y)\n`, true],
  ['AL102', seq('nn.Linear(4, 3), nn.Softmax(dim=1)', 'nn.NLLLoss()'), seq('nn.Linear(4, 3), nn.LogSoftmax(dim=1)', 'nn.NLLLoss()'), true],
  ['AL104', seq('nn.Linear(4, 1), nn.Sigmoid()', 'nn.BCEWithLogitsLoss()'), seq('nn.Linear(4, 1), nn.Identity()', 'nn.BCEWithLogitsLoss()'), true],
  ['AL106', seq('nn.Linear(4, 3), nn.Softmax(dim=1)', "nn.KLDivLoss(reduction='batchmean')"), seq('nn.Linear(4, 3), nn.LogSoftmax(dim=1)', "nn.KLDivLoss(reduction='batchmean')"), true],
  ['AL202', `${HEAD}h = F.tanh(torch.randn(3))\ng = F.sigmoid(h * 2)\n`, `${HEAD}h = torch.tanh(torch.randn(3))\ng = torch.sigmoid(h * 2)\n`],
  ['AL202', 'from torch.nn import functional as fn\n\n\ndef act(x):\n    return fn.tanh(x)\n', 'import torch\nfrom torch.nn import functional as fn\n\n\ndef act(x):\n    return torch.tanh(x)\n'],
  ['AL202', 'from __future__ import annotations\nimport torch.nn.functional as F\n\ny = F.sigmoid(F.relu(x))\n', 'from __future__ import annotations\nimport torch\nimport torch.nn.functional as F\n\ny = torch.sigmoid(F.relu(x))\n'],
  ['AL301', `${HEAD}x = torch.randn(2, 3)\na = torch.log(F.softmax(x, 1))\nb = x.softmax(dim=-1).log()\nc = torch.log(torch.softmax(x * 2, dim=1, dtype=torch.float64))\n`,
    `${HEAD}x = torch.randn(2, 3)\na = F.log_softmax(x, 1)\nb = x.log_softmax(dim=-1)\nc = torch.log_softmax(x * 2, dim=1, dtype=torch.float64)\n`],
  ['AL302', `${HEAD}x = torch.randn(3)\na = torch.log(torch.sigmoid(x))\nb = (x * 2).sigmoid().log()\n`, `${HEAD}x = torch.randn(3)\na = F.logsigmoid(x)\nb = F.logsigmoid((x * 2))\n`],
  ['AL302', 'import torch as th\n\nx = th.randn(3)\na = th.log(th.sigmoid(x))\n', 'import torch as th\n\nx = th.randn(3)\na = th.nn.functional.logsigmoid(x)\n'],
  // log(1 - sigmoid(x)) = logsigmoid(-x) (values: test/fixtures/lint/torch-behaviour.json AL302.complement)
  ['AL302', `${HEAD}def bce(z, y):\n    return -(y * torch.log(torch.sigmoid(z)) + (1 - y) * torch.log(1 - torch.sigmoid(z))).mean()\n\n\nw = torch.randn(3)\nb = (1. - (w * 2).sigmoid()).log()\nc = torch.log(1 - torch.sigmoid(w + 1))\n`,
    `${HEAD}def bce(z, y):\n    return -(y * F.logsigmoid(z) + (1 - y) * F.logsigmoid(-z)).mean()\n\n\nw = torch.randn(3)\nb = F.logsigmoid(-(w * 2))\nc = F.logsigmoid(-(w + 1))\n`],
  ['AL303', `${HEAD}x = torch.randn(2, 3)\np = torch.exp(x) / torch.exp(x).sum(1, keepdim=True)\nq = x.exp() / x.exp().sum(dim=-1, keepdim=True)\n`, `${HEAD}x = torch.randn(2, 3)\np = torch.softmax(x, dim=1)\nq = torch.softmax(x, dim=-1)\n`],
  ['AL303', `${HEAD}x = torch.randn(2, 3)\np = x.exp() / x.exp().sum(-1).unsqueeze(-1)\nq = torch.exp(x) / torch.sum(torch.exp(x), 1).unsqueeze(1)\nr = x.exp() / x.exp().sum(1, keepdims=True)\n`, `${HEAD}x = torch.randn(2, 3)\np = torch.softmax(x, dim=-1)\nq = torch.softmax(x, dim=1)\nr = torch.softmax(x, dim=1)\n`],
  // a column of the sum over dim 1 is the softmax for 2-D input only: unsafe
  ['AL303', `${HEAD}def softmax(x):\n    return torch.exp(x)/torch.sum(torch.exp(x), dim=1).view(-1, 1)\n`, `${HEAD}def softmax(x):\n    return torch.softmax(x, dim=1)\n`, true],
  // log_softmax written out (the PyTorch tutorial's form among them) → torch.log_softmax
  ['AL303', `${HEAD}def log_probs(z):\n    return z - z.exp().sum(-1, keepdim=True).log()\n\n\ndef tutorial(xb):\n    return xb - xb.exp().sum(-1).log().unsqueeze(-1)\n\n\nw = torch.randn(2, 3)\nlp = w - torch.log(torch.sum(torch.exp(w), 1, keepdim=True))\n`,
    `${HEAD}def log_probs(z):\n    return torch.log_softmax(z, dim=-1)\n\n\ndef tutorial(xb):\n    return torch.log_softmax(xb, dim=-1)\n\n\nw = torch.randn(2, 3)\nlp = torch.log_softmax(w, dim=1)\n`],
  ['AL304', `${HEAD}x = torch.randn(3)\ns = 1 / (1 + torch.exp(-x))\nt = 1.0 / (torch.exp(-(x - 2)) + 1.0)\n`, `${HEAD}x = torch.randn(3)\ns = torch.sigmoid(x)\nt = torch.sigmoid((x - 2))\n`],
  ['AL304', 'from torch import exp\n\n\ndef sig(v):\n    return 1 / (1 + exp(-v))\n', 'import torch\nfrom torch import exp\n\n\ndef sig(v):\n    return torch.sigmoid(v)\n'],
  ['AL304', `${HEAD}logits = torch.randn(3)\nprobs = torch.exp(logits) / (1 + torch.exp(logits))\nq = (logits * 2).exp() / ((logits * 2).exp() + 1)\n`, `${HEAD}logits = torch.randn(3)\nprobs = torch.sigmoid(logits)\nq = torch.sigmoid(logits * 2)\n`],
  ['AL304', `${HEAD}def irt(theta, b, a):\n    return 1 / (1 + torch.exp(-1.7 * (theta - b) * a))\n`, `${HEAD}def irt(theta, b, a):\n    return torch.sigmoid(1.7 * (theta - b) * a)\n`],
  ['AL601', `import math\n${HEAD}class NewGELU(nn.Module):\n    def forward(self, x):\n        return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))\n`,
    `import math\n${HEAD}class NewGELU(nn.Module):\n    def forward(self, x):\n        return F.gelu(x, approximate='tanh')\n`, true],
  // AL5xx (src/autograd/): found by following the code on the engine
  ['AL501', 'import torch\n\nx = torch.linspace(-20, 20, 1000, requires_grad=True)\ntorch.tanh(x).backward()\n', 'import torch\n\nx = torch.linspace(-20, 20, 1000, requires_grad=True)\ntorch.tanh(x).sum().backward()\n', true],
  ['AL503', 'import torch\n\nx = torch.tensor([1, 2, -3], requires_grad=True)\ny = torch.tanh(x)\n', 'import torch\n\nx = torch.tensor([1., 2., -3.], requires_grad=True)\ny = torch.tanh(x)\n'],
  ['AL504', 'import torch\n\nx = torch.linspace(-2, 2, 5, requires_grad=True)\nh = torch.tanh(x)\nh.sum().backward()\nprint(h.grad)\n', 'import torch\n\nx = torch.linspace(-2, 2, 5, requires_grad=True)\nh = torch.tanh(x)\nh.retain_grad()\nh.sum().backward()\nprint(h.grad)\n', true],
  ['AL505', 'import torch\nimport matplotlib.pyplot as plt\n\nx = torch.linspace(-20, 20, 1000, requires_grad=True)\ntorch.tanh(x).sum().backward()\nplt.plot(x, x.grad)\n', 'import torch\nimport matplotlib.pyplot as plt\n\nx = torch.linspace(-20, 20, 1000, requires_grad=True)\ntorch.tanh(x).sum().backward()\nplt.plot(x.detach(), x.grad)\n'],
];

for (const [code, src, want, unsafe] of ROWS) {
  test(`fix ${code}: ${src.split('\n').find((l) => /softmax|sigmoid|tanh|exp|log/i.test(l) && !l.startsWith('import'))?.trim()}`, () => {
    assert.ok(codes(lintSource(src)).includes(code), `the source should have ${code}`);
    if (unsafe) assert.deepEqual(fixSource(src, false).text === src || !fixSource(src, false).fixed.includes(code), true, 'an unsafe fix must not apply without --unsafe-fixes');
    const r = fixSource(src, !!unsafe);
    assert.equal(r.text, want);
    assert.ok(r.fixed.includes(code));
    assert.equal(pyCompileError(r.text), null);
    assert.ok(!codes(lintSource(r.text)).includes(code), `a second pass still finds ${code}`);
    assert.equal(fixSource(r.text, !!unsafe).text, r.text, 'fixing twice changes the text again');
  });
}

test('AL201 offers dim=-1 and dim=1 in the editor, and check --fix never applies them', () => {
  const src = `${HEAD}x = torch.randn(2, 3)\na = F.softmax(x)\nb = nn.Softmax()\nc = x.softmax()\nd = F.softmin(x, )\n`;
  const fs = lintSource(src).filter((f) => f.code === 'AL201');
  assert.equal(fs.length, 4);
  for (const f of fs) assert.deepEqual(f.fixes.map((x) => [x.title, x.editorOnly]), [['Add dim=-1', true], ['Add dim=1', true]]);
  assert.equal(fixSource(src, true).text, src);
  const { applyFixes } = require('../../../src/lint') as typeof import('../../../src/lint');
  const applied = applyFixes(src, fs.map((f) => f.fixes[1]!)).text;
  assert.match(applied, /F\.softmax\(x, dim=1\)\nb = nn\.Softmax\(dim=1\)\nc = x\.softmax\(dim=1\)\nd = F\.softmin\(x, dim=1\)/);
  assert.equal(pyCompileError(applied), null);
});

test('AL103 (rename the loss too) needs to know where the loss is named, else offers nothing', () => {
  const src = seq('nn.Linear(4, 1), nn.Sigmoid()', 'nn.BCELoss()');
  const f = lintSource(src).find((x) => x.code === 'AL103')!;
  assert.ok(f);
  for (const fix of f.fixes) {
    assert.equal(fix.applicability, 'unsafe');
    const out = fixSource(src, true).text;
    assert.match(out, /BCEWithLogitsLoss/);
    assert.equal(pyCompileError(out), null);
  }
});

test('every rule whose table entry says it can fix has a fix test above', () => {
  const tested = new Set(ROWS.map((r) => r[0]));
  for (const r of RULES) if (r.fix === 'safe' || r.fix === 'unsafe') assert.ok(tested.has(r.code) || r.code === 'AL401', `no fix test for ${r.code}`);
});

test('AL401 (hint): sigmoid → ReLU is unsafe and compiles', () => {
  const src = seq('nn.Linear(4, 8), nn.Sigmoid(), nn.Linear(8, 3)', 'nn.CrossEntropyLoss()');
  const r = fixAll(src);
  assert.match(r, /nn\.ReLU\(\)/);
  assert.equal(pyCompileError(r), null);
  function fixAll(s: string): string {
    const { fixAll: fa } = require('../../../src/lint') as typeof import('../../../src/lint');
    return fa(s, (t: string) => lintSource(t, { showHints: true }), { unsafe: true }).text;
  }
});

test('a fix that would not parse is dropped, the rest still apply', () => {
  const { fixAll: fa } = require('../../../src/lint') as typeof import('../../../src/lint');
  const src = 'x = 1\ny = 2\n';
  const fake = (t: string) => (t.includes('y = 2') ? [
    { code: 'AL999', severity: 'warning' as const, message: 'm', range: { line: 0, column: 0, endLine: 0, endColumn: 5 }, fixes: [{ applicability: 'safe' as const, title: 'bad', edits: [{ range: { line: 0, column: 0, endLine: 0, endColumn: 5 }, text: 'x = (' }] }] },
    { code: 'AL998', severity: 'warning' as const, message: 'm', range: { line: 1, column: 0, endLine: 1, endColumn: 5 }, fixes: [{ applicability: 'safe' as const, title: 'good', edits: [{ range: { line: 1, column: 0, endLine: 1, endColumn: 5 }, text: 'y = 3' }] }] },
  ] : []);
  const { parses } = require('./helpers') as typeof import('./helpers');
  const r = fa(src, fake, { parses });
  assert.equal(r.text, 'x = 1\ny = 3\n');
  assert.deepEqual(r.fixed, ['AL998']);
});
