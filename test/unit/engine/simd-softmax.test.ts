// float64 softmax and its backward on WebAssembly SIMD (src/engine/wasm/kernels.wat): the kernel
// is the JavaScript row loop two lanes at a time, so it is checked bit for bit against that loop
// written out with the kernel's summation order (fastmath.ts's exp, lanes 0 and 1 summed apart),
// including the lanes it hands to exp (x − max ≤ −708), the special rows (NaN, ±inf, all −inf),
// odd lengths, rows longer than one 64 KB chunk, and against the engine's JavaScript path
// through F.softmax's forward and backward.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simdGemm, simdSoftmaxBackwardRows, simdSoftmaxRows, _withJsKernels } from '../../../src/engine/wasm/simd';
import { exp } from '../../../src/engine/fastmath';
import { F, torch } from '../../../src/engine';
import { lcgValues } from './lcg';

const rand = (n: number, seed: number, scale: number): Float64Array => lcgValues(Float64Array, n, seed, scale);

/** The kernel's arithmetic in scalar JavaScript: max, e = exp(x − max) summed per lane, y = e·(1/sum). */
function expected(d: Float64Array, rows: number, size: number): Float64Array {
  const o = new Float64Array(d.length);
  const pairs = size & ~1;
  for (let r = 0; r < rows; r++) {
    const b = r * size;
    let m = -Infinity;
    let nan = false;
    for (let k = 0; k < size; k++) {
      if (d[b + k] !== d[b + k]) nan = true;
      else if (d[b + k] > m) m = d[b + k];
    }
    if (nan) m = NaN;
    if (m === -Infinity) m = 0;
    let ss = 0;
    let k = 0;
    if (Number.isFinite(m)) {
      let s0 = 0;
      let s1 = 0;
      for (; k < pairs; k += 2) {
        o[b + k] = exp(d[b + k] - m);
        o[b + k + 1] = exp(d[b + k + 1] - m);
        s0 += o[b + k];
        s1 += o[b + k + 1];
      }
      ss = s0 + s1;
    }
    for (; k < size; k++) {
      o[b + k] = exp(d[b + k] - m);
      ss += o[b + k];
    }
    const inv = 1 / ss;
    for (k = 0; k < size; k++) o[b + k] *= inv;
  }
  return o;
}

function sameBits(got: Float64Array, want: Float64Array, what: string): void {
  assert.equal(got.length, want.length);
  for (let i = 0; i < want.length; i++)
    if (!Object.is(got[i], want[i]) && !(Number.isNaN(got[i]) && Number.isNaN(want[i])))
      assert.fail(`${what}: element ${i} is ${got[i]}, the scalar loop gives ${want[i]}`);
}

const special = (size: number): number[][] => {
  const base = Array.from(rand(size, 7, 3));
  const row = (i: number, v: number): number[] => base.map((x, j) => (j === i ? v : x));
  return [
    base,
    row(3, NaN),
    row(size - 1, Infinity),
    row(0, -Infinity),
    new Array(size).fill(-Infinity),
    new Array(size).fill(5),
    base.map((x, j) => -60 * j), // e^(x − max) spans 1 … 0: lanes at or below −708 go through exp
    base.map((_, j) => (j % 2 ? -1e308 : 1e-300)),
    row(5, -0),
    // one far lane in either pair of a block of four, or in the pair after the blocks
    row(2, -800),
    row(6, -800),
    row(size - 2, -800),
    row(size - 1, -1e4),
  ];
};

for (const size of [16, 17, 18, 19, 33, 34, 35, 1000, 9001]) {
  test(`simdSoftmaxRows: rows of ${size} are the scalar loop's values bit for bit`, () => {
    const rows = size > 1000 ? 2 : 5;
    const d = rand(rows * size, size, 8);
    const o = new Float64Array(d.length);
    assert.equal(simdSoftmaxRows(d, o, rows, size), true);
    sameBits(o, expected(d, rows, size), 'random rows');
  });
}

