// Every op and activation passes gradcheck (central differences vs backward) in float64 at
// random points kept away from its kinks; and gradcheck itself catches a wrong gradient.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { torch, F, gradcheck, onWarning, Tensor } from '../../../src/engine';

onWarning(() => {}); // F.tanh / F.sigmoid deprecation notices are expected here

// Independent of the engine's RNG: a tiny LCG so failures reproduce.
let seed = 12345;
function uniform(lo: number, hi: number): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return lo + ((hi - lo) * seed) / 2147483648;
}

interface Case {
  name: string;
  fn: (...t: Tensor[]) => Tensor;
  /** shapes of the inputs (all require grad unless listed in `constant`) */
  shapes: number[][];
  range?: [number, number];
  kinks?: number[];
  constant?: number[];
}

function sample(shape: number[], c: Case): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const [lo, hi] = c.range ?? [-4, 4];
  const vals: number[] = [];
  while (vals.length < n) {
    const v = uniform(lo, hi);
    if ((c.kinks ?? []).every((k) => Math.abs(v - k) > 0.05)) vals.push(v);
  }
  return torch.tensor(vals, { dtype: torch.float64 }).reshape(shape);
}

const S = [2, 3];
const cases: Case[] = [
  { name: 'add (broadcast)', fn: (a, b) => a.add(b), shapes: [S, [3]] },
  { name: 'add alpha', fn: (a, b) => torch.add(a, b, { alpha: 2.5 }), shapes: [S, S] },
  { name: 'sub (broadcast)', fn: (a, b) => a.sub(b), shapes: [[2, 1], [1, 3]] },
  { name: 'rsub scalar', fn: (a) => torch.sub(2, a), shapes: [S] },
  { name: 'mul', fn: (a, b) => a.mul(b), shapes: [S, S] },
  { name: 'mul scalar-tensor broadcast', fn: (a, b) => a.mul(b), shapes: [S, []] },
  { name: 'div', fn: (a, b) => a.div(b), shapes: [S, S], range: [0.5, 3] },
  { name: 'div by broadcast', fn: (a, b) => a.div(b), shapes: [S, [2, 1]], range: [0.5, 3] },
  { name: 'number / tensor', fn: (a) => torch.div(3, a), shapes: [S], range: [0.5, 3] },
  { name: 'neg', fn: (a) => a.neg(), shapes: [S] },
  { name: 'pow scalar', fn: (a) => a.pow(3), shapes: [S] },
  { name: 'pow 0.5', fn: (a) => a.pow(0.5), shapes: [S], range: [0.2, 3] },
  { name: 'pow tensor', fn: (a, b) => a.pow(b), shapes: [S, S], range: [0.3, 2] },
  { name: 'number ** tensor', fn: (a) => torch.pow(2, a), shapes: [S] },
  { name: 'exp', fn: (a) => a.exp(), shapes: [S] },
  { name: 'log', fn: (a) => a.log(), shapes: [S], range: [0.1, 5] },
  { name: 'log1p', fn: (a) => a.log1p(), shapes: [S], range: [-0.9, 5] },
  { name: 'expm1', fn: (a) => a.expm1(), shapes: [S] },
  { name: 'sqrt', fn: (a) => a.sqrt(), shapes: [S], range: [0.1, 5] },
  { name: 'abs', fn: (a) => a.abs(), shapes: [S], kinks: [0] },
  { name: 'clamp', fn: (a) => a.clamp(-1, 1.5), shapes: [S], kinks: [-1, 1.5] },
  { name: 'clamp tensor bounds', fn: (a, lo) => a.clamp({ min: lo }), shapes: [S, S] },
  { name: 'where', fn: (a, b) => torch.where(torch.tensor([[true, false, true], [false, true, false]]), a, b), shapes: [S, S] },
  { name: 'maximum', fn: (a, b) => torch.maximum(a, b), shapes: [S, S] },
  { name: 'minimum', fn: (a, b) => torch.minimum(a, b), shapes: [S, S] },
  { name: 'sum', fn: (a) => a.sum(), shapes: [S] },
  { name: 'sum dim keepdim', fn: (a) => a.sum({ dim: 1, keepdim: true }), shapes: [[2, 3, 2]] },
  { name: 'sum dims', fn: (a) => a.sum([0, 2]), shapes: [[2, 3, 2]] },
  { name: 'mean', fn: (a) => a.mean(), shapes: [S] },
  { name: 'mean dim', fn: (a) => a.mean(0), shapes: [S] },
  { name: 'max', fn: (a) => a.max(), shapes: [S] },
  { name: 'max dim', fn: (a) => a.max(1).values, shapes: [S] },
  { name: 'min dim keepdim', fn: (a) => a.min({ dim: 0, keepdim: true }).values, shapes: [S] },
  { name: 'logsumexp', fn: (a) => a.logsumexp(1), shapes: [S] },
  { name: 'reshape', fn: (a) => a.reshape(3, 2).mul(torch.tensor([[1, 2], [3, 4], [5, 6]], { dtype: torch.float64 })), shapes: [S] },
  { name: 'view', fn: (a) => a.view(-1).exp(), shapes: [S] },
  { name: 'transpose 3-D', fn: (a) => a.transpose(0, 2).exp(), shapes: [[2, 3, 4]] },
  { name: 't', fn: (a) => a.t().exp(), shapes: [S] },
  { name: 'matmul', fn: (a, b) => a.matmul(b), shapes: [[2, 3], [3, 4]] },
  { name: 'matmul vector', fn: (a, b) => a.matmul(b), shapes: [[2, 3], [3]] },
  { name: 'tanh', fn: (a) => F.tanh(a), shapes: [S] },
  { name: 'sigmoid', fn: (a) => F.sigmoid(a), shapes: [S] },
  { name: 'relu', fn: (a) => F.relu(a), shapes: [S], kinks: [0] },
  { name: 'relu6', fn: (a) => F.relu6(a), shapes: [S], range: [-2, 8], kinks: [0, 6] },
  { name: 'leaky_relu', fn: (a) => F.leaky_relu(a, 0.2), shapes: [S], kinks: [0] },
  { name: 'elu', fn: (a) => F.elu(a, { alpha: 1.3 }), shapes: [S], kinks: [0] },
  { name: 'selu', fn: (a) => F.selu(a), shapes: [S], kinks: [0] },
  { name: 'celu', fn: (a) => F.celu(a, { alpha: 0.7 }), shapes: [S], kinks: [0] },
  { name: 'gelu', fn: (a) => F.gelu(a), shapes: [S] },
  { name: 'gelu tanh', fn: (a) => F.gelu(a, { approximate: 'tanh' }), shapes: [S] },
  { name: 'silu', fn: (a) => F.silu(a), shapes: [S] },
  { name: 'mish', fn: (a) => F.mish(a), shapes: [S] },
  { name: 'softplus', fn: (a) => F.softplus(a), shapes: [S] },
  { name: 'softplus beta/threshold', fn: (a) => F.softplus(a, { beta: 2, threshold: 3 }), shapes: [S], kinks: [1.5] },
  { name: 'softsign', fn: (a) => F.softsign(a), shapes: [S], kinks: [0] },
  { name: 'hardtanh', fn: (a) => F.hardtanh(a, { min_val: -0.5, max_val: 2 }), shapes: [S], kinks: [-0.5, 2] },
  { name: 'hardsigmoid', fn: (a) => F.hardsigmoid(a), shapes: [S], kinks: [-3, 3] },
  { name: 'hardswish', fn: (a) => F.hardswish(a), shapes: [S], kinks: [-3, 3] },
  { name: 'logsigmoid', fn: (a) => F.logsigmoid(a), shapes: [S] },
  { name: 'tanhshrink', fn: (a) => F.tanhshrink(a), shapes: [S] },
  { name: 'softshrink', fn: (a) => F.softshrink(a, 0.7), shapes: [S], kinks: [-0.7, 0.7] },
  { name: 'hardshrink', fn: (a) => F.hardshrink(a, { lambd: 0.7 }), shapes: [S], kinks: [-0.7, 0.7] },
  { name: 'threshold', fn: (a) => F.threshold(a, 0.3, -1), shapes: [S], kinks: [0.3] },
  { name: 'prelu (input and weight)', fn: (a, w) => F.prelu(a, w), shapes: [S, [1]], kinks: [0] },
  { name: 'prelu per channel', fn: (a, w) => F.prelu(a, w), shapes: [[2, 3, 2], [3]], kinks: [0] },
  { name: 'rrelu eval', fn: (a) => F.rrelu(a, { lower: 0.1, upper: 0.3 }), shapes: [S], kinks: [0] },
  { name: 'softmax dim 1', fn: (a) => F.softmax(a, 1), shapes: [S] },
  { name: 'softmax dim 0', fn: (a) => torch.softmax(a, { dim: 0 }), shapes: [S] },
  { name: 'log_softmax', fn: (a) => F.log_softmax(a, { dim: -1 }), shapes: [[2, 2, 3]] },
  { name: 'softmin', fn: (a) => F.softmin(a, 0), shapes: [S] },
  { name: 'mse_loss', fn: (a, b) => F.mse_loss(a, b), shapes: [S, S] },
  { name: 'mse_loss none', fn: (a, b) => F.mse_loss(a, b, { reduction: 'none' }), shapes: [S, S] },
  { name: 'binary_cross_entropy', fn: (a, b) => F.binary_cross_entropy(a, b), shapes: [S, S], range: [0.05, 0.95] },
  { name: 'binary_cross_entropy sum', fn: (a, b) => F.binary_cross_entropy(a, b, { reduction: 'sum' }), shapes: [S, S], range: [0.05, 0.95] },
  { name: 'bce_with_logits', fn: (a, b) => F.binary_cross_entropy_with_logits(a, b), shapes: [S, S], range: [0.05, 0.95] },
  {
    name: 'bce_with_logits pos_weight',
    fn: (a, b) => F.binary_cross_entropy_with_logits(a, b, { pos_weight: torch.tensor([1, 2, 3], { dtype: torch.float64 }) }),
    shapes: [S, S],
    range: [0.05, 0.95],
  },
  { name: 'cross_entropy', fn: (a) => F.cross_entropy(a, [2, 0]), shapes: [S] },
  { name: 'cross_entropy weighted none', fn: (a) => F.cross_entropy(a, [1, 2], { weight: torch.tensor([1, 2, 0.5], { dtype: torch.float64 }), reduction: 'none' }), shapes: [S] },
  { name: 'nll_loss', fn: (a) => F.nll_loss(a, [1, 0]), shapes: [S] },
  { name: 'nll_loss ignore_index', fn: (a) => F.nll_loss(a, [1, -100]), shapes: [S] },
  { name: 'MLP layer chain', fn: (x, w, b) => torch.tanh(x.matmul(w).add(b)).sum(), shapes: [[4, 2], [2, 3], [3]] },
];

