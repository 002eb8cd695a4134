// 2-D matrix product: dot products of contiguous rows (A·B against a transposed B, G·Bᵀ as is)
// and row-wise rank-one updates for Aᵀ·G, so no kernel walks a column.
import type { FloatArray } from '../dtype';
import { alloc } from '../dtype';
import { needsGrad, record } from '../autograd';
import { Tensor } from '../tensor';
import { RuntimeError } from '../errors';
import { simdGemm } from '../wasm/simd';

/**
 * C (M×N) = A (M×K) · B (K×N) into `out`, accumulated in double, with B given transposed
 * (BT is N×K): every output is a dot product of two contiguous rows. Every element is summed
 * in the same order: k in blocks of four, c += ((a₀b₀ + a₁b₁) + a₂b₂) + a₃b₃, then the
 * leftover k one by one (one by one throughout for matrix-vector); the main part keeps a
 * 2×2 block of outputs in registers so each load serves two products.
 *
 * The kernels come in one copy per dtype (gemm64/gemm32, …): a loop whose loads have seen both
 * Float32Array and Float64Array pays a map dispatch per element, and widening float32 operands
 * to float64 first costs a copy per call. Float32 elements load exactly as doubles, sums stay
 * in double and each output is rounded once when stored.
 */
function gemm64(A: Float64Array, BT: Float64Array, M: number, K: number, N: number, out: Float64Array): void {
  if (N === 1) {
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
      out[ci + j] = cell64(A, BT, ai, j * K, K, K4);
      out[ci2 + j] = cell64(A, BT, ai2, j * K, K, K4);
    }
  }
  for (let i = M2; i < M; i++) for (let j = 0; j < N; j++) out[i * N + j] = cell64(A, BT, i * K, j * K, K, K4);
}

/** One element of gemm's product (rows of A and BT at `ai`, `bj`), summed in gemm's order. */
function cell64(A: Float64Array, BT: Float64Array, ai: number, bj: number, K: number, K4: number): number {
  let s = 0;
  let k = 0;
  for (; k < K4; k += 4)
    s += A[ai + k] * BT[bj + k] + A[ai + k + 1] * BT[bj + k + 1] + A[ai + k + 2] * BT[bj + k + 2] + A[ai + k + 3] * BT[bj + k + 3];
  for (; k < K; k++) s += A[ai + k] * BT[bj + k];
  return s;
}

/**
 * C (K×N) = Aᵀ · G for A (M×K) and G (M×N), both read row by row (no transposes): rank-one
 * updates of a double accumulator, four rows of A and G at a time, so every element is summed
 * over i in gemm's order (c += ((a₀g₀ + a₁g₁) + a₂g₂) + a₃g₃, leftover rows one by one; one by
 * one throughout when N = 1, gemm's matrix-vector order).
 */
function gemmTN64(A: Float64Array, G: Float64Array, M: number, K: number, N: number, acc: Float64Array): void {
  const M4 = N === 1 ? 0 : M - (M % 4);
  let i = 0;
  for (; i < M4; i += 4) {
    const a0 = i * K;
    const a1 = a0 + K;
    const a2 = a1 + K;
    const a3 = a2 + K;
    const g0 = i * N;
    const g1 = g0 + N;
    const g2 = g1 + N;
    const g3 = g2 + N;
    let k = 0;
    // two rows of the accumulator per pass: each load of G serves two products
    for (; k + 1 < K; k += 2) {
      const x0 = A[a0 + k];
      const x1 = A[a1 + k];
      const x2 = A[a2 + k];
      const x3 = A[a3 + k];
      const y0 = A[a0 + k + 1];
      const y1 = A[a1 + k + 1];
      const y2 = A[a2 + k + 1];
      const y3 = A[a3 + k + 1];
      const c = k * N;
      const d = c + N;
      for (let j = 0; j < N; j++) {
        const h0 = G[g0 + j];
        const h1 = G[g1 + j];
        const h2 = G[g2 + j];
        const h3 = G[g3 + j];
        acc[c + j] += x0 * h0 + x1 * h1 + x2 * h2 + x3 * h3;
        acc[d + j] += y0 * h0 + y1 * h1 + y2 * h2 + y3 * h3;
      }
    }
    for (; k < K; k++) {
      const x0 = A[a0 + k];
      const x1 = A[a1 + k];
      const x2 = A[a2 + k];
      const x3 = A[a3 + k];
      const c = k * N;
      for (let j = 0; j < N; j++) acc[c + j] += x0 * G[g0 + j] + x1 * G[g1 + j] + x2 * G[g2 + j] + x3 * G[g3 + j];
    }
  }
  for (; i < M; i++) {
    const a0 = i * K;
    const g0 = i * N;
    for (let k = 0; k < K; k++) {
      const x0 = A[a0 + k];
      const c = k * N;
      for (let j = 0; j < N; j++) acc[c + j] += x0 * G[g0 + j];
    }
  }
}

