// nn.init and nn.Linear/nn.Sequential against PyTorch 1.13: the same seed gives the same
// parameters, bit for bit (test/fixtures/lab/init.json, scripts/gen-lab-fixtures.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { torch, nn } from '../../../src/engine';
import type { DType } from '../../../src/engine';

interface InitCase { init: string; kwargs: Record<string, number | string>; dtype: DType; shape: number[]; seed: number; data: number[] }
interface ModelCase { seed: number; dims: number[]; activation: string; dtype: DType; params: { name: string; shape: number[]; data: number[] }[] }
const fx = JSON.parse(readFileSync('test/fixtures/lab/init.json', 'utf8')) as { gains: Record<string, number>; cases: InitCase[]; models: ModelCase[] };

function sameBits(got: ArrayLike<number>, want: number[], what: string): void {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++)
    if (!Object.is(got[i], want[i])) assert.fail(`${what}: element ${i} is ${got[i]}, PyTorch has ${want[i]}`);
}

test('calculate_gain: PyTorch\'s values for every nonlinearity', () => {
  for (const [key, want] of Object.entries(fx.gains)) {
    const [name, p] = key.split(':');
    assert.equal(nn.init.calculate_gain(name, p === undefined ? undefined : Number(p)), want, key);
  }
  assert.throws(() => nn.init.calculate_gain('swish'), /Unsupported nonlinearity swish/);
});

test('kaiming/xavier uniform and normal, normal_, uniform_, zeros_: PyTorch\'s numbers bit for bit, both dtypes', () => {
  assert.ok(fx.cases.length >= 140);
  for (const c of fx.cases) {
    torch.manual_seed(c.seed);
    const t = torch.zeros(c.shape, { dtype: c.dtype });
    const kw = c.kwargs;
    const fn = c.init;
    if (fn === 'normal_') nn.init.normal_(t, kw.mean as number | undefined, kw.std as number | undefined);
    else if (fn === 'uniform_') nn.init.uniform_(t, kw.a as number | undefined, kw.b as number | undefined);
    else if (fn === 'zeros_') nn.init.zeros_(t);
    else if (fn.startsWith('xavier')) (nn.init as unknown as Record<string, (t: unknown, o: unknown) => void>)[fn](t, kw);
    else (nn.init as unknown as Record<string, (t: unknown, o: unknown) => void>)[fn](t, kw);
    sameBits(t.data, c.data, `${fn}(${JSON.stringify(kw)}) ${c.dtype} [${c.shape}]`);
  }
});

test('fan computation refuses tensors with fewer than 2 dimensions, as init.py does', () => {
  assert.throws(() => nn.init.kaiming_uniform_(torch.zeros(5)), /Fan in and fan out can not be computed for tensor with fewer than 2 dimensions/);
});

test('torch.manual_seed(s); nn.Sequential(nn.Linear…) holds exactly PyTorch\'s parameters, in parameters() order', () => {
  for (const m of fx.models) {
    torch.manual_seed(m.seed);
    const layers: nn.Module[] = [];
    for (let i = 0; i + 1 < m.dims.length; i++) {
      layers.push(new nn.Linear(m.dims[i], m.dims[i + 1]));
      if (i < m.dims.length - 2) layers.push(nn.activationModule(m.activation));
    }
    const model = new nn.Sequential(...layers).to(m.dtype);
    const got = model.named_parameters();
    assert.deepEqual(got.map(([n]) => n), m.params.map((p) => p.name));
    got.forEach(([name, p], i) => {
      assert.deepEqual(p.shape, m.params[i].shape, name);
      assert.equal(p.dtype, m.dtype);
      assert.equal(p.requires_grad, true);
      sameBits(p.data, m.params[i].data, `seed ${m.seed} ${m.dims.join('-')} ${m.dtype} ${name}`);
    });
  }
});

test('an init on a parameter that requires grad works (init runs under no_grad), and bumps its version', () => {
  const lin = new nn.Linear(3, 2);
  const v = lin.weight._version.v;
  nn.init.xavier_normal_(lin.weight);
  assert.ok(lin.weight._version.v > v);
  assert.equal(lin.weight.requires_grad, true);
});
