// The findings' partial reading of a file's custom activations (src/custom/partialFile.ts) must be
// findCustom's: the same definitions (deep, lowered statements included), the same uses, the same
// statements binding each name, and every definition evaluating to the same values or failing for
// the same reason (asked twice, as the findings ask: the second answer may come from the memo of
// definitions that cannot be built). On every corpus, demo and fixture file and on edited versions.
// And it must be partial: functions of two tensors and module-level code are not lowered.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPython } from '../python/setup';
import { evaluateDefinition, findCustom, findCustomPartially, type CustomFile, type FoundDefinition } from '../../../src/custom';
import { COMPARE_POINTS, COMPARE_RANGE } from '../../../src/custom/equivalence';
import { boundNames } from '../../../src/interp';
import { editedVariants } from './editedVariants';

before(loadPython);

const sources = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.py')).map((f) => ({ name: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
const fixtures = (JSON.parse(readFileSync('test/fixtures/custom/definitions.json', 'utf8')) as { definitions: { name: string; source: string; notebook: unknown }[] }).definitions
  .filter((d) => !d.notebook).map((d, i) => ({ name: `fixture ${i} (${d.name})`, text: d.source }));

function evaluation(file: Pick<CustomFile, 'module'>, d: FoundDefinition, points: number) {
  const r = evaluateDefinition(file, d, points === COMPARE_POINTS ? { from: COMPARE_RANGE[0], to: COMPARE_RANGE[1], points, dtype: 'float64' } : { points });
  return r.ok ? { ok: true, y: Array.from(r.value.y), dy: Array.from(r.value.dy), learned: r.value.learned } : { ok: false, reason: r.reason.message };
}

const seen = { definitions: 0, evaluable: 0, uses: 0 };

function compare(name: string, text: string): void {
  const whole = findCustom(text);
  const part = findCustomPartially(text);
  assert.deepEqual(part.definitions, whole.definitions, `definitions of ${name}`);
  assert.deepEqual(part.uses, whole.uses, `uses of ${name}`);
  const names = new Set(whole.module.body.flatMap(boundNames));
  for (const n of names) assert.deepEqual(part.module.statementsBinding!(n), whole.module.body.filter((s) => boundNames(s).includes(n)), `statements binding ${n} in ${name}`);
  whole.definitions.forEach((d, i) => {
    for (const points of [9, COMPARE_POINTS]) {
      const w = evaluation(whole, d, points);
      assert.deepEqual(evaluation(part, part.definitions[i]!, points), w, `${d.name} on ${points} points in ${name}`);
      if (w.ok) seen.evaluable++;
    }
  });
  seen.definitions += whole.definitions.length;
  seen.uses += whole.uses.length;
  assert.deepEqual(part.module.body, whole.module.body, `the whole module of ${name}, when read`);
}

test('every corpus, demo and fixture file: the partial reading finds, uses and evaluates as findCustom', () => {
  const files = [...sources('test/corpus'), ...sources('demo'), ...fixtures];
  for (const f of files) compare(f.name, f.text);
  assert.ok(files.length >= 80 && seen.definitions >= 100 && seen.evaluable >= 40 && seen.uses >= 50, `${files.length} files, ${JSON.stringify(seen)}`);
});

test('edited versions (rebound names, lambdas, decorators, keyword-only tensors, a syntax error): still findCustom\'s answers', () => {
  const broken = readFileSync('demo/custom_activations.py', 'utf8').split('\n');
  const variants = [
    ...editedVariants(),
    'h = lambda t: t + 1\nk: object = lambda t, a=2: t * a\n',
    // parameters findIn weighs: two tensors, one with a default, keyword-only, *args, typed, a comment
    'import torch\ndef a(x, y):\n    return x * y\ndef b(x, y=2):\n    return x * y\ndef c(x, *, y):\n    return x * y\ndef d(x: torch.Tensor, # the input\n      y: float = 1.0):\n    return torch.tanh(x) * y\ndef e(*xs):\n    return xs[0]\ndef f(x, *rest, k=1):\n    return torch.relu(x) * k\ndef g(x, /, y=3):\n    return x * y\n@torch.jit.script\ndef h(x, y):\n    return x + y\nm = a(1, 2) + b(3) + d(4)\n',
    [...broken.slice(0, 12), 'def broken(x, y:', ...broken.slice(12)].join('\n'),
  ];
  variants.forEach((v, i) => compare(`variant ${i}`, v));
});

test('a training script: its functions of several tensors and its module-level code are not lowered', () => {
  const text = `import torch
import torch.nn as nn

class Swish(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(x)

def train(model, loader, opt):
    for xb, yb in loader:
        loss = nn.functional.mse_loss(model(xb), yb)
        opt.zero_grad(); loss.backward(); opt.step()

model = nn.Sequential(nn.Linear(4, 4), Swish())
for epoch in range(3):
    train(model, [], None)
`;
  const part = findCustomPartially(text);
  assert.deepEqual(part.definitions.map((d) => d.name), ['Swish']);
  assert.equal(part.uses.length, 1);
  const r = evaluateDefinition(part, part.definitions[0]!, { points: 9 });
  assert.ok(r.ok, 'Swish evaluates from the statements it names');
  assert.deepEqual(part.uses.map((u) => u.range.line), [12]);
  // the class, the assignment using it and the two imports its evaluation resolves (torch, nn);
  // not train (a function of three tensors that mentions nn and torch), nor the loop
  assert.equal(part.loweredCount, 4);
});
