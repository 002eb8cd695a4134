// Autograd and argument errors and warnings: the engine must say exactly what PyTorch says
// (the texts below were captured from PyTorch by scripts/gen-fixtures.py; PyTorch's
// "(Triggered internally at <build path>)" suffix is stripped there, it names PyTorch's C++ source).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { F, dec, errorMessage, loadFixture, torch, values, withWarnings } from './conformance-support';

interface Case {
  id: string;
  python: string;
  warnings: string[];
  error?: string;
  error_type?: string;
}
const file = loadFixture<{ meta: { torch_version: string }; cases: Case[] }>('errors.json');
const linspace = loadFixture<{ cases: { start: number | string; end: number | string; steps: number; dtype: string; values: (number | string)[] }[] }>('linspace.json');

/** A tensor of ones of the given shape built from nested data (no reliance on torch.ones' signature). */
function ones(shape: number[], requiresGrad = false): any {
  const nest = (dims: number[]): unknown => (dims.length === 0 ? 1 : Array.from({ length: dims[0] }, () => nest(dims.slice(1))));
  return torch.tensor(nest(shape), { requires_grad: requiresGrad });
}
const vec = (data: number[], requiresGrad = false): any => torch.tensor(data, { requires_grad: requiresGrad });

/** The TypeScript spelling of each fixture's Python. */
const CASES: Record<string, () => unknown> = {
  backward_non_scalar: () => torch.tanh(vec([1, 2], true)).backward(),
  backward_no_grad_fn: () => vec([1, 2]).sum().backward(),
  backward_twice: () => {
    const y = torch.tanh(vec([1, 2], true)).sum();
    y.backward();
    y.backward();
  },
  backward_twice_retain_graph: () => {
    const x = vec([1, 2], true);
    const y = torch.tanh(x).sum();
    y.backward({ retain_graph: true });
    y.backward();
    // Gradients accumulate across the two calls.
    const want = [1, 2].map((v) => 2 * (1 - Math.tanh(v) ** 2));
    values(x.grad).forEach((g, i) => assert.ok(Math.abs(g - want[i]) < 1e-6, `x.grad[${i}] = ${g}, want ${want[i]}`));
  },
  inplace_leaf_relu_: () => F.relu_(vec([1, -2], true)),
  inplace_leaf_tanh_: () => vec([1, -2], true).tanh_(),
  non_leaf_grad_access: () => {
    const y = torch.tanh(vec([1, 2], true));
    y.sum().backward();
    const g = y.grad; // read once: each read warns, as in PyTorch
    assert.ok(g === null || g === undefined, "a non-leaf .grad is None");
  },
  non_leaf_retain_grad: () => {
    const y = torch.tanh(vec([1, 2], true));
    y.retain_grad();
    y.sum().backward();
    assert.equal(values(y.grad).length, 2);
  },
  F_tanh_deprecated: () => F.tanh(vec([1])),
  F_sigmoid_deprecated: () => F.sigmoid(vec([1])),
  softmax_implicit_dim: () => F.softmax(vec([1, 2])),
  log_softmax_implicit_dim: () => F.log_softmax(vec([1, 2])),
  softmin_implicit_dim: () => F.softmin(vec([1, 2])),
  broadcast_mismatch_add: () => ones([3]).add(ones([4])),
  broadcast_mismatch_mul_2d: () => ones([2, 3]).mul(ones([4, 1, 2])),
  mse_shape_mismatch: () => F.mse_loss(ones([3]), ones([4])),
  matmul_shape_mismatch: () => torch.matmul(ones([2, 3]), ones([4, 5])),
  arange_inf_end: () => torch.arange(0, Infinity),
  arange_zero_step: () => torch.arange(0, 1, 0),
  arange_wrong_sign: () => torch.arange(0, 10, -1),
  linspace_negative_steps: () => torch.linspace(0, 1, -1),
  softmax_dim_out_of_range: () => F.softmax(ones([3]), { dim: 1 }),
  sum_dim_out_of_range: () => ones([2, 3]).sum({ dim: 2 }),
  item_multi_element: () => ones([2]).item(),
  backward_gradient_shape_mismatch: () => torch.tanh(ones([3], true)).backward({ gradient: ones([2]) }),
  reshape_invalid: () => ones([6]).reshape([4, 2]),
  prelu_weight_mismatch: () => F.prelu(ones([2, 3]), ones([2])),
};

// PyTorch 1.13 does not reject non-finite linspace bounds: it returns the nan/inf mix recorded
// in linspace.json. The issue asks the engine for an error instead ("never a silent wrong
// value"), so either answer passes: an Error (any text: PyTorch has none to copy) or PyTorch's
// exact values.
const NON_FINITE_LINSPACE: Record<string, [number, number, number]> = {
  linspace_inf_end: [0, Infinity, 5],
  linspace_ninf_start: [-Infinity, 0, 5],
  linspace_nan: [NaN, 1, 5],
};

// Integer tensors are outside the engine (float32/float64 only), so there is nothing to reject.
const NOT_APPLICABLE = new Set(['requires_grad_int']);

for (const c of file.cases) {
  const label = `conformance: ${c.id} → ${c.error ? `${c.error_type}: ${c.error}` : c.warnings.length ? `warns: ${c.warnings[0]}` : 'no error, no warning'} (${c.python})`;
  if (NOT_APPLICABLE.has(c.id)) {
    // Documented divergence, asserted rather than skipped: integer data becomes the default float
    // dtype, so requires_grad is accepted and gradients flow.
    test(`${c.id}: the float-only engine stores integer data as float32 and accepts requires_grad (PyTorch: "${c.error}")`, () => {
      const t = torch.tensor([1, 2], { requires_grad: true });
      assert.equal(t.dtype, 'float32');
      t.sum().backward();
      assert.deepEqual(t.grad!.tolist(), [1, 1]);
    });
    continue;
  }
  if (c.id in NON_FINITE_LINSPACE) {
    test(`conformance: ${c.id}: an error, or PyTorch's own values (${c.python})`, () => {
      const [s, e, n] = NON_FINITE_LINSPACE[c.id];
      const { result, error } = withWarnings(() => torch.linspace(s, e, n));
      if (error) {
        assert.ok(error instanceof Error, 'throws an Error');
        return;
      }
      const ref = linspace.cases.find((l) => Object.is(dec(l.start), s) && Object.is(dec(l.end), e) && l.steps === n && l.dtype === 'float32');
      assert.ok(ref, 'fixture present');
      assert.deepEqual(values(result).map(String), ref.values.map(dec).map(String));
    });
    continue;
  }
  test(label, () => {
    const run = CASES[c.id];
    assert.ok(run, `no TypeScript spelling for fixture case ${c.id}`);
    const { error, warnings } = withWarnings(run);
    if (c.error) {
      assert.ok(error, `expected ${c.error_type}: ${c.error}`);
      assert.equal(errorMessage(error), c.error);
    } else if (error) {
      throw error;
    }
    assert.deepEqual(warnings, c.warnings);
  });
}
