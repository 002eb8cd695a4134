// softmax / log_softmax / softmin along a dim, numerically stable (max subtracted).
import type { DType, FloatArray } from './dtype';
import { alloc, rounder } from './dtype';
import { gradBuffer, needsGrad, record } from './autograd';
import { Tensor } from './tensor';
import { normalizeDim, numelOf } from './shape';
import { warn } from './warnings';
import { toDtype } from './ops/view';
import { neg } from './ops/unary';
import { exp as fexp } from './fastmath';
import { simdSoftmaxBackwardRows, simdSoftmaxRows } from './wasm/simd';

/** PyTorch's `_get_softmax_dim`: the legacy choice when no dim is given, with its warning. */
export function implicitDim(name: string, ndim: number): number {
  warn(`Implicit dimension choice for ${name} has been deprecated. Change the call to include dim=X as an argument.`);
  return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}

interface Layout {
  outer: number;
  size: number;
  inner: number;
}

function layout(shape: number[], dim: number): Layout {
  if (shape.length === 0) return { outer: 1, size: 1, inner: 1 };
  return { outer: numelOf(shape.slice(0, dim)), size: shape[dim], inner: numelOf(shape.slice(dim + 1)) };
}

/** Rows contiguous (softmax over the last dim), float64: the hot path, no rounding calls. */
function forwardRows64(d: FloatArray, o: FloatArray, rows: number, size: number, log: boolean): void {
  for (let r = 0; r < rows; r++) {
    const base = r * size;
    let m = -Infinity;
    for (let k = 0; k < size; k++) {
      const v = d[base + k];
      if (v > m || v !== v) m = v;
    }
    if (m === -Infinity) m = 0;
    let s = 0;
    if (log) {
      for (let k = 0; k < size; k++) s += fexp(d[base + k] - m);
      const ls = Math.log(s);
      for (let k = 0; k < size; k++) o[base + k] = d[base + k] - m - ls;
    } else {
      for (let k = 0; k < size; k++) {
        const e = fexp(d[base + k] - m);
        o[base + k] = e;
        s += e;
      }
      const inv = 1 / s;
      for (let k = 0; k < size; k++) o[base + k] *= inv;
    }
  }
}

function forward(d: FloatArray, o: FloatArray, L: Layout, log: boolean, dtype: DType): void {
  if (dtype === 'float64' && L.inner === 1) {
    // the same loop on WebAssembly SIMD when it is available: same exp, same values
    if (!log && simdSoftmaxRows(d as Float64Array, o as Float64Array, L.outer, L.size)) return;
    return forwardRows64(d, o, L.outer, L.size, log);
  }
  const R = rounder(dtype);
  const { outer, size, inner } = L;
  for (let a = 0; a < outer; a++)
    for (let j = 0; j < inner; j++) {
      const base = a * size * inner + j;
      let m = -Infinity;
      for (let k = 0; k < size; k++) {
        const v = d[base + k * inner];
        if (v > m || v !== v) m = v;
      }
      if (m === -Infinity || m === Infinity) m = m === Infinity ? m : 0;
      let s = 0;
      if (log) {
        for (let k = 0; k < size; k++) s += R(fexp(R(d[base + k * inner] - m)));
        const ls = R(Math.log(R(s)));
        for (let k = 0; k < size; k++) o[base + k * inner] = R(d[base + k * inner] - m) - ls;
      } else {
        for (let k = 0; k < size; k++) {
          const e = R(fexp(R(d[base + k * inner] - m)));
          o[base + k * inner] = e;
          s += e;
        }
        // PyTorch multiplies by the reciprocal of the sum
        const inv = R(1 / R(s));
        for (let k = 0; k < size; k++) o[base + k * inner] *= inv;
      }
    }
}

function run(x: Tensor, dim: number | null | undefined, dtype: DType | undefined, name: string, log: boolean): Tensor {
  if (dim === null || dim === undefined) dim = implicitDim(name, x.shape.length);
  const src = dtype && dtype !== x.dtype ? toDtype(x, dtype) : x;
  const dd = normalizeDim(dim, src.shape.length);
  const L = layout(src.shape, dd);
  const od = alloc(src.dtype, src.data.length);
  forward(src.data, od, L, log, src.dtype);
  const out = Tensor._make(od, [...src.shape], src.dtype);
  if (needsGrad(src)) {
    record(
      out,
      log ? 'LogSoftmaxBackward0' : 'SoftmaxBackward0',
      [src],
      (g, owned) => {
        // in place is safe: each slice reads all of g before writing
        const gi = gradBuffer(g, owned, src);
        const { outer, size, inner } = L;
        if (inner === 1 && !log && src.dtype === 'float64' && simdSoftmaxBackwardRows(g as Float64Array, od as Float64Array, gi as Float64Array, outer, size))
          return [gi];
        if (inner === 1) {
          for (let a = 0; a < outer; a++) {
            const base = a * size;
            let s = 0;
            if (log) {
              for (let k = 0; k < size; k++) s += g[base + k];
              for (let k = 0; k < size; k++) gi[base + k] = g[base + k] - fexp(od[base + k]) * s;
            } else {
              for (let k = 0; k < size; k++) s += g[base + k] * od[base + k];
              for (let k = 0; k < size; k++) gi[base + k] = od[base + k] * (g[base + k] - s);
            }
          }
          return [gi];
        }
        for (let a = 0; a < outer; a++)
          for (let j = 0; j < inner; j++) {
            const base = a * size * inner + j;
            let s = 0;
            if (log) {
              for (let k = 0; k < size; k++) s += g[base + k * inner];
              for (let k = 0; k < size; k++) {
                const i = base + k * inner;
                gi[i] = g[i] - fexp(od[i]) * s;
              }
            } else {
              for (let k = 0; k < size; k++) s += g[base + k * inner] * od[base + k * inner];
              for (let k = 0; k < size; k++) {
                const i = base + k * inner;
                gi[i] = od[i] * (g[i] - s);
              }
            }
          }
        return [gi];
      },
      { output: true },
    );
  }
  return out;
}

export function softmax(x: Tensor, dim?: number | null, dtype?: DType, name = 'softmax'): Tensor {
  return run(x, dim, dtype, name, false);
}

export function log_softmax(x: Tensor, dim?: number | null, dtype?: DType, name = 'log_softmax'): Tensor {
  return run(x, dim, dtype, name, true);
}

export function softmin(x: Tensor, dim?: number | null, dtype?: DType): Tensor {
  if (dim === null || dim === undefined) dim = implicitDim('softmin', x.shape.length);
  const src = dtype && dtype !== x.dtype ? toDtype(x, dtype) : x;
  return run(neg(src), dim, undefined, 'softmin', false);
}
