// Autograd semantics as PyTorch defines them: leaves, requires_grad propagation, grad_fn
// names, accumulation, retain_graph, no_grad, detach, retain_grad, in-place rules, warnings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { torch, F, Tensor, onWarning } from '../../../src/engine';

function collectWarnings<T>(fn: () => T): { result: T; warnings: string[] } {
  const warnings: string[] = [];
  const off = onWarning((w) => warnings.push(w.message));
  try {
    return { result: fn(), warnings };
  } finally {
    off();
  }
}

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

test('leaves: created tensors are leaves; requires_grad is opt-in and propagates', () => {
  const a = torch.tensor([1, 2]);
  const b = torch.tensor([3, 4], { requires_grad: true });
  assert.equal(a.is_leaf, true);
  assert.equal(a.requires_grad, false);
  assert.equal(b.is_leaf, true);
  assert.equal(b.grad_fn, null);
  const c = a.mul(b);
  assert.equal(c.requires_grad, true);
  assert.equal(c.is_leaf, false);
  assert.equal(c.grad_fn!.name(), 'MulBackward0');
  const d = a.add(1);
  assert.equal(d.requires_grad, false);
  assert.equal(d.is_leaf, true);
  assert.equal(d.grad_fn, null);
});

test('grad_fn names match PyTorch 1.13', () => {
  const x = torch.randn(3, 4, { dtype: torch.float64, requires_grad: true });
  const y = torch.randn(3, 4, { dtype: torch.float64 });
  const w = torch.tensor([0.25], { dtype: torch.float64, requires_grad: true });
  const quiet = <T>(f: () => T) => collectWarnings(f).result;
  const names: [string, () => Tensor][] = [
    ['AddBackward0', () => x.add(y)],
    ['SubBackward0', () => x.sub(2)],
    ['RsubBackward1', () => torch.sub(2, x)],
    ['MulBackward0', () => x.mul(2)],
    ['DivBackward0', () => x.div(y)],
    ['MulBackward0', () => torch.div(2, x)],
    ['NegBackward0', () => x.neg()],
    ['PowBackward0', () => x.pow(2)],
    ['PowBackward1', () => x.pow(y)],
    ['PowBackward2', () => torch.pow(2, x)],
    ['ExpBackward0', () => x.exp()],
    ['LogBackward0', () => x.log()],
    ['Log1PBackward0', () => x.log1p()],
    ['Expm1Backward0', () => x.expm1()],
    ['SqrtBackward0', () => x.sqrt()],
    ['AbsBackward0', () => x.abs()],
    ['ClampBackward1', () => x.clamp(-0.5, 0.5)],
    ['ClampBackward1', () => x.clamp({ min: 0 })],
    ['ClampBackward0', () => x.clamp({ min: y })],
    ['WhereBackward0', () => torch.where(torch.gt(y, 0), x, y)],
    ['MaximumBackward0', () => torch.maximum(x, y)],
    ['MinimumBackward0', () => torch.minimum(x, y)],
    ['SumBackward0', () => x.sum()],
    ['SumBackward1', () => x.sum(1)],
    ['MeanBackward0', () => x.mean()],
    ['MeanBackward1', () => x.mean({ dim: 0 })],
    ['MaxBackward1', () => x.max()],
    ['MaxBackward0', () => x.max(1).values],
    ['LogsumexpBackward0', () => x.logsumexp(1)],
    ['ReshapeAliasBackward0', () => x.reshape(4, 3)],
    ['ViewBackward0', () => x.view(12)],
    ['TransposeBackward0', () => x.transpose(0, 1)],
    ['TBackward0', () => x.t()],
    ['MmBackward0', () => x.matmul(y.t())],
    ['TanhBackward0', () => quiet(() => F.tanh(x))],
    ['SigmoidBackward0', () => quiet(() => F.sigmoid(x))],
    ['ReluBackward0', () => F.relu(x)],
    ['HardtanhBackward0', () => F.relu6(x)],
    ['LeakyReluBackward0', () => F.leaky_relu(x)],
    ['EluBackward0', () => F.elu(x)],
    ['EluBackward0', () => F.selu(x)],
    ['CeluBackward0', () => F.celu(x)],
    ['GeluBackward0', () => F.gelu(x)],
    ['GeluBackward0', () => F.gelu(x, { approximate: 'tanh' })],
    ['SiluBackward0', () => F.silu(x)],
    ['MishBackward0', () => F.mish(x)],
    ['SoftplusBackward0', () => F.softplus(x)],
    ['DivBackward0', () => F.softsign(x)],
    ['HardtanhBackward0', () => F.hardtanh(x)],
    ['HardsigmoidBackward0', () => F.hardsigmoid(x)],
    ['HardswishBackward0', () => F.hardswish(x)],
    ['LogSigmoidBackward0', () => F.logsigmoid(x)],
    ['SubBackward0', () => F.tanhshrink(x)],
    ['SoftshrinkBackward0', () => F.softshrink(x)],
    ['HardshrinkBackward0', () => F.hardshrink(x)],
    ['ThresholdBackward0', () => F.threshold(x, 0.1, 20)],
    ['PreluBackward0', () => F.prelu(x, w)],
    ['RreluWithNoiseBackward0', () => F.rrelu(x)],
    ['SoftmaxBackward0', () => F.softmax(x, 1)],
    ['LogSoftmaxBackward0', () => F.log_softmax(x, 1)],
    ['SoftmaxBackward0', () => F.softmin(x, 1)],
    ['MseLossBackward0', () => F.mse_loss(x, y)],
    ['BinaryCrossEntropyBackward0', () => F.binary_cross_entropy(torch.sigmoid(x), torch.rand(3, 4, { dtype: torch.float64 }))],
    ['BinaryCrossEntropyWithLogitsBackward0', () => F.binary_cross_entropy_with_logits(x, torch.rand(3, 4, { dtype: torch.float64 }))],
    ['NllLossBackward0', () => F.cross_entropy(x, [0, 1, 2])],
    ['NllLossBackward0', () => F.nll_loss(x, [0, 1, 2], { reduction: 'sum' })],
  ];
  for (const [name, make] of names) assert.equal(make().grad_fn?.name(), name, name);
});

