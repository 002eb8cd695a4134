// Loss functions with PyTorch's reductions ('none' | 'mean' | 'sum') and messages.
import type { FloatArray } from './dtype';
import { alloc } from './dtype';
import { needsGrad, record } from './autograd';
import { Tensor } from './tensor';
import { IndexError, RuntimeError, ValueError } from './errors';
import { sameShape, sizeStr } from './shape';
import { warn } from './warnings';
import { indexOf, plan, reduceGrad, type Access, type Plan } from './ops/broadcast';
import { log_softmax } from './softmax';
import { exp as fexp } from './fastmath';

export type Reduction = 'none' | 'mean' | 'sum';

/** Element i of an optional broadcast weight (1 without one); a function, not a closure per call. */
function optAt(w: Tensor | null, wp: Plan | null, i: number): number {
  return w && wp ? w.data[at(wp.a, i)] : 1;
}

function checkReduction(r: string): Reduction {
  if (r !== 'none' && r !== 'mean' && r !== 'sum') throw new ValueError(`${r} is not a valid value for reduction`);
  return r;
}

const at = (acc: Access, i: number) => indexOf(acc, i);

/** Reduces elementwise losses; returns the tensor and the per-element gradient scale. */
function reduce(loss: FloatArray, shape: number[], red: Reduction, like: Tensor): { out: Tensor; scale: number } {
  if (red === 'none') return { out: Tensor._make(loss, shape, like.dtype), scale: 1 };
  let s = 0;
  for (let i = 0; i < loss.length; i++) s += loss[i];
  const od = alloc(like.dtype, 1);
  od[0] = red === 'mean' ? s / loss.length : s;
  return { out: Tensor._make(od, [], like.dtype), scale: red === 'mean' ? 1 / loss.length : 1 };
}

/** gradient of the output broadcast over the elements (scalar for mean/sum) */
const gAt = (g: FloatArray, red: Reduction, i: number) => (red === 'none' ? g[i] : g[0]);

export function mse_loss(input: Tensor, target: Tensor, reduction: string = 'mean'): Tensor {
  const red = checkReduction(reduction);
  if (!sameShape(input.shape, target.shape))
    warn(
      `Using a target size (${sizeStr(target.shape)}) that is different to the input size (${sizeStr(input.shape)}). ` +
        'This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.',
    );
  const p = plan(input.shape, input.data.length, target.shape, target.data.length);
  const n = p.n;
  const x = input.data;
  const t = target.data;
  const loss = alloc(input.dtype, n);
  for (let i = 0; i < n; i++) {
    const d = x[at(p.a, i)] - t[at(p.b, i)];
    loss[i] = d * d;
  }
  const { out, scale } = reduce(loss, p.shape, red, input);
  if (needsGrad(input, target))
    record(
      out,
      'MseLossBackward0',
      [input, target],
      (g) => {
        const gi = alloc(input.dtype, n);
        for (let i = 0; i < n; i++) gi[i] = 2 * (x[at(p.a, i)] - t[at(p.b, i)]) * gAt(g, red, i) * scale;
        let gt: FloatArray | null = null;
        if (target.requires_grad) {
          const neg = alloc(input.dtype, n);
          for (let i = 0; i < n; i++) neg[i] = -gi[i];
          gt = reduceGrad(neg, p.b, t.length, target.dtype);
        }
        return [input.requires_grad ? reduceGrad(gi, p.a, x.length, input.dtype) : null, gt];
      },
      { inputs: [input, target] },
    );
  return out;
}

/** PyTorch's EPSILON in binary_cross_entropy_backward is a float literal, 1e-12f, for every dtype. */
const BCE_EPS = Math.fround(1e-12);

export interface BCEOptions {
  weight?: Tensor | null;
  reduction?: string;
}

