// float32 softmax on WebAssembly SIMD (kernels.wat `softmax_rows32`): the kernel runs softmax.ts's
// `forward32` along the last dim — PyTorch 1.13's AVX2 summation order, which the PyTorch fixtures
// check — step for step, so it is compared bit for bit with that JavaScript loop: every row length
// around the 4- and 8-element blocks, rows longer than one 64 KB chunk, many rows per chunk, lanes
// far below the max (handed to exp one by one), and the special rows (NaN, ±inf, all −inf,
// subnormals, ±0, ±3e38).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simdSoftmaxRows32, _withJsKernels } from '../../../src/engine/wasm/simd';
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
