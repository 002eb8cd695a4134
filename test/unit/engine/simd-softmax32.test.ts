// float32 softmax on WebAssembly SIMD (kernels.wat `softmax_rows32`, `softmax_bwd_rows32`): the
// kernels run softmax.ts's `forward32` and `backward32` along the last dim — PyTorch 1.13's AVX2
// summation order and fused multiply-adds, which the PyTorch fixtures check — step for step, so
// they are compared bit for bit with those JavaScript loops: every row length around the 4- and
// 8-element blocks, rows longer than one 64 KB chunk, many rows per chunk, lanes far below the max
// (handed to exp one by one), the special rows (NaN, ±inf, all −inf, subnormals, ±0, ±3e38), and
// for the backward the sums where fma32 and a float64 sum rounded to float32 part ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simdSoftmaxBackwardRows32, simdSoftmaxRows32, _withJsKernels } from '../../../src/engine/wasm/simd';
import { fma32 } from '../../../src/engine/fma';
import { F, torch } from '../../../src/engine';
import { lcgValues } from './lcg';

function sameBits(got: Float32Array, want: Float32Array, what: string): void {
  assert.equal(got.length, want.length, what);
  const a = new Uint32Array(got.buffer, got.byteOffset, got.length);
  const b = new Uint32Array(want.buffer, want.byteOffset, want.length);
  for (let i = 0; i < a.length; i++) {
    // any NaN is NaN: the kernel's and the JavaScript loop's payloads may differ
    if (Number.isNaN(got[i]) && Number.isNaN(want[i])) continue;
    if (a[i] !== b[i]) assert.fail(`${what}: element ${i} is ${got[i]}, the JavaScript loop gives ${want[i]}`);
  }
}

/** F.softmax over the last dim of `data` (rows × size) through the JavaScript loop. */
function jsSoftmax(data: Float32Array, rows: number, size: number): Float32Array {
  return _withJsKernels(() => F.softmax(torch.tensor(Array.from({ length: rows }, (_, r) => Array.from(data.subarray(r * size, (r + 1) * size)))), { dim: -1 }).data as Float32Array);
}

function simd(data: Float32Array, rows: number, size: number): Float32Array {
  const out = new Float32Array(data.length);
  assert.equal(simdSoftmaxRows32(data, out, rows, size), true, `rows of ${size} take the kernel`);
  return out;
}

test('simdSoftmaxRows32: the JavaScript loop\'s values bit for bit, every row length from 16 to 41', () => {
  for (let size = 16; size <= 41; size++) {
    const d = lcgValues(Float32Array, 3 * size, size, 4);
    sameBits(simd(d, 3, size), jsSoftmax(d, 3, size), `rows of ${size}`);
  }
});

test('simdSoftmaxRows32: long rows, rows past one 64 KB chunk, many rows per chunk', () => {
  for (const [rows, size] of [[40, 1000], [3, 1001], [2, 20_003], [70, 257]]) {
    const d = lcgValues(Float32Array, rows * size, rows + size, 8);
    sameBits(simd(d, rows, size), jsSoftmax(d, rows, size), `${rows} rows of ${size}`);
  }
});

test('simdSoftmaxRows32: lanes far below the max (e^v underflows) and wide ranges', () => {
  for (const scale of [400, 1e4, 3e38]) {
    const d = lcgValues(Float32Array, 4 * 37, 7, scale);
    sameBits(simd(d, 4, 37), jsSoftmax(d, 4, 37), `values within ±${scale}`);
  }
});

