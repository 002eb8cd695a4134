// Which importable names give a use's value (ends.ts): read whole or lazily, fresh or taken over
// from the previous version after an edit, the same answer (a model trained in another file is
// judged on it, in the editor as the user types).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPython, tenThousandEdited } from './setup';
import { AnalysisCache, analyzePython } from '../../../src/python';
import { outputEndsOf } from '../../../src/python/crossFile';

before(loadPython);

const endsOf = (uses: Parameters<typeof outputEndsOf>[0][]) => uses.map((u) => `${u.range.line}:${u.range.column} ${outputEndsOf(u).map((e) => e.name).join(',')}`);

test('a model class, a factory and a module-level model: the names that give the output unchanged', () => {
  const a = analyzePython(`import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 3)

    def forward(self, x):
        return F.softmax(self.fc(x), dim=1)


def make_head(d):
    return nn.Sequential(nn.Linear(d, 1), nn.Sigmoid())


def make_net():
    return Net()


backbone = nn.Sequential(nn.Linear(4, 4), nn.Tanh())
hidden = nn.Sequential(nn.Linear(4, 4), nn.ReLU(), nn.Linear(4, 2))
`);
  const by = (id: string) => a.uses.filter((u) => u.id === id).map((u) => outputEndsOf(u).map((e) => e.name).sort());
  assert.deepEqual(by('softmax'), [['Net', 'make_net']]);
  assert.deepEqual(by('sigmoid'), [['make_head']]);
  assert.deepEqual(by('tanh'), [['backbone']]);
  assert.deepEqual(by('relu'), [[]]); // a layer follows it
});

test('after an edit, uses taken over from the previous version keep their ends, as a fresh reading has them', async () => {
  const { cache, edited } = await tenThousandEdited();
  const taken = cache.get('k', 2, edited).uses;
  assert.ok(cache.verdicts('k')!.reused > 0);
  const fresh = endsOf(analyzePython(edited).uses);
  assert.ok(fresh.filter((e) => !e.endsWith(' ')).length > 10, 'the file has outputs of importable models');
  assert.deepEqual(endsOf(taken), fresh);
});
