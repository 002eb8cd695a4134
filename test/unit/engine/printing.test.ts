// toString() against strings printed by PyTorch 1.13 (`str(t)`), collected once with
// /usr/bin/python3 and pasted here: each case exercises one rule of PyTorch's formatter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { torch } from '../../../src/engine';
import type { Tensor } from '../../../src/engine';

const cases: [string, () => Tensor, string][] = [
  ["scalar", () => torch.tensor(0.5), "tensor(0.5000)"],
  ["scalar_int", () => torch.tensor(3), "tensor(3.)"],
  ["ints", () => torch.tensor([1, 2, 3]), "tensor([1., 2., 3.])"],
  ["neg_zero", () => torch.tensor([-0, 0, 1.5]), "tensor([-0.0000, 0.0000, 1.5000])"],
  ["nan_inf", () => torch.tensor([NaN, Infinity, -Infinity, 1.25]), "tensor([   nan,    inf,   -inf, 1.2500])"],
  ["nan_inf_int", () => torch.tensor([NaN, Infinity, 2]), "tensor([nan, inf, 2.])"],
  ["sci_small", () => torch.tensor([1e-5, 1.0]), "tensor([1.0000e-05, 1.0000e+00])"],
  ["sci_big", () => torch.tensor([1e9, 1.0]), "tensor([1.0000e+09, 1.0000e+00])"],
  ["sci_ratio", () => torch.tensor([0.001, 2.5]), "tensor([1.0000e-03, 2.5000e+00])"],
  ["int_big", () => torch.tensor([1e10, 1]), "tensor([1.0000e+10, 1.0000e+00])"],
  ["f64", () => torch.tensor([0.1, 0.2], { dtype: torch.float64 }), "tensor([0.1000, 0.2000], dtype=torch.float64)"],
  ["matrix", () => torch.tensor([[1.5, -2.25], [3.125, 4]]), "tensor([[ 1.5000, -2.2500],\n        [ 3.1250,  4.0000]])"],
  ["3d", () => torch.arange(12).reshape(2, 2, 3).div(7), "tensor([[[0.0000, 0.1429, 0.2857],\n         [0.4286, 0.5714, 0.7143]],\n\n        [[0.8571, 1.0000, 1.1429],\n         [1.2857, 1.4286, 1.5714]]])"],
  ["req", () => torch.tensor([1, 2], { requires_grad: true }), "tensor([1., 2.], requires_grad=True)"],
  ["req64", () => torch.tensor([1, 2], { dtype: torch.float64, requires_grad: true }), "tensor([1., 2.], dtype=torch.float64, requires_grad=True)"],
  ["gradfn", () => torch.tanh(torch.tensor([0.5, -1], { requires_grad: true })), "tensor([ 0.4621, -0.7616], grad_fn=<TanhBackward0>)"],
  ["sumfn", () => torch.tensor([0.5, -1], { requires_grad: true }).sum(), "tensor(-0.5000, grad_fn=<SumBackward0>)"],
  ["summ", () => torch.linspace(0, 1, 1001), "tensor([0.0000, 0.0010, 0.0020,  ..., 0.9980, 0.9990, 1.0000])"],
  ["summ2d", () => torch.arange(2000).reshape(40, 50), "tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 4.7000e+01, 4.8000e+01,\n         4.9000e+01],\n        [5.0000e+01, 5.1000e+01, 5.2000e+01,  ..., 9.7000e+01, 9.8000e+01,\n         9.9000e+01],\n        [1.0000e+02, 1.0100e+02, 1.0200e+02,  ..., 1.4700e+02, 1.4800e+02,\n         1.4900e+02],\n        ...,\n        [1.8500e+03, 1.8510e+03, 1.8520e+03,  ..., 1.8970e+03, 1.8980e+03,\n         1.8990e+03],\n        [1.9000e+03, 1.9010e+03, 1.9020e+03,  ..., 1.9470e+03, 1.9480e+03,\n         1.9490e+03],\n        [1.9500e+03, 1.9510e+03, 1.9520e+03,  ..., 1.9970e+03, 1.9980e+03,\n         1.9990e+03]])"],
  ["empty", () => torch.zeros(0), "tensor([])"],
  ["empty2", () => torch.zeros(2, 0), "tensor([], size=(2, 0))"],
  ["empty64", () => torch.zeros(0, { dtype: torch.float64 }), "tensor([], dtype=torch.float64)"],
  ["ties", () => torch.tensor([0.00005, 0.00015, 0.12345, 2.5, 0.5], { dtype: torch.float64 }), "tensor([5.0000e-05, 1.5000e-04, 1.2345e-01, 2.5000e+00, 5.0000e-01],\n       dtype=torch.float64)"],
  ["round_half", () => torch.tensor([0.125, 0.375, 1.0625], { dtype: torch.float64 }), "tensor([0.1250, 0.3750, 1.0625], dtype=torch.float64)"],
  ["wrap_suffix", () => torch.linspace(-1, 1, 9, { dtype: torch.float64, requires_grad: true }).tanh(), "tensor([-0.7616, -0.6351, -0.4621, -0.2449,  0.0000,  0.2449,  0.4621,  0.6351,\n         0.7616], dtype=torch.float64, grad_fn=<TanhBackward0>)"],
  ["sci_neg", () => torch.tensor([-1e-8, 3e5, 2]), "tensor([-1.0000e-08,  3.0000e+05,  2.0000e+00])"],
  ["all_zero", () => torch.zeros(3), "tensor([0., 0., 0.])"],
  ["long_row64", () => torch.linspace(-3, 3, 20, { dtype: torch.float64 }), "tensor([-3.0000, -2.6842, -2.3684, -2.0526, -1.7368, -1.4211, -1.1053, -0.7895,\n        -0.4737, -0.1579,  0.1579,  0.4737,  0.7895,  1.1053,  1.4211,  1.7368,\n         2.0526,  2.3684,  2.6842,  3.0000], dtype=torch.float64)"],
];

for (const [name, make, expected] of cases) {
  test(`toString prints like PyTorch: ${name}`, () => {
    assert.equal(make().toString(), expected);
  });
}

test('toString: the seed article\'s softmax printout', () => {
  const scores = torch.tensor([0.2, 0.02, 0.15, 0.15, 1.3, 0.5, 0.06, 1.1, 0.05, 3.75]);
  const probabilities = torch.softmax(scores, { dim: 0 });
  assert.equal(
    probabilities.toString(),
    'tensor([0.0212, 0.0177, 0.0202, 0.0202, 0.0638, 0.0287, 0.0185, 0.0522, 0.0183,\n        0.7392])',
  );
  // the positional form reads the same
  assert.equal(torch.softmax(scores, 0).toString(), probabilities.toString());
});

test('String(tensor) and template literals use the PyTorch format', () => {
  const t = torch.tensor([1, 2]);
  assert.equal(String(t), 'tensor([1., 2.])');
  assert.equal(`${t}`, 'tensor([1., 2.])');
});
