// Activation functions with PyTorch's CPU formulas and conventions at kinks. Hot ones get
// their own loops (no per-element closures); float32 results are computed in double and
// rounded on store, with explicit rounding where PyTorch rounds intermediate values.
import type { DType, FloatArray } from './dtype';
import { alloc, empty, rounder } from './dtype';
import { constOf, gradBuffer, needsGrad, record, retainingGraph, zeroedWhereNotPositiveOf } from './autograd';
import { Tensor } from './tensor';
import { RuntimeError } from './errors';
import { erf, erf32 } from './erf';
import { abs } from './ops/unary';
import { add, div, sub } from './ops/binary';
import { random } from './random';
import { fma32, fmaExact } from './fma';
import { exp as fexp, exp32, tanh as ftanh, tanh32 } from './fastmath';
import { simdTanh32, simdTanhBackward32, simdRelu32, simdReluBackward32 } from './wasm/simd';

function out(x: Tensor): Tensor {
  return Tensor._make(empty(x.dtype, x.data.length), [...x.shape], x.dtype);
}

function grad(x: Tensor): FloatArray {
  return empty(x.dtype, x.data.length);
}

// PyTorch's vectorised tanh (SLEEF) returns exactly ±1 beyond these magnitudes, a little
// before correct rounding would; the seed's tanh-derivative printout depends on it.
const TANH_SAT_F32 = 8.664339742;
const TANH_SAT_F64 = 18.714973875;

export function tanhF32(v: number): number {
  return v > TANH_SAT_F32 ? 1 : v < -TANH_SAT_F32 ? -1 : tanh32(v);
}

// Hot kernels come in one function per dtype: the bench and the panel run both dtypes, and a
// loop that has seen Float32Array and Float64Array pays a map dispatch on every element.
function tanhFwd64(d: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = d[i];
    o[i] = v > TANH_SAT_F64 ? 1 : v < -TANH_SAT_F64 ? -1 : ftanh(v);
  }
}
function tanhFwd32(d: Float32Array, o: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = d[i];
    o[i] = v > TANH_SAT_F32 ? 1 : v < -TANH_SAT_F32 ? -1 : tanh32(v);
  }
}
function tanhBwd64(g: Float64Array, o: Float64Array, gi: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    // 1 - y² with one rounding (PyTorch's kernel is fused): p = y², e = its exact
    // error (Dekker); 1 - p is exact for the |y| > 0.7 where it matters
    const y = o[i];
    const p = y * y;
    const c = 134217729 * y;
    const hi = c - (c - y);
    const lo = y - hi;
    const e = hi * hi - p + 2 * hi * lo + lo * lo;
    gi[i] = g[i] * (1 - p - e);
  }
}
function tanhBwd64C(c: number, o: Float64Array, gi: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = o[i];
    const p = y * y;
    const h = 134217729 * y;
    const hi = h - (h - y);
    const lo = y - hi;
    const e = hi * hi - p + 2 * hi * lo + lo * lo;
    gi[i] = c * (1 - p - e);
  }
}
function tanhBwd32C(c: number, o: Float32Array, gi: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = o[i];
    gi[i] = c * (1 - y * y);
  }
}
function tanhBwd32(g: Float32Array, o: Float32Array, gi: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = o[i];
    gi[i] = g[i] * (1 - y * y);
  }
}

export function tanh(x: Tensor): Tensor {
  const d = x.data;
  const r = out(x);
  const o = r.data;
  const n = d.length;
  const f64 = x.dtype === 'float64';
  if (f64) tanhFwd64(d as Float64Array, o as Float64Array, n);
  else if (!simdTanh32(d as Float32Array, o as Float32Array, n, tanhF32)) tanhFwd32(d as Float32Array, o as Float32Array, n);
  if (needsGrad(x))
    record(
      r,
      'TanhBackward0',
      [x],
      (g, owned) => {
        const gi = gradBuffer(g, owned, x);
        // g arrives in x's dtype (the engine casts incoming gradients to each node's dtype);
        // a lazy constant one (sum's backward) is read as a number
        const c = constOf(g);
        if (c !== undefined) {
          if (f64) tanhBwd64C(c, o as Float64Array, gi as Float64Array, n);
          else tanhBwd32C(c, o as Float32Array, gi as Float32Array, n);
        } else if (f64) tanhBwd64(g as Float64Array, o as Float64Array, gi as Float64Array, n);
        else if (!simdTanhBackward32(g as Float32Array, o as Float32Array, gi as Float32Array, n))
          tanhBwd32(g as Float32Array, o as Float32Array, gi as Float32Array, n);
        return [gi];
      },
      { output: true, constGrad: true },
    );
  return r;
}

