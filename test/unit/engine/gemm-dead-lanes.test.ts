// The products' dead-lane pass (src/engine/wasm/deadLanes.ts): lanes of op(A)·op(B) that only add
// exact zeros are left out. Every output must be the dense path's, bit for bit (the fused module
// may differ in the sign of an exact zero only), for every operand layout, sizes off the tile and
// block sizes, zero shares 0–100% in every arrangement (whole inner steps, rows, columns, single
// elements), with a bias, and with ±Inf and NaN where skipping a zero would hide 0·Inf = NaN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packedGemm, _withGemmVariant, type GemmVariant } from '../../../src/engine/wasm/gemm';
import { _withoutDeadLanes, _deadLaneStats } from '../../../src/engine/wasm/deadLanes';
import { lcgValues } from './lcg';
import { relaxedHere, rerunWithRelaxed } from './relaxedChild';
import { torch, nn } from '../../../src/engine';

const variants: GemmVariant[] = relaxedHere ? ['plain', 'relaxed', 'relaxed-4x8'] : ['plain'];
const LAYOUTS = [[false, false], [false, true], [true, false], [true, true]] as const;
const SIZES: [number, number, number][] = [[7, 300, 9], [37, 70, 45], [145, 257, 17], [256, 256, 256]];
const SHARES = [0, 0.3, 0.5, 0.9, 1];
type Pattern = 'steps of A' | 'rows of A' | 'steps of B' | 'columns of B' | 'elements';

/** Logical op(A) (M×P) and op(B) (P×N) as row-major arrays, with a share of them zeroed. */
function operands(M: number, P: number, N: number, pattern: Pattern, share: number, seed: number): { a: Float32Array; b: Float32Array } {
  const a = lcgValues(Float32Array, M * P, seed, 2);
  const b = lcgValues(Float32Array, P * N, seed + 1, 2);
  const pick = lcgValues(Float64Array, Math.max(M, P, N) * Math.max(M, P, N), seed + 2, 1);
  const dead = (i: number): boolean => Math.abs(pick[i]) < share;
  for (let i = 0; i < M; i++)
    for (let p = 0; p < P; p++) {
      if (pattern === 'steps of A' && dead(p)) a[i * P + p] = 0;
      if (pattern === 'rows of A' && dead(i)) a[i * P + p] = 0;
      if (pattern === 'elements' && dead(i * P + p)) a[i * P + p] = 0;
    }
  for (let p = 0; p < P; p++)
    for (let j = 0; j < N; j++) {
      if (pattern === 'steps of B' && dead(p)) b[p * N + j] = 0;
      if (pattern === 'columns of B' && dead(j)) b[p * N + j] = 0;
    }
  return { a, b };
}

/** A logical R×C matrix stored as it is, or transposed (C×R). */
function store(x: Float32Array, R: number, C: number, transposed: boolean): Float32Array {
  if (!transposed) return x;
  const t = new Float32Array(R * C);
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) t[c * R + r] = x[r * C + c];
  return t;
}

/** The product with the dead-lane pass and without it; whether the pass left lanes out. */
function both(variant: GemmVariant, a: Float32Array, b: Float32Array, M: number, P: number, N: number, ta: boolean, tb: boolean, bias: Float32Array | null) {
  const A = store(a, M, P, ta);
  const B = store(b, P, N, tb);
  const got = new Float32Array(M * N).fill(12345);
  const want = new Float32Array(M * N).fill(54321);
  const compact = _withGemmVariant(variant, () => {
    assert.equal(packedGemm(A, ta, B, tb, M, P, N, got, bias), true);
    const live = _deadLaneStats().last;
    assert.equal(_withoutDeadLanes(() => packedGemm(A, ta, B, tb, M, P, N, want, bias)), true);
    return live;
  });
  return { got, want, compact };
}

