// Uses of a user-defined activation get role-based advice like built-ins: the role and the loss
// come from the python layer's value flow (never from names), and the advice from the built-in's
// rules when the definition equals one, else from its shape measured on the engine's f and f′.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPython } from '../python/setup';
import { adviseCustom, customAt, evaluateDefinition, findCustom, findCustomNotebook, measureShape, reportDefinition, rolesOfUses, type CustomFile } from '../../../src/custom';
import { renderCustomHover, customSideContent } from '../../../src/render/customHover';

before(loadPython);

const DEMO = readFileSync(join(process.cwd(), 'demo/custom_activations.py'), 'utf8');
const plain = (md: string) => md.replace(/\\(.)/g, '$1');

function defOf(file: CustomFile, name: string) {
  const d = file.definitions.find((x) => x.name === name);
  assert.ok(d, `no definition ${name}`);
  return d;
}

/** Roles of every use of `name` outside its definition: [line (1-based), role, loss]. */
function roles(source: string, name: string) {
  const file = findCustom(source);
  return rolesOfUses(file, defOf(file, name)).map((r) => [r.use.range.line + 1, r.role, r.loss]);
}

// Names say the opposite of what the code does: the flow decides.
const MISLEADING = [
  'import torch',
  'from torch import nn',
  '',
  'class OutputActivation(nn.Module):',
  '    def forward(self, x):',
  '        return torch.relu(x) ** 2',
  '',
  'class Net(nn.Module):',
  '    def __init__(self):',
  '        super().__init__()',
  '        self.fc1 = nn.Linear(4, 16)',
  '        self.output_act = OutputActivation()',
  '        self.fc2 = nn.Linear(16, 1)',
  '        self.hidden_act = OutputActivation()',
  '',
  '    def forward(self, x):',
  '        return self.hidden_act(self.fc2(self.output_act(self.fc1(x))))',
  '',
  'model = Net()',
  'loss = nn.MSELoss()(model(torch.randn(8, 4)), torch.randn(8, 1))',
  '',
].join('\n');

test('roles by value flow, not by names: the module named "output" is the hidden one, and the other reaches MSELoss at the output', () => {
  assert.deepEqual(roles(MISLEADING, 'OutputActivation'), [[12, 'hidden', 'MSELoss'], [14, 'output', 'MSELoss']]);
});

test('demo: act_layer=NewGELU and QuickGELU() inside a Sequential are hidden layers; a function applied to data has no role', () => {
  assert.deepEqual(roles(DEMO, 'NewGELU'), [[44, 'hidden', null]]);
  assert.deepEqual(roles(DEMO, 'QuickGELU'), [[54, 'hidden', null]]);
  assert.deepEqual(roles(DEMO, 'swish'), [[55, null, null]]);
});

test('a lambda whose value goes into F.binary_cross_entropy reaches that loss; in a notebook across cells', () => {
  const cells = [
    'import torch\nimport torch.nn.functional as F\n',
    'sig = lambda z: 1 / (1 + torch.exp(-z))\nw = torch.randn(3, 1, requires_grad=True)\n',
    'p = sig(torch.randn(8, 3) @ w)\nloss = F.binary_cross_entropy(p, torch.ones(8, 1))\n',
  ];
  const file = findCustomNotebook(cells);
  const r = rolesOfUses(file, defOf(file, 'sig'));
  assert.equal(r.length, 1);
  assert.equal(r[0]!.use.cell, 2);
  assert.equal(r[0]!.loss, 'binary_cross_entropy');
  assert.deepEqual(r[0]!.lossRange, { line: 1, column: 9, endLine: 1, endColumn: 29 });
  // it equals sigmoid: the built-in's own rule (AL103) applies to it
  const f = adviseCustom(reportDefinition(file, defOf(file, 'sig')), r);
  assert.equal(f[0]!.code, 'AL103');
  assert.equal(f[0]!.severity, 'warning');
});

function shapeOf(src: string, name: string) {
  const file = findCustom(src);
  return reportDefinition(file, defOf(file, name)).shape!;
}