function sigmoidFwd64(d: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = 1 / (1 + fexp(-d[i]));
}
function sigmoidFwd32(d: Float32Array, o: Float32Array, n: number): void {
  // float32 rounds exp and the sum like PyTorch's float kernel (exp(100) overflows to inf)
  for (let i = 0; i < n; i++) o[i] = 1 / Math.fround(1 + Math.fround(exp32(-d[i])));
}
function sigmoidBwd64(g: Float64Array, o: Float64Array, gi: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = o[i];
    gi[i] = g[i] * (1 - y) * y;
  }
}
function sigmoidBwd32(g: Float32Array, o: Float32Array, gi: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = o[i];
    gi[i] = Math.fround(g[i] * Math.fround(1 - y)) * y;
  }
}

function sigmoidBwd64C(c: number, o: Float64Array, gi: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = o[i];
    gi[i] = c * (1 - y) * y;
  }
}
function sigmoidBwd32C(c: number, o: Float32Array, gi: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = o[i];
    gi[i] = Math.fround(c * Math.fround(1 - y)) * y;
  }
}

export function sigmoid(x: Tensor): Tensor {
  const d = x.data;
  const r = out(x);
  const o = r.data;
  const n = d.length;
  const f32 = x.dtype === 'float32';
  if (f32) sigmoidFwd32(d as Float32Array, o as Float32Array, n);
  else sigmoidFwd64(d as Float64Array, o as Float64Array, n);
  if (needsGrad(x)) {
    record(
      r,
      'SigmoidBackward0',
      [x],
      (g, owned) => {
        const gi = gradBuffer(g, owned, x);
        const c = constOf(g);
        if (c !== undefined) {
          if (f32) sigmoidBwd32C(c, o as Float32Array, gi as Float32Array, n);
          else sigmoidBwd64C(c, o as Float64Array, gi as Float64Array, n);
        } else if (f32) sigmoidBwd32(g as Float32Array, o as Float32Array, gi as Float32Array, n);
        else sigmoidBwd64(g as Float64Array, o as Float64Array, gi as Float64Array, n);
        return [gi];
      },
      { output: true, constGrad: true },
    );
  }
  return r;
}

function reluFwd64(d: Float64Array, o: Float64Array, n: number): void {
  // NaN propagates; -0 stays -0 (clamp_min semantics)
  for (let i = 0; i < n; i++) {
    const v = d[i];
    o[i] = v < 0 ? 0 : v;
  }
}
function reluFwd32(d: Float32Array, o: Float32Array, n: number): void {
  for (let i = simdRelu32(d, o, n); i < n; i++) {
    const v = d[i];
    o[i] = v < 0 ? 0 : v;
  }
}
function reluBwd64(g: Float64Array, o: Float64Array, gi: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) gi[i] = o[i] <= 0 ? 0 : g[i];
}
function reluBwd32(g: Float32Array, o: Float32Array, gi: Float32Array, n: number): void {
  for (let i = simdReluBackward32(g, o, gi, n); i < n; i++) gi[i] = o[i] <= 0 ? 0 : g[i];
}

function reluBwd64C(c: number, o: Float64Array, gi: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) gi[i] = o[i] <= 0 ? 0 : c;
}
function reluBwd32C(c: number, o: Float32Array, gi: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) gi[i] = o[i] <= 0 ? 0 : c;
}

export function relu(x: Tensor): Tensor {
  const d = x.data;
  const r = out(x);
  const o = r.data;
  const n = d.length;
  const f64 = x.dtype === 'float64';
  if (f64) reluFwd64(d as Float64Array, o as Float64Array, n);
  else reluFwd32(d as Float32Array, o as Float32Array, n);
  if (needsGrad(x))
    record(
      r,
      'ReluBackward0',
      [x],
      (g, owned) => {
        // the product that made g has already zeroed it where o ≤ 0 (linear_op.ts)
        if (zeroedWhereNotPositiveOf(g, o)) return [g];
        const gi = gradBuffer(g, owned, x);
        const c = constOf(g);
        if (c !== undefined) {
          if (f64) reluBwd64C(c, o as Float64Array, gi as Float64Array, n);
          else reluBwd32C(c, o as Float32Array, gi as Float32Array, n);
        } else if (f64) reluBwd64(g as Float64Array, o as Float64Array, gi as Float64Array, n);
        else reluBwd32(g as Float32Array, o as Float32Array, gi as Float32Array, n);
        return [gi];
      },
      { output: true, constGrad: true, zeroesWhereNotPositive: true },
    );
  return r;
}

export function hardtanh(x: Tensor, min_val = -1, max_val = 1): Tensor {
  if (min_val > max_val) throw new RuntimeError('min_val cannot be greater than max_val');
  const d = x.data;
  const r = out(x);
  const o = r.data;
  const n = d.length;
  const R = rounder(x.dtype);
  const lo = R(min_val);
  const hi = R(max_val);
  for (let i = 0; i < n; i++) {
    const v = d[i];
    o[i] = v < lo ? lo : v > hi ? hi : v;
  }
  if (needsGrad(x))
    record(
      r,
      'HardtanhBackward0',
      [x],
      (g, owned) => {
        const gi = gradBuffer(g, owned, x);
        // zero at and beyond the clamp edges (and for NaN), like PyTorch
        for (let i = 0; i < n; i++) {
          const v = d[i];
          gi[i] = v > lo && v < hi ? g[i] : 0;
        }
        return [gi];
      },
      { inputs: [x] },
    );
  return r;
}

