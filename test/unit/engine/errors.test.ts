// Bad input gets PyTorch's exception class and exact text (and never a hang or a silent value).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { torch, F, onWarning } from '../../../src/engine';

function warningsOf(fn: () => unknown): string[] {
  const seen: string[] = [];
  const off = onWarning((w) => seen.push(w.message));
  try {
    fn();
  } finally {
    off();
  }
  return seen;
}

test('broadcasting shape mismatch', () => {
  assert.throws(() => torch.ones(3).add(torch.ones(4)), {
    name: 'RuntimeError',
    message: 'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0',
  });
  assert.throws(() => torch.ones(2, 3).mul(torch.ones(4, 3)), {
    name: 'RuntimeError',
    message: 'The size of tensor a (2) must match the size of tensor b (4) at non-singleton dimension 0',
  });
  // dims align from the right (texts checked against PyTorch 1.13)
  assert.throws(() => torch.ones(5, 2, 3).sub(torch.ones(4, 1)), {
    message: 'The size of tensor a (2) must match the size of tensor b (4) at non-singleton dimension 1',
  });
  assert.throws(() => torch.ones(4, 1).sub(torch.ones(5, 2, 3)), {
    message: 'The size of tensor a (4) must match the size of tensor b (2) at non-singleton dimension 1',
  });
});

test('backward on a non-scalar output needs an explicit gradient', () => {
  const x = torch.randn(3, { requires_grad: true });
  assert.throws(() => x.mul(2).backward(), { name: 'RuntimeError', message: 'grad can be implicitly created only for scalar outputs' });
});

test('backward on something that does not require grad', () => {
  assert.throws(() => torch.ones(2).sum().backward(), {
    name: 'RuntimeError',
    message: 'element 0 of tensors does not require grad and does not have a grad_fn',
  });
  // after no_grad too
  const x = torch.ones(2, { requires_grad: true });
  assert.throws(() => torch.no_grad(() => x.mul(2)).sum().backward(), {
    message: 'element 0 of tensors does not require grad and does not have a grad_fn',
  });
});

test('explicit gradient of the wrong shape', () => {
  const x = torch.randn(3, { requires_grad: true });
  assert.throws(() => x.mul(2).backward({ gradient: torch.ones(4) }), {
    name: 'RuntimeError',
    message: 'Mismatch in shape: grad_output[0] has a shape of torch.Size([4]) and output[0] has a shape of torch.Size([3]).',
  });
});

test('linspace: negative steps, non-integer steps, non-finite bounds', () => {
  assert.throws(() => torch.linspace(0, 1, -1), { name: 'RuntimeError', message: 'number of steps must be non-negative' });
  assert.throws(() => torch.linspace(0, 1, 2.5), TypeError);
  // PyTorch 1.13 returns NaN/inf here; a plot needs finite bounds, so the engine refuses with
  // PyTorch's own wording for the same mistake in arange.
  assert.throws(() => torch.linspace(0, Infinity, 5), { name: 'RuntimeError', message: 'unsupported range: 0 -> inf' });
  assert.throws(() => torch.linspace(-Infinity, 0, 5), { name: 'RuntimeError', message: 'unsupported range: -inf -> 0' });
  assert.throws(() => torch.linspace(NaN, 1, 5), { name: 'RuntimeError', message: 'unsupported range: nan -> 1' });
});

test('arange errors', () => {
  assert.throws(() => torch.arange(0, 1, 0), { name: 'RuntimeError', message: 'step must be nonzero' });
  assert.throws(() => torch.arange(0, 10, -1), { message: 'upper bound and larger bound inconsistent with step sign' });
  assert.throws(() => torch.arange(0, Infinity), { message: 'unsupported range: 0 -> inf' });
});

test('reshape/view with the wrong element count; dims out of range', () => {
  const x = torch.ones(3);
  assert.throws(() => x.reshape(2, 2), { name: 'RuntimeError', message: "shape '[2, 2]' is invalid for input of size 3" });
  assert.throws(() => x.view(4), { message: "shape '[4]' is invalid for input of size 3" });
  assert.throws(() => x.sum(3), { name: 'IndexError', message: 'Dimension out of range (expected to be in range of [-1, 0], but got 3)' });
  assert.throws(() => F.softmax(torch.ones(2, 2), 2), { name: 'IndexError', message: 'Dimension out of range (expected to be in range of [-2, 1], but got 2)' });
});