test('in-place activations keep PyTorch\'s node names and return the same tensor', () => {
  const x = torch.randn(5, { requires_grad: true });
  const cases: [string, (z: Tensor) => Tensor][] = [
    ['ReluBackward0', (z) => F.relu_(z)],
    ['ReluBackward0', (z) => F.relu(z, { inplace: true })],
    ['TanhBackward0', (z) => z.tanh_()],
    ['SigmoidBackward0', (z) => z.sigmoid_()],
    ['ReluBackward0', (z) => z.relu_()],
    ['LeakyReluBackward1', (z) => F.leaky_relu_(z)],
    ['EluBackward1', (z) => F.elu_(z)],
    ['HardtanhBackward0', (z) => F.hardtanh_(z)],
    ['ThresholdBackward1', (z) => F.threshold_(z, 0.1, 2)],
    ['CeluBackward1', (z) => F.celu_(z)],
    ['EluBackward1', (z) => F.selu_(z)],
    ['RreluWithNoiseBackward1', (z) => F.rrelu_(z)],
  ];
  for (const [name, f] of cases) {
    const z = x.mul(1);
    const r = f(z);
    assert.equal(r, z, name);
    assert.equal(z.grad_fn!.name(), name);
  }
});

test('in-place result backpropagates with the original input values', () => {
  const x = torch.tensor([-1, 0.5, 2], { dtype: torch.float64, requires_grad: true });
  const z = x.mul(1);
  F.leaky_relu_(z, 0.1);
  assert.deepEqual(z.tolist(), [-0.1, 0.5, 2]);
  z.sum().backward();
  assert.deepEqual(x.grad!.tolist(), [0.1, 1, 1]);
});

test('the seed: F.tanh(x).sum().backward() leaves tanh\'s derivative in x.grad', () => {
  const x = torch.linspace(-20, 20, 1000, { requires_grad: true });
  const { result: y, warnings } = collectWarnings(() => F.tanh(x));
  assert.deepEqual(warnings, ['nn.functional.tanh is deprecated. Use torch.tanh instead.']);
  y.sum().backward();
  const g = x.grad!;
  assert.deepEqual(g.shape, [1000]);
  assert.equal(g.dtype, 'float32');
  const ys = y.detach().data;
  let maxAt = 0;
  for (let i = 0; i < 1000; i++) {
    const expected = Math.fround(1 - ys[i] * ys[i]);
    assert.ok(Math.abs(g.data[i] - expected) <= 2 ** -23, `grad at ${x.data[i]}`);
    assert.ok(g.data[i] >= 0 && g.data[i] <= 1);
    if (g.data[i] > g.data[maxAt]) maxAt = i;
  }
  // largest slope at the two points nearest 0 (0 itself is not on this grid)
  assert.ok(Math.abs(x.data[maxAt]) < 0.03);
  assert.ok(g.data[maxAt] > 0.999);
  // derivative vanishes in the tails: the article's "gradient vanishing"
  assert.equal(g.data[0], 0);
  assert.equal(g.data[999], 0);
  // x.detach() shares values, has no graph
  const xd = x.detach();
  assert.equal(xd.requires_grad, false);
  assert.equal(xd.data, x.data);
});