export function relu6(x: Tensor): Tensor {
  return hardtanh(x, 0, 6);
}

export function leaky_relu(x: Tensor, negative_slope = 0.01, name = 'LeakyReluBackward0'): Tensor {
  const d = x.data;
  const r = out(x);
  const o = r.data;
  const n = d.length;
  const s = rounder(x.dtype)(negative_slope);
  for (let i = 0; i < n; i++) {
    const v = d[i];
    o[i] = v > 0 ? v : v * s;
  }
  if (needsGrad(x))
    record(
      r,
      name,
      [x],
      (g, owned) => {
        const gi = gradBuffer(g, owned, x);
        for (let i = 0; i < n; i++) gi[i] = d[i] > 0 ? g[i] : g[i] * s;
        return [gi];
      },
      { inputs: [x] },
    );
  return r;
}

export const SELU_ALPHA = 1.6732632423543772848170429916717;
export const SELU_SCALE = 1.0507009873554804934193349852946;

/** PyTorch's generic elu(alpha, scale, input_scale), shared by elu/selu/celu. */
function eluGeneric(x: Tensor, alpha: number, scale: number, inputScale: number, name: string, backwardInputScale = inputScale): Tensor {
  const d = x.data;
  const r = out(x);
  const o = r.data;
  const n = d.length;
  const R = rounder(x.dtype);
  const negcoef = R(alpha * scale);
  const poscoef = R(scale);
  const negiptcoef = R(inputScale);
  const bnegiptcoef = R(backwardInputScale);
  // PyTorch 1.13's CPU kernel uses exp(x) - 1, not expm1 (so elu(-1e-30) is 0)
  for (let i = 0; i < n; i++) {
    const v = d[i];
    o[i] = v > 0 ? v * poscoef : R(R(fexp(R(v * negiptcoef))) - 1) * negcoef;
  }
  if (needsGrad(x))
    record(
      r,
      name,
      [x],
      (g, owned) => {
        const gi = gradBuffer(g, owned, x);
        for (let i = 0; i < n; i++) {
          const v = d[i];
          gi[i] = v > 0 ? g[i] * poscoef : R(R(g[i] * bnegiptcoef) * negcoef) * R(fexp(R(v * bnegiptcoef)));
        }
        return [gi];
      },
      { inputs: [x] },
    );
  return r;
}

export function elu(x: Tensor, alpha = 1, name = 'EluBackward0'): Tensor {
  return eluGeneric(x, alpha, 1, 1, name);
}
export function selu(x: Tensor, name = 'EluBackward0'): Tensor {
  return eluGeneric(x, SELU_ALPHA, SELU_SCALE, 1, name);
}
export function celu(x: Tensor, alpha = 1, name = 'CeluBackward0'): Tensor {
  if (alpha === 0) throw new RuntimeError('ZeroDivisionError');
  // derivatives.yaml computes celu's backward input scale as 1.0 / alpha.toFloat()
  return eluGeneric(x, alpha, 1, 1 / alpha, name, 1 / Math.fround(alpha));
}

const SQRT1_2 = Math.SQRT1_2;
const GELU_BETA = 2 / Math.sqrt(Math.PI) * Math.SQRT1_2 * 0.5;
const SQRT_2_OVER_PI = Math.SQRT2 * (2 / Math.sqrt(Math.PI)) * 0.5;
const GELU_KAPPA = 0.044715;

function geluFwd64(d: Float64Array, o: Float64Array, saved: Float64Array | null, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = d[i];
    const e = erf(v * SQRT1_2);
    if (saved) saved[i] = e;
    o[i] = v * 0.5 * (1 + e);
  }
}
function geluFwd32(d: Float32Array, o: Float32Array, saved: Float32Array | null, n: number): void {
  // float kernel: erf (to float32 accuracy: erf32) rounded to float, then 0.5x·erf + 0.5x fused (far negatives give +0,
  // and 1 + erf moves in float-sized quanta exactly as PyTorch's does)
  for (let i = 0; i < n; i++) {
    const v = d[i];
    const h = 0.5 * v;
    const e = Math.fround(erf32(Math.fround(v * SQRT1_2)));
    if (saved) saved[i] = e;
    o[i] = h * e + h;
  }
}
function geluBwd64(g: Float64Array, d: Float64Array, E: Float64Array, gi: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = d[i];
    const cdf = 0.5 * (1 + E[i]);
    const pdf = GELU_BETA * fexp(-0.5 * v * v);
    gi[i] = g[i] * (cdf + v * pdf);
  }
}
function geluBwd64C(c: number, d: Float64Array, E: Float64Array, gi: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = d[i];
    const cdf = 0.5 * (1 + E[i]);
    const pdf = GELU_BETA * fexp(-0.5 * v * v);
    gi[i] = c * (cdf + v * pdf);
  }
}
function geluBwd32C(c: number, d: Float32Array, E: Float32Array, gi: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = d[i];
    const cdf = 0.5 * (1 + E[i]);
    const pdf = GELU_BETA * exp32(-0.5 * v * v);
    gi[i] = c * (cdf + v * pdf);
  }
}
function geluBwd32(g: Float32Array, d: Float32Array, E: Float32Array, gi: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = d[i];
    const cdf = 0.5 * (1 + E[i]);
    const pdf = GELU_BETA * exp32(-0.5 * v * v);
    gi[i] = g[i] * (cdf + v * pdf);
  }
}

