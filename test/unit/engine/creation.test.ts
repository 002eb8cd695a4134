// Factories: linspace bit-for-bit against values printed by PyTorch 1.13 (repr of elements),
// arange, zeros/ones/full, tensor() from nested data, seeded rand/randn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { torch } from '../../../src/engine';

test('linspace float64 reproduces PyTorch\'s bits (both-ends kernel with fused bases)', () => {
  const a = torch.linspace(-5, 5, 101, { dtype: torch.float64 });
  const want: [number, number][] = [
    [9, -4.1000000000000005],
    [13, -3.6999999999999997],
    [25, -2.4999999999999996],
    [50, 2.7755575615628914e-16],
    [51, 0.10000000000000031],
    [99, 4.9],
  ];
  for (const [i, v] of want) assert.equal(a.data[i], v, `element ${i}`);
  assert.equal(a.data[0], -5);
  assert.equal(a.data[100], 5);
});

test('linspace float32 (the default dtype) reproduces PyTorch\'s bits', () => {
  const b = torch.linspace(-20, 20, 1000);
  assert.equal(b.dtype, 'float32');
  const want: [number, number][] = [
    [0, -20],
    [1, -19.959959030151367],
    [7, -19.71971893310547],
    [8, -19.67967987060547],
    [499, -0.020020775496959686],
    [500, 0.02001926302909851],
    [998, 19.959959030151367],
    [999, 20],
  ];
  for (const [i, v] of want) assert.equal(b.data[i], v, `element ${i}`);
  const c = torch.linspace(0.1, 0.7, 50);
  assert.equal(c.data[3], 0.13673469424247742);
  assert.equal(c.data[17], 0.30816325545310974);
  assert.equal(c.data[31], 0.47959181666374207);
  assert.equal(c.data[49], 0.699999988079071);
  assert.deepEqual(torch.linspace(-1, 1, 7).tolist(), [
    -1, -0.6666666269302368, -0.3333333134651184, -2.9802322387695312e-8, 0.3333333134651184, 0.6666666269302368, 1,
  ]);
});

test('linspace edge sizes and requires_grad', () => {
  assert.deepEqual(torch.linspace(0, 1, 0).shape, [0]);
  assert.deepEqual(torch.linspace(3, 7, 1).tolist(), [3]);
  assert.deepEqual(torch.linspace(3, 7, 2).tolist(), [3, 7]);
  const x = torch.linspace(-1, 1, 5, { requires_grad: true });
  assert.equal(x.requires_grad, true);
  assert.equal(x.is_leaf, true);
  // monotone on a long range
  const y = torch.linspace(-1e3, 1e3, 100_001, { dtype: torch.float64 });
  for (let i = 1; i < y.numel(); i++) assert.ok(y.data[i] > y.data[i - 1]);
});

test('arange follows PyTorch (float32 default, exclusive end)', () => {
  assert.deepEqual(torch.arange(0, 1, 0.1).tolist(), [
    0, 0.10000000149011612, 0.20000000298023224, 0.30000001192092896, 0.4000000059604645, 0.5, 0.6000000238418579,
    0.699999988079071, 0.800000011920929, 0.8999999761581421,
  ]);
  assert.deepEqual(torch.arange(4).tolist(), [0, 1, 2, 3]);
  assert.deepEqual(torch.arange(2, 5, { dtype: torch.float64 }).tolist(), [2, 3, 4]);
  assert.deepEqual(torch.arange(3, 0, -1).tolist(), [3, 2, 1]);
});

test('zeros/ones/full/_like and tensor() from nested arrays', () => {
  assert.deepEqual(torch.zeros(2, 3).tolist(), [[0, 0, 0], [0, 0, 0]]);
  assert.deepEqual(torch.ones([2]).tolist(), [1, 1]);
  assert.deepEqual(torch.full([2, 2], 7, { dtype: torch.float64 }).tolist(), [[7, 7], [7, 7]]);
  const t = torch.tensor([[1, 2, 3]], { dtype: torch.float64 });
  const z = torch.zeros_like(t);
  assert.deepEqual(z.shape, [1, 3]);
  assert.equal(z.dtype, 'float64');
  assert.deepEqual(torch.ones_like(t).tolist(), [[1, 1, 1]]);
  assert.deepEqual(torch.tensor(2.5).shape, []);
  assert.equal(torch.tensor(0.1).data[0], Math.fround(0.1));
  assert.equal(torch.tensor(0.1, { dtype: torch.float64 }).data[0], 0.1);
  assert.deepEqual(torch.tensor([]).shape, [0]);
});

test('manual_seed makes rand/randn repeatable; ranges and moments are sane', () => {
  torch.manual_seed(7);
  const a = torch.randn(1000, { dtype: torch.float64 });
  const u = torch.rand(1000);
  torch.manual_seed(7);
  assert.deepEqual(torch.randn(1000, { dtype: torch.float64 }).tolist(), a.tolist());
  assert.deepEqual(torch.rand(1000).tolist(), u.tolist());
  const m = a.mean().item();
  const v = a.sub(m).pow(2).mean().item();
  assert.ok(Math.abs(m) < 0.15, `mean ${m}`);
  assert.ok(Math.abs(v - 1) < 0.15, `var ${v}`);
  for (const x of u.data) assert.ok(x >= 0 && x < 1);
  torch.manual_seed(8);
  assert.notDeepEqual(torch.randn(5).tolist(), torch.tensor((a.tolist() as number[]).slice(0, 5)).tolist());
});
