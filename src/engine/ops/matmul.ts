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
 * C (M×N) = A (M×K) · B (K×N) into `out` (which starts at zero), accumulated in double.
 * Every element is summed in the same order: k in blocks of four,
 * c += ((a₀b₀ + a₁b₁) + a₂b₂) + a₃b₃, then the leftover k one by one; the main part
 * keeps a 2×4 block of outputs in registers so each load of A and B serves several products.
 */
function gemm(A: Float64Array, B: Float64Array, M: number, K: number, N: number, out: Float64Array): void {
  if (N === 1) {
    // matrix-vector: plain dot products
    for (let i = 0; i < M; i++) {
      const ai = i * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[ai + k] * B[k];
      out[i] = s;
    }
    return;
  }
  const K4 = K - (K % 4);
  const N4 = N - (N % 4);
  const M2 = M - (M % 2);
  for (let i = 0; i < M2; i += 2) {
    const ai = i * K;
    const ai2 = ai + K;
    const ci = i * N;
    const ci2 = ci + N;
    for (let j = 0; j < N4; j += 4) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
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
        const b0 = k * N + j;
        const b1 = b0 + N;
        const b2 = b1 + N;
        const b3 = b2 + N;
        let x0 = B[b0];
        let x1 = B[b1];
        let x2 = B[b2];
        let x3 = B[b3];
        s0 += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
        t0 += c0 * x0 + c1 * x1 + c2 * x2 + c3 * x3;
        x0 = B[b0 + 1];
        x1 = B[b1 + 1];
        x2 = B[b2 + 1];
        x3 = B[b3 + 1];
        s1 += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
        t1 += c0 * x0 + c1 * x1 + c2 * x2 + c3 * x3;
        x0 = B[b0 + 2];
        x1 = B[b1 + 2];
        x2 = B[b2 + 2];
        x3 = B[b3 + 2];
        s2 += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
        t2 += c0 * x0 + c1 * x1 + c2 * x2 + c3 * x3;
        x0 = B[b0 + 3];
        x1 = B[b1 + 3];
        x2 = B[b2 + 3];
        x3 = B[b3 + 3];
        s3 += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
        t3 += c0 * x0 + c1 * x1 + c2 * x2 + c3 * x3;
      }
      for (; k < K; k++) {
        const a = A[ai + k];
        const c = A[ai2 + k];
        const b = k * N + j;
        const x0 = B[b];
        const x1 = B[b + 1];
        const x2 = B[b + 2];
        const x3 = B[b + 3];
        s0 += a * x0;
        s1 += a * x1;
        s2 += a * x2;
        s3 += a * x3;
        t0 += c * x0;
        t1 += c * x1;
        t2 += c * x2;
        t3 += c * x3;
      }
      out[ci + j] = s0;
      out[ci + j + 1] = s1;
      out[ci + j + 2] = s2;
      out[ci + j + 3] = s3;
      out[ci2 + j] = t0;
      out[ci2 + j + 1] = t1;
      out[ci2 + j + 2] = t2;
      out[ci2 + j + 3] = t3;
    }
    for (let j = N4; j < N; j++) {
      out[ci + j] = cell(A, B, ai, K, K4, N, j);
      out[ci2 + j] = cell(A, B, ai2, K, K4, N, j);
    }
  }
  for (let i = M2; i < M; i++) for (let j = 0; j < N; j++) out[i * N + j] = cell(A, B, i * K, K, K4, N, j);
}

/** One element of gemm's product, summed in gemm's order. */
function cell(A: Float64Array, B: Float64Array, ai: number, K: number, K4: number, N: number, j: number): number {
  let s = 0;
  let k = 0;
  for (; k < K4; k += 4) {
    const b0 = k * N + j;
    s += A[ai + k] * B[b0] + A[ai + k + 1] * B[b0 + N] + A[ai + k + 2] * B[b0 + 2 * N] + A[ai + k + 3] * B[b0 + 3 * N];
  }
  for (; k < K; k++) s += A[ai + k] * B[k * N + j];
  return s;
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

/**
 * C (M×K) = G (M×N) · Bᵀ where B is K×N. Bᵀ is small (a weight matrix), so transpose it
 * once and reuse the i-k-j kernel: row-by-row dot products would run inner loops of length
 * N, which is 1 for an output layer.
 */
function gemmNT(G: Float64Array, B: Float64Array, M: number, N: number, K: number, out: Float64Array): void {
  const BT = new Float64Array(N * K);
  for (let k = 0; k < K; k++) for (let j = 0; j < N; j++) BT[j * K + k] = B[k * N + j];
  gemm(G, BT, M, N, K, out);
}

/**
 * C (K×N) = Aᵀ · G where A is M×K and G is M×N: gemm on Aᵀ (transposed once, it is as big
 * as an activation), which sums over i in the order the gradient always used (blocks of
 * four rows, then the rest; one row at a time when N = 1).
 */
function gemmTN(A: Float64Array, G: Float64Array, M: number, K: number, N: number, out: Float64Array): void {
  const AT = new Float64Array(K * M);
  for (let i = 0; i < M; i++) {
    const ai = i * K;
    for (let k = 0; k < K; k++) AT[k * M + i] = A[ai + k];
  }
  gemm(AT, G, K, M, N, out);
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
  const Bm = f64(b.data);
  into(od, M * N, (acc) => gemm(A, Bm, M, K, N, acc));
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