const GELU_KB32 = Math.fround(SQRT_2_OVER_PI);
const GELU_KK32 = Math.fround(GELU_KAPPA);
const GELU_3KK32 = Math.fround(3 * GELU_KK32);

/**
 * gelu(approximate='tanh') backward in float32, in the order of PyTorch 1.13's AVX2 kernel:
 * float32 vector arithmetic that GCC contracts where a product's only use is a sum —
 * x + κ·x³, 1 − t², 1 + 3κ·x², and 0.5·right + right_derivative are fused multiply-adds. The
 * old double-rounded-per-step loop was off by up to 8e-4 relative near x ≈ −3 (cancellation in
 * left_derivative + right_derivative); this matches PyTorch's bits wherever tanh does.
 */
function geluTanhBwd32(g: Float32Array, d: Float32Array, gi: Float32Array, n: number): void {
  const f = Math.fround;
  for (let i = 0; i < n; i++) {
    const v = d[i];
    const v2 = f(v * v);
    const inner = f(GELU_KB32 * fma32(GELU_KK32, f(v2 * v), v));
    const t = f(tanhF32(inner));
    const left = f(0.5 * v);
    const right = f(1 + t);
    const tanhD = fma32(-t, t, 1);
    const innerD = f(GELU_KB32 * fma32(GELU_3KK32, v2, 1));
    gi[i] = g[i] * fma32(0.5, right, f(f(left * tanhD) * innerD));
  }
}

export function gelu(x: Tensor, approximate: 'none' | 'tanh' = 'none'): Tensor {
  if (approximate !== 'none' && approximate !== 'tanh') throw new RuntimeError(`approximate argument must be either none or tanh.`);
  const d = x.data;
  const r = out(x);
  const o = r.data;
  const n = d.length;
  const f32 = x.dtype === 'float32';
  const R = rounder(x.dtype);
  // erf(x/√2) is kept for backward (erf is the expensive part); float32 keeps it rounded to
  // float, as PyTorch's float kernels compute it
  const saved = approximate === 'none' && needsGrad(x) ? alloc(x.dtype, n) : null;
  if (approximate === 'none') {
    if (f32) geluFwd32(d as Float32Array, o as Float32Array, saved as Float32Array | null, n);
    else geluFwd64(d as Float64Array, o as Float64Array, saved as Float64Array | null, n);
  } else {
    for (let i = 0; i < n; i++) {
      const v = d[i];
      const inner = SQRT_2_OVER_PI * (v + GELU_KAPPA * v * v * v);
      const t = f32 ? Math.fround(tanhF32(Math.fround(inner))) : ftanh(inner);
      o[i] = 0.5 * v * (1 + t);
    }
  }
  if (needsGrad(x))
    record(
      r,
      'GeluBackward0',
      [x],
      (g, owned) => {
        const c = approximate === 'none' ? constOf(g) : undefined;
        if (c !== undefined) {
          // sum's lazy constant: its memory is untouched, so the gradient goes into the saved
          // erf buffer when that is dead after this pass (graph not kept)
          const dst = retainingGraph() ? gradBuffer(g, owned, x) : saved!;
          if (f32) geluBwd32C(c, d as Float32Array, saved as Float32Array, dst as Float32Array, n);
          else geluBwd64C(c, d as Float64Array, saved as Float64Array, dst as Float64Array, n);
          return [dst];
        }
        const gi = gradBuffer(g, owned, x);
        if (approximate === 'none') {
          if (f32) geluBwd32(g as Float32Array, d as Float32Array, saved as Float32Array, gi as Float32Array, n);
          else geluBwd64(g as Float64Array, d as Float64Array, saved as Float64Array, gi as Float64Array, n);
        } else if (f32) geluTanhBwd32(g as Float32Array, d as Float32Array, gi as Float32Array, n);
        else {
          for (let i = 0; i < n; i++) {
            const v = d[i];
            const v2 = R(v * v);
            const inner = R(SQRT_2_OVER_PI * R(v + R(R(GELU_KAPPA * v2) * v)));
            const t = f32 ? Math.fround(tanhF32(inner)) : ftanh(inner);
            const left = R(0.5 * v);
            const right = R(1 + t);
            const leftD = R(0.5 * right);
            const tanhD = R(1 - R(t * t));
            const innerD = R(SQRT_2_OVER_PI * R(1 + R(3 * GELU_KAPPA * v2)));
            gi[i] = g[i] * R(leftD + R(R(left * tanhD) * innerD));
          }
        }
        return [gi];
      },
      { inputs: [x], constGrad: approximate === 'none' },
    );
  return r;
}

