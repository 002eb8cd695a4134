// PyTorch's conventions at kinks and edges, and numerical stability, checked against values
// worked out by hand (not against the engine's own formulas).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { torch, F, Tensor } from '../../../src/engine';

function gradAt(f: (x: Tensor) => Tensor, xs: number[], dtype: 'float32' | 'float64' = 'float64'): number[] {
  const x = torch.tensor(xs, { dtype, requires_grad: true });
  f(x).sum().backward();
  return x.grad!.tolist() as number[];
}

test('gradients at kinks follow PyTorch', () => {
  assert.deepEqual(gradAt((x) => F.relu(x), [-1, 0, 1]), [0, 0, 1]);
  assert.deepEqual(gradAt((x) => F.leaky_relu(x, 0.2), [-1, 0, 1]), [0.2, 0.2, 1]);
  assert.deepEqual(gradAt((x) => F.relu6(x), [-1, 0, 3, 6, 7]), [0, 0, 1, 0, 0]);
  assert.deepEqual(gradAt((x) => F.hardtanh(x), [-2, -1, 0, 1, 2]), [0, 0, 1, 0, 0]);
  assert.deepEqual(gradAt((x) => x.abs(), [-2, 0, 2]), [-1, 0, 1]);
  assert.deepEqual(gradAt((x) => x.clamp(-1, 1), [-1, 0.5, 1, 2]), [1, 1, 1, 0]);
  assert.deepEqual(gradAt((x) => F.threshold(x, 0.5, -1), [0.5, 0.6]), [0, 1]);
  assert.deepEqual(gradAt((x) => F.softshrink(x, 0.5), [-0.5, 0.5, 0.7]), [0, 0, 1]);
  assert.deepEqual(gradAt((x) => F.hardshrink(x, 0.5), [-0.5, 0.5, 0.7]), [0, 0, 1]);
  // maximum splits ties evenly
  const a = torch.tensor([1, 2], { dtype: torch.float64, requires_grad: true });
  const b = torch.tensor([1, 1], { dtype: torch.float64, requires_grad: true });
  torch.maximum(a, b).sum().backward();
  assert.deepEqual(a.grad!.tolist(), [0.5, 1]);
  assert.deepEqual(b.grad!.tolist(), [0.5, 0]);
  // max over all splits among equal maxima
  assert.deepEqual(gradAt((x) => x.max(), [3, 1, 3]), [0.5, 0, 0.5]);
});

test('hardsigmoid: slope is the float literal 1/6 (even in float64), zero outside (-3, 3)', () => {
  const sixth = Math.fround(1 / 6);
  assert.deepEqual(gradAt((x) => F.hardsigmoid(x), [-3, 0, 2.5, 3]), [0, sixth, sixth, 0]);
  assert.deepEqual(gradAt((x) => F.hardsigmoid(x), [0], 'float32'), [sixth]);
  assert.deepEqual(F.hardsigmoid(torch.tensor([-4, 0, 4])).tolist(), [0, 0.5, 1]);
});

test('softplus switches to the identity above threshold/beta', () => {
  const x = torch.tensor([19.9, 20, 20.1], { dtype: torch.float64, requires_grad: true });
  const y = F.softplus(x);
  const v = y.tolist() as number[];
  assert.equal(v[0], Math.log1p(Math.exp(19.9)));
  assert.equal(v[1], Math.log1p(Math.exp(20))); // 20 is not above the threshold
  assert.equal(v[2], 20.1);
  y.sum().backward();
  const g = x.grad!.tolist() as number[];
  assert.ok(g[0] < 1 && g[0] > 1 - 1e-8);
  assert.equal(g[2], 1);
  const z = F.softplus(torch.tensor([3], { dtype: torch.float64 }), { beta: 2, threshold: 5 });
  assert.equal(z.item(), 3);
});

