// Random tensors the follower makes (torch.rand/randn): their shape, dtype and autograd state as
// PyTorch's, their values drawn from the follower's own cheap stream (values computed from random
// numbers are never claimed), so the engine's PyTorch-exact stream, which other evaluations draw
// from, is left where it was, and one file's follow never depends on what was followed before.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadPython } from '../python/setup';
import { analyzeAutograd } from '../../../src/autograd/analyze';
import { forgetFollowedStatements } from '../../../src/autograd/follow';
import { default_generator } from '../../../src/engine/random';

before(loadPython);

const CODE = [
  'import torch',
  'W1 = torch.randn(784, 256, requires_grad=True)',
  'u = torch.rand(1000, 3, dtype=torch.float64)',
  'h = torch.log(u).sum() + (W1 * 0.01).sum()',
  'print(W1.is_leaf, W1.requires_grad)',
  'h.backward()',
  'print(W1.grad)',
  'print(h.grad)',
  '',
].join('\n');

test('rand and randn in a followed file: PyTorch\'s shapes, dtypes and leaves; the engine\'s stream untouched', () => {
  forgetFollowedStatements();
  const before = default_generator.mark();
  const cell = analyzeAutograd(CODE);
  assert.deepEqual(default_generator.mark(), before);
  const leaf = cell.follow.spots.find((s) => s.kind === 'is_leaf');
  assert.ok(leaf, JSON.stringify(cell.follow.spots.map((s) => s.kind)));
  assert.deepEqual(leaf.subject.shape, [784, 256]);
  assert.equal(leaf.subject.dtype, 'float32');
  assert.equal(leaf.subject.requiresGrad, true);
  // log of a uniform in [0, 1): finite, so the backward ran and the leaf has its gradient
  const back = cell.follow.backwards[0];
  assert.ok(back && !back.error, JSON.stringify(back?.error));
  const w = back.gradients.find((g) => g.label === 'W1');
  assert.ok(w, JSON.stringify(back.gradients.map((g) => g.label)));
  assert.deepEqual(w.shape, [784, 256]);
  // drawn from random numbers: not claimed
  assert.equal(w.grad, null);
  // the non-leaf's .grad is still the finding it was
  assert.deepEqual(cell.findings.map((f) => f.code), ['AL504']);
});

test('the follower\'s random numbers are the same on every follow (findings never depend on what ran before)', () => {
  forgetFollowedStatements();
  const a = analyzeAutograd(CODE);
  default_generator.manual_seed(1234);
  forgetFollowedStatements();
  const b = analyzeAutograd(CODE);
  assert.deepEqual(JSON.stringify(b.follow), JSON.stringify(a.follow));
});