test('grad accumulates across backward calls; retain_graph allows a second pass', () => {
  const x = torch.tensor([1, 2, 3], { dtype: torch.float64, requires_grad: true });
  const y = x.mul(x).sum();
  y.backward({ retain_graph: true });
  assert.deepEqual(x.grad!.tolist(), [2, 4, 6]);
  y.backward();
  assert.deepEqual(x.grad!.tolist(), [4, 8, 12]);
  x.grad = null;
  x.mul(3).sum().backward();
  assert.deepEqual(x.grad!.tolist(), [3, 3, 3]);
});

test('a second backward without retain_graph raises PyTorch\'s error; graphs without saved tensors do not', () => {
  const x = torch.tensor([1, 2, 3], { requires_grad: true });
  const y = x.tanh().sum();
  y.backward();
  assert.throws(() => y.backward(), {
    name: 'RuntimeError',
    message:
      'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). ' +
      'Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). ' +
      'Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.',
  });
  const z = x.add(x).sum();
  z.backward();
  z.backward(); // AddBackward saves nothing, so PyTorch allows this too
  const g = x.grad!.tolist() as number[];
  [1, 2, 3].forEach((v, i) => close(g[i], 1 - Math.tanh(v) ** 2 + 4, 1e-6));
});

test('backward with an explicit gradient (vector-Jacobian product)', () => {
  const x = torch.tensor([1, 2, 3], { dtype: torch.float64, requires_grad: true });
  const y = x.pow(2);
  y.backward({ gradient: torch.tensor([1, 0.5, 0.1], { dtype: torch.float64 }) });
  const g = x.grad!.tolist() as number[];
  [2, 2, 0.6].forEach((v, i) => close(g[i], v));
});

test('shared subexpressions sum their gradients (diamond graph)', () => {
  const x = torch.tensor([0.5], { dtype: torch.float64, requires_grad: true });
  const a = x.mul(3);
  const y = a.mul(a).add(a.exp()); // 9x² + e^{3x}
  y.sum().backward();
  close(x.grad!.item(), 18 * 0.5 + 3 * Math.exp(1.5));
});

test('no_grad: nothing is recorded, and the previous mode comes back', () => {
  const x = torch.ones(2, { requires_grad: true });
  assert.equal(torch.is_grad_enabled(), true);
  const y = torch.no_grad(() => {
    assert.equal(torch.is_grad_enabled(), false);
    return x.mul(2);
  });
  assert.equal(torch.is_grad_enabled(), true);
  assert.equal(y.requires_grad, false);
  assert.equal(y.grad_fn, null);
  // the mode is restored even when the body throws
  assert.throws(() => torch.no_grad(() => { throw new Error('boom'); }));
  assert.equal(torch.is_grad_enabled(), true);
  // SGD-style in-place update of a leaf is allowed under no_grad
  torch.no_grad(() => x.sub_(torch.tensor([0.5, 0.25])));
  assert.deepEqual(x.tolist(), [0.5, 0.75]);
});

test('detach cuts the graph; retain_grad keeps a non-leaf gradient', () => {
  const x = torch.tensor([1, 2], { dtype: torch.float64, requires_grad: true });
  const h = x.mul(2);
  h.retain_grad();
  const d = h.detach();
  assert.equal(d.requires_grad, false);
  assert.equal(d.is_leaf, true);
  h.mul(h).sum().backward();
  assert.deepEqual(h.grad!.tolist(), [4, 8]);
  assert.deepEqual(x.grad!.tolist(), [8, 16]);
});

test('reading .grad of a non-leaf warns with PyTorch\'s text and returns null', () => {
  const x = torch.ones(2, { requires_grad: true });
  const y = x.mul(2);
  const { result, warnings } = collectWarnings(() => y.grad);
  assert.equal(result, null);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /^The \.grad attribute of a Tensor that is not a leaf Tensor is being accessed\./);
  assert.match(warnings[0], /use \.retain_grad\(\) on the non-leaf Tensor/);
  // leaves never warn
  assert.deepEqual(collectWarnings(() => x.grad).warnings, []);
});

