// 2-D matrix product. Loops run i-k-j so the innermost loop walks both operands contiguously.
import type { FloatArray } from '../dtype';
import { alloc, promoteTypes } from '../dtype';
import { needsGrad, record } from '../autograd';
import { Tensor } from '../tensor';
import { RuntimeError } from '../errors';
import { reshape } from './view';

/**
 * The kernels read Float64Array operands only: float32 inputs are widened once (exactly),
 * so every element load in the inner loops is monomorphic for the JIT.
 */
function f64(a: FloatArray): Float64Array {
  if (a instanceof Float64Array) return a;
  // a JIT-compiled loop: the typed-array constructor converts element by element in C++, slower
  const n = a.length;
  const o = new Float64Array(n);
  for (let i = 0; i < n; i++) o[i] = a[i];
  return o;
}

/**
 * C (M×N) = A (M×K) · B (K×N) into `out`, accumulated in double, with B given transposed
 * (BT is N×K): every output is a dot product of two contiguous rows. Every element is summed
 * in the same order: k in blocks of four, c += ((a₀b₀ + a₁b₁) + a₂b₂) + a₃b₃, then the
 * leftover k one by one (one by one throughout for matrix-vector); the main part keeps a
 * 2×2 block of outputs in registers so each load serves two products.
 */
function gemm(A: Float64Array, BT: Float64Array, M: number, K: number, N: number, out: Float64Array): void {
  if (N === 1) {
    // matrix-vector: plain dot products
    for (let i = 0; i < M; i++) {
      const ai = i * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[ai + k] * BT[k];
      out[i] = s;
    }
    return;
  }
  const K4 = K - (K % 4);
  const N2 = N - (N % 2);
  const M2 = M - (M % 2);
  for (let i = 0; i < M2; i += 2) {
    const ai = i * K;
    const ai2 = ai + K;
    const ci = i * N;
    const ci2 = ci + N;
    for (let j = 0; j < N2; j += 2) {
      const bj = j * K;
      const bj2 = bj + K;
      let s0 = 0;
      let s1 = 0;
      let t0 = 0;
      let t1 = 0;
      let k = 0;
      for (; k < K4; k += 4) {
        const a0 = A[ai + k];
        const a1 = A[ai + k + 1];
        const a2 = A[ai + k + 2];
        const a3 = A[ai + k + 3];
        const c0 = A[ai2 + k];
        const c1 = A[ai2 + k + 1];
        const c2 = A[ai2 + k + 2];
        const c3 = A[ai2 + k + 3];
        let x0 = BT[bj + k];
        let x1 = BT[bj + k + 1];
        let x2 = BT[bj + k + 2];
        let x3 = BT[bj + k + 3];
        s0 += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
        t0 += c0 * x0 + c1 * x1 + c2 * x2 + c3 * x3;
        x0 = BT[bj2 + k];
        x1 = BT[bj2 + k + 1];
        x2 = BT[bj2 + k + 2];
        x3 = BT[bj2 + k + 3];
        s1 += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
        t1 += c0 * x0 + c1 * x1 + c2 * x2 + c3 * x3;
      }
      for (; k < K; k++) {
        const a = A[ai + k];
        const c = A[ai2 + k];
        const x0 = BT[bj + k];
        const x1 = BT[bj2 + k];
        s0 += a * x0;
        s1 += a * x1;
        t0 += c * x0;
        t1 += c * x1;
      }
      out[ci + j] = s0;
      out[ci + j + 1] = s1;
      out[ci2 + j] = t0;
      out[ci2 + j + 1] = t1;
    }
    for (let j = N2; j < N; j++) {
      out[ci + j] = cell(A, BT, ai, j * K, K, K4);
      out[ci2 + j] = cell(A, BT, ai2, j * K, K, K4);
    }
  }
  for (let i = M2; i < M; i++) for (let j = 0; j < N; j++) out[i * N + j] = cell(A, BT, i * K, j * K, K, K4);
}

/** One element of gemm's product (rows of A and BT at `ai`, `bj`), summed in gemm's order. */
function cell(A: Float64Array, BT: Float64Array, ai: number, bj: number, K: number, K4: number): number {
  let s = 0;
  let k = 0;
  for (; k < K4; k += 4)
    s += A[ai + k] * BT[bj + k] + A[ai + k + 1] * BT[bj + k + 1] + A[ai + k + 2] * BT[bj + k + 2] + A[ai + k + 3] * BT[bj + k + 3];
  for (; k < K; k++) s += A[ai + k] * BT[bj + k];
  return s;
}