export function silu(x: Tensor): Tensor {
  const d = x.data;
  const r = out(x);
  const o = r.data;
  const n = d.length;
  const R = rounder(x.dtype);
  for (let i = 0; i < n; i++) {
    const v = d[i];
    o[i] = v / R(1 + R(fexp(-v)));
  }
  if (needsGrad(x))
    record(
      r,
      'SiluBackward0',
      [x],
      (g, owned) => {
        const gi = gradBuffer(g, owned, x);
        for (let i = 0; i < n; i++) {
          const v = d[i];
          const s = R(1 / R(1 + R(fexp(-v))));
          gi[i] = R(g[i] * s) * R(1 + R(v * R(1 - s)));
        }
        return [gi];
      },
      { inputs: [x] },
    );
  return r;
}

/** tanh(log1p(e)) for e = exp(v), as (e² + 2e) / (e² + 2e + 2). */
function tanhSoftplus(e: number): number {
  const q = e * (e + 2);
  return q === Infinity ? 1 : q / (q + 2);
}

function mishFwd32(d: Float32Array, o: Float32Array, saved: Float32Array | null, n: number): void {
  const R = Math.fround;
  for (let i = 0; i < n; i++) {
    const v = d[i];
    const t = R(tanhF32(R(Math.log1p(R(fexp(v))))));
    if (saved) saved[i] = t;
    o[i] = v * t;
  }
}
function mishBwd32(g: Float32Array, d: Float32Array, T: Float32Array, gi: Float32Array, n: number): void {
  const R = Math.fround;
  for (let i = 0; i < n; i++) {
    const v = d[i];
    const s = R(1 / R(1 + R(fexp(-v))));
    const t = T[i];
    gi[i] = g[i] * R(t + R(R(v * s) * R(1 - R(t * t))));
  }
}

function mishBwd32C(c: number, d: Float32Array, T: Float32Array, gi: Float32Array, n: number): void {
  const R = Math.fround;
  for (let i = 0; i < n; i++) {
    const v = d[i];
    const s = R(1 / R(1 + R(fexp(-v))));
    const t = T[i];
    gi[i] = c * R(t + R(R(v * s) * R(1 - R(t * t))));
  }
}
/** float64 mish backward for a constant incoming gradient (see the general loop in mish). */
function mishBwd64C(c: number, d: Float64Array, E: Float64Array, gi: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = d[i];
    const e = E[i];
    const q = e * (e + 2);
    if (q === Infinity) {
      gi[i] = c * (1 + v * 0);
      continue;
    }
    const t = q / (q + 2);
    const s = e / (1 + e);
    gi[i] = c * (t + (v * s * (4 * (q + 1))) / ((q + 2) * (q + 2)));
  }
}

export function mish(x: Tensor): Tensor {
  const d = x.data;
  const r = out(x);
  const o = r.data;
  const n = d.length;
  const f32 = x.dtype === 'float32';
  // float64 keeps exp(x) for backward, which then needs no transcendental at all; float32
  // keeps tanh(softplus(x)) (a float, so backward reads back exactly what it would recompute)
  const saved = needsGrad(x) ? alloc(x.dtype, n) : null;
  if (f32) mishFwd32(d as Float32Array, o as Float32Array, saved as Float32Array | null, n);
  else
    for (let i = 0; i < n; i++) {
      const e = fexp(d[i]);
      if (saved) saved[i] = e;
      o[i] = d[i] * tanhSoftplus(e);
    }
  if (needsGrad(x))
    record(
      r,
      'MishBackward0',
      [x],
      (g, owned) => {
        const c = constOf(g);
        if (c !== undefined) {
          // sum's lazy constant: its memory is untouched, so the gradient goes into the saved
          // buffer when that is dead after this pass (graph not kept); written out otherwise
          const dst = retainingGraph() ? gradBuffer(g, owned, x) : saved!;
          if (f32) mishBwd32C(c, d as Float32Array, saved as Float32Array, dst as Float32Array, n);
          else mishBwd64C(c, d as Float64Array, saved as Float64Array, dst as Float64Array, n);
          return [dst];
        }
        const gi = gradBuffer(g, owned, x);
        if (f32) mishBwd32(g as Float32Array, d as Float32Array, saved as Float32Array, gi as Float32Array, n);
        else
          for (let i = 0; i < n; i++) {
            // one exp: σ(v) = e/(1+e), tanh(softplus(v)) = q/(q+2) with q = e(e+2),
            // and 1 - tanh² = 4(q+1)/(q+2)² without cancellation
            const v = d[i];
            const e = saved![i];
            const q = e * (e + 2);
            if (q === Infinity) {
              gi[i] = g[i] * (1 + v * 0); // NaN at +inf, like PyTorch's inf·0
              continue;
            }
            const t = q / (q + 2);
            const s = e / (1 + e);
            gi[i] = g[i] * (t + (v * s * (4 * (q + 1))) / ((q + 2) * (q + 2)));
          }
        return [gi];
      },
      { inputs: [x], constGrad: true },
    );
  return r;
}

