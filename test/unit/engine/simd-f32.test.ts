// float32 elementwise kernels on WebAssembly SIMD (src/engine/wasm/kernels.wat): tanh, a bias
// added to every row, and a bias gradient's column sums. Each computes what the JavaScript loop
// it replaces computes, operation for operation, so each is checked bit for bit against that loop
// (and through torch.tanh, add and backward against the engine's JavaScript path), over special
// values, both of tanh's formulas and the switch between them, odd lengths and chunk boundaries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simdAddRows32, simdColumnSums32, simdTanh32, simdTanhBackward32, _withJsKernels } from '../../../src/engine/wasm/simd';
import { tanhF32 } from '../../../src/engine/activations';
import { torch } from '../../../src/engine';
import { lcgValues } from './lcg';

const rand = (n: number, seed: number, scale: number): Float32Array => lcgValues(Float32Array, n, seed, scale);

function sameBits(got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  assert.equal(got.length, want.length, what);
  for (let i = 0; i < want.length; i++)
    if (!Object.is(got[i], want[i])) assert.fail(`${what}: element ${i} is ${got[i]}, the JavaScript loop gives ${want[i]}`);
}

/** float32 neighbours of v: v itself and `k` steps either side. */
function around(v: number, k: number): number[] {
  const f = new Float32Array([v]);
  const u = new Uint32Array(f.buffer);
  const out: number[] = [];
  const base = u[0];
  for (let d = -k; d <= k; d++) {
    u[0] = base + d;
    out.push(f[0]);
  }
  return out;
}

const SPECIAL = [
  0, -0, NaN, Infinity, -Infinity, 1e-45, -1e-45, 1.1754943508222875e-38, 3.4028234663852886e38, -3.4028234663852886e38,
  ...around(0.55, 3), ...around(-0.55, 3), ...around(7.450580596923828e-9, 3), ...around(-7.450580596923828e-9, 3),
  ...around(8.664339742, 3), ...around(-8.664339742, 3), ...around(1e-4, 1), 20, -20, 100,
];

test('simdTanh32: bit for bit the JavaScript loop over special values, both formulas and their switch', () => {
  // special values first, then random values in ranges that exercise each formula
  const values = new Float32Array([...SPECIAL, ...rand(4000, 3, 1.2), ...rand(4000, 4, 12), ...rand(3000, 5, 1e-3)]);
  for (const n of [values.length, values.length - 1, 1024, 1025]) {
    const d = values.subarray(0, n);
    const o = new Float32Array(n);
    assert.equal(simdTanh32(d, o, n, tanhF32), true, `taken for ${n}`);
    sameBits(o, Array.from(d, (v) => Math.fround(tanhF32(v))), `n = ${n}`);
  }
  const o = new Float32Array(SPECIAL.length + 1024);
  const d = new Float32Array(o.length);
  d.set(SPECIAL);
  simdTanh32(d, o, d.length, tanhF32);
  assert.ok(Number.isNaN(o[2]), 'NaN stays NaN');
  assert.equal(o[3], 1);
  assert.equal(o[4], -1);
  assert.ok(Object.is(o[1], -0), '−0 keeps its sign');
});

test('simdTanh32: arrays longer than one 64 KB chunk, odd lengths; short arrays stay in JavaScript', () => {
  for (const n of [16384, 16385, 40001]) {
    const d = rand(n, n, 4);
    const o = new Float32Array(n);
    assert.equal(simdTanh32(d, o, n, tanhF32), true);
    sameBits(o, Array.from(d, (v) => Math.fround(tanhF32(v))), `n = ${n}`);
  }
  assert.equal(simdTanh32(new Float32Array(1023), new Float32Array(1023), 1023, tanhF32), false);
});

test('torch.tanh on float32 takes the SIMD kernel and gives the JavaScript values, forward and backward', () => {
  const data = Array.from(rand(256 * 40, 9, 2));
  const run = () => {
    const x = torch.tensor(data, { requires_grad: true });
    const y = torch.tanh(x.reshape(256, 40));
    y.mul(torch.linspace(-1, 1, 40)).sum().backward();
    return [Array.from(y.data), Array.from(x.grad!.data)];
  };
  const simd = run();
  const js = _withJsKernels(run);
  sameBits(simd[0], js[0], 'forward');
  sameBits(simd[1], js[1], 'backward');
});

test('simdTanhBackward32: g·(1 − y²) rounded once, bit for bit, in place or not, odd lengths and chunk boundaries', () => {
  for (const n of [1024, 1025, 8192, 8193, 40001]) {
    const y = new Float32Array(n);
    const yv = rand(n, n + 7, 1);
    for (let i = 0; i < n; i++) y[i] = Math.fround(Math.tanh(yv[i] * 3));
    const g = rand(n, n + 8, 5);
    g.set([NaN, Infinity, -0, 1e-45].slice(0, n));
    y.set([0.5, 1, -1, 0.999], 4);
    const want = Float32Array.from(g, (gv, i) => gv * (1 - y[i] * y[i]));
    const out = new Float32Array(n);
    assert.equal(simdTanhBackward32(g, y, out, n), true);
    sameBits(out, want, `n = ${n}`);
    const inPlace = g.slice();
    simdTanhBackward32(inPlace, y, inPlace, n);
    sameBits(inPlace, want, `n = ${n}, in place`);
  }
  assert.equal(simdTanhBackward32(new Float32Array(10), new Float32Array(10), new Float32Array(10), 10), false);
});

