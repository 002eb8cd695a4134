// Half-typed code leaves names empty (`for in x:` has no loop variable, `self. = …` no attribute):
// a search for an empty word finds it at the same place for ever. A corpus file with three broken
// lines put into its model class (the random-edit tests' own shape) froze `check` and the editor's
// findings before; now it is read like any other broken file.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPython } from '../python/setup';
import { lintSource } from './helpers';
import { wordStartsNotAfterDot, scanKeyword } from '../../../src/python/scan';

before(loadPython);

const BROKEN = `import torch
import torch.nn as nn
import torch.nn.functional as F


class ConvAutoencoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.t_conv2 = nn.ConvTranspose2d(16, 1, 2, stride=2)

    def forward(self, x):
        x = F.relu(self.conv1(x))
y = F.softmax(x dim=1)
x = = 1
        x = torch.sigmoid(self.t_conv2(x))
        return x
for in x:


model = ConvAutoencoder()
criterion = nn.MSELoss()
for images, _ in []:
    outputs = model(images)
    loss = criterion(outputs, images)
    self. = nn.Sigmoid()
`;

test('an empty name is found nowhere', () => {
  assert.deepEqual(wordStartsNotAfterDot('for in x:', '', 10), []);
  assert.deepEqual(scanKeyword('import x', '', 10), []);
});

test('a file whose broken lines leave names empty is read, not frozen on', { timeout: 30_000 }, () => {
  const findings = lintSource(BROKEN);
  assert.ok(Array.isArray(findings));
});
