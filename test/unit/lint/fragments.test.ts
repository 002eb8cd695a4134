// Code with no import at all (a lesson's step stored without its first lines, code cut from a
// notebook) reads `torch`, `nn` and `F` as PyTorch code means them; a name the code binds itself
// keeps its own meaning, and code that names none of them is no PyTorch code.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPython } from '../python/setup';
import { codes, lintSource } from './helpers';
import { analyzePython } from '../../../src/python';

before(loadPython);

const FRAGMENT = `class LogisticRegressionModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(1, 1)

    def forward(self, x):
        return F.sigmoid(self.linear(x))


model = LogisticRegressionModel()
criterion = nn.BCELoss(reduction='sum')
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
for epoch in range(100):
    loss = criterion(model(x_data), y_data)
    loss.backward()
`;

test('a fragment with no import is read with PyTorch\'s usual names', () => {
  assert.deepEqual(codes(lintSource(FRAGMENT)), ['AL103', 'AL202']);
});

test('a name the fragment binds itself is its own, not PyTorch\'s', () => {
  const own = `class F:\n    @staticmethod\n    def sigmoid(x):\n        return x\n\n\n${FRAGMENT.replace('import', '')}`;
  assert.deepEqual(codes(lintSource(own)), []);
});

test('code with no import that names none of them is no PyTorch code', () => {
  assert.deepEqual(analyzePython('def relu(x):\n    return max(x, 0)\n\nprint(relu(3))\n').uses, []);
});

test('an import of anything keeps the file to what its imports bind', () => {
  assert.deepEqual(codes(lintSource(`import numpy as np\n${FRAGMENT}`)), []);
});