// log1p on [0, 1] for softplus: 1 + u = y ∈ [1, 2] exactly up to c = (y − 1) − u; y = cⱼ(1 + r)
// with cⱼ = 1 + j/256, j = ⌊256(y − 1)⌋, so 0 ≤ r < 1/256; log y = log cⱼ + log1p(r), the latter
// by its Taylor polynomial to r⁷ (truncation < 2e-18 relative), minus c/y ≈ c/cⱼ. About 1 ulp,
// and no exponent to extract (faster than Math.log1p, which handles every range).
const LOG1P_INV = new Float64Array(257);
const LOG1P_C = new Float64Array(257);
for (let j = 0; j <= 256; j++) {
  LOG1P_INV[j] = 1 / (1 + j / 256);
  LOG1P_C[j] = Math.log1p(j / 256);
}
function log1pUnit(u: number): number {
  const y = 1 + u;
  const c = y - 1 - u;
  const j = ((y - 1) * 256) | 0;
  const inv = LOG1P_INV[j];
  const r = (y - (1 + j * 0.00390625)) * inv;
  const r2 = r * r;
  const p = r + r2 * (-0.5 + r * 0.3333333333333333) + r2 * r2 * (-0.25 + r * 0.2 + r2 * (-0.16666666666666666 + r * 0.14285714285714285));
  return LOG1P_C[j] + (p - c * inv);
}

/**
 * float64 softplus as max(z, 0) + log1p(e^{-|z|}) over β (the same function as PyTorch's
 * log1p(e^z)/β, evaluated where log1p's argument stays in [0, 1]); σ(z), the derivative, is
 * kept for backward (1 in the linear region).
 */
function softplusFwd64(d: Float64Array, o: Float64Array, sg: Float64Array | null, n: number, b: number, th: number): void {
  if (b === 1 && sg) { softplusFwd64Unit(d, o, sg, n, th); return; }
  for (let i = 0; i < n; i++) {
    const v = d[i];
    const z = v * b;
    if (z > th) {
      o[i] = v;
      if (sg) sg[i] = 1;
    } else {
      // NaN takes this branch and stays NaN throughout
      const e = fexp(z < 0 ? z : -z);
      o[i] = ((z > 0 ? z : 0) + log1pUnit(e)) / b;
      if (sg) {
        const q = 1 / (1 + e);
        sg[i] = z > 0 ? q : e * q;
      }
    }
  }
}
/** β = 1 (the default): the same values without dividing by β. */
function softplusFwd64Unit(d: Float64Array, o: Float64Array, sg: Float64Array, n: number, th: number): void {
  for (let i = 0; i < n; i++) {
    const z = d[i];
    if (z > th) {
      o[i] = z;
      sg[i] = 1;
    } else {
      // NaN takes this branch and stays NaN throughout
      const pos = z > 0;
      const e = fexp(pos ? -z : z);
      const q = 1 / (1 + e);
      o[i] = (pos ? z : 0) + log1pUnit(e);
      sg[i] = pos ? q : e * q;
    }
  }
}
function softplusFwd32(d: Float32Array, o: Float32Array, ez: Float32Array | null, n: number, b: number, th: number): void {
  const R = Math.fround;
  if (ez)
    for (let i = 0; i < n; i++) {
      const v = d[i];
      const z = R(v * b);
      if (z > th) {
        o[i] = v;
        ez[i] = NaN;
      } else {
        const e = R(exp32(z));
        ez[i] = e;
        o[i] = R(Math.log1p(e)) / b;
      }
    }
  else
    for (let i = 0; i < n; i++) {
      const v = d[i];
      const z = R(v * b);
      o[i] = z > th ? v : R(Math.log1p(R(exp32(z)))) / b;
    }
}
function softplusBwd64C(c: number, sg: Float64Array, gi: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) gi[i] = c * sg[i];
}
function softplusBwd64(g: Float64Array, sg: Float64Array, gi: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) gi[i] = g[i] * sg[i];
}
// float32 keeps exp(βx) (NaN marks the linear region); NaN inputs take the formula (z > th is
// false for NaN): e is NaN then too
function softplusBwd32(g: Float32Array, d: Float32Array, E: Float32Array, gi: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const e = E[i];
    gi[i] = e !== e && d[i] === d[i] ? g[i] : (g[i] * e) / (e + 1);
  }
}