test('matmul shape mismatch and item() on many elements', () => {
  assert.throws(() => torch.ones(2, 3).matmul(torch.ones(2, 3)), {
    name: 'RuntimeError',
    message: 'mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)',
  });
  assert.throws(() => torch.ones(3).item(), { name: 'ValueError', message: 'only one element tensors can be converted to Python scalars' });
});

test('losses: out-of-range inputs and targets', () => {
  assert.throws(() => F.binary_cross_entropy(torch.tensor([1.5]), torch.tensor([1])), {
    name: 'RuntimeError',
    message: 'all elements of input should be between 0 and 1',
  });
  assert.throws(() => F.binary_cross_entropy(torch.tensor([0.5, 0.5]), torch.tensor([1])), {
    name: 'ValueError',
    message: 'Using a target size (torch.Size([1])) that is different to the input size (torch.Size([2])) is deprecated. Please ensure they have the same size.',
  });
  assert.throws(() => F.nll_loss(torch.randn(2, 3), [0, 3]), { name: 'IndexError', message: 'Target 3 is out of bounds.' });
  assert.throws(() => F.cross_entropy(torch.randn(2, 3), [0, 3]), { name: 'IndexError', message: 'Target 3 is out of bounds.' });
  assert.throws(() => F.mse_loss(torch.ones(2), torch.ones(2), 'avg'), { name: 'ValueError', message: 'avg is not a valid value for reduction' });
});

test('mse_loss with broadcasting target warns like PyTorch', () => {
  const w = warningsOf(() => F.mse_loss(torch.ones(3), torch.ones(2, 3)));
  assert.deepEqual(w, [
    'Using a target size (torch.Size([2, 3])) that is different to the input size (torch.Size([3])). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.',
  ]);
});

test('softmax family without dim: legacy implicit dim and its deprecation warning', () => {
  const msg = (n: string) => `Implicit dimension choice for ${n} has been deprecated. Change the call to include dim=X as an argument.`;
  // ndim 1 → dim 0
  let r = torch.tensor([1, 2, 3]);
  assert.deepEqual(warningsOf(() => (r = F.softmax(r))), [msg('softmax')]);
  assert.ok(Math.abs(r.sum().item() - 1) < 1e-6);
  // ndim 2 → dim 1 (rows sum to 1)
  const m = torch.tensor([[1, 2], [3, 5]], { dtype: torch.float64 });
  let lm = m;
  assert.deepEqual(warningsOf(() => (lm = F.log_softmax(m))), [msg('log_softmax')]);
  const rows = lm.exp().sum(1).tolist() as number[];
  rows.forEach((v) => assert.ok(Math.abs(v - 1) < 1e-12));
  // ndim 3 → dim 0
  const c = torch.randn(2, 3, 4, { dtype: torch.float64 });
  let sm = c;
  assert.deepEqual(warningsOf(() => (sm = F.softmin(c))), [msg('softmin')]);
  const s0 = sm.sum(0).tolist() as number[][];
  s0.flat().forEach((v) => assert.ok(Math.abs(v - 1) < 1e-12));
  // with a dim: silent
  assert.deepEqual(warningsOf(() => F.softmax(m, 0)), []);
});

test('clamp without bounds; negative tensor dimensions', () => {
  assert.throws(() => torch.ones(2).clamp(), { name: 'RuntimeError', message: "torch.clamp: At least one of 'min' or 'max' must not be None" });
  assert.throws(() => torch.zeros(2, -1), { name: 'RuntimeError', message: 'Trying to create tensor with negative dimension -1: [2, -1]' });
});

test('ragged nested data is rejected instead of guessed', () => {
  assert.throws(() => torch.tensor([[1, 2], [3]]), { name: 'ValueError', message: 'expected sequence of length 2 at dim 1 (got 1)' });
});

test('large inputs finish (no accidental quadratic paths)', () => {
  const t0 = Date.now();
  const x = torch.linspace(-5, 5, 200_000, { dtype: torch.float64, requires_grad: true });
  F.softmax(x.reshape(400, 500), 1).sum().backward();
  assert.ok(Date.now() - t0 < 5000);
});