test('elu/selu/celu use exp(x) - 1 on the negative side and scale the positive side', () => {
  assert.equal(F.elu(torch.tensor([-1e-30], { dtype: torch.float64 })).item(), 0);
  const v = F.elu(torch.tensor([-1, 2], { dtype: torch.float64 }), { alpha: 2 }).tolist() as number[];
  assert.ok(Math.abs(v[0] - 2 * (Math.exp(-1) - 1)) < 1e-15);
  assert.equal(v[1], 2);
  const s = F.selu(torch.tensor([1], { dtype: torch.float64 })).item();
  assert.ok(Math.abs(s - 1.0507009873554805) < 1e-15);
  const c = F.celu(torch.tensor([-1], { dtype: torch.float64 }), { alpha: 0.5 }).item();
  assert.ok(Math.abs(c - 0.5 * (Math.exp(-2) - 1)) < 1e-15);
});

test('stable softmax/log_softmax/logsigmoid/softplus/sigmoid at ±1e4', () => {
  assert.deepEqual(torch.softmax(torch.tensor([1e4, 0, -1e4]), 0).tolist(), [1, 0, 0]);
  assert.deepEqual(F.log_softmax(torch.tensor([1e4, 0], { dtype: torch.float64 }), 0).tolist(), [0, -1e4]);
  const ls = F.logsigmoid(torch.tensor([1e4, -1e4])).tolist() as number[];
  assert.equal(ls[0], 0);
  assert.equal(ls[1], -1e4);
  assert.deepEqual(F.softplus(torch.tensor([1e4, -1e4])).tolist(), [1e4, 0]);
  assert.deepEqual(torch.sigmoid(torch.tensor([1e4, -1e4], { dtype: torch.float64 })).tolist(), [1, 0]);
  // gradients stay finite
  for (const f of [(x: Tensor) => F.softmax(x, 0), (x: Tensor) => F.log_softmax(x, 0), F.logsigmoid, F.softplus, F.silu, F.mish, (x: Tensor) => F.gelu(x)]) {
    for (const g of gradAt(f, [1e4, -1e4, 0])) assert.ok(Number.isFinite(g), String(f));
  }
  const bce = F.binary_cross_entropy_with_logits(
    torch.tensor([-1e4, 1e4], { dtype: torch.float64 }),
    torch.tensor([1, 0], { dtype: torch.float64 }),
    { reduction: 'none' },
  );
  assert.deepEqual(bce.tolist(), [1e4, 1e4]);
});

test('NaN propagates; ±inf and -0 behave like PyTorch', () => {
  const v = torch.tensor([NaN, Infinity, -Infinity, -0]);
  const r = F.relu(v).tolist() as number[];
  assert.ok(Number.isNaN(r[0]));
  assert.equal(r[1], Infinity);
  assert.equal(r[2], 0);
  assert.ok(Object.is(r[3], -0));
  const t = torch.tanh(v).tolist() as number[];
  assert.ok(Number.isNaN(t[0]));
  assert.deepEqual(t.slice(1, 3), [1, -1]);
  assert.ok(Object.is(t[3], -0));
  const s = torch.sigmoid(v).tolist() as number[];
  assert.deepEqual(s.slice(1), [1, 0, 0.5]);
  assert.ok(Object.is((torch.abs(torch.tensor([-0])).tolist() as number[])[0], 0));
  const sm = F.softmax(torch.tensor([1, NaN, 2]), 0).tolist() as number[];
  assert.ok(sm.every(Number.isNaN));
});

test('binary_cross_entropy clamps log at -100 like PyTorch', () => {
  const l = F.binary_cross_entropy(torch.tensor([0, 1], { dtype: torch.float64 }), torch.tensor([1, 0], { dtype: torch.float64 }));
  assert.equal(l.item(), 100);
});

test('losses: mean/sum/none reductions agree with hand computation', () => {
  const x = torch.tensor([[1, 2], [3, 5]], { dtype: torch.float64 });
  const y = torch.tensor([[1, 1], [1, 1]], { dtype: torch.float64 });
  assert.equal(F.mse_loss(x, y).item(), (0 + 1 + 4 + 16) / 4);
  assert.equal(F.mse_loss(x, y, 'sum').item(), 21);
  assert.deepEqual(F.mse_loss(x, y, { reduction: 'none' }).tolist(), [[0, 1], [4, 16]]);
  const logits = torch.tensor([[2, 1, 0.1]], { dtype: torch.float64 });
  const ce = F.cross_entropy(logits, [0]).item();
  const lse = Math.log(Math.exp(2) + Math.exp(1) + Math.exp(0.1));
  assert.ok(Math.abs(ce - (lse - 2)) < 1e-15);
  // nll_loss mean divides by the total weight of counted targets
  const lp = torch.tensor([[-1, -2], [-3, -4]], { dtype: torch.float64 });
  assert.equal(F.nll_loss(lp, [1, 0], { weight: torch.tensor([1, 3], { dtype: torch.float64 }) }).item(), (3 * 2 + 1 * 3) / 4);
});