export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  const d = x.data;
  const r = out(x);
  const o = r.data;
  const n = d.length;
  const R = rounder(x.dtype);
  const b = R(beta);
  const th = R(threshold);
  const grad = needsGrad(x);
  const ez = grad ? alloc(x.dtype, n) : null;
  const f64 = x.dtype === 'float64';
  if (f64) softplusFwd64(d as Float64Array, o as Float64Array, ez as Float64Array | null, n, b, th);
  else softplusFwd32(d as Float32Array, o as Float32Array, ez as Float32Array | null, n, b, th);
  if (grad)
    record(
      r,
      'SoftplusBackward0',
      [x],
      (g, owned) => {
        const c = constOf(g);
        if (f64 && c !== undefined && !retainingGraph()) {
          // the lazy constant's memory is still untouched: the gradient goes into the saved
          // σ buffer instead (dead after this pass, the graph not being kept)
          softplusBwd64C(c, ez as Float64Array, ez as Float64Array, n);
          return [ez];
        }
        const gi = gradBuffer(g, owned, x);
        if (f64) {
          if (c !== undefined) softplusBwd64C(c, ez as Float64Array, gi as Float64Array, n);
          else softplusBwd64(g as Float64Array, ez as Float64Array, gi as Float64Array, n);
        } else {
          if (c !== undefined) gi.fill(c); // float32 reads g: write the constant out
          softplusBwd32((c !== undefined ? gi : g) as Float32Array, d as Float32Array, ez as Float32Array, gi as Float32Array, n);
        }
        return [gi];
      },
      { inputs: [x], constGrad: true },
    );
  return r;
}

export function softsign(x: Tensor): Tensor {
  // PyTorch composes x / (1 + |x|), hence DivBackward0
  return div(x, add(abs(x), 1));
}

export function tanhshrink(x: Tensor): Tensor {
  return sub(x, tanh(x));
}

export function hardsigmoid(x: Tensor): Tensor {
  const d = x.data;
  const r = out(x);
  const o = r.data;
  const n = d.length;
  const R = rounder(x.dtype);
  const sixth = R(1 / 6);
  for (let i = 0; i < n; i++) {
    const v = d[i];
    const c = R(v + 3);
    o[i] = (c < 0 ? 0 : c > 6 ? 6 : c) * sixth;
  }
  if (needsGrad(x))
    record(
      r,
      'HardsigmoidBackward0',
      [x],
      (g, owned) => {
        const gi = gradBuffer(g, owned, x);
        for (let i = 0; i < n; i++) {
          const v = d[i];
          // PyTorch multiplies by the float literal 1.0f / 6.0f, even for float64
          gi[i] = v > -3 && v < 3 ? g[i] * SIXTH_F32 : 0;
        }
        return [gi];
      },
      { inputs: [x] },
    );
  return r;
}

const SIXTH_F32 = Math.fround(1 / 6);

export function hardswish(x: Tensor): Tensor {
  const d = x.data;
  const r = out(x);
  const o = r.data;
  const n = d.length;
  const R = rounder(x.dtype);
  for (let i = 0; i < n; i++) {
    const v = d[i];
    const c = R(v + 3);
    o[i] = R(v * (c < 0 ? 0 : c > 6 ? 6 : c)) / 6;
  }
  if (needsGrad(x))
    record(
      r,
      'HardswishBackward0',
      [x],
      (g, owned) => {
        const gi = gradBuffer(g, owned, x);
        for (let i = 0; i < n; i++) {
          const v = d[i];
          // PyTorch's vectorised and scalar (tail) kernels disagree at x = 3 and NaN; this
          // follows the vectorised one, which handles almost every element of a large tensor
          gi[i] = v < -3 ? 0 : v >= 3 ? g[i] : g[i] * R(R(v / 3) + 0.5);
        }
        return [gi];
      },
      { inputs: [x] },
    );
  return r;
}

export function logsigmoid(x: Tensor): Tensor {
  const d = x.data;
  const r = out(x);
  const o = r.data;
  const n = d.length;
  // min(x, 0) - log1p(exp(-|x|)): stable at both ends
  const R = rounder(x.dtype);
  for (let i = 0; i < n; i++) {
    const v = d[i];
    o[i] = (v < 0 ? v : 0) - R(Math.log1p(R(fexp(-Math.abs(v)))));
  }
  if (needsGrad(x))
    record(
      r,
      'LogSigmoidBackward0',
      [x],
      (g, owned) => {
        const gi = gradBuffer(g, owned, x);
        for (let i = 0; i < n; i++) {
          const v = d[i];
          const z = fexp(-Math.abs(v));
          gi[i] = v < 0 ? g[i] * (1 - z / (1 + z)) : (g[i] * z) / (1 + z);
        }
        return [gi];
      },
      { inputs: [x] },
    );
  return r;
}