function assertSame(variant: GemmVariant, got: Float32Array, want: Float32Array, where: string): void {
  for (let i = 0; i < want.length; i++) {
    const same = variant === 'plain' ? Object.is(got[i], want[i]) : got[i] === want[i] || (Number.isNaN(got[i]) && Number.isNaN(want[i]));
    if (!same) assert.fail(`${where} at ${i}: ${got[i]} vs the dense path's ${want[i]}`);
  }
}

for (const variant of variants)
  for (const [M, P, N] of SIZES)
    test(`dead lanes (${variant}) ${M}×${P}×${N}: the dense path's sums, every layout, pattern and zero share`, () => {
      for (const pattern of ['steps of A', 'rows of A', 'steps of B', 'columns of B', 'elements'] as Pattern[])
        for (const share of SHARES)
          for (const [ta, tb] of LAYOUTS) {
            const seed = M + P + N + Math.round(share * 100) + (ta ? 7 : 0) + (tb ? 13 : 0);
            const { a, b } = operands(M, P, N, pattern, share, seed);
            const bias = share === 0.5 ? lcgValues(Float32Array, N, seed + 3, 1) : null;
            if (bias) bias[0] = -0;
            const { got, want, compact } = both(variant, a, b, M, P, N, ta, tb, bias);
            assertSame(variant, got, want, `${pattern} ${share} ta=${ta} tb=${tb}`);
            if (share === 0) assert.equal(compact, null, `${pattern} ${share} ta=${ta} tb=${tb}: no dead lane, dense`);
            else if (pattern !== 'elements' || share === 1)
              assert.ok(compact !== null, `${pattern} ${share} ta=${ta} tb=${tb}: dead lanes left out`);
          }
    });

test('dead lanes: a zero next to ±Inf or NaN in the other operand is not skipped (0·Inf = NaN), every layout', () => {
  const [M, P, N] = [40, 64, 33];
  for (const variant of variants)
    for (const [ta, tb] of LAYOUTS) {
      const cases: [string, (a: Float32Array, b: Float32Array) => void][] = [
        ['A step 3 dead, B(3, 5) = Inf', (a, b) => { for (let i = 0; i < M; i++) for (let p = 0; p < P; p += 2) a[i * P + p + 1] = 0; b[3 * N + 5] = Infinity; }],
        ['A row 2 dead, B(0, 7) = NaN', (a, b) => { for (let i = 0; i < M; i += 2) a.fill(0, i * P, (i + 1) * P); b[7] = NaN; }],
        ['B column 4 dead, A(6, 9) = -Inf', (a, b) => { for (let p = 0; p < P; p++) for (let j = 0; j < N; j += 2) b[p * N + j] = 0; a[6 * P + 9] = -Infinity; }],
        ['B step 10 dead, A(1, 10) = NaN', (a, b) => { for (let p = 0; p < P; p += 2) b.fill(0, p * N, (p + 1) * N); a[P + 10] = NaN; }],
      ];
      for (const [what, make] of cases) {
        const { a, b } = operands(M, P, N, 'elements', 0, 77);
        make(a, b);
        const { got, want } = both(variant, a, b, M, P, N, ta, tb, null);
        assert.ok(want.some(Number.isNaN), `${what}: the dense product has NaNs`);
        assertSame(variant, got, want, `${variant} ${what} ta=${ta} tb=${tb}`);
      }
      // Inf in A with B finite: A's dead steps still go, and the Inf still reaches its row
      const { a, b } = operands(M, P, N, 'steps of A', 0.5, 78);
      a[2 * P + a.subarray(2 * P, 3 * P).findIndex((v) => v !== 0)] = Infinity;
      const { got, want, compact } = both(variant, a, b, M, P, N, ta, tb, null);
      assert.ok(compact !== null && compact.p < P, 'A\'s dead steps left out');
      assert.ok(want.subarray(2 * N, 3 * N).every((v) => !Number.isFinite(v)), 'row 2 is ±Inf or NaN');
      assertSame(variant, got, want, `${variant} Inf in a live lane ta=${ta} tb=${tb}`);
    }
});

