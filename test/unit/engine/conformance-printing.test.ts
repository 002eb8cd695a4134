// toString() against PyTorch's print(): the seed's softmax line first, then float64 and
// requires_grad suffixes, grad_fn names, scientific mode, nan/inf, 0-D, empty, 2-D, and
// summarised long tensors. Each fixture carries a small recipe the engine can replay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { F, decNested, loadFixture, torch, withWarnings } from './conformance-support';

interface Recipe {
  make: 'tensor' | 'linspace';
  data?: unknown;
  dtype?: 'float32' | 'float64';
  requires_grad?: boolean;
  start?: number;
  end?: number;
  steps?: number;
  reshape?: number[];
  op?: 'softmax0' | 'tanh' | 'sigmoid' | 'relu' | 'tanh_sum' | 'tanh_grad';
  no_grad?: boolean;
}
interface Case {
  name: string;
  python: string;
  recipe: Recipe;
  text: string;
}
const file = loadFixture<{ meta: { torch_version: string }; cases: Case[] }>('printing.json');

function build(r: Recipe): any {
  const opts: Record<string, unknown> = {};
  if (r.dtype) opts.dtype = r.dtype;
  if (r.requires_grad) opts.requires_grad = true;
  let x = r.make === 'tensor' ? torch.tensor(decNested(r.data), opts) : torch.linspace(r.start, r.end, r.steps, opts);
  if (r.reshape) x = x.reshape(r.reshape);
  const apply = (): any => {
    switch (r.op) {
      case undefined: return x;
      case 'softmax0': return F.softmax(x, { dim: 0 });
      case 'tanh': return torch.tanh(x);
      case 'sigmoid': return torch.sigmoid(x);
      case 'relu': return torch.relu(x);
      case 'tanh_sum': return torch.tanh(x).sum();
      case 'tanh_grad':
        F.tanh(x).sum().backward();
        return x.grad;
    }
  };
  return r.no_grad ? torch.no_grad(apply) : apply();
}

test('conformance: the seed prints torch.softmax(scores, dim=0) exactly as PyTorch does', () => {
  const scores = torch.tensor([0.2, 0.02, 0.15, 0.15, 1.3, 0.5, 0.06, 1.1, 0.05, 3.75]);
  const probabilities = torch.softmax(scores, { dim: 0 });
  assert.equal(
    String(probabilities),
    'tensor([0.0212, 0.0177, 0.0202, 0.0202, 0.0638, 0.0287, 0.0185, 0.0522, 0.0183,\n        0.7392])',
  );
});

for (const c of file.cases) {
  test(`conformance: print(${c.name}) matches PyTorch ${file.meta.torch_version}: ${c.python}`, () => {
    const { result, error } = withWarnings(() => build(c.recipe));
    if (error) throw error;
    assert.equal(String(result), c.text);
  });
}

