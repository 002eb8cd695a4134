// 2-D matrix product. Loops run i-k-j so the innermost loop walks both operands contiguously.
import type { FloatArray } from '../dtype';
import { alloc, promoteTypes } from '../dtype';
import { needsGrad, record } from '../autograd';
import { Tensor } from '../tensor';
import { RuntimeError } from '../errors';
import { reshape } from './view';

/** C (M×N) = A (M×K) · B (K×N), accumulated in double per row. */
function gemm(A: FloatArray, B: FloatArray, M: number, K: number, N: number, out: FloatArray): void {
  const row = new Float64Array(N);
  for (let i = 0; i < M; i++) {
    row.fill(0);
    const ai = i * K;
    for (let k = 0; k < K; k++) {
      const a = A[ai + k];
      const bk = k * N;
      for (let j = 0; j < N; j++) row[j] += a * B[bk + j];
    }
    const ci = i * N;
    for (let j = 0; j < N; j++) out[ci + j] = row[j];
  }
}

/** C (M×K) = G (M×N) · Bᵀ where B is K×N: row-by-row dot products. */
function gemmNT(G: FloatArray, B: FloatArray, M: number, N: number, K: number, out: FloatArray): void {
  for (let i = 0; i < M; i++) {
    const gi = i * N;
    for (let k = 0; k < K; k++) {
      const bk = k * N;
      let s = 0;
      for (let j = 0; j < N; j++) s += G[gi + j] * B[bk + j];
      out[i * K + k] = s;
    }
  }
}

/** C (K×N) = Aᵀ · G where A is M×K and G is M×N. */
function gemmTN(A: FloatArray, G: FloatArray, M: number, K: number, N: number, out: FloatArray): void {
  const acc = new Float64Array(K * N);
  for (let i = 0; i < M; i++) {
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
