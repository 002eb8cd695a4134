// Elementwise math ops (not activations) and their gradients.
import type { FloatArray } from '../dtype';
import { alloc, empty, rounder } from '../dtype';
import { needsGrad, record } from '../autograd';
import { Tensor, type TensorLike } from '../tensor';
import { sameShape } from '../shape';
import { RuntimeError } from '../errors';
import { asTensor } from './binary';
import { indexOf, plan, reduceGrad } from './broadcast';
import { exp as fexp } from '../fastmath';

/** A fresh tensor of x's shape and dtype. */
export function like(x: Tensor, data?: FloatArray): Tensor {
  return Tensor._make(data ?? empty(x.dtype, x.data.length), [...x.shape], x.dtype);
}

export function neg(x: Tensor): Tensor {
  const d = x.data;
  const out = like(x);
  const o = out.data;
  for (let i = 0; i < d.length; i++) o[i] = -d[i];
  if (needsGrad(x))
    record(out, 'NegBackward0', [x], (g) => {
      const r = alloc(x.dtype, g.length);
      for (let i = 0; i < g.length; i++) r[i] = -g[i];
      return [r];
    });
  return out;
}

export function exp(x: Tensor): Tensor {
  const d = x.data;
  const out = like(x);
  const o = out.data;
  for (let i = 0; i < d.length; i++) o[i] = fexp(d[i]);
  if (needsGrad(x))
    record(
      out,
      'ExpBackward0',
      [x],
      (g) => {
        const r = alloc(x.dtype, g.length);
        for (let i = 0; i < g.length; i++) r[i] = g[i] * o[i];
        return [r];
      },
      { output: true },
    );
  return out;
}

export function log(x: Tensor): Tensor {
  const d = x.data;
  const out = like(x);
  const o = out.data;
  for (let i = 0; i < d.length; i++) o[i] = Math.log(d[i]);
  if (needsGrad(x))
    record(
      out,
      'LogBackward0',
      [x],
      (g) => {
        const r = alloc(x.dtype, g.length);
        for (let i = 0; i < g.length; i++) r[i] = g[i] / d[i];
        return [r];
      },
      { inputs: [x] },
    );
  return out;
}

export function log1p(x: Tensor): Tensor {
  const d = x.data;
  const out = like(x);
  const o = out.data;
  for (let i = 0; i < d.length; i++) o[i] = Math.log1p(d[i]);
  if (needsGrad(x)) {
    const R = rounder(x.dtype);
    record(
      out,
      'Log1PBackward0',
      [x],
      (g) => {
        const r = alloc(x.dtype, g.length);
        for (let i = 0; i < g.length; i++) r[i] = g[i] / R(d[i] + 1);
        return [r];
      },
      { inputs: [x] },
    );
  }
  return out;
}

export function expm1(x: Tensor): Tensor {
  const d = x.data;
  const out = like(x);
  const o = out.data;
  for (let i = 0; i < d.length; i++) o[i] = Math.expm1(d[i]);
  if (needsGrad(x)) {
    const R = rounder(x.dtype);
    record(
      out,
      'Expm1Backward0',
      [x],
      (g) => {
        const r = alloc(x.dtype, g.length);
        for (let i = 0; i < g.length; i++) r[i] = g[i] * R(o[i] + 1);
        return [r];
      },
      { output: true },
    );
  }
  return out;
}

export function sqrt(x: Tensor): Tensor {
  const d = x.data;
  const out = like(x);
  const o = out.data;
  for (let i = 0; i < d.length; i++) o[i] = Math.sqrt(d[i]);
  if (needsGrad(x))
    record(
      out,
      'SqrtBackward0',
      [x],
      (g) => {
        const r = alloc(x.dtype, g.length);
        for (let i = 0; i < g.length; i++) r[i] = g[i] / (2 * o[i]);
        return [r];
      },
      { output: true },
    );
  return out;
}

export function abs(x: Tensor): Tensor {
  const d = x.data;
  const out = like(x);
  const o = out.data;
  for (let i = 0; i < d.length; i++) o[i] = Math.abs(d[i]);
  if (needsGrad(x))
    record(
      out,
      'AbsBackward0',
      [x],
      (g) => {
        const r = alloc(x.dtype, g.length);
        for (let i = 0; i < g.length; i++) {
          const v = d[i];
          // g·sgn(x), with sgn(NaN) = 0 as in PyTorch (so inf·0 gives NaN at x = 0)
          r[i] = g[i] * (v > 0 ? 1 : v < 0 ? -1 : 0);
        }
        return [r];
      },
      { inputs: [x] },
    );
  return out;
}