test('onWarning returns an unsubscribe function', () => {
  const seen: string[] = [];
  const off = onWarning((w) => seen.push(w.message));
  F.sigmoid(torch.zeros(1));
  off();
  F.sigmoid(torch.zeros(1));
  assert.deepEqual(seen, ['nn.functional.sigmoid is deprecated. Use torch.sigmoid instead.']);
});

test('in-place on a leaf that requires grad raises PyTorch\'s error, also through a view', () => {
  const x = torch.randn(3, { requires_grad: true });
  const msg = 'a leaf Variable that requires grad is being used in an in-place operation.';
  assert.throws(() => x.relu_(), { name: 'RuntimeError', message: msg });
  assert.throws(() => F.relu_(x), { name: 'RuntimeError', message: msg });
  assert.throws(() => x.tanh_(), { name: 'RuntimeError', message: msg });
  assert.throws(() => F.leaky_relu(x, { inplace: true }), { name: 'RuntimeError', message: msg });
  assert.throws(() => x.view(3).relu_(), {
    name: 'RuntimeError',
    message: 'a view of a leaf Variable that requires grad is being used in an in-place operation.',
  });
  // the leaf is untouched by the failed attempts
  assert.equal(x.grad_fn, null);
});

test('modifying a saved tensor in place is detected at backward, with PyTorch\'s message', () => {
  const a = torch.randn(3, { requires_grad: true });
  const d = a.mul(1).tanh();
  d.relu_();
  assert.throws(() => d.sum().backward(), {
    name: 'RuntimeError',
    message:
      'one of the variables needed for gradient computation has been modified by an inplace operation: ' +
      '[torch.FloatTensor [3]], which is output 0 of TanhBackward0, is at version 1; expected version 0 instead. ' +
      'Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).',
  });
  // exp saves its result, not its input: changing the input afterwards is fine (as in PyTorch)
  const b = torch.tensor([1, 2], { dtype: torch.float64, requires_grad: true });
  const c = b.mul(1);
  const e = c.exp();
  c.relu_();
  e.sum().backward();
  close((b.grad!.tolist() as number[])[1], Math.exp(2));
});

test('requires_grad can be set on leaves only (to False)', () => {
  const x = torch.ones(2);
  x.requires_grad = true;
  assert.equal(x.requires_grad, true);
  const y = x.mul(2);
  assert.throws(() => {
    y.requires_grad = false;
  }, { name: 'RuntimeError', message: /^you can only change requires_grad flags of leaf variables\./ });
});

test('dtype promotion: float64 wins, a 0-d tensor does not, numbers adopt the tensor dtype', () => {
  const a = torch.ones(2);
  const b = torch.ones(2, { dtype: torch.float64 });
  assert.equal(a.add(b).dtype, 'float64');
  assert.equal(a.add(torch.tensor(1, { dtype: torch.float64 })).dtype, 'float32');
  assert.equal(a.mul(0.1).dtype, 'float32');
  assert.equal(a.mul(0.1).data[0], Math.fround(0.1));
  // gradients come back in each input's own dtype
  const x = torch.ones(2, { requires_grad: true });
  const y = torch.ones(2, { dtype: torch.float64, requires_grad: true });
  x.mul(y).sum().backward();
  assert.equal(x.grad!.dtype, 'float32');
  assert.equal(y.grad!.dtype, 'float64');
});

test('prelu: the weight gets its own gradient', () => {
  const x = torch.tensor([[-2, 3], [-1, -4]], { dtype: torch.float64, requires_grad: true });
  const w = torch.tensor([0.25], { dtype: torch.float64, requires_grad: true });
  F.prelu(x, w).sum().backward();
  assert.deepEqual(w.grad!.tolist(), [-7]);
  assert.deepEqual(x.grad!.tolist(), [[0.25, 1], [0.25, 0.25]]);
  const wc = torch.tensor([0.1, 0.2], { dtype: torch.float64, requires_grad: true });
  F.prelu(x, wc).sum().backward();
  assert.deepEqual(wc.grad!.tolist(), [-3, -4]);
});

