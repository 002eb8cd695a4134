// The float32 matrix products on WebAssembly SIMD (src/engine/wasm): present in Node, exact to
// float32 summation's bound against a float64 reference for every operand layout the engine
// uses (A·B, A·Bᵀ, Aᵀ·B) and for shapes that need padding (N not a multiple of 8, M not a
// multiple of 4, a single row), the same as the JavaScript kernels through torch.matmul's
// forward and backward, IEEE specials propagated, and the committed module built from the .wat.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { simdAvailable, simdGemm, _withJsKernels } from '../../../src/engine/wasm/simd';
import { torch } from '../../../src/engine';
import { lcgValues } from './lcg';

const EPS32 = 2 ** -23;

const rand = (n: number, seed: number): Float32Array => lcgValues(Float32Array, n, seed, 2);

/** op(A)(r, p) for row-major A (M×P, or P×M when ta). */
const at = (A: Float32Array, ta: boolean, M: number, P: number, r: number, p: number): number => (ta ? A[p * M + r] : A[r * P + p]);
const bt = (B: Float32Array, tb: boolean, P: number, N: number, p: number, j: number): number => (tb ? B[j * P + p] : B[p * N + j]);

function check(M: number, P: number, N: number, ta: boolean, tb: boolean, seed: number): void {
  const A = rand(M * P, seed);
  const B = rand(P * N, seed + 1);
  const out = new Float32Array(M * N).fill(NaN);
  const used = simdGemm(A, ta, B, tb, M, P, N, out);
  assert.equal(used, M * P * N >= 2048 && N >= 4, `${M}×${P}×${N}: SIMD used when large enough`);
  if (!used) return;
  let worst = 0;
  for (let r = 0; r < M; r++)
    for (let j = 0; j < N; j++) {
      let exact = 0;
      let mag = 0;
      for (let p = 0; p < P; p++) {
        const t = at(A, ta, M, P, r, p) * bt(B, tb, P, N, p, j);
        exact += t;
        mag += Math.abs(t);
      }
      // float32 recursive summation: |error| ≤ (P + 1)·eps·Σ|terms| (plus the final rounding)
      const bound = (P + 2) * EPS32 * mag;
      const err = Math.abs(out[r * N + j] - exact);
      worst = Math.max(worst, err / bound);
      if (!(err <= bound)) assert.fail(`${M}×${P}×${N} ta=${ta} tb=${tb} at (${r}, ${j}): ${out[r * N + j]} vs ${exact}, bound ${bound}`);
    }
  assert.ok(worst <= 1);
}

test('SIMD kernels load in Node', () => {
  assert.equal(simdAvailable(), true);
});

for (const [M, P, N] of [[256, 32, 32], [16, 13, 11], [37, 29, 19], [5, 300, 4], [1, 300, 32], [3, 700, 9], [64, 2, 32], [255, 33, 40]] as const) {
  for (const [ta, tb] of [[false, false], [false, true], [true, false], [true, true]] as const) {
    test(`simdGemm ${M}×${P}×${N} ta=${ta} tb=${tb} is within float32 summation error of the exact product`, () => {
      check(M, P, N, ta, tb, M * 7 + P * 3 + N + (ta ? 1000 : 0) + (tb ? 2000 : 0));
    });
  }
}

test('small or narrow products are left to the JavaScript kernels', () => {
  const out = new Float32Array(64);
  assert.equal(simdGemm(rand(64, 1), false, rand(64, 2), false, 8, 8, 8, out), false); // 512 multiply-adds
  assert.equal(simdGemm(rand(3000, 1), false, rand(3000, 2), false, 1000, 3, 1, new Float32Array(1000)), false); // N = 1
});

test('IEEE specials propagate: inf·0 is NaN, inf stays inf, NaN spreads along its row', () => {
  const M = 32;
  const P = 16;
  const N = 12;
  const A = rand(M * P, 5);
  const B = rand(P * N, 6);
  A[0] = Infinity; // row 0, p 0
  A[P * 1 + 3] = NaN; // row 1
  B.fill(0, 0, N); // B row 0 is zero: inf·0 = NaN in row 0
  const out = new Float32Array(M * N);
  assert.equal(simdGemm(A, false, B, false, M, P, N, out), true);
  for (let j = 0; j < N; j++) {
    assert.ok(Number.isNaN(out[j]), `row 0 col ${j} is NaN`);
    assert.ok(Number.isNaN(out[N + j]), `row 1 col ${j} is NaN`);
    assert.ok(Number.isFinite(out[2 * N + j]), `row 2 col ${j} is finite`);
  }
  const B2 = rand(P * N, 7).map((v) => Math.abs(v) + 0.5);
  const A2 = rand(M * P, 8).map((v) => Math.abs(v));
  A2[0] = Infinity;
  simdGemm(A2, false, B2, false, M, P, N, out);
  for (let j = 0; j < N; j++) assert.equal(out[j], Infinity);
});

test('torch.matmul float32: forward and both gradients agree with the JavaScript kernels', () => {
  const run = (): number[][] => {
    const a = torch.tensor(Array.from({ length: 96 }, (_, i) => Array.from(rand(40, i + 1))), { requires_grad: true });
    const b = torch.tensor(Array.from({ length: 40 }, (_, i) => Array.from(rand(24, i + 500))), { requires_grad: true });
    const y = torch.matmul(a, b);
    y.mul(torch.tensor(Array.from({ length: 96 }, (_, i) => Array.from(rand(24, i + 900))))).sum().backward();
    return [Array.from(y.data), Array.from(a.grad!.data), Array.from(b.grad!.data)];
  };
  const simd = run();
  const js = _withJsKernels(run);
  for (let k = 0; k < 3; k++) {
    assert.equal(simd[k].length, js[k].length);
    let worst = 0;
    for (let i = 0; i < js[k].length; i++) worst = Math.max(worst, Math.abs(simd[k][i] - js[k][i]) / Math.max(1, Math.abs(js[k][i])));
    // both are within float32 summation error of the exact product (inner size ≤ 96)
    assert.ok(worst < 100 * EPS32, `part ${k}: worst relative difference ${worst}`);
  }
});

test('the committed module is assembled from src/engine/wasm/kernels.wat', async () => {
  // @ts-expect-error plain .mjs build script
  const { assemble } = await import('../../../scripts/build-wasm.mjs');
  const body: string = await assemble();
  assert.equal(readFileSync('src/engine/wasm/kernels.generated.ts', 'utf8'), body, 'run node scripts/build-wasm.mjs');
});
