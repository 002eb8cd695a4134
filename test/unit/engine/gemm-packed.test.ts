// The packed float32 matrix products (src/engine/wasm/gemm.ts, scripts/gemm-wat.mjs), both
// modules: the plain one (mul then add) and the relaxed one (fused multiply-adds). Every output
// must be exactly the float32 sum of its products in p order — rounded after each multiply and
// each add (plain), or once per step (fused; relaxed_madd may also round twice on a processor
// without FMA) — and within float32 summation's bound of a float64 reference, for every operand
// layout (A·B, A·Bᵀ, Aᵀ·B, Aᵀ·Bᵀ) and sizes that are not multiples of the tile (4 or 6 rows × 8
// columns) nor of the blocks (256 steps of p, 144 rows). Node 20 validates relaxed SIMD only
// behind a flag: there this file runs itself again in a child with the flag, so both modules
// are tested on every host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packedGemm, gemmVariant, fusedVariant, _withGemmVariant, type GemmVariant } from '../../../src/engine/wasm/gemm';
import { fma32 } from '../../../src/engine/fma';
import { lcgValues } from './lcg';
import { relaxedHere, rerunWithRelaxed } from './relaxedChild';
import { torch } from '../../../src/engine';
import { linear } from '../../../src/engine/nn/linear_op';
import { _withJsKernels } from '../../../src/engine/wasm/simd';

const EPS32 = 2 ** -23;
const f32 = Math.fround;

const SIZES: [number, number, number][] = [
  [1, 1, 1], [3, 5, 7], [17, 33, 65], [256, 256, 256], [7, 300, 9], [150, 13, 10], [5, 600, 3], [145, 257, 17],
];

function check(variant: GemmVariant, M: number, P: number, N: number, ta: boolean, tb: boolean): void {
  const seed = M * 7 + P * 3 + N + (ta ? 1000 : 0) + (tb ? 2000 : 0);
  const A = lcgValues(Float32Array, M * P, seed, 2);
  const B = lcgValues(Float32Array, P * N, seed + 1, 2);
  const out = new Float32Array(M * N).fill(NaN);
  assert.equal(_withGemmVariant(variant, () => packedGemm(A, ta, B, tb, M, P, N, out)), true);
  for (let r = 0; r < M; r++)
    for (let j = 0; j < N; j++) {
      let twice = 0; // rounded after the multiply and after the add
      let fused = 0; // rounded once per step
      let exact = 0;
      let mag = 0;
      for (let p = 0; p < P; p++) {
        const a = ta ? A[p * M + r] : A[r * P + p];
        const b = tb ? B[j * P + p] : B[p * N + j];
        twice = f32(twice + f32(a * b));
        fused = fma32(a, b, fused);
        exact += a * b;
        mag += Math.abs(a * b);
      }
      const got = out[r * N + j];
      const where = `${variant} ${M}×${P}×${N} ta=${ta} tb=${tb} at (${r}, ${j})`;
      if (variant === 'plain') assert.equal(got, twice, `${where}: not the float32 sum in p order`);
      else if (got !== fused && got !== twice) assert.fail(`${where}: ${got}, neither ${fused} (fused) nor ${twice}`);
      // float32 recursive summation: |error| ≤ (P + 1)·eps·Σ|terms|
      assert.ok(Math.abs(got - exact) <= (P + 2) * EPS32 * mag, `${where}: ${got} vs exact ${exact}`);
    }
}

const variants: GemmVariant[] = relaxedHere ? ['plain', 'relaxed', 'relaxed-4x8'] : ['plain'];
for (const variant of variants)
  for (const [M, P, N] of SIZES)
    for (const [ta, tb] of [[false, false], [false, true], [true, false], [true, true]] as const)
      test(`packed gemm (${variant}) ${M}×${P}×${N} ta=${ta} tb=${tb}: the float32 sum in p order, within rounding of float64`, () => {
        check(variant, M, P, N, ta, tb);
      });

test('a fused module is used where the host validates relaxed SIMD (6×8 from V8 13, 4×8 before), the plain one elsewhere', () => {
  assert.equal(gemmVariant(), relaxedHere ? fusedVariant() : 'plain');
  // V8 12.4 (Node 22) and 12.9 (Node 23) spill the 6×8 tile (gemm.ts); a browser's V8 is current
  assert.deepEqual([11, 12, 13, 14, null].map((m) => fusedVariant(m)), ['relaxed-4x8', 'relaxed-4x8', 'relaxed', 'relaxed', 'relaxed']);
});

test('IEEE specials through the packed kernels: inf·0 is NaN, NaN spreads along its row', () => {
  for (const variant of variants) {
    const M = 9;
    const P = 11;
    const N = 10;
    const A = lcgValues(Float32Array, M * P, 5, 1);
    const B = lcgValues(Float32Array, P * N, 6, 1);
    A[0] = Infinity; // row 0, p 0
    A[P + 3] = NaN; // row 1
    B.fill(0, 0, N); // B's row 0 is zero: inf·0 = NaN in row 0
    const out = new Float32Array(M * N);
    assert.equal(_withGemmVariant(variant, () => packedGemm(A, false, B, false, M, P, N, out)), true);
    for (let j = 0; j < N; j++) {
      assert.ok(Number.isNaN(out[j]) && Number.isNaN(out[N + j]), `${variant}: rows 0 and 1, col ${j}`);
      assert.ok(Number.isFinite(out[2 * N + j]), `${variant}: row 2, col ${j}`);
    }
  }
});

rerunWithRelaxed(__filename, /packed gemm \(relaxed\) 256×256×256 ta=true tb=true/);

test('nn.functional linear with a bias on the packed kernels: output and all three gradients as the JavaScript path gives them', () => {
  const [M, K, N] = [37, 70, 45];
  const run = (): Float32Array[] => {
    const x = torch.tensor(lcgValues(Float32Array, M * K, 31, 1)).reshape([M, K]).requires_grad_();
    const w = torch.tensor(lcgValues(Float32Array, N * K, 32, 1)).reshape([N, K]).requires_grad_();
    const b = torch.tensor(lcgValues(Float32Array, N, 33, 3), { requires_grad: true });
    const y = linear(x, w, b);
    y.mul(torch.tensor(lcgValues(Float32Array, M * N, 34, 1)).reshape([M, N])).sum().backward();
    return [y, x, w, b].map((t, i) => (i === 0 ? t.data : t.grad!.data) as Float32Array);
  };
  const simd = run();
  const js = _withJsKernels(run);
  ['y', 'x.grad', 'w.grad', 'b.grad'].forEach((what, k) => {
    assert.equal(simd[k].length, js[k].length, what);
    for (let i = 0; i < js[k].length; i++)
      // both within float32 summation error of the exact sums (inner sizes ≤ 70); the bias is exact in both
      assert.ok(Math.abs(simd[k][i] - js[k][i]) <= 100 * EPS32 * Math.max(1, Math.abs(js[k][i])), `${what}[${i}]: ${simd[k][i]} vs ${js[k][i]}`);
  });
});
