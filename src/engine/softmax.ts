// softmax / log_softmax / softmin along a dim, numerically stable (max subtracted).
import type { DType, FloatArray } from './dtype';
import { empty } from './dtype';
import { gradBuffer, needsGrad, record } from './autograd';
import { Tensor } from './tensor';
import { normalizeDim, numelOf } from './shape';
import { warn } from './warnings';
import { toDtype } from './ops/view';
import { neg } from './ops/unary';
import { exp as fexp } from './fastmath';
import { fma32 } from './fma';
import { simdSoftmaxBackwardRows, simdSoftmaxBackwardRows32, simdSoftmaxRows, simdSoftmaxRows32 } from './wasm/simd';

/** PyTorch's `_get_softmax_dim`: the legacy choice when no dim is given, with its warning. */
export function implicitDim(name: string, ndim: number): number {
  warn(`Implicit dimension choice for ${name} has been deprecated. Change the call to include dim=X as an argument.`);
  return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}

interface Layout {
  outer: number;
  size: number;
  inner: number;
  /** dim is the last one (or the input is 0-d): PyTorch's `lastdim` kernels, else the strided ones */
  last: boolean;
}

function layout(shape: number[], dim: number): Layout {
  if (shape.length === 0) return { outer: 1, size: 1, inner: 1, last: true };
  return {
    outer: numelOf(shape.slice(0, dim)),
    size: shape[dim],
    inner: numelOf(shape.slice(dim + 1)),
    last: dim === shape.length - 1,
  };
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

// ---------------------------------------------------------------- float32
// PyTorch 1.13's float32 CPU kernels (the AVX2 build) sum in float32, so their results depend
// on the order of the additions; the functions below add in the same order, rounding each step
// (Math.fround, or a store into a Float32Array). The orders were found by experiment against
// PyTorch 1.13.1 (every row or column of random inputs, rows of 2 to 1000, reproduced bit for
// bit from the exp and log values PyTorch itself computes) and agree with the kernels in
// aten/src/ATen/native/cpu/SoftMaxKernel.cpp:
//
// - dim is the last one (`_vec_softmax_lastdim`, `_vec_log_softmax_lastdim`, and the backward
//   `_vec_host_softmax_backward_lastdim`): `vec::reduce_all` / `map_reduce_all` over the row
//   with one `Vectorized<float>` of 8 lanes. Rows of 8 or more: lane l starts at element l and
//   adds l + 8, l + 16, … in turn; the last partial block adds into the first lanes only; the
//   8 lanes are then folded by AVX2's shuffle tree (`foldLanes`). Rows shorter than 8 are added
//   left to right. Softmax multiplies by the float32 reciprocal of the sum; log_softmax takes
//   x − max − log(sum), each step in float32.
// - any other dim (the kernels vectorised across the inner dim, and their scalar loops for the
//   inner columns left over): each column is summed along dim, left to right, from 0, forward
//   and backward. Softmax divides by the sum there (no reciprocal). A trailing dim of size 1
//   does not make dim the last: (n, 1) along dim 0 takes these kernels too.
// - GCC contracts `acc + x * y` into one fused multiply-add in these kernels: the backward's
//   Σ g·y accumulates with fma (all but the first block of lanes along the last dim; every step
//   along another dim), and log_softmax's g − exp(y)·Σg is one fma. fma32 rounds once, as they do.
//
// What is not reproduced: PyTorch's exp and log are Sleef's vectorised expf/logf (and glibc's
// expf for the scalar tail columns of a non-last dim), which differ from the correctly rounded
// values by one unit now and then; fexp/Math.log rounded to float32 stand in for them.

const f32 = Math.fround;

/** The 8 lanes of a `Vectorized<float>` accumulator; a store rounds to float32. */
const lanes = new Float32Array(8);

/**
 * AVX2 `vec_reduce_all` of the 8 lanes: a 128-bit swap adds lane l + 4 to lane l, a 64-bit
 * swap adds the pairs, a 32-bit swap the last two: ((l0+l4) + (l2+l6)) + ((l1+l5) + (l3+l7)).
 */
function foldLanes(): number {
  const p0 = f32(lanes[0] + lanes[4]);
  const p1 = f32(lanes[1] + lanes[5]);
  const p2 = f32(lanes[2] + lanes[6]);
  const p3 = f32(lanes[3] + lanes[7]);
  return f32(f32(p0 + p2) + f32(p1 + p3));
}

/** `vec::reduce_all(+)` over a[base .. base + n) (n ≥ 1), as PyTorch's lastdim kernels add a row. */
function sumRow32(a: FloatArray, base: number, n: number): number {
  if (n < 8) {
    // one partial vector: its lanes are added into lane 0 left to right
    let s = a[base];
    for (let k = 1; k < n; k++) s = f32(s + a[base + k]);
    return s;
  }
  for (let l = 0; l < 8; l++) lanes[l] = a[base + l];
  let k = 8;
  for (; k + 8 <= n; k += 8) for (let l = 0; l < 8; l++) lanes[l] = lanes[l] + a[base + k + l];
  // the partial last block: lanes past its end keep their value
  for (let l = 0; k + l < n; l++) lanes[l] = lanes[l] + a[base + k + l];
  return foldLanes();
}

/**
 * `vec::map2_reduce_all(x·y, +)` over g and y at [base, base + n): softmax backward's Σ g·y along
 * the last dim. The first block of lanes holds rounded products, the later blocks are fma'd in.
 */
function dotRow32(g: FloatArray, y: FloatArray, base: number, n: number): number {
  if (n < 8) {
    // products of one partial vector, then added into lane 0 left to right
    let s = f32(g[base] * y[base]);
    for (let k = 1; k < n; k++) s = f32(s + f32(g[base + k] * y[base + k]));
    return s;
  }
  for (let l = 0; l < 8; l++) lanes[l] = g[base + l] * y[base + l];
  let k = 8;
  for (; k + 8 <= n; k += 8)
    for (let l = 0; l < 8; l++) lanes[l] = fma32(g[base + k + l], y[base + k + l], lanes[l]);
  for (let l = 0; k + l < n; l++) lanes[l] = fma32(g[base + k + l], y[base + k + l], lanes[l]);
  return foldLanes();
}

/** The row's max as the kernels use it: NaN if any, and 0 in place of −inf (an all −inf row). */
function maxAlong(d: FloatArray, base: number, size: number, stride: number): number {
  let m = -Infinity;
  for (let k = 0; k < size; k++) {
    const v = d[base + k * stride];
    if (v > m || v !== v) m = v;
  }
  return m === -Infinity ? 0 : m;
}

function forward32(d: FloatArray, o: FloatArray, L: Layout, log: boolean): void {
  const { outer, size, inner } = L;
  if (L.last) {
    // the same steps on WebAssembly SIMD when it is available: the same values, bit for bit
    if (!log && simdSoftmaxRows32(d as Float32Array, o as Float32Array, outer, size)) return;
    for (let r = 0; r < outer; r++) {
      const base = r * size;
      const m = maxAlong(d, base, size, 1);
      for (let k = 0; k < size; k++) o[base + k] = f32(fexp(f32(d[base + k] - m)));
      const s = sumRow32(o, base, size);
      if (log) {
        const ls = f32(Math.log(s));
        for (let k = 0; k < size; k++) o[base + k] = f32(f32(d[base + k] - m) - ls);
      } else {
        const inv = f32(1 / s);
        for (let k = 0; k < size; k++) o[base + k] = f32(o[base + k] * inv);
      }
    }
    return;
  }
  for (let a = 0; a < outer; a++)
    for (let j = 0; j < inner; j++) {
      const base = a * size * inner + j;
      const m = maxAlong(d, base, size, inner);
      let s = 0;
      for (let k = 0; k < size; k++) {
        const e = f32(fexp(f32(d[base + k * inner] - m)));
        if (!log) o[base + k * inner] = e;
        s = f32(s + e);
      }
      if (log) {
        const ls = f32(Math.log(s));
        for (let k = 0; k < size; k++) o[base + k * inner] = f32(f32(d[base + k * inner] - m) - ls);
      } else {
        for (let k = 0; k < size; k++) o[base + k * inner] = f32(o[base + k * inner] / s);
      }
    }
}

/** float32 backward into gi (which may be g itself: each slice reads all of g before writing). */
function backward32(g: FloatArray, y: FloatArray, gi: FloatArray, L: Layout, log: boolean): void {
  const { outer, size, inner } = L;
  if (L.last) {
    // softmax's on WebAssembly SIMD when it is available: the same values, bit for bit
    if (!log && simdSoftmaxBackwardRows32(g as Float32Array, y as Float32Array, gi as Float32Array, outer, size)) return;
    for (let r = 0; r < outer; r++) {
      const base = r * size;
      if (log) {
        const s = sumRow32(g, base, size);
        for (let k = 0; k < size; k++) gi[base + k] = fma32(-f32(fexp(y[base + k])), s, g[base + k]);
      } else {
        const s = dotRow32(g, y, base, size);
        for (let k = 0; k < size; k++) gi[base + k] = f32(f32(g[base + k] - s) * y[base + k]);
      }
    }
    return;
  }
  for (let a = 0; a < outer; a++)
    for (let j = 0; j < inner; j++) {
      const base = a * size * inner + j;
      let s = 0;
      if (log) {
        for (let k = 0; k < size; k++) s = f32(s + g[base + k * inner]);
        for (let k = 0; k < size; k++) {
          const i = base + k * inner;
          gi[i] = fma32(-f32(fexp(y[i])), s, g[i]);
        }
      } else {
        for (let k = 0; k < size; k++) s = fma32(g[base + k * inner], y[base + k * inner], s);
        for (let k = 0; k < size; k++) {
          const i = base + k * inner;
          gi[i] = f32(y[i] * f32(g[i] - s));
        }
      }
    }
}

function forward(d: FloatArray, o: FloatArray, L: Layout, log: boolean, dtype: DType): void {
  if (dtype === 'float64' && L.inner === 1) {
    // the same loop on WebAssembly SIMD when it is available: same exp, same values
    if (!log && simdSoftmaxRows(d as Float64Array, o as Float64Array, L.outer, L.size)) return;
    return forwardRows64(d, o, L.outer, L.size, log);
  }
  if (dtype === 'float32') return forward32(d, o, L, log);
  // float64 along a dim that is not the last
  const { outer, size, inner } = L;
  for (let a = 0; a < outer; a++)
    for (let j = 0; j < inner; j++) {
      const base = a * size * inner + j;
      const m = maxAlong(d, base, size, inner);
      let s = 0;
      if (log) {
        for (let k = 0; k < size; k++) s += fexp(d[base + k * inner] - m);
        const ls = Math.log(s);
        for (let k = 0; k < size; k++) o[base + k * inner] = d[base + k * inner] - m - ls;
      } else {
        for (let k = 0; k < size; k++) {
          const e = fexp(d[base + k * inner] - m);
          o[base + k * inner] = e;
          s += e;
        }
        const inv = 1 / s;
        for (let k = 0; k < size; k++) o[base + k * inner] *= inv;
      }
    }
}

function run(x: Tensor, dim: number | null | undefined, dtype: DType | undefined, name: string, log: boolean): Tensor {
  if (dim === null || dim === undefined) dim = implicitDim(name, x.shape.length);
  const src = dtype && dtype !== x.dtype ? toDtype(x, dtype) : x;
  const dd = normalizeDim(dim, src.shape.length);
  const L = layout(src.shape, dd);
  const od = empty(src.dtype, src.data.length);
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
        if (src.dtype === 'float32') {
          backward32(g, od, gi, L, log);
          return [gi];
        }
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
