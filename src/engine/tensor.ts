import type { DType, FloatArray } from './dtype';
import { copyOf } from './dtype';
import { RuntimeError, ValueError } from './errors';
import { is_grad_enabled } from './grad_mode';
import { warn } from './warnings';
import { type BackwardOptions, Node, record, runBackward } from './autograd';
import { numelOf } from './shape';
import { formatTensor } from './format';
import * as B from './ops/binary';
import * as U from './ops/unary';
import * as R from './ops/reduce';
import * as V from './ops/view';
import * as M from './ops/matmul';
import * as A from './activations';
import * as S from './softmax';

export type TensorLike = Tensor | number;
export type NestedNumbers = number | NestedNumbers[];
export interface DimOptions {
  dim?: number | number[] | null;
  keepdim?: boolean;
}

const NON_LEAF_GRAD_WARNING =
  "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won't be populated during autograd.backward(). " +
  'If you indeed want the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. ' +
  'If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. ' +
  'See github.com/pytorch/pytorch/pull/30531 for more informations.';

function dimArgs(a?: number | number[] | DimOptions | null, keepdim?: boolean): DimOptions {
  if (a === undefined || a === null) return { dim: null, keepdim: keepdim ?? false };
  if (typeof a === 'number' || Array.isArray(a)) return { dim: a, keepdim: keepdim ?? false };
  return { dim: a.dim ?? null, keepdim: a.keepdim ?? keepdim ?? false };
}

function softmaxDim(a: number | { dim?: number | null; dtype?: DType } | undefined | null): {
  dim: number | null;
  dtype?: DType;
} {
  if (a === undefined || a === null) return { dim: null };
  if (typeof a === 'number') return { dim: a };
  return { dim: a.dim ?? null, dtype: a.dtype };
}

export class Tensor {
  /** Contiguous row-major storage; views made by reshape/view/detach share it. */
  data: FloatArray;
  readonly shape: number[];
  readonly dtype: DType;
  /** @internal shared by tensors that share storage, bumped by in-place ops */
  _version: { v: number };
  /** @internal */ _gradRaw: Tensor | null = null;
  /** @internal */ _requiresGrad = false;
  /** @internal */ _gradFn: Node | null = null;
  /** @internal */ _retainsGrad = false;
  /** @internal a view (reshape/view) of a leaf that requires grad */
  _viewOfLeaf = false;

  private constructor(data: FloatArray, shape: number[], dtype: DType, version?: { v: number }) {
    this.data = data;
    this.shape = shape;
    this.dtype = dtype;
    this._version = version ?? { v: 0 };
  }

  /** @internal Wraps storage without copying. */
  static _make(data: FloatArray, shape: number[], dtype: DType, version?: { v: number }): Tensor {
    return new Tensor(data, shape, dtype, version);
  }

  get requires_grad(): boolean {
    return this._requiresGrad;
  }
  set requires_grad(v: boolean) {
    if (this._gradFn !== null) {
      if (!v)
        throw new RuntimeError(
          "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
        );
      return;
    }
    this._requiresGrad = !!v;
  }
  /** PyTorch's `requires_grad_()`; returns this. */
  requires_grad_(v = true): this {
    this.requires_grad = v;
    return this;
  }

  get grad(): Tensor | null {
    if (this._gradFn !== null && !this._retainsGrad) warn(NON_LEAF_GRAD_WARNING);
    return this._gradRaw;
  }
  set grad(g: Tensor | null) {
    this._gradRaw = g;
  }

  get grad_fn(): Node | null {
    return this._gradFn;
  }
  /** @internal */
  _setGradFn(n: Node | null): void {
    this._gradFn = n;
    this._requiresGrad = n !== null || this._requiresGrad;
  }

  get is_leaf(): boolean {
    return this._gradFn === null;
  }

  // camelCase aliases (DESIGN.md spells them this way); the PyTorch names are primary
  get requiresGrad(): boolean {
    return this.requires_grad;
  }
  get gradFn(): Node | null {
    return this._gradFn;
  }
  get isLeaf(): boolean {
    return this._gradFn === null;
  }

  get ndim(): number {
    return this.shape.length;
  }
  dim(): number {
    return this.shape.length;
  }
  numel(): number {
    return this.data.length;
  }
  size(dim?: number): number | number[] {
    if (dim === undefined) return [...this.shape];
    return this.shape[dim < 0 ? dim + this.shape.length : dim];
  }

  item(): number {
    if (this.data.length !== 1) throw new ValueError('only one element tensors can be converted to Python scalars');
    return this.data[0];
  }

