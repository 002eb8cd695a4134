// One activation module applied both between layers and at the model's output (a course's
// `self.sigmoid` after every Linear, the last one into BCELoss): AL103 for the output and AL401's
// hint for the hidden layers, with no fix (either would change both places), in a file and in a notebook.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPython } from '../python/setup';
import { codes, fixSource, lintCells, lintSource } from './helpers';

before(loadPython);

const MODEL = `import torch

class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.l1 = torch.nn.Linear(8, 6)
        self.l2 = torch.nn.Linear(6, 1)
        self.sigmoid = torch.nn.Sigmoid()

    def forward(self, x):
        return self.sigmoid(self.l2(self.sigmoid(self.l1(x))))
`;
const TRAIN = `
model = Model()
criterion = torch.nn.BCELoss()
for x, y in []:
    criterion(model(x), y).backward()
`;

test('a shared sigmoid module: AL103 and AL401, both without fixes, both saying why', () => {
  const fs = lintSource(MODEL + TRAIN, { showHints: true });
  assert.deepEqual(codes(fs).sort(), ['AL103', 'AL401']);
  for (const f of fs) {
    assert.deepEqual(f.fixes, [], f.code);
    assert.match(f.message, /both between layers and at the output/);
  }
  const fixed = fixSource(MODEL + TRAIN, true, { showHints: true });
  assert.equal(fixed.text, MODEL + TRAIN);
});

test('a shared sigmoid module across notebook cells', () => {
  const cells = lintCells([MODEL, 'model = Model()', 'criterion = torch.nn.BCELoss()\nfor x, y in []:\n    criterion(model(x), y).backward()'], { showHints: true });
  assert.deepEqual(codes(cells[0]!).sort(), ['AL103', 'AL401']);
});

test('a module for the output only, another for the hidden layers: AL103 with its fix, no shared note', () => {
  const text = MODEL.replace('self.sigmoid(self.l2(self.sigmoid(self.l1(x))))', 'self.sigmoid(self.l2(torch.relu(self.l1(x))))') + TRAIN;
  const fs = lintSource(text, { showHints: true });
  assert.deepEqual(codes(fs), ['AL103']);
  assert.ok(fs[0]!.fixes.length > 0);
  assert.doesNotMatch(fs[0]!.message, /both between layers/);
});

test('a shared ReLU module between layers only stays a hidden activation', () => {
  const text = MODEL.replace('torch.nn.Sigmoid()', 'torch.nn.ReLU()').replace('self.sigmoid(self.l2(self.sigmoid(self.l1(x))))', 'self.l2(self.sigmoid(self.l1(x)))') + TRAIN.replace('BCELoss', 'MSELoss');
  assert.deepEqual(codes(lintSource(text, { showHints: true })), []);
});