/** The transpose of a rows×cols matrix. */
function transpose(src: Float64Array, rows: number, cols: number): Float64Array {
  if (rows === 1 || cols === 1) return src;
  const t = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let c = 0; c < cols; c++) t[c * rows + r] = src[o + c];
  }
  return t;
}

/** Runs a kernel into a double buffer and stores it in `out` (one rounding for float32). */
function into(out: FloatArray, n: number, k: (acc: Float64Array) => void): void {
  if (out instanceof Float64Array) {
    k(out);
    return;
  }
  const acc = new Float64Array(n);
  k(acc);
  for (let i = 0; i < n; i++) out[i] = acc[i];
}

/** C (M×K) = G (M×N) · Bᵀ where B is K×N: B is already Bᵀ's transpose, as gemm wants it. */
function gemmNT(G: Float64Array, B: Float64Array, M: number, N: number, K: number, out: Float64Array): void {
  gemm(G, B, M, N, K, out);
}

/**
 * C (K×N) = Aᵀ · G where A is M×K and G is M×N: gemm on Aᵀ and Gᵀ (each as big as an
 * activation), which sums over i in the order the gradient always used (blocks of four rows,
 * then the rest; one row at a time when N = 1).
 */
function gemmTN(A: Float64Array, G: Float64Array, M: number, K: number, N: number, out: Float64Array): void {
  gemm(transpose(A, M, K), transpose(G, M, N), K, M, N, out);
}

export function mm(a: Tensor, b: Tensor): Tensor {
  if (a.shape.length !== 2) throw new RuntimeError('self must be a matrix');
  if (b.shape.length !== 2) throw new RuntimeError('mat2 must be a matrix');
  const [M, K] = a.shape;
  const [K2, N] = b.shape;
  if (K !== K2)
    throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${M}x${K} and ${K2}x${N})`);
  if (a.dtype !== b.dtype)
    throw new RuntimeError(`expected scalar type ${cap(a.dtype)} but found ${cap(b.dtype)}`);
  const dtype = promoteTypes(a.dtype, 2, b.dtype, 2);
  const od = alloc(dtype, M * N);
  const A = f64(a.data);
  const BT = transpose(f64(b.data), K, N);
  into(od, M * N, (acc) => gemm(A, BT, M, K, N, acc));
  const out = Tensor._make(od, [M, N], dtype);
  if (needsGrad(a, b)) {
    record(
      out,
      'MmBackward0',
      [a, b],
      (g) => {
        let ga: FloatArray | null = null;
        let gb: FloatArray | null = null;
        const G = f64(g);
        if (a.requires_grad) {
          ga = alloc(a.dtype, M * K);
          const Bb = f64(b.data);
          into(ga, M * K, (acc) => gemmNT(G, Bb, M, N, K, acc));
        }
        if (b.requires_grad) {
          gb = alloc(b.dtype, K * N);
          const Ab = f64(a.data);
          into(gb, K * N, (acc) => gemmTN(Ab, G, M, K, N, acc));
        }
        return [ga, gb];
      },
      { inputs: [...(b.requires_grad ? [a] : []), ...(a.requires_grad ? [b] : [])] },
    );
  }
  return out;
}

function cap(d: string): string {
  return d === 'float64' ? 'Double' : 'Float';
}

/** PyTorch's matmul for 1-D and 2-D operands. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const da = a.shape.length;
  const db = b.shape.length;
  if (da === 2 && db === 2) return mm(a, b);
  if (da === 1 && db === 1) {
    if (a.shape[0] !== b.shape[0])
      throw new RuntimeError(
        `inconsistent tensor size, expected tensor [${a.shape[0]}] and src [${b.shape[0]}] to have the same number of elements, but got ${a.shape[0]} and ${b.shape[0]} elements respectively`,
      );
    return reshape(mm(reshape(a, [1, -1]), reshape(b, [-1, 1])), []);
  }
  if (da === 2 && db === 1) return reshape(mm(a, reshape(b, [-1, 1])), [-1]);
  if (da === 1 && db === 2) return reshape(mm(reshape(a, [1, -1]), b), [-1]);
  throw new RuntimeError(`matmul: only 1-D and 2-D operands are supported (got ${da}-D and ${db}-D)`);
}
