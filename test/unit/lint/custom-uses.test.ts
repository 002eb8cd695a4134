// Problems and `check` at the uses of a file's own activations: the rows of the rule table the
// hover gives there (a definition equal to a built-in: that built-in's; any other: what its shape
// maps to), on the use's name, naming the user's function and the built-in, `# noqa` honoured,
// the built-in's removal fix only where it applies to the user's code as written.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadPython } from '../python/setup';
import { codes, fixSource, lintCells, lintSource, pyCompileError } from './helpers';
import { lintCachedFile, lintingCache, type Finding } from '../../../src/lint';

before(loadPython);

const HEADS = readFileSync('test/corpus/51_custom_heads.py', 'utf8');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));
const at = (fs: Finding[], line: number) => fs.filter((f) => f.range.line === line && !['AL601', 'AL304'].includes(f.code));

test('each use gets the row of its role and loss, on the name as written there', () => {
  const fs = lintSource(HEADS, { showHints: true });
  const expect: Array<[string, string, string, string]> = [
    // line holding the use, the name used, code, severity
    ['return logistic(self.fc2(h))', 'logistic', 'AL103', 'warning'],
    ['self.out_act = Squash()', 'Squash', 'AL104', 'warning'],
    ['self.bound = ScaledTanh()', 'ScaledTanh', 'AL105', 'info'],
    ['return squared_sigmoid(self.fc(x))', 'squared_sigmoid', 'AL107', 'warning'],
  ];
  for (const [needle, name, code, severity] of expect) {
    const line = lineOf(HEADS, needle);
    const found = at(fs, line);
    assert.deepEqual(found.map((f) => `${f.code} ${f.severity}`), [`${code} ${severity}`], needle);
    const column = HEADS.split('\n')[line]!.indexOf(name);
    assert.deepEqual(found[0]!.range, { line, column, endLine: line, endColumn: column + name.length }, needle);
    assert.ok(found[0]!.message.startsWith(`${name} (your own activation)`), found[0]!.message);
  }
  // equal to a built-in: the message names it; a shape-based row says what the shape does
  assert.match(at(fs, lineOf(HEADS, 'return logistic(self.fc2(h))'))[0]!.message, /^logistic \(your own activation\) equals Sigmoid: Sigmoid followed by BCELoss/);
  assert.match(at(fs, lineOf(HEADS, 'self.bound = ScaledTanh()'))[0]!.message, /limits predictions to \[-2, 2\]/);
  // hidden layers (swish, QuickGELU written out) and a probability outside any model: nothing coded
  for (const needle of ['h = swish(self.fc1(x))', 'h = quick_gelu(self.fc1(x))', 'return logistic(x @ w)']) assert.deepEqual(at(fs, lineOf(HEADS, needle)), [], needle);
  // the torch.tanh inside ScaledTanh is part of it: its AL105 is ScaledTanh's, said at its use
  assert.deepEqual(at(fs, lineOf(HEADS, 'return self.scale * torch.tanh(x / self.scale)')), []);
});

test('# noqa on the use\'s line hides exactly the codes it lists; select/ignore apply', () => {
  const line = lineOf(HEADS, 'self.out_act = Squash()');
  const withNoqa = (c: string) => HEADS.split('\n').map((l, i) => (i === line ? `${l}  # noqa: ${c}` : l)).join('\n');
  assert.deepEqual(codes(at(lintSource(withNoqa('AL104'), {}), line)), []);
  assert.deepEqual(codes(at(lintSource(withNoqa('E501'), {}), line)), ['AL104']);
  const all = lintSource(HEADS, { ignore: ['AL103'] });
  assert.ok(!codes(all).includes('AL103') && codes(all).includes('AL104'));
});