test('broadcasting: shapes and gradients reduce back onto each operand', () => {
  const a = torch.ones(2, 1, 3, { dtype: torch.float64, requires_grad: true });
  const b = torch.ones(4, 1, { dtype: torch.float64, requires_grad: true });
  const c = a.mul(b.mul(2));
  assert.deepEqual(c.shape, [2, 4, 3]);
  c.sum().backward();
  assert.deepEqual(a.grad!.shape, [2, 1, 3]);
  assert.deepEqual(a.grad!.tolist(), [[[8, 8, 8]], [[8, 8, 8]]]);
  assert.deepEqual(b.grad!.tolist(), [[12], [12], [12], [12]]);
  // bias add as in an MLP layer
  const h = torch.ones(5, 3, { requires_grad: true });
  const bias = torch.tensor([1, 2, 3], { requires_grad: true });
  const out = h.add(bias);
  assert.deepEqual((out.tolist() as number[][])[4], [2, 3, 4]);
  out.sum().backward();
  assert.deepEqual(bias.grad!.tolist(), [5, 5, 5]);
  // scalar on the left
  assert.deepEqual(torch.sub(10, torch.tensor([1, 2])).tolist(), [9, 8]);
});

test('reductions with dim/keepdim, max with indices', () => {
  const x = torch.tensor([[1, 3, 3], [2, 0, 2]]);
  assert.deepEqual(x.sum(0).tolist(), [3, 3, 5]);
  assert.deepEqual(x.sum({ dim: 1, keepdim: true }).tolist(), [[7], [4]]);
  assert.deepEqual(x.mean(1).tolist(), [Math.fround(7 / 3), Math.fround(4 / 3)]);
  const m = x.max(1);
  assert.deepEqual(m.values.tolist(), [3, 2]);
  assert.deepEqual(m.indices, [1, 0]);
  assert.equal(x.max().item(), 3);
  const lse = torch.tensor([[0, 0], [1e4, 1e4]], { dtype: torch.float64 }).logsumexp(1).tolist() as number[];
  assert.ok(Math.abs(lse[0] - Math.LN2) < 1e-15);
  assert.equal(lse[1], 1e4 + Math.LN2);
});

test('matmul values (i-k-j kernel) and its gradients', () => {
  const a = torch.tensor([[1, 2], [3, 4], [5, 6]], { dtype: torch.float64, requires_grad: true });
  const b = torch.tensor([[1, 0, 2], [0, 1, 3]], { dtype: torch.float64, requires_grad: true });
  const c = a.matmul(b);
  assert.deepEqual(c.tolist(), [[1, 2, 8], [3, 4, 18], [5, 6, 28]]);
  c.sum().backward();
  assert.deepEqual(a.grad!.tolist(), [[3, 4], [3, 4], [3, 4]]);
  assert.deepEqual(b.grad!.tolist(), [[9, 9, 9], [12, 12, 12]]);
});

test('softmax rows sum to one and its Jacobian-vector product is y*(g - sum(g*y))', () => {
  const x = torch.tensor([[0.5, -1, 2], [3, 3, 3]], { dtype: torch.float64, requires_grad: true });
  const y = F.softmax(x, 1);
  const ys = y.tolist() as number[][];
  ys.forEach((r) => assert.ok(Math.abs(r[0] + r[1] + r[2] - 1) < 1e-15));
  const w = [[1, 2, 3], [4, 5, 6]];
  y.mul(torch.tensor(w, { dtype: torch.float64 })).sum().backward();
  const g = x.grad!.tolist() as number[][];
  for (let i = 0; i < 2; i++) {
    const s = ys[i].reduce((acc, v, j) => acc + v * w[i][j], 0);
    for (let j = 0; j < 3; j++) assert.ok(Math.abs(g[i][j] - ys[i][j] * (w[i][j] - s)) < 1e-14);
  }
});