function transpose64(src: Float64Array, rows: number, cols: number): Float64Array {
  if (rows === 1 || cols === 1) return src;
  const t = alloc('float64', rows * cols) as Float64Array;
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let c = 0; c < cols; c++) t[c * rows + r] = src[o + c];
  }
  return t;
}

/** float32 copies of the kernels above: float32 operands and results, sums in double. */
function gemm32(A: Float32Array, BT: Float32Array, M: number, K: number, N: number, out: Float32Array): void {
  if (N === 1) {
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
      out[ci + j] = cell32(A, BT, ai, j * K, K, K4);
      out[ci2 + j] = cell32(A, BT, ai2, j * K, K, K4);
    }
  }
  for (let i = M2; i < M; i++) for (let j = 0; j < N; j++) out[i * N + j] = cell32(A, BT, i * K, j * K, K, K4);
}

/** One element of gemm's product (rows of A and BT at `ai`, `bj`), summed in gemm's order. */
function cell32(A: Float32Array, BT: Float32Array, ai: number, bj: number, K: number, K4: number): number {
  let s = 0;
  let k = 0;
  for (; k < K4; k += 4)
    s += A[ai + k] * BT[bj + k] + A[ai + k + 1] * BT[bj + k + 1] + A[ai + k + 2] * BT[bj + k + 2] + A[ai + k + 3] * BT[bj + k + 3];
  for (; k < K; k++) s += A[ai + k] * BT[bj + k];
  return s;
}

/**
 * C (K×N) = Aᵀ · G for A (M×K) and G (M×N), both read row by row (no transposes): rank-one
 * updates of a double accumulator, four rows of A and G at a time, so every element is summed
 * over i in gemm's order (c += ((a₀g₀ + a₁g₁) + a₂g₂) + a₃g₃, leftover rows one by one; one by
 * one throughout when N = 1, gemm's matrix-vector order).
 */
function gemmTN32(A: Float32Array, G: Float32Array, M: number, K: number, N: number, acc: Float64Array): void {
  const M4 = N === 1 ? 0 : M - (M % 4);
  let i = 0;
  for (; i < M4; i += 4) {
    const a0 = i * K;
    const a1 = a0 + K;
    const a2 = a1 + K;
    const a3 = a2 + K;
    const g0 = i * N;
    const g1 = g0 + N;
    const g2 = g1 + N;
    const g3 = g2 + N;
    let k = 0;
    // two rows of the accumulator per pass: each load of G serves two products
    for (; k + 1 < K; k += 2) {
      const x0 = A[a0 + k];
      const x1 = A[a1 + k];
      const x2 = A[a2 + k];
      const x3 = A[a3 + k];
      const y0 = A[a0 + k + 1];
      const y1 = A[a1 + k + 1];
      const y2 = A[a2 + k + 1];
      const y3 = A[a3 + k + 1];
      const c = k * N;
      const d = c + N;
      for (let j = 0; j < N; j++) {
        const h0 = G[g0 + j];
        const h1 = G[g1 + j];
        const h2 = G[g2 + j];
        const h3 = G[g3 + j];
        acc[c + j] += x0 * h0 + x1 * h1 + x2 * h2 + x3 * h3;
        acc[d + j] += y0 * h0 + y1 * h1 + y2 * h2 + y3 * h3;
      }
    }
    for (; k < K; k++) {
      const x0 = A[a0 + k];
      const x1 = A[a1 + k];
      const x2 = A[a2 + k];
      const x3 = A[a3 + k];
      const c = k * N;
      for (let j = 0; j < N; j++) acc[c + j] += x0 * G[g0 + j] + x1 * G[g1 + j] + x2 * G[g2 + j] + x3 * G[g3 + j];
    }
  }
  for (; i < M; i++) {
    const a0 = i * K;
    const g0 = i * N;
    for (let k = 0; k < K; k++) {
      const x0 = A[a0 + k];
      const c = k * N;
      for (let j = 0; j < N; j++) acc[c + j] += x0 * G[g0 + j];
    }
  }
}

function transpose32(src: Float32Array, rows: number, cols: number): Float32Array {
  if (rows === 1 || cols === 1) return src;
  const t = alloc('float32', rows * cols) as Float32Array;
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let c = 0; c < cols; c++) t[c * rows + r] = src[o + c];
  }
  return t;
}