test('shape measured on the engine: squared ReLU has a dead zone, erf saturates both sides, QuickGELU dips, a scaled x is linear', () => {
  const src = 'import torch\nsq = lambda x: torch.relu(x) ** 2\nbump = lambda x: torch.erf(x) * 0.5 + 0.5\nquick = lambda x: x * torch.sigmoid(1.702 * x)\nlin = lambda x: 3 * x - 1\n';
  const sq = shapeOf(src, 'sq');
  assert.deepEqual(sq.deadZone, [-10, 0]);
  assert.equal(sq.monotonic, true);
  assert.equal(sq.flatAbove, null);
  const bump = shapeOf(src, 'bump');
  assert.ok(bump.flatBelow! < -2 && bump.flatBelow! > -2.5, String(bump.flatBelow));
  assert.ok(bump.flatAbove! > 2 && bump.flatAbove! < 2.5, String(bump.flatAbove));
  assert.equal(bump.deadZone, null, 'erf never has f′ exactly 0 on [−10, 10]? it underflows only far out');
  const quick = shapeOf(src, 'quick');
  assert.equal(quick.monotonic, false);
  assert.ok(quick.minimum.x < -0.7 && quick.minimum.x > -0.8, String(quick.minimum.x));
  assert.ok(quick.flatBelow !== null && quick.flatAbove === null);
  const lin = shapeOf(src, 'lin');
  assert.equal(lin.linear, true);
  assert.equal(measureShape({ x: [0, 1], y: [0, 1], dy: [1, 1] }), null, 'too few points to say');
});

test('advice from the shape, per role: dead zone in a hidden layer, clipped regression at the output, saturation, linear, logits', () => {
  const src = [
    'import torch',
    'from torch import nn',
    'import torch.nn.functional as F',
    'sq = lambda x: torch.relu(x) ** 2',
    'bump = lambda x: torch.erf(x) * 0.5 + 0.5',
    'lin = lambda x: 3 * x - 1',
    '',
  ].join('\n');
  const file = findCustom(src);
  const advice = (name: string, role: 'hidden' | 'output' | null, loss: string | null) => adviseCustom(reportDefinition(file, defOf(file, name)), [{ role, loss }]);
  const dead = advice('sq', 'hidden', null);
  assert.match(dead.map((f) => f.message).join('\n'), /Beware dead units: f′ = 0 exactly on \[-10, 0\]/);
  const reg = advice('sq', 'output', 'MSELoss');
  // the row of the lint table a bounded built-in gets there (AL105), with its weight
  assert.equal(reg[0]!.severity, 'info');
  assert.equal(reg[0]!.code, 'AL105');
  assert.match(reg[0]!.message, /At the output of a regression \(MSELoss\) this activation limits predictions to ≥ 0;/);
  const sat = advice('bump', 'hidden', null);
  assert.equal(sat[0]!.severity, 'warning');
  assert.match(sat[0]!.message, /It saturates on both sides \(\|f′\| < 0\.01 for x < -2\.\d+ and for x > 2\.\d+\)/);
  assert.equal(advice('bump', null, null)[0]!.severity, 'info', 'role unknown: said, not warned');
  assert.match(advice('bump', 'output', 'nn.CrossEntropyLoss')[0]!.message, /^CrossEntropyLoss expects raw logits: this activation at the output distorts them/);
  assert.match(advice('bump', 'output', 'nn.MSELoss')[0]!.message, /limits predictions to \[0, 1\]/);
  assert.match(advice('lin', 'hidden', null)[0]!.message, /it is linear, so layers joined by it collapse into one linear layer/);
  assert.match(advice('sq', 'output', 'F.nll_loss')[0]!.message, /NLLLoss expects log-probabilities over the classes/);
});