export function softshrink(x: Tensor, lambd = 0.5): Tensor {
  if (lambd < 0)
    throw new RuntimeError(`lambda must be greater or equal to 0, but found to be ${lambd}.`);
  const d = x.data;
  const r = out(x);
  const o = r.data;
  const n = d.length;
  const l = rounder(x.dtype)(lambd);
  for (let i = 0; i < n; i++) {
    const v = d[i];
    o[i] = v > l ? v - l : v < -l ? v + l : 0;
  }
  if (needsGrad(x))
    record(
      r,
      'SoftshrinkBackward0',
      [x],
      (g, owned) => {
        const gi = gradBuffer(g, owned, x);
        for (let i = 0; i < n; i++) {
          const v = d[i];
          gi[i] = v > l || v < -l ? g[i] : 0;
        }
        return [gi];
      },
      { inputs: [x] },
    );
  return r;
}

export function hardshrink(x: Tensor, lambd = 0.5): Tensor {
  const d = x.data;
  const r = out(x);
  const o = r.data;
  const n = d.length;
  const l = rounder(x.dtype)(lambd);
  for (let i = 0; i < n; i++) {
    const v = d[i];
    o[i] = v >= -l && v <= l ? 0 : v;
  }
  if (needsGrad(x))
    record(
      r,
      'HardshrinkBackward0',
      [x],
      (g, owned) => {
        const gi = gradBuffer(g, owned, x);
        for (let i = 0; i < n; i++) {
          const v = d[i];
          gi[i] = v > l || v < -l ? g[i] : 0;
        }
        return [gi];
      },
      { inputs: [x] },
    );
  return r;
}

export function threshold(x: Tensor, th: number, value: number, name = 'ThresholdBackward0'): Tensor {
  const d = x.data;
  const r = out(x);
  const o = r.data;
  const n = d.length;
  const R = rounder(x.dtype);
  const t = R(th);
  const val = R(value);
  for (let i = 0; i < n; i++) {
    const v = d[i];
    o[i] = v <= t ? val : v;
  }
  if (needsGrad(x))
    record(
      r,
      name,
      [x],
      (g, owned) => {
        const gi = gradBuffer(g, owned, x);
        for (let i = 0; i < n; i++) gi[i] = d[i] <= t ? 0 : g[i];
        return [gi];
      },
      { inputs: [x] },
    );
  return r;
}

export function prelu(x: Tensor, weight: Tensor): Tensor {
  const wn = weight.data.length;
  const channels = x.shape.length >= 2 ? x.shape[1] : 1;
  if (wn !== 1 && wn !== channels)
    throw new RuntimeError(
      `Mismatch of parameter numbers and input channel size. Found parameter numbers = ${wn} and channel size = ${channels}.`,
    );
  const d = x.data;
  const w = weight.data;
  const r = out(x);
  const o = r.data;
  const n = d.length;
  const inner = x.shape.length >= 2 ? x.shape.slice(2).reduce((a, b) => a * b, 1) : 1;
  const chan = (i: number) => (wn === 1 ? 0 : Math.floor(i / inner) % channels);
  for (let i = 0; i < n; i++) {
    const v = d[i];
    o[i] = v > 0 ? v : w[chan(i)] * v;
  }
  if (needsGrad(x, weight))
    record(
      r,
      'PreluBackward0',
      [x, weight],
      (g) => {
        let gx: FloatArray | null = null;
        let gw: FloatArray | null = null;
        if (x.requires_grad) {
          gx = grad(x);
          for (let i = 0; i < n; i++) gx[i] = d[i] > 0 ? g[i] : w[chan(i)] * g[i];
        }
        if (weight.requires_grad) {
          const acc = new Float64Array(wn);
          for (let i = 0; i < n; i++) if (!(d[i] > 0)) acc[chan(i)] += d[i] * g[i];
          gw = alloc(weight.dtype, wn);
          gw.set(acc);
        }
        return [gx, gw];
      },
      { inputs: [x, weight] },
    );
  return r;
}

export function rrelu(x: Tensor, lower = 1 / 8, upper = 1 / 3, training = false, name = 'RreluWithNoiseBackward0'): Tensor {
  if (!training) return leaky_relu(x, (lower + upper) / 2, name);
  // training: a random slope per negative element, drawn from U(lower, upper)
  const d = x.data;
  const n = d.length;
  const noise = alloc(x.dtype, n);
  // PyTorch draws uniform_real_distribution<double>(lower, upper) per non-positive element, its
  // bounds first cast to the tensor's dtype
  const lo = x.dtype === 'float32' ? Math.fround(lower) : lower;
  const hi = x.dtype === 'float32' ? Math.fround(upper) : upper;
  for (let i = 0; i < n; i++) noise[i] = d[i] > 0 ? 1 : fmaExact(random(), hi - lo, lo);
  const r = out(x);
  const o = r.data;
  for (let i = 0; i < n; i++) o[i] = d[i] * noise[i];
  if (needsGrad(x))
    record(
      r,
      name,
      [x],
      (g, owned) => {
        const gi = gradBuffer(g, owned, x);
        for (let i = 0; i < n; i++) gi[i] = g[i] * noise[i];
        return [gi];
      },
      { inputs: [x] },
    );
  return r;
}

export type { DType };