test('simdSoftmaxRows32: NaN, ±inf, all −inf, subnormals and signed zeros, as the JavaScript loop', () => {
  const size = 19;
  const rows: number[][] = [
    Array.from({ length: size }, (_, i) => (i === 11 ? NaN : i / 4)),
    Array.from({ length: size }, (_, i) => (i === 17 ? Infinity : i / 4)),
    Array.from({ length: size }, (_, i) => (i === 2 ? -Infinity : i / 4)),
    Array.from({ length: size }, () => -Infinity),
    Array.from({ length: size }, (_, i) => (i % 2 ? 1e-45 : -1e-45)),
    Array.from({ length: size }, (_, i) => (i % 2 ? 0 : -0)),
    Array.from({ length: size }, () => 3.25),
    Array.from({ length: size }, (_, i) => (i === 18 ? NaN : i === 3 ? Infinity : -i)),
  ];
  const d = Float32Array.from(rows.flat());
  const got = simd(d, rows.length, size);
  sameBits(got, jsSoftmax(d, rows.length, size), 'special rows');
  const row = (r: number): number[] => Array.from(got.subarray(r * size, (r + 1) * size));
  assert.ok(row(0).every(Number.isNaN), 'a NaN makes the row NaN');
  assert.ok(row(3).every(Number.isNaN), 'all −inf: 0/0');
  assert.equal(row(2)[2], 0, 'e^−inf is 0');
});

test('simdSoftmaxRows32 refuses rows shorter than 16; F.softmax float32 takes it and keeps its gradient', () => {
  assert.equal(simdSoftmaxRows32(new Float32Array(30), new Float32Array(30), 2, 15), false);
  const data = Array.from({ length: 5 }, (_, r) => Array.from(lcgValues(Float32Array, 33, r + 1, 3)));
  const run = (): number[][] => {
    const x = torch.tensor(data, { requires_grad: true });
    const y = F.softmax(x, { dim: 1 });
    y.mul(torch.tensor(data)).sum().backward();
    return [Array.from(y.data), Array.from(x.grad!.data)];
  };
  const got = run();
  const want = _withJsKernels(run);
  sameBits(Float32Array.from(got[0]), Float32Array.from(want[0]), 'F.softmax values');
  sameBits(Float32Array.from(got[1]), Float32Array.from(want[1]), 'F.softmax gradient');
});

const f32 = Math.fround;

/** softmax.ts's `backward32` along the last dim, written out: s = Σ g·y in PyTorch's order, then f32(f32(g − s)·y). */
function expectedBackward(g: Float32Array, y: Float32Array, rows: number, size: number): Float32Array {
  const out = new Float32Array(g.length);
  const lanes = new Float32Array(8);
  for (let r = 0; r < rows; r++) {
    const b = r * size;
    let s: number;
    if (size < 8) {
      s = f32(g[b] * y[b]);
      for (let k = 1; k < size; k++) s = f32(s + f32(g[b + k] * y[b + k]));
    } else {
      for (let l = 0; l < 8; l++) lanes[l] = g[b + l] * y[b + l];
      let k = 8;
      for (; k + 8 <= size; k += 8) for (let l = 0; l < 8; l++) lanes[l] = fma32(g[b + k + l], y[b + k + l], lanes[l]);
      for (let l = 0; k + l < size; l++) lanes[l] = fma32(g[b + k + l], y[b + k + l], lanes[l]);
      s = f32(f32(f32(lanes[0] + lanes[4]) + f32(lanes[2] + lanes[6])) + f32(f32(lanes[1] + lanes[5]) + f32(lanes[3] + lanes[7])));
    }
    for (let k = 0; k < size; k++) out[b + k] = f32(f32(g[b + k] - s) * y[b + k]);
  }
  return out;
}

function simdBackward(g: Float32Array, y: Float32Array, rows: number, size: number): Float32Array {
  const out = new Float32Array(g.length);
  assert.equal(simdSoftmaxBackwardRows32(g, y, out, rows, size), true, `rows of ${size} take the kernel`);
  const inPlace = Float32Array.from(g);
  assert.equal(simdSoftmaxBackwardRows32(inPlace, y, inPlace, rows, size), true);
  sameBits(inPlace, out, `in place, rows of ${size}`);
  return out;
}

