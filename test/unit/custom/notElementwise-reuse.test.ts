// A definition found not elementwise on one grid (it combines elements, or returns another shape
// than its input) is no activation on any grid: the few points the rows at its uses evaluate
// answer AL601's report too, with the same reason a fresh report gives, and without a second run.
// An elementwise definition, a failure of another kind, and a run that drew random numbers are
// each evaluated again for the report's grid.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initPython } from '../../../src/python';
import { evaluateDefinition, findCustom, reportDefinition } from '../../../src/custom';
import { evaluationsRun } from '../../../src/custom/evalReuse';

before(async () => {
  await initPython({
    treeSitter: new Uint8Array(readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'))),
    python: new Uint8Array(readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'))),
  });
});

const SOURCE = `import torch
import torch.nn as nn


def manual_softmax(x):
    return torch.exp(x) / torch.exp(x).sum(-1, keepdim=True)


def centred(x):
    return x - x.mean()


def total(x):
    return x.sum()


class Normed(nn.Module):
    def forward(self, x):
        return x - x.mean()


def noisy(x):
    return x + torch.randn_like(x)


def swish(x):
    return x * torch.sigmoid(x)


def broken(x):
    return torch.tanh(x) + undefined_name
`;

/** Evaluations run for the rows' few points, then the report's grid; and the report's reason. */
function afterFewPoints(name: string): { runs: number; reason: string | null; evaluable: boolean } {
  const file = findCustom(SOURCE);
  const def = file.definitions.find((d) => d.name === name)!;
  assert.ok(def, name);
  const n = evaluationsRun.count;
  evaluateDefinition(file, def, { points: 9 });
  const r = reportDefinition(file, def);
  return { runs: evaluationsRun.count - n, reason: r.reason, evaluable: r.evaluable };
}

/** The report of a file read afresh, with no evaluation before it. */
function fresh(name: string): { reason: string | null; evaluable: boolean } {
  const file = findCustom(SOURCE);
  const r = reportDefinition(file, file.definitions.find((d) => d.name === name)!);
  return { reason: r.reason, evaluable: r.evaluable };
}

for (const name of ['manual_softmax', 'centred', 'total', 'Normed']) {
  test(`${name}: not elementwise on 9 points, so not on the report's grid — one run, the fresh report's reason`, () => {
    const got = afterFewPoints(name);
    assert.equal(got.runs, 1);
    assert.equal(got.evaluable, false);
    assert.deepEqual({ reason: got.reason, evaluable: got.evaluable }, fresh(name));
    assert.match(got.reason!, /combines elements|another shape/);
  });
}

test('a definition that drew random numbers is evaluated again for the report', () => {
  const got = afterFewPoints('noisy');
  assert.equal(got.runs, 2);
  assert.equal(got.evaluable, false);
});

test('an elementwise definition is evaluated again on the report grid, and is evaluable', () => {
  const got = afterFewPoints('swish');
  assert.equal(got.runs, 2);
  assert.equal(got.evaluable, true);
});

test('a failure of another kind (a name not bound) is not taken for every grid', () => {
  const got = afterFewPoints('broken');
  assert.equal(got.runs, 2);
  assert.deepEqual({ reason: got.reason, evaluable: got.evaluable }, fresh('broken'));
});