type Bound = TensorLike | null | undefined;

export function clamp(x: Tensor, min?: Bound | { min?: Bound; max?: Bound }, max?: Bound): Tensor {
  if (min !== null && typeof min === 'object' && !(min instanceof Tensor)) {
    max = min.max;
    min = min.min;
  }
  const lo = min as Bound;
  const hi = max;
  if ((lo === null || lo === undefined) && (hi === null || hi === undefined))
    throw new RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  if (lo instanceof Tensor || hi instanceof Tensor) return clampTensor(x, lo, hi);
  const R = rounder(x.dtype);
  const l = lo === null || lo === undefined ? -Infinity : R(lo);
  const h = hi === null || hi === undefined ? Infinity : R(hi);
  const d = x.data;
  const out = like(x);
  const o = out.data;
  if (lo !== null && lo !== undefined && hi !== null && hi !== undefined && (l !== l || h !== h))
    // PyTorch: with both bounds given, a NaN bound makes every element NaN (a NaN bound alone
    // compares false and leaves x as it is)
    o.fill(NaN);
  else
    for (let i = 0; i < d.length; i++) {
      const v = d[i];
      // NaN stays NaN; with min > max everything becomes max; a bound equal to x (±0 too)
      // leaves x as it is, like PyTorch's min(max(x, lo), hi)
      const y = v < l ? l : v;
      o[i] = y > h ? h : y;
    }
  if (needsGrad(x))
    record(
      out,
      'ClampBackward1',
      [x],
      (g) => {
        const r = alloc(x.dtype, g.length);
        for (let i = 0; i < g.length; i++) {
          const v = d[i];
          r[i] = v >= l && v <= h ? g[i] : 0;
        }
        return [r];
      },
      { inputs: [x] },
    );
  return out;
}

function clampTensor(x: Tensor, lo: Bound, hi: Bound): Tensor {
  const tl = lo === null || lo === undefined ? null : asTensor(lo, x);
  const th = hi === null || hi === undefined ? null : asTensor(hi, x);
  const inf = (s: number) => asTensor(s, x);
  const L = tl ?? inf(-Infinity);
  const H = th ?? inf(Infinity);
  const p1 = plan(x.shape, x.data.length, L.shape, L.data.length);
  const p2 = plan(p1.shape, p1.n, H.shape, H.data.length);
  if (!sameShape(p2.shape, x.shape)) {
    // broadcasting x up is allowed in PyTorch too; expand x first
  }
  const shape = p2.shape;
  const n = p2.n;
  const px = plan(x.shape, x.data.length, shape, n);
  const pl = plan(L.shape, L.data.length, shape, n);
  const ph = plan(H.shape, H.data.length, shape, n);
  const ix = (i: number) => indexOf(px.a, i);
  const il = (i: number) => indexOf(pl.a, i);
  const ih = (i: number) => indexOf(ph.a, i);
  const od = alloc(x.dtype, n);
  for (let i = 0; i < n; i++) {
    const v = x.data[ix(i)];
    const l = L.data[il(i)];
    const h = H.data[ih(i)];
    // PyTorch: NaN in x or in a bound gives NaN; else min(max(x, l), h), x kept when equal (±0)
    const y = v < l ? l : v;
    od[i] = v !== v || l !== l || h !== h ? NaN : y > h ? h : y;
  }
  const out = Tensor._make(od, shape, x.dtype);
  if (needsGrad(x, tl, th)) {
    record(
      out,
      'ClampBackward0',
      [x, tl, th],
      (g) => {
        const gx = alloc(x.dtype, n);
        const gl = alloc(x.dtype, n);
        const gh = alloc(x.dtype, n);
        for (let i = 0; i < n; i++) {
          const v = x.data[ix(i)];
          const l = L.data[il(i)];
          const h = H.data[ih(i)];
          // PyTorch: x's where l ≤ x ≤ h; min's where x < l < h; max's where x > h or l > h
          // (nobody's when x < l = h, or when anything is NaN)
          if (v >= l && v <= h) gx[i] = g[i];
          else if (v < l && l < h) gl[i] = g[i];
          else if (v > h || l > h) gh[i] = g[i];
        }
        return [
          x.requires_grad ? reduceGrad(gx, px.a, x.data.length, x.dtype) : null,
          tl && tl.requires_grad ? reduceGrad(gl, pl.a, tl.data.length, tl.dtype) : null,
          th && th.requires_grad ? reduceGrad(gh, ph.a, th.data.length, th.dtype) : null,
        ];
      },
      { inputs: [x, ...(tl ? [tl] : []), ...(th ? [th] : [])] },
    );
  }
  return out;
}
