// The `torch` namespace: dtype constants, factories, grad mode, and every op as a function.
import type { DType } from './dtype';
import { Tensor, type DimOptions, type NestedNumbers, type TensorLike } from './tensor';
import { TorchTypeError } from './errors';
import { is_grad_enabled, no_grad, set_grad_enabled } from './grad_mode';
import { Generator, default_generator, manual_seed } from './random';
import * as C from './creation';
import * as B from './ops/binary';
import * as U from './ops/unary';
import * as X from './ops/elementary';
import * as V from './ops/view';
import * as M from './ops/matmul';
import * as A from './activations';
import * as S from './softmax';
import { inplace } from './functional';

type SmArg = number | { dim: number; dtype?: DType };
function smDim(name: string, dim: SmArg | undefined, dtype?: DType): { dim: number; dtype?: DType } {
  if (dim === undefined || dim === null)
    throw new TorchTypeError(`${name}() missing required argument 'dim'`);
  return typeof dim === 'number' ? { dim, dtype } : { dim: dim.dim, dtype: dim.dtype ?? dtype };
}

type Extreme = { values: Tensor; indices: NestedNumbers };
function max(x: Tensor): Tensor;
function max(x: Tensor, other: Tensor): Tensor;
function max(x: Tensor, dim: number | DimOptions, keepdim?: boolean): Extreme;
function max(x: Tensor, dim?: number | DimOptions | Tensor, keepdim?: boolean): Tensor | Extreme {
  if (dim === undefined) return x.max();
  if (dim instanceof Tensor) return x.max(dim);
  return x.max(dim, keepdim);
}
function min(x: Tensor): Tensor;
function min(x: Tensor, other: Tensor): Tensor;
function min(x: Tensor, dim: number | DimOptions, keepdim?: boolean): Extreme;
function min(x: Tensor, dim?: number | DimOptions | Tensor, keepdim?: boolean): Tensor | Extreme {
  if (dim === undefined) return x.min();
  if (dim instanceof Tensor) return x.min(dim);
  return x.min(dim, keepdim);
}

export const torch = {
  float32: 'float32' as const,
  float64: 'float64' as const,
  float: 'float32' as const,
  double: 'float64' as const,
  Tensor,

  tensor: C.tensor,
  linspace: C.linspace,
  arange: C.arange,
  zeros: C.zeros,
  ones: C.ones,
  full: C.full,
  zeros_like: C.zeros_like,
  ones_like: C.ones_like,
  full_like: C.full_like,
  rand: C.rand,
  randn: C.randn,
  eye: C.eye,
  randint: C.randint,
  randperm: C.randperm,
  manual_seed,
  Generator,
  default_generator,
  initial_seed: () => default_generator.initial_seed(),

  no_grad,
  is_grad_enabled,
  set_grad_enabled,
  is_tensor: (x: unknown): x is Tensor => x instanceof Tensor,
  numel: (x: Tensor) => x.numel(),

  add: (a: TensorLike, b: TensorLike, opts?: { alpha?: number }) => B.add(a, b, opts),
  sub: (a: TensorLike, b: TensorLike, opts?: { alpha?: number }) => B.sub(a, b, opts),
  subtract: (a: TensorLike, b: TensorLike, opts?: { alpha?: number }) => B.sub(a, b, opts),
  rsub: B.rsub,
  mul: B.mul,
  multiply: B.mul,
  div: B.div,
  divide: B.div,
  true_divide: B.div,
  pow: B.pow,
  reciprocal: B.reciprocal,
  maximum: B.maximum,
  minimum: B.minimum,
  where: B.where,
  gt: B.gt,
  lt: B.lt,
  ge: B.ge,
  le: B.le,
  eq: B.eq,
  ne: B.ne,
  neg: U.neg,
  negative: U.neg,
  exp: U.exp,
  log: U.log,
  log1p: U.log1p,
  expm1: U.expm1,
  sqrt: U.sqrt,
  abs: U.abs,
  square: (x: Tensor) => B.pow(x, 2),
  sin: X.sin,
  cos: X.cos,
  atan: X.atan,
  arctan: X.atan,
  sign: X.sign,
  log2: X.log2,
  log10: X.log10,
  erf: X.erf,
  erfc: X.erfc,
  clamp: (x: Tensor, min?: TensorLike | null | { min?: TensorLike | null; max?: TensorLike | null }, max?: TensorLike | null) =>
    U.clamp(x, min, max),
  clip: (x: Tensor, min?: TensorLike | null | { min?: TensorLike | null; max?: TensorLike | null }, max?: TensorLike | null) =>
    U.clamp(x, min, max),

  sum: (x: Tensor, dim?: number | number[] | DimOptions | null, keepdim?: boolean) => x.sum(dim, keepdim),
  mean: (x: Tensor, dim?: number | number[] | DimOptions | null, keepdim?: boolean) => x.mean(dim, keepdim),
  max,
  min,
  logsumexp: (x: Tensor, dim: number | number[] | DimOptions, keepdim?: boolean) => x.logsumexp(dim, keepdim),

  reshape: (x: Tensor, shape: number[]) => V.reshape(x, shape),
  flatten: (x: Tensor) => V.reshape(x, [-1]),
  unsqueeze: V.unsqueeze,
  squeeze: V.squeeze,
  transpose: (x: Tensor, d0: number, d1: number) => V.transpose(x, d0, d1),
  t: V.t,
  clone: V.clone,
  detach: (x: Tensor) => x.detach(),
  matmul: M.matmul,
  mm: M.mm,

  tanh: A.tanh,
  sigmoid: A.sigmoid,
  relu: A.relu,
  selu: (x: Tensor) => A.selu(x),
  celu: (x: Tensor, alpha: number | { alpha?: number } = 1) => A.celu(x, typeof alpha === 'number' ? alpha : alpha.alpha ?? 1),
  prelu: A.prelu,
  rrelu: (x: Tensor, lower = 1 / 8, upper = 1 / 3, training = false) => A.rrelu(x, lower, upper, training),
  hardshrink: (x: Tensor, lambd = 0.5) => A.hardshrink(x, lambd),
  threshold: (x: Tensor, th: number, value: number) => A.threshold(x, th, value),
  tanh_: (x: Tensor) => x.tanh_(),
  sigmoid_: (x: Tensor) => x.sigmoid_(),
  relu_: (x: Tensor) => x.relu_(),
  selu_: (x: Tensor) => inplace(x, (s) => A.selu(s), 'EluBackward1'),
  celu_: (x: Tensor, alpha = 1) => inplace(x, (s) => A.celu(s, alpha), 'CeluBackward1'),
  threshold_: (x: Tensor, th: number, value: number) => inplace(x, (s) => A.threshold(s, th, value), 'ThresholdBackward1'),
  rrelu_: (x: Tensor, lower = 1 / 8, upper = 1 / 3, training = false) =>
    inplace(x, (s) => A.rrelu(s, lower, upper, training), 'RreluWithNoiseBackward1'),

  softmax: (x: Tensor, dim: SmArg, dtype?: DType) => {
    const o = smDim('softmax', dim, dtype);
    return S.softmax(x, o.dim, o.dtype);
  },
  log_softmax: (x: Tensor, dim: SmArg, dtype?: DType) => {
    const o = smDim('log_softmax', dim, dtype);
    return S.log_softmax(x, o.dim, o.dtype);
  },
};