for (const c of cases) {
  test(`gradcheck: ${c.name}`, () => {
    const inputs = c.shapes.map((s, i) => {
      const t = sample(s, c);
      if (!(c.constant ?? []).includes(i)) t.requires_grad = true;
      return t;
    });
    assert.equal(gradcheck(c.fn, inputs), true);
    // the caller's tensors are untouched
    inputs.forEach((t) => assert.equal(t.grad, null));
  });
}

test('gradcheck catches a wrong gradient with PyTorch\'s message', () => {
  const x = torch.tensor([0.5, 1], { dtype: torch.float64, requires_grad: true });
  // x·detach(x): backward sees only one factor, so analytical = x, numerical = 2x
  assert.throws(() => gradcheck((t) => t.mul(t.detach()), [x]), (e: Error) => {
    assert.equal(e.name, 'GradcheckError');
    assert.equal(
      e.message,
      'Jacobian mismatch for output 0 with respect to input 0,\n' +
        'numerical:tensor([[1.0000, 0.0000],\n        [0.0000, 2.0000]], dtype=torch.float64)\n' +
        'analytical:tensor([[0.5000, 0.0000],\n        [0.0000, 1.0000]], dtype=torch.float64)\n',
    );
    return true;
  });
});

test('gradcheck warns for float32 inputs, as PyTorch does', () => {
  const seen: string[] = [];
  const off = onWarning((w) => seen.push(w.message));
  try {
    // eps = 1e-6 is below float32 resolution at 1, so this check may well fail, as in PyTorch
    try {
      gradcheck((t) => t.mul(2), [torch.tensor([1, 2], { requires_grad: true })]);
    } catch (e) {
      assert.equal((e as Error).name, 'GradcheckError');
    }
  } finally {
    off();
  }
  assert.ok(seen.some((m) => m.startsWith('Input #0 requires gradient and is not a double precision floating point or complex.')));
});