function addRowsJs(a: Float32Array, b: Float32Array, inner: number): Float32Array {
  const out = new Float32Array(a.length);
  for (let o = 0; o < a.length; o += inner) for (let j = 0; j < inner; j++) out[o + j] = a[o + j] + b[j];
  return out;
}

function colSumsJs(g: Float32Array, inner: number): Float64Array {
  const acc = new Float64Array(inner);
  for (let o = 0; o < g.length; o += inner) for (let j = 0; j < inner; j++) acc[j] += g[o + j];
  return acc;
}

const SHAPES: [number, number][] = [
  [256, 32],
  [256, 4],
  [300, 5],
  [100, 33],
  [1000, 32], // more than one 64 KB chunk
  [3, 1000],
  [2, 7001],
];

test('simdAddRows32: a row vector added to every row, bit for bit, special values included', () => {
  for (const [rows, inner] of SHAPES) {
    const a = rand(rows * inner, rows, 3);
    const b = rand(inner, inner, 3);
    a.set(SPECIAL.slice(0, Math.min(SPECIAL.length, a.length)));
    b[0] = -0;
    if (inner > 2) b[2] = NaN;
    const out = new Float32Array(a.length);
    const taken = simdAddRows32(a, b, out, a.length, inner);
    assert.equal(taken, inner <= 8192, `${rows}×${inner} taken`);
    if (taken) sameBits(out, addRowsJs(a, b, inner), `${rows}×${inner}`);
  }
  assert.equal(simdAddRows32(new Float32Array(1000), new Float32Array(10), new Float32Array(1000), 1000, 10), false, 'short');
  assert.equal(simdAddRows32(new Float32Array(3000), new Float32Array(3), new Float32Array(3000), 3000, 3), false, 'narrow');
});

test('simdColumnSums32: float64 column sums in reduceGrad order, bit for bit', () => {
  for (const [rows, inner] of SHAPES) {
    const g = rand(rows * inner, rows + 1, 1e3);
    g[0] = -0;
    if (inner > 1) g[1] = Infinity;
    if (inner > 3) g[inner + 3] = NaN;
    const acc = new Float64Array(inner);
    const taken = simdColumnSums32(g, g.length, inner, acc);
    assert.equal(taken, inner <= 4096, `${rows}×${inner} taken`);
    if (taken) sameBits(acc, colSumsJs(g, inner), `${rows}×${inner}`);
  }
});

test('a float32 bias: forward add and its gradient through the kernels equal the JavaScript path', () => {
  const run = () => {
    const x = torch.tensor(Array.from(rand(256 * 32, 21, 2)), { requires_grad: true });
    const b = torch.tensor(Array.from(rand(32, 22, 1)), { requires_grad: true });
    const y = torch.tanh(x.reshape(256, 32).add(b));
    y.mul(y).sum().backward();
    return [Array.from(y.data), Array.from(x.grad!.data), Array.from(b.grad!.data)];
  };
  const simd = run();
  const js = _withJsKernels(run);
  for (let i = 0; i < 3; i++) sameBits(simd[i], js[i], ['forward', 'x.grad', 'b.grad'][i]);
});

test('ReLU forward and backward on the SIMD kernels: bit for bit the JavaScript loops (−0, NaN, ±inf, odd lengths, chunk boundaries)', () => {
  const values = new Float32Array([...SPECIAL, ...rand(40000, 11, 3)]);
  const upstream = rand(values.length, 12, 2);
  for (const n of [1023, 1024, 1037, 16384, 16399, values.length]) {
    const run = (): [Float32Array, Float32Array] => {
      const x = torch.tensor(values.subarray(0, n), { requires_grad: true });
      const y = torch.relu(x);
      y.mul(torch.tensor(upstream.subarray(0, n))).sum().backward();
      return [y.data as Float32Array, x.grad!.data as Float32Array];
    };
    const [y, g] = run();
    const [yJs, gJs] = _withJsKernels(run);
    sameBits(y, yJs, `relu forward, n = ${n}`);
    sameBits(g, gJs, `relu backward, n = ${n}`);
    assert.ok(Object.is(y[1], -0) && Number.isNaN(y[2]) && y[4] === 0 && Object.is(y[4], 0), 'relu(−0) = −0, relu(NaN) = NaN, relu(−inf) = +0');
  }
});

test('gradients summed on the SIMD kernel (two paths meeting, a retained grad, a leaf .grad accumulated over two backward calls): bit for bit the JavaScript loop', () => {
  for (const n of [1023, 1024, 16399, 40001]) {
    const run = (): Float32Array[] => {
      const x = torch.tensor(rand(n, 21, 3), { requires_grad: true });
      const h = x.mul(torch.tensor(rand(n, 22, 2)));
      h.retain_grad();
      // h reaches the loss along two paths, whose gradients meet at h's node
      const loss = () => h.mul(torch.tensor(rand(n, 23, 2))).add(h.mul(torch.tensor(rand(n, 24, 2)))).sum();
      loss().backward({ retain_graph: true });
      loss().backward();
      return [x.grad!.data as Float32Array, h.grad!.data as Float32Array];
    };
    const simd = run();
    const js = _withJsKernels(run);
    sameBits(simd[0], js[0], `x.grad, n = ${n}`);
    sameBits(simd[1], js[1], `h.grad (retained), n = ${n}`);
  }
});
