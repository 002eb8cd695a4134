// Elementary functions hand-written activations use (Snake's sin, erf-based GELU, arctan and
// sign-based ones, log2/log10): forward and PyTorch's derivatives.yaml formulas. float32 results
// are computed in double and rounded once (PyTorch's float kernels are accurate to an ulp); a
// backward formula rounds where PyTorch's float tensors hold an intermediate value.
import { alloc, rounder } from '../dtype';
import { needsGrad, record } from '../autograd';
import type { Tensor } from '../tensor';
import { erf as erf64, erfc as erfc64 } from '../erf';
import { exp as fexp } from '../fastmath';
import { like } from './unary';

type R = (v: number) => number;

/**
 * One elementwise op: `f` on each element (rounded to the dtype on store), and the local factor
 * `d(x, y, R)` the incoming gradient is multiplied by (rounded as PyTorch rounds it), or null for
 * an op whose gradient is zero everywhere.
 */
function elementwise(name: string, f: (v: number) => number, d: ((x: number, y: number, R: R) => number) | null, divide = false) {
  return (x: Tensor): Tensor => {
    const src = x.data;
    const out = like(x);
    const o = out.data;
    for (let i = 0; i < src.length; i++) o[i] = f(src[i]);
    if (needsGrad(x)) {
      const Rd = rounder(x.dtype);
      record(
        out,
        name,
        [x],
        (g) => {
          const r = alloc(x.dtype, g.length);
          if (d) for (let i = 0; i < g.length; i++) {
            const k = d(src[i], o[i], Rd);
            r[i] = divide ? g[i] / k : Rd(k * g[i]);
          }
          return [r];
        },
        { inputs: [x] },
      );
    }
    return out;
  };
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

// derivatives.yaml: sin → grad * self.cos(); cos → grad * -self.sin()
export const sin = elementwise('SinBackward0', Math.sin, (x, _y, R) => R(Math.cos(x)));
export const cos = elementwise('CosBackward0', Math.cos, (x, _y, R) => -R(Math.sin(x)));
// atan → grad / (self.pow(2) + 1)
export const atan = elementwise('AtanBackward0', Math.atan, (x, _y, R) => R(R(x * x) + 1), true);
// log2 → grad / (self * ln 2); log10 → grad / (self * ln 10): the constant meets the tensor as a scalar of its dtype
export const log2 = elementwise('Log2Backward0', Math.log2, (x, _y, R) => R(x * R(Math.LN2)), true);
export const log10 = elementwise('Log10Backward0', Math.log10, (x, _y, R) => R(x * R(Math.LN10)), true);
// sign: (0 < x) − (x < 0), so sign(NaN) is 0 as in PyTorch 1.13; its gradient is zero everywhere (SignBackward0 sends zeros)
export const sign = elementwise('SignBackward0', (v) => (v > 0 ? 1 : v < 0 ? -1 : 0), null);
// erf → 2/√π · exp(−x²) · grad; erfc → −2/√π · exp(−x²) · grad (the constant as the dtype's scalar)
export const erf = elementwise('ErfBackward0', erf64, (x, _y, R) => R(R(TWO_OVER_SQRT_PI) * R(fexp(-R(x * x)))));
export const erfc = elementwise('ErfcBackward0', erfc64, (x, _y, R) => R(R(-TWO_OVER_SQRT_PI) * R(fexp(-R(x * x)))));