test('equal to a built-in: the built-in\'s advice for the role (a hand-written tanh in a hidden layer)', () => {
  const src = 'import torch\nmytanh = lambda x: (torch.exp(x) - torch.exp(-x)) / (torch.exp(x) + torch.exp(-x))\n';
  const file = findCustom(src);
  const r = reportDefinition(file, defOf(file, 'mytanh'));
  assert.equal(r.match?.equivalent?.id, 'tanh');
  const msgs = adviseCustom(r, [{ role: 'hidden', loss: null }]).map((f) => f.message).join('\n');
  assert.match(msgs, /Acceptable in hidden layers: zero-centred/);
  const out = adviseCustom(r, [{ role: 'output', loss: 'CrossEntropyLoss' }]);
  assert.equal(out[0]!.code, 'AL107');
});

test('hover: a use says its role in the title; the definition lists where it is used; the side panel carries role and advice', () => {
  const file = findCustom(MISLEADING);
  const at = (needle: string, occurrence: number) => {
    let idx = -1;
    for (let i = 0; i <= occurrence; i++) idx = MISLEADING.indexOf(needle, idx + 1);
    const before = MISLEADING.slice(0, idx);
    return customAt(file, before.split('\n').length - 1, idx - before.lastIndexOf('\n'))!;
  };
  const def = at('OutputActivation', 0);
  const use = at('OutputActivation', 2);
  assert.equal(use.at, 'use');
  const report = reportDefinition(file, def.definition);
  const s = evaluateDefinition(file, def.definition);
  const useRoles = rolesOfUses(file, def.definition, file.uses.find((u) => u.range.line === use.range.line));
  const hu = plain(renderCustomHover({ report, series: s.ok ? s.value : null, at: 'use', theme: 'dark', roles: useRoles }).markdown);
  assert.match(hu, /\*\*`OutputActivation`\*\* — \*your own activation \(nn\.Module\)\* — \*output layer\* · defined at line 4/);
  assert.match(hu, /\$\(lightbulb\) `AL105` At the output of a regression \(MSELoss\)/);
  const all = rolesOfUses(file, def.definition);
  const hd = plain(renderCustomHover({ report, series: s.ok ? s.value : null, at: 'definition', theme: 'dark', roles: all }).markdown);
  assert.match(hd, /Where it is used: hidden layer → MSELoss \(line 12\) · output layer → MSELoss \(line 14\)/);
  assert.match(hd, /Beware dead units/);
  assert.match(hd, /monotonic on \[-10, 10\]/);
  const side = customSideContent(report, def.range.line, undefined, all);
  assert.equal(side.role, 'hidden layer, output layer');
  assert.ok(side.advice.some((a) => /Beware dead units/.test(a)) && side.advice.some((a) => /regression/.test(a)), side.advice.join('\n'));
});

test('"keeps a gradient everywhere" only when |f′| ≥ 0.01 at every point: Snake\'s f′ touches 0 between its ends, a leaky ramp never does', () => {
  const snake = findCustom(DEMO);
  const snakeAdvice = adviseCustom(reportDefinition(snake, defOf(snake, 'Snake')), [{ role: 'hidden', loss: null }]).map((f) => f.key);
  assert.ok(!snakeAdvice.includes('custom.keeps-gradient'), snakeAdvice.join(', '));
  const src = 'import torch\nramp = lambda x: torch.where(x > 0, x, 0.05 * x) + 0.1 * torch.tanh(x)\n';
  const file = findCustom(src);
  const r = reportDefinition(file, defOf(file, 'ramp'));
  assert.equal(r.match?.equivalent, null);
  assert.ok(r.shape!.minSlope >= 0.05);
  assert.match(adviseCustom(r, [{ role: 'hidden', loss: null }]).map((f) => f.message).join('\n'), /Its gradient vanishes nowhere on \[-10, 10\]/);
});

test('at a use, the "Here" line only adds the loss: a hidden use with no loss has its role in the title alone', () => {
  const file = findCustom(DEMO);
  const d = defOf(file, 'NewGELU');
  const use = file.uses.find((u) => u.name === 'NewGELU' && u.range.line === 43)!;
  const r = reportDefinition(file, d);
  const md = plain(renderCustomHover({ report: r, series: null, at: 'use', theme: 'light', roles: rolesOfUses(file, d, use) }).markdown);
  assert.match(md, /— \*hidden layer\* · defined at line 13/);
  assert.doesNotMatch(md, /Here:/);
});