test('Tensor basics: shape, dtype constants, numel/dim/item/tolist, data is contiguous', () => {
  assert.equal(torch.float32, 'float32');
  assert.equal(torch.float64, 'float64');
  const t = torch.tensor([[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(t.shape, [2, 3]);
  assert.equal(t.numel(), 6);
  assert.equal(t.dim(), 2);
  assert.ok(t.data instanceof Float32Array);
  assert.deepEqual(Array.from(t.data), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(t.t().tolist(), [[1, 4], [2, 5], [3, 6]]);
  assert.equal(torch.tensor([7]).item(), 7);
  assert.ok(torch.tensor([1], { dtype: torch.float64 }).data instanceof Float64Array);
  assert.ok(t instanceof Tensor);
});

test('zero_/fill_: leaves under no_grad, non-leaves get a FillBackward0 that sends zeros back', () => {
  const w = torch.ones(3, { requires_grad: true });
  w.mul(2).sum().backward();
  w.grad!.zero_();
  assert.deepEqual(w.grad!.tolist(), [0, 0, 0]);
  assert.throws(() => w.fill_(1), { message: 'a leaf Variable that requires grad is being used in an in-place operation.' });
  const h = w.mul(3);
  h.fill_(5);
  assert.equal(h.grad_fn!.name(), 'FillBackward0');
  assert.equal(h.is_leaf, false);
  w.grad = null;
  h.sum().backward();
  assert.deepEqual(w.grad!.tolist(), [0, 0, 0]);
  assert.equal(h.isLeaf, false);
  assert.equal(w.requiresGrad, true);
});

test("sum()/mean() send back an unwritten constant gradient: every graph shape gets the same bits as an explicit ones seed", () => {
  type Build = (x: Tensor, w: Tensor) => Tensor;
  const graphs: [string, Build][] = [
    ['tanh', (x) => torch.tanh(x)],
    ['sigmoid', (x) => torch.sigmoid(x)],
    ['relu', (x) => torch.relu(x)],
    ['softplus', (x) => F.softplus(x)],
    ['softplus beta', (x) => F.softplus(x, { beta: 2, threshold: 5 })],
    ['mul by constant tensor', (x, w) => x.mul(w)],
    ['mul of two leaves', (x, w) => x.mul(w.detach().requires_grad_())],
    ['mul by itself', (x) => x.mul(x)],
    ['mul by scalar', (x) => x.mul(3)],
    ['add then tanh (pass-through first)', (x, w) => torch.tanh(x.add(w))],
    ['tanh used twice', (x) => { const t = torch.tanh(x); return t.mul(t).add(t); }],
    ['softmax', (x) => F.softmax(x, { dim: -1 })],
    ['reshape then relu', (x) => torch.relu(x.reshape(-1))],
    ['mish', (x) => F.mish(x)],
    ['gelu', (x) => F.gelu(x)],
    ['gelu tanh', (x) => F.gelu(x, { approximate: 'tanh' })],
    ['mish then softplus', (x) => F.softplus(F.mish(x))],
  ];
  for (const dtype of ['float64', 'float32'] as const) {
    for (const [name, build] of graphs) {
      for (const reduce of ['sum', 'mean'] as const) {
        const data = [[-3, -0.5, 0, 0.25], [1, 2.5, 7, -8]];
        const w = torch.tensor([[0.5, -1, 2, 3], [1.5, -2, 0.25, 4]], { dtype });
        const x1 = torch.tensor(data, { dtype, requires_grad: true });
        const y1 = build(x1, w);
        (reduce === 'sum' ? y1.sum() : y1.mean()).backward();
        const x2 = torch.tensor(data, { dtype, requires_grad: true });
        const y2 = build(x2, w);
        const n = y2.numel();
        y2.backward(torch.full([...y2.shape], reduce === 'sum' ? 1 : 1 / n, { dtype }));
        const g1 = x1.grad!.tolist() as number[][];
        const g2 = x2.grad!.tolist() as number[][];
        assert.deepEqual(g1, g2, `${name} ${dtype} ${reduce}`);
      }
    }
  }
});

test('a constant gradient also reaches retained grads, leaves and a second backward correctly', () => {
  const x = torch.tensor([1, -2, 3], { dtype: torch.float64, requires_grad: true });
  const t = torch.tanh(x);
  t.retain_grad();
  const u = t.mul(2);
  u.retain_grad();
  u.sum().backward({ retain_graph: true });
  assert.deepEqual(u.grad!.tolist(), [1, 1, 1]);
  assert.deepEqual(t.grad!.tolist(), [2, 2, 2]);
  const g1 = x.grad!.tolist() as number[];
  u.sum().backward();
  (x.grad!.tolist() as number[]).forEach((v, i) => assert.equal(v, 2 * g1[i]));
  // a leaf summed directly, and a float32 sum whose gradient flows into a float64 cast
  const y = torch.tensor([4, 5], { dtype: torch.float64, requires_grad: true });
  y.sum().backward();
  assert.deepEqual(y.grad!.tolist(), [1, 1]);
  const z = torch.tensor([1, 2], { dtype: torch.float64, requires_grad: true });
  z.float().sum().backward();
  assert.deepEqual(z.grad!.tolist(), [1, 1]);
});

test('formulas that write a constant gradient into their saved buffers keep them when the graph is retained', () => {
  for (const dtype of ['float64', 'float32'] as const) {
    for (const [name, f] of [['softplus', (t: Tensor) => F.softplus(t)], ['gelu', (t: Tensor) => F.gelu(t)], ['mish', (t: Tensor) => F.mish(t)]] as const) {
      const x = torch.tensor([-3, -0.5, 0.25, 2, 9], { dtype, requires_grad: true });
      const s = f(x).sum();
      s.backward({ retain_graph: true });
      const once = x.grad!.tolist() as number[];
      s.backward({ retain_graph: true });
      s.backward();
      const thrice = x.grad!.tolist() as number[];
      // the float32 grad accumulates in float32: compare with three float32 additions
      const want = once.map((v) => (dtype === 'float32' ? Math.fround(Math.fround(v + v) + v) : v + v + v));
      assert.deepEqual(thrice, want, `${name} ${dtype}`);
    }
  }
});

test("(a·w).sum(): the gradient handed on is w's data, read-only: w never changes, and what keeps it copies it", () => {
  // mul's backward returns w's own array when the incoming gradient is the constant 1; the
  // engine must neither let a formula write into it nor let a .grad alias it
  const producers: [string, (x: Tensor) => Tensor][] = [
    ['leaf itself', (x) => x],
    ['softmax', (x) => F.softmax(x, { dim: -1 })],
    ['log_softmax dim 0', (x) => F.log_softmax(x, { dim: 0 })],
    ['tanh', (x) => torch.tanh(x)],
    ['relu', (x) => torch.relu(x)],
    ['gelu', (x) => F.gelu(x)],
    ['sigmoid', (x) => torch.sigmoid(x)],
    ['mul by itself', (x) => x.mul(x)],
    ['add', (x) => x.add(1)],
    ['reshape', (x) => x.reshape(-1).reshape(2, 20)],
  ];
  for (const dtype of ['float64', 'float32'] as const)
    for (const [name, make] of producers) {
      const vals = Array.from({ length: 40 }, (_, i) => Math.sin(i * 1.7) * 3);
      const wvals = Array.from({ length: 40 }, (_, i) => Math.cos(i * 0.9) * 2);
      const w = torch.tensor(wvals, { dtype }).reshape(2, 20);
      const before = w.tolist();
      const x1 = torch.tensor(vals, { dtype, requires_grad: true });
      const a1 = make(x1.reshape(2, 20));
      a1.retain_grad();
      a1.mul(w).sum().backward();
      assert.deepEqual(w.tolist(), before, `${name} ${dtype}: w changed`);
      // the same gradient sent explicitly
      const x2 = torch.tensor(vals, { dtype, requires_grad: true });
      make(x2.reshape(2, 20)).backward({ gradient: w.clone() });
      assert.deepEqual(x1.grad!.tolist(), x2.grad!.tolist(), `${name} ${dtype}`);
      assert.deepEqual(a1.grad!.tolist(), before, `${name} ${dtype}: retained grad`);
      // keeping it copied it: a second backward accumulates into x.grad, not into w
      assert.notEqual(a1.grad!.data, w.data);
      make(x1.reshape(2, 20)).mul(w).sum().backward();
      assert.deepEqual(w.tolist(), before, `${name} ${dtype}: w changed by accumulation`);
    }
  // and w's own gradient, when it wants one, is the other operand handed on the same way
  const x = torch.tensor([1, 2, 3], { dtype: 'float64', requires_grad: true });
  const w = torch.tensor([4, 5, 6], { dtype: 'float64', requires_grad: true });
  x.mul(w).sum().backward();
  assert.deepEqual(x.grad!.tolist(), [4, 5, 6]);
  assert.deepEqual(w.grad!.tolist(), [1, 2, 3]);
  x.grad!.data[0] = 99;
  w.grad!.data[0] = 99;
  assert.deepEqual(x.tolist(), [1, 2, 3]);
  assert.deepEqual(w.tolist(), [4, 5, 6]);
});