  tolist(): NestedNumbers {
    const d = this.data;
    const shape = this.shape;
    if (shape.length === 0) return d[0];
    const build = (dim: number, off: number, stride: number): NestedNumbers[] => {
      const n = shape[dim];
      const inner = stride / (n || 1);
      const out: NestedNumbers[] = new Array(n);
      if (dim === shape.length - 1) for (let i = 0; i < n; i++) out[i] = d[off + i];
      else for (let i = 0; i < n; i++) out[i] = build(dim + 1, off + i * inner, inner);
      return out;
    };
    return build(0, 0, numelOf(shape));
  }

  toString(): string {
    return formatTensor(this);
  }

  backward(opts: BackwardOptions | Tensor = {}): void {
    runBackward(this, opts instanceof Tensor ? { gradient: opts } : opts);
  }

  detach(): Tensor {
    return Tensor._make(this.data, [...this.shape], this.dtype, this._version);
  }
  detach_(): this {
    this._gradFn = null;
    this._requiresGrad = false;
    return this;
  }

  retain_grad(): void {
    if (!this._requiresGrad) throw new RuntimeError("can't retain_grad on Tensor that has requires_grad=False");
    if (this._gradFn === null) return;
    this._retainsGrad = true;
    this._gradFn._retained = this;
  }
  get retains_grad(): boolean {
    return this._retainsGrad;
  }

  /** @internal PyTorch's check before any in-place op. */
  _checkInplace(): void {
    if (!is_grad_enabled()) return;
    if (this._gradFn === null && this._requiresGrad)
      throw new RuntimeError('a leaf Variable that requires grad is being used in an in-place operation.');
    if (this._viewOfLeaf)
      throw new RuntimeError('a view of a leaf Variable that requires grad is being used in an in-place operation.');
  }

  /**
   * @internal Runs `f` on a snapshot of this tensor (so backward closures keep the original
   * values) and moves its result into this tensor's storage, PyTorch-style.
   */
  _inplace(f: (src: Tensor) => Tensor, name?: string): this {
    this._checkInplace();
    let src: Tensor = this;
    if (is_grad_enabled()) {
      src = Tensor._make(copyOf(this.data), [...this.shape], this.dtype);
      src._gradFn = this._gradFn;
      src._requiresGrad = this._requiresGrad;
    }
    const r = f(src);
    if (name && r._gradFn) r._gradFn._rename(name);
    return this._assignInplace(r);
  }

  /** @internal Moves the result of an out-of-place op into this tensor, PyTorch-style. */
  _assignInplace(r: Tensor): this {
    this.data.set(r.data);
    this._version.v++;
    const node = r._gradFn;
    if (node) {
      for (const s of node._saved) if (s.tensor === r) {
        s.tensor = this;
        s.version = this._version.v;
      }
      if (node._retained === r) node._retained = this;
      this._gradFn = node;
      this._requiresGrad = true;
    }
    return this;
  }

  // ---- conversions
  to(dtype: DType | { dtype: DType }): Tensor {
    return V.toDtype(this, typeof dtype === 'string' ? dtype : dtype.dtype);
  }
  float(): Tensor {
    return V.toDtype(this, 'float32');
  }
  double(): Tensor {
    return V.toDtype(this, 'float64');
  }
  clone(): Tensor {
    return V.clone(this);
  }
  contiguous(): Tensor {
    return this;
  }

  // ---- arithmetic
  add(o: TensorLike, opts?: { alpha?: number }): Tensor {
    return B.add(this, o, opts);
  }
  sub(o: TensorLike, opts?: { alpha?: number }): Tensor {
    return B.sub(this, o, opts);
  }
  mul(o: TensorLike): Tensor {
    return B.mul(this, o);
  }
  div(o: TensorLike): Tensor {
    return B.div(this, o);
  }
  pow(o: TensorLike): Tensor {
    return B.pow(this, o);
  }
  maximum(o: Tensor): Tensor {
    return B.maximum(this, o);
  }
  minimum(o: Tensor): Tensor {
    return B.minimum(this, o);
  }
  neg(): Tensor {
    return U.neg(this);
  }
  exp(): Tensor {
    return U.exp(this);
  }
  log(): Tensor {
    return U.log(this);
  }
  log1p(): Tensor {
    return U.log1p(this);
  }
  expm1(): Tensor {
    return U.expm1(this);
  }
  sqrt(): Tensor {
    return U.sqrt(this);
  }
  abs(): Tensor {
    return U.abs(this);
  }
  square(): Tensor {
    return B.pow(this, 2);
  }
  clamp(min?: TensorLike | null | { min?: TensorLike | null; max?: TensorLike | null }, max?: TensorLike | null): Tensor {
    return U.clamp(this, min, max);
  }
  clip(min?: TensorLike | null | { min?: TensorLike | null; max?: TensorLike | null }, max?: TensorLike | null): Tensor {
    return U.clamp(this, min, max);
  }