test('unread output columns: left +0 where the marker matrix has an all-zero column (NaN and Inf there too), the rest the dense path\'s', () => {
  const [M, P, N, R] = [37, 70, 45, 9];
  for (const variant of variants)
    for (const [ta, tb] of LAYOUTS) {
      const { a, b } = operands(M, P, N, 'steps of A', 0.5, 91);
      b[3 * N + 4] = Infinity; // column 4 would be NaN where A's step 3 is dead, and ±Inf elsewhere
      b[5 * N + 6] = NaN;
      const marker = lcgValues(Float32Array, R * N, 92, 1);
      const unread = new Set([...Array.from({ length: 22 }, (_, k) => 2 * k), 44]); // half the columns: enough to pay
      for (const j of unread) for (let r = 0; r < R; r++) marker[r * N + j] = r % 2 ? -0 : 0;
      const A = store(a, M, P, ta);
      const B = store(b, P, N, tb);
      const got = new Float32Array(M * N).fill(7);
      const want = new Float32Array(M * N);
      _withGemmVariant(variant, () => {
        assert.equal(packedGemm(A, ta, B, tb, M, P, N, got, null, marker), true);
        assert.ok(_deadLaneStats().last !== null, 'the unread columns were left out');
        assert.equal(_withoutDeadLanes(() => packedGemm(A, ta, B, tb, M, P, N, want)), true);
      });
      for (let i = 0; i < M; i++)
        for (let j = 0; j < N; j++) {
          const g = got[i * N + j];
          const w = want[i * N + j];
          if (unread.has(j)) assert.ok(Object.is(g, 0), `${variant} ta=${ta} tb=${tb} (${i}, ${j}) unread: ${g}`);
          else assert.ok(g === w || (Number.isNaN(g) && Number.isNaN(w)), `${variant} ta=${ta} tb=${tb} (${i}, ${j}): ${g} vs ${w}`);
        }
    }
});

/** The output, every parameter's gradient and (retain_grad) a hidden activation's gradient of a small ReLU or tanh MLP (PyTorch's default init). */
function mlp(act: 'relu' | 'tanh'): Float32Array[] {
  torch.manual_seed(4);
  const layers: nn.Module[] = [];
  for (let i = 0; i < 12; i++) layers.push(new nn.Linear(48, 48), act === 'relu' ? new nn.ReLU() : new nn.Tanh());
  layers.push(new nn.Linear(48, 48));
  let h = torch.randn([40, 48]);
  let kept = h;
  layers.forEach((l, i) => {
    h = l.forward(h);
    if (i === 19) (kept = h).retain_grad(); // the 10th activation: its gradient is read, all of it
  });
  h.sum().backward();
  const params = layers.flatMap((l) => l.parameters());
  return [h.data as Float32Array, kept.grad!.data as Float32Array, ...params.map((p) => p.grad!.data as Float32Array)];
}

test('dead lanes in a 12-layer ReLU MLP: output and every gradient as the dense path gives them; a tanh MLP never takes the pass', () => {
  for (const variant of variants)
    _withGemmVariant(variant, () => {
      const before = _deadLaneStats().compacted;
      const sparse = mlp('relu');
      assert.ok(_deadLaneStats().compacted > before + 5, 'ReLU\'s dead units were left out');
      assert.ok(sparse[1].some((v) => v !== 0), 'the retained activation gradient is not all zero');
      const dense = _withoutDeadLanes(() => mlp('relu'));
      sparse.forEach((x, k) => assertSame(variant, x, dense[k], `${variant} relu tensor ${k}`));
      const mid = _deadLaneStats().compacted;
      mlp('tanh');
      assert.equal(_deadLaneStats().compacted, mid, 'tanh has no exact zeros: every product dense');
    });
});

rerunWithRelaxed(__filename, /dead lanes \(relaxed\) 256×256×256/);