test('simdSoftmaxBackwardRows32: bit for bit, every row length from 16 to 41, long rows and many rows per chunk', () => {
  for (const [rows, size] of [...Array.from({ length: 26 }, (_, i) => [3, 16 + i]), [40, 1000], [2, 20_003], [70, 257]]) {
    const y = lcgValues(Float32Array, rows * size, size, 1);
    const g = lcgValues(Float32Array, rows * size, size + 1, 3);
    sameBits(simdBackward(g, y, rows, size), expectedBackward(g, y, rows, size), `${rows} rows of ${size}`);
  }
});

test('simdSoftmaxBackwardRows32: where fma32 and a float64 sum rounded to float32 differ, in full and partial blocks', () => {
  // products a·b whose float64 sum with c lands halfway between two floats: only fma32 rounds right
  const cases: [number, number, number][] = [];
  for (let k = 0; k < 8; k++) for (let j = -4; j < 8; j++) for (let i = -4; i < 8; i++) {
    const c = f32(1 + k * 2 ** -23);
    const a = f32(1 + j * 2 ** -23);
    const b = f32(2 ** -24 * (1 + i * 2 ** -23));
    if (fma32(a, b, c) !== f32(a * b + c)) cases.push([a, b, c]);
  }
  assert.ok(cases.length >= 8, `found ${cases.length} cases`);
  for (const size of [16, 17, 23]) {
    for (const [a, b, c] of cases) {
      // lane 0 holds c after the first block (c·1); the crafted product lands in the second block
      // (index 8) or, for rows of 17 and 23, in the partial block (index 16)
      const g = new Float32Array(size);
      const y = new Float32Array(size);
      g[0] = c;
      y[0] = 1;
      const at = size === 16 ? 8 : 16;
      g[at] = a;
      y[at] = b;
      const want = expectedBackward(g, y, 1, size);
      assert.notEqual(want[0], f32(c - f32(a * b + c)), 'the case tells fma32 from a rounded float64 sum');
      sameBits(simdBackward(g, y, 1, size), want, `a=${a} b=${b} c=${c}, rows of ${size}`);
    }
  }
});

test('simdSoftmaxBackwardRows32: lanes the partial block does not reach keep a −0, as in the JavaScript loop', () => {
  const size = 17;
  const g = new Float32Array(size);
  const y = new Float32Array(size);
  for (let l = 0; l < 8; l++) {
    g[l] = -1e-30; // products underflow to −0: every lane starts at −0
    y[l] = 1e-30;
    g[8 + l] = -0;
    y[8 + l] = 1;
  }
  g[16] = -0;
  y[16] = 1;
  const want = expectedBackward(g, y, 1, size);
  assert.ok(Object.is(want[8], 0), 's is −0, so g − s for g = −0 is +0');
  sameBits(simdBackward(g, y, 1, size), want, 'signed zeros');
});

test('simdSoftmaxBackwardRows32: NaN and ±inf in g or y, as the JavaScript loop', () => {
  const size = 21;
  const g = lcgValues(Float32Array, 4 * size, 5, 2);
  const y = lcgValues(Float32Array, 4 * size, 6, 1);
  g[3] = NaN;
  y[size + 10] = Infinity;
  g[2 * size + 17] = -Infinity;
  g[3 * size + 9] = 3e38;
  y[3 * size + 9] = 3e38;
  sameBits(simdBackward(g, y, 4, size), expectedBackward(g, y, 4, size), 'special values');
  assert.equal(simdSoftmaxBackwardRows32(new Float32Array(30), new Float32Array(30), new Float32Array(30), 2, 15), false);
});

test('F.softmax float32 backward: the SIMD kernel and the engine\'s JavaScript loop agree bit for bit', () => {
  const data = Array.from({ length: 9 }, (_, r) => Array.from(lcgValues(Float32Array, 301, r + 50, 4)));
  const w = Array.from({ length: 9 }, (_, r) => Array.from(lcgValues(Float32Array, 301, r + 90, 2)));
  const run = (): Float32Array => {
    const x = torch.tensor(data, { requires_grad: true });
    F.softmax(x, { dim: -1 }).mul(torch.tensor(w)).sum().backward();
    return x.grad!.data as Float32Array;
  };
  sameBits(run(), _withJsKernels(run), 'x.grad');
});
