// `torch.nn.functional` (F): PyTorch's keyword arguments as an options object, and its
// positional arguments where PyTorch takes them positionally.
import type { DType } from './dtype';
import { Tensor } from './tensor';
import { warn } from './warnings';
import * as A from './activations';
import * as S from './softmax';
import * as L from './losses';

type Opt<T> = T | undefined;
interface Inplace {
  inplace?: boolean;
}

/** In-place activation: checks, then overwrites `x` (optionally renaming the node). */
export function inplace(x: Tensor, f: (src: Tensor) => Tensor, name?: string): Tensor {
  return x._inplace(f, name);
}

function pick<T>(arg: unknown, key: string, dflt: T): T {
  if (arg !== null && typeof arg === 'object' && !(arg instanceof Tensor)) {
    const v = (arg as Record<string, unknown>)[key];
    return v === undefined ? dflt : (v as T);
  }
  return arg === undefined ? dflt : (arg as T);
}

function isInplace(...args: unknown[]): boolean {
  for (const a of args) {
    if (a === true) return true;
    if (a !== null && typeof a === 'object' && (a as Inplace).inplace) return true;
  }
  return false;
}

export function tanh(x: Tensor): Tensor {
  warn('nn.functional.tanh is deprecated. Use torch.tanh instead.');
  return A.tanh(x);
}
export function sigmoid(x: Tensor): Tensor {
  warn('nn.functional.sigmoid is deprecated. Use torch.sigmoid instead.');
  return A.sigmoid(x);
}

export function relu(x: Tensor, opts?: boolean | Inplace): Tensor {
  return isInplace(opts) ? relu_(x) : A.relu(x);
}
export function relu_(x: Tensor): Tensor {
  return inplace(x, (s) => A.relu(s));
}
export function relu6(x: Tensor, opts?: boolean | Inplace): Tensor {
  return isInplace(opts) ? inplace(x, (s) => A.relu6(s)) : A.relu6(x);
}

export function leaky_relu(x: Tensor, negative_slope?: number | { negative_slope?: number; inplace?: boolean }, inplaceArg?: boolean): Tensor {
  const slope = pick(negative_slope, 'negative_slope', 0.01);
  return isInplace(negative_slope, inplaceArg) ? leaky_relu_(x, slope) : A.leaky_relu(x, slope);
}
export function leaky_relu_(x: Tensor, negative_slope: number | { negative_slope?: number } = 0.01): Tensor {
  const slope = pick(negative_slope, 'negative_slope', 0.01);
  return inplace(x, (s) => A.leaky_relu(s, slope), 'LeakyReluBackward1');
}

export function elu(x: Tensor, alpha?: number | { alpha?: number; inplace?: boolean }, inplaceArg?: boolean): Tensor {
  const a = pick(alpha, 'alpha', 1);
  return isInplace(alpha, inplaceArg) ? elu_(x, a) : A.elu(x, a);
}
export function elu_(x: Tensor, alpha: number | { alpha?: number } = 1): Tensor {
  const a = pick(alpha, 'alpha', 1);
  return inplace(x, (s) => A.elu(s, a), 'EluBackward1');
}
export function selu(x: Tensor, opts?: boolean | Inplace): Tensor {
  return isInplace(opts) ? selu_(x) : A.selu(x);
}
export function selu_(x: Tensor): Tensor {
  return inplace(x, (s) => A.selu(s), 'EluBackward1');
}
export function celu(x: Tensor, alpha?: number | { alpha?: number; inplace?: boolean }, inplaceArg?: boolean): Tensor {
  const a = pick(alpha, 'alpha', 1);
  return isInplace(alpha, inplaceArg) ? celu_(x, a) : A.celu(x, a);
}
export function celu_(x: Tensor, alpha: number | { alpha?: number } = 1): Tensor {
  const a = pick(alpha, 'alpha', 1);
  return inplace(x, (s) => A.celu(s, a), 'CeluBackward1');
}