export function binary_cross_entropy(input: Tensor, target: Tensor, opts: BCEOptions = {}): Tensor {
  const red = checkReduction(opts.reduction ?? 'mean');
  if (!sameShape(input.shape, target.shape))
    throw new ValueError(
      `Using a target size (${sizeStr(target.shape)}) that is different to the input size (${sizeStr(input.shape)}) is deprecated. Please ensure they have the same size.`,
    );
  const x = input.data;
  const t = target.data;
  const n = x.length;
  const w = opts.weight ?? null;
  const wp = w ? plan(w.shape, w.data.length, input.shape, n) : null;
  const loss = alloc(input.dtype, n);
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (!(v >= 0 && v <= 1)) throw new RuntimeError('all elements of input should be between 0 and 1');
    // PyTorch clamps the logs at -100 so 0 and 1 give finite losses
    const l1 = Math.max(Math.log(v), -100);
    const l0 = Math.max(Math.log1p(-v), -100);
    loss[i] = -optAt(w, wp, i) * (t[i] * l1 + (1 - t[i]) * l0);
  }
  const { out, scale } = reduce(loss, [...input.shape], red, input);
  if (needsGrad(input, target))
    record(
      out,
      'BinaryCrossEntropyBackward0',
      [input, target],
      (g) => {
        let gi: FloatArray | null = null;
        let gt: FloatArray | null = null;
        if (input.requires_grad) {
          gi = alloc(input.dtype, n);
          for (let i = 0; i < n; i++) {
            const v = x[i];
            gi[i] = (((v - t[i]) / Math.max((1 - v) * v, BCE_EPS)) * optAt(w, wp, i) * gAt(g, red, i)) * scale;
          }
        }
        if (target.requires_grad) {
          gt = alloc(target.dtype, n);
          for (let i = 0; i < n; i++) {
            const v = x[i];
            gt[i] = (Math.max(Math.log1p(-v), -100) - Math.max(Math.log(v), -100)) * optAt(w, wp, i) * gAt(g, red, i) * scale;
          }
        }
        return [gi, gt];
      },
      { inputs: [input, target] },
    );
  return out;
}

export interface BCELogitsOptions extends BCEOptions {
  pos_weight?: Tensor | null;
}

export function binary_cross_entropy_with_logits(input: Tensor, target: Tensor, opts: BCELogitsOptions = {}): Tensor {
  const red = checkReduction(opts.reduction ?? 'mean');
  if (!sameShape(input.shape, target.shape))
    throw new ValueError(`Target size (${sizeStr(target.shape)}) must be the same as input size (${sizeStr(input.shape)})`);
  const x = input.data;
  const t = target.data;
  const n = x.length;
  const w = opts.weight ?? null;
  const wp = w ? plan(w.shape, w.data.length, input.shape, n) : null;
  const pw = opts.pos_weight ?? null;
  const pp = pw ? plan(pw.shape, pw.data.length, input.shape, n) : null;
  const loss = alloc(input.dtype, n);
  for (let i = 0; i < n; i++) {
    const v = x[i];
    const m = Math.max(-v, 0);
    const lw = 1 + (optAt(pw, pp, i) - 1) * t[i];
    // (1 - t)·x + lw·(log(e^{-m} + e^{-x-m}) + m): stable for large |x|
    loss[i] = optAt(w, wp, i) * ((1 - t[i]) * v + lw * (Math.log(fexp(-m) + fexp(-v - m)) + m));
  }
  const { out, scale } = reduce(loss, [...input.shape], red, input);
  if (needsGrad(input, target))
    record(
      out,
      'BinaryCrossEntropyWithLogitsBackward0',
      [input, target],
      (g) => {
        let gi: FloatArray | null = null;
        let gt: FloatArray | null = null;
        if (input.requires_grad) {
          gi = alloc(input.dtype, n);
          for (let i = 0; i < n; i++) {
            const s = 1 / (1 + fexp(-x[i]));
            const p = optAt(pw, pp, i);
            const d = pw ? (p * t[i] + 1 - t[i]) * s - p * t[i] : s - t[i];
            gi[i] = d * optAt(w, wp, i) * gAt(g, red, i) * scale;
          }
        }
        if (target.requires_grad) {
          gt = alloc(target.dtype, n);
          for (let i = 0; i < n; i++) {
            const v = x[i];
            const p = optAt(pw, pp, i);
            // d/dt: -x + (p - 1)·softplus(-x)... written as PyTorch's: (1 - p)·logsigmoid(x)·… simplified
            const logSigNeg = Math.min(-v, 0) - Math.log1p(fexp(-Math.abs(v))); // log σ(-x)
            const logSig = Math.min(v, 0) - Math.log1p(fexp(-Math.abs(v))); // log σ(x)
            gt[i] = (logSigNeg - p * logSig) * optAt(w, wp, i) * gAt(g, red, i) * scale;
          }
        }
        return [gi, gt];
      },
      { inputs: [input, target] },
    );
  return out;
}

