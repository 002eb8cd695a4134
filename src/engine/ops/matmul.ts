// 2-D matrix product. Loops run i-k-j so the innermost loop walks both operands contiguously.
import type { FloatArray } from '../dtype';
import { alloc, promoteTypes } from '../dtype';
import { needsGrad, record } from '../autograd';
import { Tensor } from '../tensor';
import { RuntimeError } from '../errors';
import { reshape } from './view';

/** C (M×N) = A (M×K) · B (K×N), accumulated in double per row, k unrolled by 4. */
function gemm(A: FloatArray, B: FloatArray, M: number, K: number, N: number, out: FloatArray): void {
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
  const row = new Float64Array(N);
  const K4 = K - (K % 4);
  for (let i = 0; i < M; i++) {
    row.fill(0);
    const ai = i * K;
    let k = 0;
    for (; k < K4; k += 4) {
      const a0 = A[ai + k];
      const a1 = A[ai + k + 1];
      const a2 = A[ai + k + 2];
      const a3 = A[ai + k + 3];
      const b0 = k * N;
      const b1 = b0 + N;
      const b2 = b1 + N;
      const b3 = b2 + N;
      for (let j = 0; j < N; j++) row[j] += a0 * B[b0 + j] + a1 * B[b1 + j] + a2 * B[b2 + j] + a3 * B[b3 + j];
    }
    for (; k < K; k++) {
      const a = A[ai + k];
      const bk = k * N;
      for (let j = 0; j < N; j++) row[j] += a * B[bk + j];
    }
    const ci = i * N;
    for (let j = 0; j < N; j++) out[ci + j] = row[j];
  }
}

/**
 * C (M×K) = G (M×N) · Bᵀ where B is K×N. Bᵀ is small (a weight matrix), so transpose it
 * once and reuse the i-k-j kernel: row-by-row dot products would run inner loops of length
 * N, which is 1 for an output layer.
 */
function gemmNT(G: FloatArray, B: FloatArray, M: number, N: number, K: number, out: FloatArray): void {
  const BT = new Float64Array(N * K);
  for (let k = 0; k < K; k++) for (let j = 0; j < N; j++) BT[j * K + k] = B[k * N + j];
  gemm(G, BT, M, N, K, out);
}

/** C (K×N) = Aᵀ · G where A is M×K and G is M×N. */
function gemmTN(A: FloatArray, G: FloatArray, M: number, K: number, N: number, out: FloatArray): void {
  const acc = new Float64Array(K * N);
  if (N === 1) {
    for (let i = 0; i < M; i++) {
      const gv = G[i];
      const ai = i * K;
      for (let k = 0; k < K; k++) acc[k] += A[ai + k] * gv;
    }
    out.set(acc);
    return;
  }
  const M4 = M - (M % 4);
  let i = 0;
  // four rows of A and G per pass: each acc row is loaded and stored once per 4 rows
  for (; i < M4; i += 4) {
    const g0 = i * N;
    const g1 = g0 + N;
    const g2 = g1 + N;
    const g3 = g2 + N;
    for (let k = 0; k < K; k++) {
      const a0 = A[i * K + k];
      const a1 = A[(i + 1) * K + k];
      const a2 = A[(i + 2) * K + k];
      const a3 = A[(i + 3) * K + k];
      const ck = k * N;
      for (let j = 0; j < N; j++) acc[ck + j] += a0 * G[g0 + j] + a1 * G[g1 + j] + a2 * G[g2 + j] + a3 * G[g3 + j];
    }
  }
  for (; i < M; i++) {
    const gi = i * N;
    for (let k = 0; k < K; k++) {
      const a = A[i * K + k];
      const ck = k * N;
      for (let j = 0; j < N; j++) acc[ck + j] += a * G[gi + j];
    }
  }
  out.set(acc);
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
  gemm(a.data, b.data, M, K, N, od);
  const out = Tensor._make(od, [M, N], dtype);
  if (needsGrad(a, b)) {
    record(
      out,
      'MmBackward0',
      [a, b],
      (g) => {
        let ga: FloatArray | null = null;
        let gb: FloatArray | null = null;
        if (a.requires_grad) {
          ga = alloc(a.dtype, M * K);
          gemmNT(g, b.data, M, N, K, ga);
        }
        if (b.requires_grad) {
          gb = alloc(b.dtype, K * N);
          gemmTN(a.data, g, M, K, N, gb);
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
