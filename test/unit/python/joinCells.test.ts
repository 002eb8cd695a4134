// A notebook's cells read as one program: a cell cut off mid-statement (an open bracket or string)
// fails alone in Jupyter, and joined it must not swallow the cells after it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadPython } from './setup';
import { analyzeNotebook } from '../../../src/python';
import { blankedCell, joinCellsForReading } from '../../../src/python/joinCells';
import { parserCalls } from '../../../src/python/parser';
import { analyzeAutogradNotebook } from '../../../src/autograd/analyze';

before(loadPython);

const MODEL = [
  'class Reg(nn.Module):',
  '    def __init__(self):',
  '        super().__init__()',
  '        self.fc = nn.Linear(8, 1)',
  '    def forward(self, x):',
  '        return torch.sigmoid(self.fc(x))',
  '',
  'model = Reg()',
  'criterion = nn.MSELoss()',
  'loss = criterion(model(x), y)',
  '',
].join('\n');
const CELLS = [
  'import torch\nimport torch.nn as nn\nx = torch.randn(64, 8)\ny = torch.rand(64, 1)\n',
  'data = prepare(x, conf\n',
  MODEL,
  'logits = torch.randn(4, 3)\nt = torch.tensor([0, 1, 2, 0])\nl2 = nn.CrossEntropyLoss()(torch.softmax(logits, dim=1), t)\n',
];

test('cells that all end complete are joined as they are, without a parse', () => {
  const cells = [CELLS[0]!, MODEL, 'print("done")\n'];
  const before = parserCalls();
  assert.equal(joinCellsForReading(cells), cells.join('\n'));
  assert.equal(parserCalls(), before);
});

test('a cell left open is blanked in the joined text, its line breaks and every position kept', () => {
  const joined = joinCellsForReading(CELLS);
  assert.equal(joined.length, CELLS.join('\n').length);
  assert.equal(joined, [CELLS[0], blankedCell(CELLS[1]!), CELLS[2], CELLS[3]].join('\n'));
  assert.equal(blankedCell('a = f(1,\n  2'), '        \n   ');
});

test('a cell with a syntax error that ends complete is kept (its error stays its own)', () => {
  const cells = [CELLS[0]!, 'x = = 1\n', MODEL];
  assert.equal(joinCellsForReading(cells), cells.join('\n'));
});

test('the cells after a cut-off cell keep their roles and losses (a real notebook\'s `prepare_data(data, conf`)', () => {
  const a = analyzeNotebook(CELLS);
  const sig = a[2]!.uses.find((u) => u.id === 'sigmoid');
  assert.equal(sig?.role, 'output');
  assert.equal(sig?.loss, 'MSELoss');
  // the softmax given to the loss in the call itself: that loss's
  assert.equal(a[3]!.uses.find((u) => u.id === 'softmax')?.loss, 'CrossEntropyLoss');
});

test('the autograd follower reads the cells after a cut-off cell', () => {
  const cells = ['import torch\n', 'a = foo(1,\n', 'x = torch.ones(3, requires_grad=True)\ny = (x * 2).sum()\ny.backward()\nprint(y.grad)\n'];
  const found = analyzeAutogradNotebook(cells, undefined, true);
  assert.deepEqual(found[2]!.findings.map((f) => f.code), ['AL504']);
  assert.deepEqual(found[1]!.findings, []);
});