test('AL103 at a function\'s call: the unsafe fix drops the call and renames the loss, and Python compiles the result', () => {
  const fs = lintSource(HEADS, {});
  const f = at(fs, lineOf(HEADS, 'return logistic(self.fc2(h))'))[0]!;
  assert.equal(f.fixes.length, 1);
  assert.equal(f.fixes[0]!.applicability, 'unsafe');
  assert.deepEqual(fixSource(HEADS, false).fixed.filter((c) => c === 'AL103'), [], 'not a safe fix');
  const { text } = fixSource(HEADS, true, { select: ['AL103'] });
  assert.ok(text.includes('        return self.fc2(h)\n'), 'the call is gone, its argument stays');
  assert.ok(text.includes('loss = nn.BCEWithLogitsLoss()(model(x), y)'));
  assert.ok(text.includes('    return logistic(x @ w)'), 'the other use of logistic is untouched');
  assert.equal(pyCompileError(text), null);
  assert.ok(!codes(lintSource(text, {})).includes('AL103'));
});

test('no fix where the built-in\'s would not apply: a module instance, a row that has none, a call with two arguments', () => {
  const fs = lintSource(HEADS, {});
  for (const needle of ['self.out_act = Squash()', 'self.bound = ScaledTanh()', 'return squared_sigmoid(self.fc(x))']) assert.deepEqual(at(fs, lineOf(HEADS, needle))[0]!.fixes, [], needle);
  const two = [
    'import torch', 'import torch.nn as nn', '',
    'def squash(x, t=1.0):', '    return 1 / (1 + torch.exp(-x / t))', '',
    'class Net(nn.Module):', '    def __init__(self):', '        super().__init__()', '        self.fc = nn.Linear(4, 1)', '',
    '    def forward(self, x):', '        return squash(self.fc(x), 1.0)', '',
    'loss = nn.BCEWithLogitsLoss()(Net()(torch.randn(2, 4)), torch.rand(2, 1))', '',
  ].join('\n');
  const f = lintSource(two, {}).find((x) => x.code === 'AL104')!;
  assert.ok(f, 'squash(…, 1.0) is a sigmoid at the output of a BCEWithLogitsLoss model');
  assert.deepEqual(f.fixes, [], 'removing the call would drop its second argument');
});

test('a notebook: the model in one cell, the loss in a later one; the finding sits in the model\'s cell', () => {
  const nb = JSON.parse(readFileSync('test/corpus/52_custom_notebook.ipynb', 'utf8')) as { cells: Array<{ cell_type: string; source: string[] }> };
  const cells = nb.cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join(''));
  const fs = lintCells(cells, {});
  const model = fs[2]!.filter((f) => f.code !== 'AL601');
  assert.deepEqual(model.map((f) => `${f.code} ${f.range.line}`).sort(), [`AL103 ${lineOf(cells[2]!, 'return hard_prob(')}`, `AL105 ${lineOf(cells[2]!, 'Bounded())')}`].sort());
  assert.deepEqual(model.find((f) => f.code === 'AL103')!.fixes, [], 'the loss is named in another cell: no rename to offer');
  // without the training cells there is no loss to reach: nothing to say
  assert.deepEqual(lintCells(cells.slice(0, 3), {})[2]!.filter((f) => f.code !== 'AL601'), []);
});

test('messages in the user\'s language', () => {
  const bundle = JSON.parse(readFileSync('l10n/bundle.l10n.zh-cn.json', 'utf8')) as Record<string, string>;
  const zh = (m: string, ...a: unknown[]) => (bundle[m] ?? m).replace(/\{(\d+)\}/g, (_, i: string) => String(a[+i]));
  const fs = lintCachedFile(lintingCache(2), 'zh.py', 1, HEADS, {}, zh);
  const f = at(fs, lineOf(HEADS, 'self.out_act = Squash()'))[0]!;
  assert.ok(f.message.startsWith('Squash（自定义激活函数）等同于 Sigmoid：'), f.message);
  assert.ok(f.message.endsWith(zh('{0} applies sigmoid itself: with this sigmoid it is applied twice. Pass the raw logits.', 'BCEWithLogitsLoss')), f.message);
  // and the English findings of the same text are not served from the Chinese pass
  assert.ok(at(lintSource(HEADS, {}), lineOf(HEADS, 'self.out_act = Squash()'))[0]!.message.startsWith('Squash (your own activation) equals Sigmoid: '));
});

