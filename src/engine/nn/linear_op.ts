// F.linear(x, W, b) = x·Wᵀ + b. In float32 one node (PyTorch's AddmmBackward0) on the SIMD
// matrix kernels, which read W and the gradients transposed in place: no Wᵀ copy, and the
// backward's two products go straight to the kernel. Elsewhere (float64, products too small for
// the kernels) the engine's own ops: TBackward0, MmBackward0, AddBackward0 — the same values.
import { Tensor } from '../tensor';
import { RuntimeError } from '../errors';
import { empty, type FloatArray } from '../dtype';
import { borrowed, gradUnreadWhereNotPositive, markZeroedWhereNotPositive, needsGrad, record } from '../autograd';
import { mm } from '../ops/matmul';
import { t } from '../ops/view';
import { add } from '../ops/binary';
import { simdGemm, simdColumnSums32 } from '../wasm/simd';

export function linear(x: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  if (x.shape.length !== 2) throw new RuntimeError(`linear: expected a 2-D input (batch, features), got ${x.shape.length}-D`);
  const [M, K] = x.shape;
  const [N, K2] = weight.shape;
  if (K !== K2) throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${M}x${K} and ${K2}x${N})`);
  if (x.dtype === 'float32' && weight.dtype === 'float32' && (!bias || bias.dtype === 'float32')) {
    const out = empty('float32', M * N) as Float32Array;
    if (simdGemm(x.data as Float32Array, false, weight.data as Float32Array, true, M, K, N, out, bias ? bias.data as Float32Array : null))
      return fused(x, weight, bias, out, M, K, N);
  }
  const y = mm(x, t(weight));
  return bias ? add(y, bias) : y;
}

let reused = new Float32Array(0);

/** A float32 buffer of n elements shared by every call: its contents last until the next call. */
function reusedBuffer(n: number): Float32Array {
  if (reused.length !== n) reused = new Float32Array(n);
  return reused;
}

/** The node over `out` = x·Wᵀ + b, computed by the kernel. */
function fused(x: Tensor, w: Tensor, b: Tensor | null, out: Float32Array, M: number, K: number, N: number): Tensor {
  const y = Tensor._make(out, [M, N], 'float32');
  if (!needsGrad(x, w, b)) return y;
  return record(
    y,
    'AddmmBackward0',
    [b, x, w],
    (g: FloatArray) => {
      const G = g as Float32Array;
      let gb: FloatArray | null = null;
      let gx: FloatArray | null = null;
      let gw: FloatArray | null = null;
      if (b?.requires_grad) {
        // summed in float64 row after row, as reduceGrad sums a broadcast bias's gradient
        const acc = new Float64Array(N);
        if (!simdColumnSums32(G, M * N, N, acc)) for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) acc[j] += G[i * N + j];
        gb = empty('float32', N);
        gb.set(acc);
      }
      if (x.requires_grad) {
        gx = empty('float32', M * K);
        // behind ReLU, x's all-zero columns (units dead for the whole batch) get a gradient ReLU's
        // backward sets to 0 whatever it is: the product may skip them, and applies that backward
        // itself while its output is in cache (ReLU's node then passes gx on untouched)
        const unread = gradUnreadWhereNotPositive(x) ? x.data as Float32Array : null;
        if (simdGemm(G, false, w.data as Float32Array, false, M, N, K, gx as Float32Array, null, unread, unread !== null)) {
          if (unread) markZeroedWhereNotPositive(gx, unread);
        } else gx = mm(Tensor._make(G, [M, N], 'float32'), w.detach()).data;
      }
      if (w.requires_grad) {
        // a leaf's gradient is added into its .grad (or copied there, the first time) as soon as
        // this formula returns: the product may go to a buffer the next layer's backward reuses,
        // sparing an allocation (and the collections the allocations bring on) per layer
        const leaf = w.grad_fn === null;
        gw = leaf ? reusedBuffer(N * K) : empty('float32', N * K);
        if (!simdGemm(G, true, x.data as Float32Array, false, N, M, K, gw as Float32Array)) gw = mm(t(Tensor._make(G, [M, N], 'float32')), x.detach()).data;
        else if (leaf) gw = borrowed(gw);
      }
      return [gb, gx, gw];
    },
    { inputs: [x, w] },
  );
}