test('simdSoftmaxRows: NaN, ±inf, all −inf, constant, underflowing and signed-zero rows', () => {
  // every remainder of the row length modulo 4 (blocks of four, then pairs, then one)
  for (const size of [16, 17, 18, 19]) {
    const rows = special(size);
    const d = Float64Array.from(rows.flat());
    const o = new Float64Array(d.length);
    assert.equal(simdSoftmaxRows(d, o, rows.length, size), true);
    sameBits(o, expected(d, rows.length, size), `special rows of ${size}`);
    // and what those rows mean
    const row = (r: number): number[] => Array.from(o.subarray(r * size, (r + 1) * size));
    assert.ok(row(1).every(Number.isNaN), 'a NaN makes the row NaN');
    assert.ok(row(2).every(Number.isNaN), '+inf makes the row NaN (inf − inf)');
    assert.equal(row(3)[0], 0, 'e^−inf is 0');
    assert.ok(row(4).every(Number.isNaN), 'all −inf: 0/0');
    assert.ok(row(5).every((v) => v === 1 / size), 'constant row');
    assert.equal(row(6)[size - 1], 0, 'far below the max: 0');
  }
});

test('simdSoftmaxRows refuses rows shorter than 16 (the JavaScript loop is cheaper there)', () => {
  assert.equal(simdSoftmaxRows(new Float64Array(30), new Float64Array(30), 2, 15), false);
});

test('simdSoftmaxBackwardRows: y·(g − Σg·y) per row, the dot summed per lane, in place or not', () => {
  for (const size of [16, 17, 18, 19, 1000, 9001]) {
    const rows = 3;
    const y = rand(rows * size, 11, 1);
    const g = rand(rows * size, 12, 2);
    const want = new Float64Array(g.length);
    for (let r = 0; r < rows; r++) {
      const b = r * size;
      // four lanes (element k into lane k mod 4), folded (l0 + l2) + (l1 + l3), then the rest in turn
      const l = [0, 0, 0, 0];
      let k = 0;
      for (; k + 3 < size; k += 4) for (let j = 0; j < 4; j++) l[j] += g[b + k + j] * y[b + k + j];
      let s = l[0] + l[2] + (l[1] + l[3]);
      for (; k < size; k++) s += g[b + k] * y[b + k];
      for (k = 0; k < size; k++) want[b + k] = y[b + k] * (g[b + k] - s);
    }
    const out = new Float64Array(g.length);
    assert.equal(simdSoftmaxBackwardRows(g, y, out, rows, size), true);
    sameBits(out, want, `backward, rows of ${size}`);
    const inPlace = Float64Array.from(g);
    assert.equal(simdSoftmaxBackwardRows(inPlace, y, inPlace, rows, size), true);
    sameBits(inPlace, want, `backward in place, rows of ${size}`);
  }
});

test('a float32 matrix product in between leaves the kernels\' exp table intact', () => {
  const d = rand(64, 3, 4);
  const before = new Float64Array(64);
  simdSoftmaxRows(d, before, 2, 32);
  const A = new Float32Array(rand(64 * 64, 1, 1));
  assert.equal(simdGemm(A, false, A, false, 64, 64, 64, new Float32Array(64 * 64)), true);
  const after = new Float64Array(64);
  simdSoftmaxRows(d, after, 2, 32);
  sameBits(after, before, 'softmax after a gemm');
});

test('F.softmax float64 along the last dim: SIMD and JavaScript paths agree in values and gradients', () => {
  const run = (): number[][] => {
    const x = torch.tensor(Array.from({ length: 6 }, (_, i) => Array.from(rand(257, i + 1, 6))), { dtype: 'float64', requires_grad: true });
    const w = torch.tensor(Array.from({ length: 6 }, (_, i) => Array.from(rand(257, i + 40, 1))), { dtype: 'float64' });
    const y = F.softmax(x, { dim: -1 });
    y.mul(w).sum().backward();
    return [Array.from(y.data), Array.from(x.grad!.data)];
  };
  const simd = run();
  const js = _withJsKernels(run);
  for (let k = 0; k < 2; k++) {
    let worst = 0;
    for (let i = 0; i < js[k].length; i++) worst = Math.max(worst, Math.abs(simd[k][i] - js[k][i]) / Math.max(1e-300, Math.abs(js[k][i])));
    // the same exp; only the order of the row sums differs
    assert.ok(worst < 1e-13, `${k ? 'gradient' : 'values'}: worst relative difference ${worst}`);
  }
});