export type Target = Tensor | number[] | number;

function targetIndices(target: Target): { idx: number[]; shape: number[] } {
  if (typeof target === 'number') return { idx: [target], shape: [] };
  if (Array.isArray(target)) return { idx: target, shape: [target.length] };
  return { idx: Array.from(target.data), shape: [...target.shape] };
}

export interface NLLOptions {
  weight?: Tensor | null;
  ignore_index?: number;
  reduction?: string;
}

export function nll_loss(input: Tensor, target: Target, opts: NLLOptions = {}): Tensor {
  const red = checkReduction(opts.reduction ?? 'mean');
  const ignore = opts.ignore_index ?? -100;
  const { idx, shape: tshape } = targetIndices(target);
  const nd = input.shape.length;
  if (nd < 1 || nd > 2) throw new RuntimeError(`only 1-D (C) and 2-D (N, C) inputs are supported (got ${nd}-D)`);
  const N = nd === 2 ? input.shape[0] : 1;
  const C = nd === 2 ? input.shape[1] : input.shape[0];
  if (nd === 2 && idx.length !== N)
    throw new ValueError(`Expected input batch_size (${N}) to match target batch_size (${idx.length}).`);
  const w = opts.weight ?? null;
  if (w && w.data.length !== C)
    throw new RuntimeError(`weight tensor should be defined either for all ${C} classes or no classes but got weight tensor of shape: [${w.shape.join(', ')}]`);
  const x = input.data;
  const loss = alloc(input.dtype, N);
  const wt = new Float64Array(N);
  let wsum = 0;
  for (let i = 0; i < N; i++) {
    const c = idx[i];
    if (c === ignore) continue;
    if (!Number.isInteger(c) || c < 0 || c >= C) throw new IndexError(`Target ${c} is out of bounds.`);
    const wi = w ? w.data[c] : 1;
    wt[i] = wi;
    wsum += wi;
    loss[i] = -wi * x[i * C + c];
  }
  let out: Tensor;
  if (red === 'none') out = Tensor._make(loss, nd === 2 ? [N] : tshape, input.dtype);
  else {
    let s = 0;
    for (let i = 0; i < N; i++) s += loss[i];
    const od = alloc(input.dtype, 1);
    od[0] = red === 'mean' ? s / wsum : s;
    out = Tensor._make(od, [], input.dtype);
  }
  if (needsGrad(input))
    record(
      out,
      'NllLossBackward0',
      [input],
      (g) => {
        const gi = alloc(input.dtype, x.length);
        for (let i = 0; i < N; i++) {
          const c = idx[i];
          if (c === ignore) continue;
          const gv = red === 'none' ? g[i] : red === 'mean' ? g[0] / wsum : g[0];
          gi[i * C + c] = -wt[i] * gv;
        }
        return [gi];
      },
      { inputs: [] },
    );
  return out;
}

export interface CrossEntropyOptions extends NLLOptions {
  label_smoothing?: number;
}

export function cross_entropy(input: Tensor, target: Target, opts: CrossEntropyOptions = {}): Tensor {
  if (opts.label_smoothing) throw new RuntimeError('label_smoothing is not supported by this engine');
  const dim = input.shape.length === 1 ? 0 : 1;
  return nll_loss(log_softmax(input, dim), target, opts);
}