/** A reused double accumulator for gemmTN (zeroed on hand-out). */
let scratch = new Float64Array(0);
function accumulator(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, 2 * scratch.length));
  const a = scratch.subarray(0, n);
  a.fill(0);
  return a;
}

/** out (M×N) = A (M×K) · B (K×N). */
function matMul(A: FloatArray, B: FloatArray, M: number, K: number, N: number, out: FloatArray): void {
  if (out instanceof Float64Array) gemm64(A as Float64Array, transpose64(B as Float64Array, K, N), M, K, N, out);
  else if (!simdGemm(A as Float32Array, false, B as Float32Array, false, M, K, N, out))
    gemm32(A as Float32Array, transpose32(B as Float32Array, K, N), M, K, N, out);
}

/** out (M×K) = G (M×N) · Bᵀ where B is K×N: B is already Bᵀ's transpose, as gemm wants it. */
function matMulNT(G: FloatArray, B: FloatArray, M: number, N: number, K: number, out: FloatArray): void {
  if (out instanceof Float64Array) gemm64(G as Float64Array, B as Float64Array, M, N, K, out);
  else if (!simdGemm(G as Float32Array, false, B as Float32Array, true, M, N, K, out)) gemm32(G as Float32Array, B as Float32Array, M, N, K, out);
}

/** out (K×N) = Aᵀ (K×M) · G (M×N). */
function matMulTN(A: FloatArray, G: FloatArray, M: number, K: number, N: number, out: FloatArray): void {
  if (out instanceof Float64Array) {
    gemmTN64(A as Float64Array, G as Float64Array, M, K, N, out);
    return;
  }
  if (simdGemm(A as Float32Array, true, G as Float32Array, false, K, M, N, out as Float32Array)) return;
  // a single column (the gradient of a layer with one output): the same numbers as the row gᵀ·A
  if (N === 1 && simdGemm(G as Float32Array, false, A as Float32Array, false, 1, M, K, out as Float32Array)) return;
  const acc = accumulator(K * N);
  gemmTN32(A as Float32Array, G as Float32Array, M, K, N, acc);
  for (let i = 0; i < acc.length; i++) out[i] = acc[i];
}

export function mm(a: Tensor, b: Tensor): Tensor {
  if (a.shape.length !== 2) throw new RuntimeError('self must be a matrix');
  if (b.shape.length !== 2) throw new RuntimeError('mat2 must be a matrix');
  const [M, K] = a.shape;
  const [K2, N] = b.shape;
  if (K !== K2)
    throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${M}x${K} and ${K2}x${N})`);
  return product(a, b, M, K, N, [M, N], 'MmBackward0');
}

/**
 * a (M×K, or K when M = 1) · b (K×N, or K when N = 1) with the result in `shape`: mm, and
 * matmul's 1-D forms as one node each, named as PyTorch names them (MvBackward0, DotBackward0,
 * SqueezeBackward3 for vector·matrix, which PyTorch computes as unsqueeze, mm, squeeze).
 */
function product(a: Tensor, b: Tensor, M: number, K: number, N: number, shape: number[], name: string): Tensor {
  if (a.dtype !== b.dtype)
    throw new RuntimeError(`expected scalar type ${cap(a.dtype)} but found ${cap(b.dtype)}`);
  const dtype = a.dtype;
  const od = alloc(dtype, M * N);
  matMul(a.data, b.data, M, K, N, od);
  const out = Tensor._make(od, shape, dtype);
  if (needsGrad(a, b)) {
    record(
      out,
      name,
      [a, b],
      (g) => {
        let ga: FloatArray | null = null;
        let gb: FloatArray | null = null;
        // g arrives in the output's dtype (the engine casts incoming gradients)
        if (a.requires_grad) {
          ga = alloc(a.dtype, M * K);
          matMulNT(g, b.data, M, N, K, ga);
        }
        if (b.requires_grad) {
          gb = alloc(b.dtype, K * N);
          matMulTN(a.data, g, M, K, N, gb);
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
    return product(a, b, 1, a.shape[0], 1, [], 'DotBackward0');
  }
  if (da === 2 && db === 1) {
    const [M, K] = a.shape;
    if (K !== b.shape[0])
      throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${M}x${K} and ${b.shape[0]}x1)`);
    return product(a, b, M, K, 1, [M], 'MvBackward0');
  }
  if (da === 1 && db === 2) {
    const [K, N] = b.shape;
    if (a.shape[0] !== K)
      throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (1x${a.shape[0]} and ${K}x${N})`);
    return product(a, b, 1, K, N, [N], 'SqueezeBackward3');
  }
  throw new RuntimeError(`matmul: only 1-D and 2-D operands are supported (got ${da}-D and ${db}-D)`);
}