export function gelu(x: Tensor, approximate?: 'none' | 'tanh' | { approximate?: 'none' | 'tanh' }): Tensor {
  return A.gelu(x, pick(approximate, 'approximate', 'none' as const));
}
export function silu(x: Tensor, opts?: boolean | Inplace): Tensor {
  return isInplace(opts) ? inplace(x, (s) => A.silu(s)) : A.silu(x);
}
export function mish(x: Tensor, opts?: boolean | Inplace): Tensor {
  return isInplace(opts) ? inplace(x, (s) => A.mish(s)) : A.mish(x);
}
export function softplus(x: Tensor, beta?: number | { beta?: number; threshold?: number }, threshold?: number): Tensor {
  return A.softplus(x, pick(beta, 'beta', 1), threshold ?? pick(beta, 'threshold', 20));
}
export function softsign(x: Tensor): Tensor {
  return A.softsign(x);
}
export function hardtanh(
  x: Tensor,
  min_val?: number | { min_val?: number; max_val?: number; inplace?: boolean },
  max_val?: number,
  inplaceArg?: boolean,
): Tensor {
  const lo = pick(min_val, 'min_val', -1);
  const hi = max_val ?? pick(min_val, 'max_val', 1);
  return isInplace(min_val, inplaceArg) ? hardtanh_(x, lo, hi) : A.hardtanh(x, lo, hi);
}
export function hardtanh_(x: Tensor, min_val: number | { min_val?: number; max_val?: number } = -1, max_val?: number): Tensor {
  const lo = pick(min_val, 'min_val', -1);
  const hi = max_val ?? pick(min_val, 'max_val', 1);
  return inplace(x, (s) => A.hardtanh(s, lo, hi));
}
export function hardsigmoid(x: Tensor, opts?: boolean | Inplace): Tensor {
  return isInplace(opts) ? inplace(x, (s) => A.hardsigmoid(s)) : A.hardsigmoid(x);
}
export function hardswish(x: Tensor, opts?: boolean | Inplace): Tensor {
  return isInplace(opts) ? inplace(x, (s) => A.hardswish(s)) : A.hardswish(x);
}
export function logsigmoid(x: Tensor): Tensor {
  return A.logsigmoid(x);
}
export function tanhshrink(x: Tensor): Tensor {
  return A.tanhshrink(x);
}
export function softshrink(x: Tensor, lambd?: number | { lambd?: number }): Tensor {
  return A.softshrink(x, pick(lambd, 'lambd', 0.5));
}
export function hardshrink(x: Tensor, lambd?: number | { lambd?: number }): Tensor {
  return A.hardshrink(x, pick(lambd, 'lambd', 0.5));
}
export function threshold(
  x: Tensor,
  th: number | { threshold: number; value: number; inplace?: boolean },
  value?: number,
  inplaceArg?: boolean,
): Tensor {
  const t = typeof th === 'number' ? th : th.threshold;
  const v = typeof th === 'number' ? (value as number) : th.value;
  return isInplace(th, inplaceArg) ? threshold_(x, t, v) : A.threshold(x, t, v);
}
export function threshold_(x: Tensor, th: number | { threshold: number; value: number }, value?: number): Tensor {
  const t = typeof th === 'number' ? th : th.threshold;
  const v = typeof th === 'number' ? (value as number) : th.value;
  return inplace(x, (s) => A.threshold(s, t, v), 'ThresholdBackward1');
}
export function prelu(x: Tensor, weight: Tensor | { weight: Tensor }): Tensor {
  return A.prelu(x, weight instanceof Tensor ? weight : weight.weight);
}

interface RReLUOptions {
  lower?: number;
  upper?: number;
  training?: boolean;
  inplace?: boolean;
}
export function rrelu(x: Tensor, lower?: number | RReLUOptions, upper?: number, training?: boolean, inplaceArg?: boolean): Tensor {
  const lo = pick(lower, 'lower', 1 / 8);
  const hi = upper ?? pick(lower, 'upper', 1 / 3);
  const tr = training ?? pick(lower, 'training', false);
  return isInplace(lower, inplaceArg) ? rrelu_(x, lo, hi, tr) : A.rrelu(x, lo, hi, tr);
}
export function rrelu_(x: Tensor, lower: number | RReLUOptions = 1 / 8, upper?: number, training?: boolean): Tensor {
  const lo = pick(lower, 'lower', 1 / 8);
  const hi = upper ?? pick(lower, 'upper', 1 / 3);
  const tr = training ?? pick(lower, 'training', false);
  return inplace(x, (s) => A.rrelu(s, lo, hi, tr), 'RreluWithNoiseBackward1');
}

type SoftmaxArgs = Opt<number | null | { dim?: number | null; dtype?: DType }>;
function smArgs(dim: SoftmaxArgs, dtype?: DType): { dim: number | null; dtype?: DType } {
  if (dim === undefined || dim === null) return { dim: null, dtype };
  if (typeof dim === 'number') return { dim, dtype };
  return { dim: dim.dim ?? null, dtype: dim.dtype ?? dtype };
}
export function softmax(x: Tensor, dim?: SoftmaxArgs, dtype?: DType): Tensor {
  const o = smArgs(dim, dtype);
  return S.softmax(x, o.dim, o.dtype, 'softmax');
}
export function log_softmax(x: Tensor, dim?: SoftmaxArgs, dtype?: DType): Tensor {
  const o = smArgs(dim, dtype);
  return S.log_softmax(x, o.dim, o.dtype, 'log_softmax');
}
export function softmin(x: Tensor, dim?: SoftmaxArgs, dtype?: DType): Tensor {
  const o = smArgs(dim, dtype);
  return S.softmin(x, o.dim, o.dtype);
}

type RedArg = string | { reduction?: string } | undefined;
const red = (r: RedArg): string => (typeof r === 'string' ? r : r?.reduction ?? 'mean');

export function mse_loss(input: Tensor, target: Tensor, reduction?: RedArg): Tensor {
  return L.mse_loss(input, target, red(reduction));
}
export function binary_cross_entropy(input: Tensor, target: Tensor, opts?: L.BCEOptions | Tensor | null): Tensor {
  return L.binary_cross_entropy(input, target, opts instanceof Tensor ? { weight: opts } : opts ?? {});
}
export function binary_cross_entropy_with_logits(input: Tensor, target: Tensor, opts?: L.BCELogitsOptions | Tensor | null): Tensor {
  return L.binary_cross_entropy_with_logits(input, target, opts instanceof Tensor ? { weight: opts } : opts ?? {});
}
export function nll_loss(input: Tensor, target: L.Target, opts?: L.NLLOptions | Tensor | null): Tensor {
  return L.nll_loss(input, target, opts instanceof Tensor ? { weight: opts } : opts ?? {});
}
export function cross_entropy(input: Tensor, target: L.Target, opts?: L.CrossEntropyOptions | Tensor | null): Tensor {
  return L.cross_entropy(input, target, opts instanceof Tensor ? { weight: opts } : opts ?? {});
}
