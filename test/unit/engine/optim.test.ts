// SGD and Adam over 100 steps against PyTorch 1.13 (test/fixtures/lab/optim.json): on a
// quadratic bowl, whose gradient is elementwise, only the optimizer's arithmetic can differ;
// on a small MLP the forward and backward take part too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { torch, nn, optim, F } from '../../../src/engine';
import type { DType, Tensor } from '../../../src/engine';

interface Case {
  problem: 'bowl' | 'mlp'; optimizer: 'sgd' | 'adam'; kwargs: Record<string, number | boolean | number[]>; dtype: DType;
  p0?: number[]; target?: number[]; c?: number[]; x?: number[]; losses: number[]; final: number[] | number[][];
}
const fx = JSON.parse(readFileSync('test/fixtures/lab/optim.json', 'utf8')) as { cases: Case[] };

function make(kind: string, params: Tensor[], kw: Case['kwargs']): optim.Optimizer {
  if (kind === 'sgd') return new optim.SGD(params, kw as unknown as optim.SGDOptions);
  return new optim.Adam(params, { ...kw, betas: kw.betas as [number, number] | undefined } as optim.AdamOptions);
}

function maxRel(got: ArrayLike<number>, want: number[]): number {
  let m = 0;
  for (let i = 0; i < want.length; i++) m = Math.max(m, Math.abs(got[i] - want[i]) / Math.max(Math.abs(want[i]), 1e-3));
  return m;
}

for (const c of fx.cases.filter((x) => x.problem === 'bowl')) {
  test(`bowl: ${c.optimizer} ${JSON.stringify(c.kwargs)} ${c.dtype}, 100 steps`, () => {
    const o = { dtype: c.dtype };
    const p = torch.tensor(c.p0!, o).requires_grad_();
    const target = torch.tensor(c.target!, o);
    const k = torch.tensor(c.c!, o);
    const opt = make(c.optimizer, [p], c.kwargs);
    const losses: number[] = [];
    for (let s = 0; s < 100; s++) {
      opt.zero_grad();
      const loss = k.mul(p.sub(target).pow(2)).sum();
      losses.push(loss.item());
      loss.backward();
      opt.step();
    }
    // float32 sums differ from PyTorch's by its own rounding (README); the gradients and updates
    // are exact, so the parameters are PyTorch's bit for bit
    const tol = c.dtype === 'float32' ? 2e-6 : 1e-14;
    if (process.env.OPTIM_REPORT) console.log(c.optimizer, c.dtype, maxRel(p.data, c.final as number[]), maxRel(losses, c.losses));
    assert.equal(maxRel(p.data, c.final as number[]), 0, 'final params');
    assert.ok(maxRel(losses, c.losses) <= tol * 4, `losses off by ${maxRel(losses, c.losses)}`);
  });
}

for (const c of fx.cases.filter((x) => x.problem === 'mlp')) {
  test(`2-16-16-1 tanh MLP: ${c.optimizer} ${JSON.stringify(c.kwargs)} ${c.dtype}, 100 steps`, () => {
    torch.manual_seed(2);
    const m = new nn.Sequential(new nn.Linear(2, 16), new nn.Tanh(), new nn.Linear(16, 16), new nn.Tanh(), new nn.Linear(16, 1)).to(c.dtype);
    const drawn = torch.randn([64, 2], { dtype: c.dtype });
    assert.equal(maxRel(drawn.data, c.x!), 0, 'the data drawn after the model, bit for bit');
    const x = drawn;
    const yd = new (c.dtype === 'float32' ? Float32Array : Float64Array)(64);
    for (let i = 0; i < 64; i++) yd[i] = x.data[2 * i] * x.data[2 * i + 1] > 0 ? 1 : 0;
    const y = torch.tensor(yd, { dtype: c.dtype }).reshape([64, 1]);
    const opt = make(c.optimizer, m.parameters(), c.kwargs);
    const losses: number[] = [];
    for (let s = 0; s < 100; s++) {
      opt.zero_grad();
      const loss = F.binary_cross_entropy_with_logits(m.forward(x), y);
      losses.push(loss.item());
      loss.backward();
      opt.step();
    }
    const tol = c.dtype === 'float32' ? 1e-4 : 1e-10;
    if (process.env.OPTIM_REPORT) console.log('mlp', c.optimizer, c.dtype, maxRel(losses, c.losses));
    assert.ok(maxRel(losses, c.losses) <= tol, `losses off by ${maxRel(losses, c.losses)}`);
    m.parameters().forEach((p, i) => {
      const r = maxRel(p.data, (c.final as number[][])[i]);
      assert.ok(r <= tol * 10, `param ${i} off by ${r}`);
    });
  });
}

test('optimizers refuse bad hyperparameters with PyTorch\'s words', () => {
  const p = torch.zeros(2).requires_grad_();
  assert.throws(() => new optim.SGD([p], { lr: Number.NaN }), /Invalid learning rate: NaN/);
  assert.throws(() => new optim.SGD([p], { lr: -1 }), /Invalid learning rate: -1/);
  assert.throws(() => new optim.Adam([p], { betas: [1, 0.9] }), /Invalid beta parameter at index 0: 1/);
  assert.throws(() => new optim.SGD([], { lr: 0.1 }), /empty parameter list/);
});