  // ---- in-place arithmetic (SGD steps under no_grad, grad.zero_())
  add_(o: TensorLike, opts?: { alpha?: number }): this {
    return this._inplace((s) => B.add(s, o, opts));
  }
  sub_(o: TensorLike, opts?: { alpha?: number }): this {
    return this._inplace((s) => B.sub(s, o, opts));
  }
  mul_(o: TensorLike): this {
    return this._inplace((s) => B.mul(s, o));
  }
  div_(o: TensorLike): this {
    return this._inplace((s) => B.div(s, o));
  }
  neg_(): this {
    return this._inplace((s) => U.neg(s));
  }
  exp_(): this {
    return this._inplace((s) => U.exp(s));
  }
  clamp_(min?: TensorLike | null | { min?: TensorLike | null; max?: TensorLike | null }, max?: TensorLike | null): this {
    return this._inplace((s) => U.clamp(s, min, max));
  }
  zero_(): this {
    return this.fill_(0);
  }
  fill_(v: number): this {
    return this._inplace((s) => {
      const r = Tensor._make(s.data.slice().fill(v), [...s.shape], s.dtype);
      // a constant: like PyTorch's FillBackward0, it sends zeros back
      if (is_grad_enabled() && s.requires_grad) record(r, 'FillBackward0', [s], (g) => [g.slice().fill(0)]);
      return r;
    });
  }

  // ---- reductions
  sum(dim?: number | number[] | DimOptions | null, keepdim?: boolean): Tensor {
    return R.sum(this, dimArgs(dim, keepdim));
  }
  mean(dim?: number | number[] | DimOptions | null, keepdim?: boolean): Tensor {
    return R.mean(this, dimArgs(dim, keepdim));
  }
  max(): Tensor;
  max(dim: number | DimOptions, keepdim?: boolean): { values: Tensor; indices: NestedNumbers };
  max(other: Tensor): Tensor;
  max(dim?: number | DimOptions | Tensor, keepdim?: boolean): Tensor | { values: Tensor; indices: NestedNumbers } {
    if (dim instanceof Tensor) return B.maximum(this, dim);
    if (dim === undefined) return R.maxAll(this);
    const o = dimArgs(dim, keepdim);
    return R.maxDim(this, o.dim as number, o.keepdim ?? false);
  }
  min(): Tensor;
  min(dim: number | DimOptions, keepdim?: boolean): { values: Tensor; indices: NestedNumbers };
  min(other: Tensor): Tensor;
  min(dim?: number | DimOptions | Tensor, keepdim?: boolean): Tensor | { values: Tensor; indices: NestedNumbers } {
    if (dim instanceof Tensor) return B.minimum(this, dim);
    if (dim === undefined) return R.minAll(this);
    const o = dimArgs(dim, keepdim);
    return R.minDim(this, o.dim as number, o.keepdim ?? false);
  }
  logsumexp(dim: number | number[] | DimOptions, keepdim?: boolean): Tensor {
    return R.logsumexp(this, dimArgs(dim, keepdim));
  }

  // ---- shape
  reshape(...shape: (number | number[])[]): Tensor {
    return V.reshape(this, shape.flat());
  }
  view(...shape: (number | number[])[]): Tensor {
    return V.view(this, shape.flat());
  }
  flatten(): Tensor {
    return V.reshape(this, [-1]);
  }
  unsqueeze(dim: number): Tensor {
    return V.unsqueeze(this, dim);
  }
  squeeze(dim?: number): Tensor {
    return V.squeeze(this, dim);
  }
  transpose(d0: number, d1: number): Tensor {
    return V.transpose(this, d0, d1);
  }
  t(): Tensor {
    return V.t(this);
  }
  get T(): Tensor {
    return V.t(this);
  }
  matmul(o: Tensor): Tensor {
    return M.matmul(this, o);
  }
  mm(o: Tensor): Tensor {
    return M.mm(this, o);
  }

  // ---- activations that PyTorch has as Tensor methods
  tanh(): Tensor {
    return A.tanh(this);
  }
  sigmoid(): Tensor {
    return A.sigmoid(this);
  }
  relu(): Tensor {
    return A.relu(this);
  }
  hardshrink(lambd: number | { lambd?: number } = 0.5): Tensor {
    return A.hardshrink(this, typeof lambd === 'number' ? lambd : lambd.lambd ?? 0.5);
  }
  tanh_(): this {
    return this._inplace((s) => A.tanh(s));
  }
  sigmoid_(): this {
    return this._inplace((s) => A.sigmoid(s));
  }
  relu_(): this {
    return this._inplace((s) => A.relu(s));
  }
  softmax(dim: number | { dim: number; dtype?: DType }): Tensor {
    const o = softmaxDim(dim);
    return S.softmax(this, o.dim, o.dtype, 'softmax');
  }
  log_softmax(dim: number | { dim: number; dtype?: DType }): Tensor {
    const o = softmaxDim(dim);
    return S.log_softmax(this, o.dim, o.dtype, 'log_softmax');
  }
}
