// Ops that fill their results into `empty` arrays (uninitialised memory for large sizes, see
// dtype.ts) must write every element. With `_poisonEmpty` on, every such array starts as NaN,
// so an element an op forgets shows up as NaN where the normal run has a number. Each case runs
// once poisoned and once not, at sizes past the point where `empty` stops zeroing (16 KB), and
// the two results must be identical bit for bit (NaN included where the op itself makes one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { torch, F, onWarning, type Tensor } from '../../../src/engine';
import { _poisonEmpty, empty } from '../../../src/engine/dtype';
import { ACTIVATIONS, defaultParams } from '../../../src/catalog';

onWarning(() => {});

type DT = 'float32' | 'float64';
const ROWS = 40;
const COLS = 150; // 6000 elements: 24 KB in float32, 48 KB in float64

let seed = 7;
function values(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out.push(((seed / 2147483648) * 2 - 1) * 6);
  }
  return out;
}

function input(dt: DT, shape = [ROWS, COLS], positive = false): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = values(n).map((x) => (positive ? Math.abs(x) + 0.1 : x));
  return torch.tensor(v, { dtype: dt, requires_grad: true }).reshape(shape);
}

/** The results a case produces: its output and the gradients backward leaves on its inputs. */
function outcome(make: () => { out: Tensor; inputs: Tensor[] }): number[][] {
  const { out, inputs } = make();
  const lists = [Array.from(out.data)];
  out.mul(torch.linspace(-1, 1, out.data.length, { dtype: out.dtype }).reshape(out.shape)).sum().backward();
  for (const t of inputs) lists.push(t.grad ? Array.from(t.grad.data) : []);
  return lists;
}

function sameBits(a: number[][], b: number[][], label: string): void {
  assert.equal(a.length, b.length, label);
  for (let k = 0; k < a.length; k++) {
    assert.equal(a[k].length, b[k].length, `${label}: result ${k} length`);
    for (let i = 0; i < a[k].length; i++)
      if (!Object.is(a[k][i], b[k][i])) assert.fail(`${label}: result ${k}[${i}] is ${a[k][i]} poisoned, ${b[k][i]} clean`);
  }
}

function check(label: string, make: () => { out: Tensor; inputs: Tensor[] }): void {
  seed = 7;
  const clean = outcome(make);
  seed = 7;
  _poisonEmpty(true);
  let poisoned: number[][];
  try {
    poisoned = outcome(make);
  } finally {
    _poisonEmpty(false);
  }
  sameBits(poisoned, clean, label);
  // the comparison means something only if the results are numbers in the first place
  assert.ok(clean[0].some((v) => Number.isFinite(v)), `${label}: no finite output`);
}

test('poisoning reaches the large arrays it is meant to (the check below would be empty otherwise)', () => {
  _poisonEmpty(true);
  try {
    for (const dt of ['float32', 'float64'] as const) {
      const a = empty(dt, ROWS * COLS);
      assert.ok(Number.isNaN(a[0]) && Number.isNaN(a[a.length - 1]), dt);
    }
  } finally {
    _poisonEmpty(false);
  }
  assert.equal(empty('float64', 10).length, 10);
});

for (const dt of ['float32', 'float64'] as const) {
  test(`${dt}: every catalog activation writes all of its output and gradient`, () => {
    for (const spec of ACTIVATIONS) {
      const params = defaultParams(spec);
      check(`${spec.id} ${dt}`, () => {
        const x = input(dt);
        return { out: spec.build(x, params), inputs: [x] };
      });
    }
  });

  test(`${dt}: the softmax family along each dim writes everything`, () => {
    for (const dim of [0, 1, -1])
      for (const f of [F.softmax, F.log_softmax, F.softmin] as const)
        check(`${f.name} dim ${dim} ${dt}`, () => {
          const x = input(dt);
          return { out: f(x, { dim }), inputs: [x] };
        });
  });

  test(`${dt}: binary ops, same shape, scalar and broadcast operands`, () => {
    const ops: [string, (a: Tensor, b: Tensor | number) => Tensor][] = [
      ['add', (a, b) => torch.add(a, b)],
      ['sub', (a, b) => torch.sub(a, b)],
      ['mul', (a, b) => torch.mul(a, b)],
      ['div', (a, b) => torch.div(a, b)],
      ['pow', (a, b) => torch.pow(a, b)],
      ['maximum', (a, b) => torch.maximum(a, typeof b === 'number' ? torch.tensor(b, { dtype: dt }) : b)],
      ['minimum', (a, b) => torch.minimum(a, typeof b === 'number' ? torch.tensor(b, { dtype: dt }) : b)],
    ];
    for (const [name, f] of ops) {
      check(`${name} same ${dt}`, () => {
        const a = input(dt, undefined, true);
        const b = input(dt, undefined, true);
        return { out: f(a, b), inputs: [a, b] };
      });
      check(`${name} scalar ${dt}`, () => {
        const a = input(dt, undefined, true);
        return { out: f(a, 1.5), inputs: [a] };
      });
      check(`${name} row ${dt}`, () => {
        const a = input(dt, undefined, true);
        const b = input(dt, [COLS], true);
        return { out: f(a, b), inputs: [a, b] };
      });
      check(`${name} column ${dt}`, () => {
        const a = input(dt, undefined, true);
        const b = input(dt, [ROWS, 1], true);
        return { out: f(b, a), inputs: [a, b] };
      });
    }
    check(`number / tensor ${dt}`, () => {
      const a = input(dt, undefined, true);
      return { out: torch.div(2, a), inputs: [a] };
    });
    check(`where ${dt}`, () => {
      const a = input(dt);
      const b = input(dt);
      return { out: torch.where(torch.gt(a, b), a, b), inputs: [a, b] };
    });
  });

  test(`${dt}: unary ops, casts, reductions and views write everything`, () => {
    const unary: [string, (x: Tensor) => Tensor, boolean][] = [
      ['neg', (x) => torch.neg(x), false],
      ['exp', (x) => torch.exp(x), false],
      ['log', (x) => torch.log(x), true],
      ['log1p', (x) => torch.log1p(x), true],
      ['expm1', (x) => torch.expm1(x), false],
      ['sqrt', (x) => torch.sqrt(x), true],
      ['abs', (x) => torch.abs(x), false],
      ['clamp', (x) => torch.clamp(x, { min: -1, max: 2 }), false],
      ['reciprocal', (x) => torch.reciprocal(x), true],
      ['cast', (x) => x.to(dt === 'float32' ? 'float64' : 'float32'), false],
      ['sum keepdim', (x) => x.mul(torch.sum(x, { dim: 1, keepdim: true })), false],
      ['mean', (x) => x.mul(torch.mean(x)), false],
      ['transpose', (x) => x.transpose(0, 1), false],
      ['matmul', (x) => torch.matmul(x.transpose(0, 1), x), false],
      ['logsumexp', (x) => x.sub(torch.logsumexp(x, { dim: 0, keepdim: true })), false],
    ];
    for (const [name, f, positive] of unary)
      check(`${name} ${dt}`, () => {
        const x = input(dt, undefined, positive);
        return { out: f(x), inputs: [x] };
      });
    check(`linspace ${dt}`, () => {
      const x = torch.linspace(-20, 20, ROWS * COLS, { dtype: dt, requires_grad: true });
      return { out: F.tanh(x), inputs: [x] };
    });
  });
}