test('a hand-written sigmoid between two layers: AL401 (a hint), without a fix', () => {
  const src = [
    'import torch', 'import torch.nn as nn', '', '',
    'def my_sig(z):', '    return 1 / (1 + torch.exp(-z))', '', '',
    'class Net(nn.Module):', '    def __init__(self):', '        super().__init__()', '        self.fc1 = nn.Linear(4, 8)', '        self.fc2 = nn.Linear(8, 1)', '',
    '    def forward(self, x):', '        return self.fc2(my_sig(self.fc1(x)))', '', '',
    'net = Net()', 'loss = nn.MSELoss()(net(torch.randn(2, 4)), torch.randn(2, 1))', '',
  ].join('\n');
  const line = lineOf(src, 'return self.fc2(my_sig(');
  const hinted = at(lintSource(src, { showHints: true }), line);
  assert.deepEqual(hinted.map((f) => `${f.code} ${f.severity} ${f.fixes.length}`), ['AL401 hint 0']);
  assert.deepEqual(at(lintSource(src, {}), line), [], 'hints are off by default');
});

// A noise schedule written out (real code, session 17: a classifier-free diffusion's helpers): the
// file's own sigmoid and a bounded function of it scale the data, they are not layers. As a factor
// of a product they are gates (AL401 stays silent, as for torch.sigmoid there), and a value that only
// passed a product on its way to MSELoss is not a model's output (no AL105); at an output it is.
const SCHEDULE = `import torch
import torch.nn as nn
import torch.nn.functional as F


def snr_weight(t):
    return 1 / (1 + torch.exp(-t))


def keep(t):
    return torch.sqrt(snr_weight(t))


def drop(t):
    return torch.sqrt(1.0 - snr_weight(t))


def noisy(x, noise, t):
    return keep(t) * x + drop(t) * noise


def diffusion_loss(x, denoiser):
    t = torch.empty(x.shape[0], 1).uniform_(-6.0, 6.0)
    noise = torch.randn_like(x)
    return F.mse_loss(denoiser(noisy(x, noise, t)), noise)
`;
const ON_OUTPUT = `import torch
import torch.nn as nn
import torch.nn.functional as F


def keep(t):
    return torch.sqrt(1 / (1 + torch.exp(-t)))


class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 1)

    def forward(self, x):
        return keep(self.fc(x))


model = Head()
loss = F.mse_loss(model(torch.randn(4, 8)), torch.randn(4, 1))
`;

test('the file\'s own sigmoid, and a bounded function of it, as factors of a product: no AL401, no AL105; at a model\'s output AL105', () => {
  const fs = lintSource(SCHEDULE, { showHints: true });
  const own = fs.filter((f) => !['AL304', 'AL601'].includes(f.code));
  assert.deepEqual(own.map((f) => `${f.range.line}:${f.code}`), [], own.map((f) => f.message).join('\n'));
  // the hand-written sigmoid itself is still said (AL304)
  assert.ok(codes(fs).includes('AL304'));
  const out = lintSource(ON_OUTPUT, { showHints: true }).filter((f) => f.code === 'AL105');
  assert.equal(out.length, 1);
  assert.match(out[0]!.message, /^keep \(your own activation\): At the output of a regression \(MSELoss\)/);
  assert.equal(out[0]!.range.line, lineOf(ON_OUTPUT, 'return keep(self.fc(x))'));
});

test('the file\'s own sigmoid between two layers is a hidden layer\'s activation: AL401 (a hint)', () => {
  const src = `import torch
import torch.nn as nn


def squash(v):
    return 1 / (1 + torch.exp(-v))


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(8, 16)
        self.fc2 = nn.Linear(16, 3)

    def forward(self, x):
        return self.fc2(squash(self.fc1(x)))
`;
  const fs = lintSource(src, { showHints: true }).filter((f) => f.code === 'AL401');
  assert.equal(fs.length, 1);
  assert.equal(fs[0]!.range.line, lineOf(src, 'return self.fc2(squash(self.fc1(x)))'));
});
