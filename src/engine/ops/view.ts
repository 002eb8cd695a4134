// Shape ops. reshape/view/unsqueeze/squeeze share storage (and the version counter) with
// their input like PyTorch views; transpose copies, since storage here is always contiguous.
import type { DType } from '../dtype';
import { alloc, copyOf, empty } from '../dtype';
import { is_grad_enabled } from '../grad_mode';
import { needsGrad, record } from '../autograd';
import { Tensor } from '../tensor';
import { contiguousStrides, inferShape, normalizeDim } from '../shape';
import { RuntimeError } from '../errors';

function aliasOf(x: Tensor, shape: number[], name: string): Tensor {
  const out = Tensor._make(x.data, shape, x.dtype, x._version);
  if (is_grad_enabled() && ((x.is_leaf && x.requires_grad) || x._viewOfLeaf)) out._viewOfLeaf = true;
  if (needsGrad(x)) record(out, name, [x], (g) => [g]);
  return out;
}

export function reshape(x: Tensor, shape: number[]): Tensor {
  return aliasOf(x, inferShape(shape, x.data.length), 'ReshapeAliasBackward0');
}

export function view(x: Tensor, shape: number[]): Tensor {
  return aliasOf(x, inferShape(shape, x.data.length), 'ViewBackward0');
}

export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = normalizeDim(dim, x.shape.length + 1);
  const s = [...x.shape];
  s.splice(d, 0, 1);
  return aliasOf(x, s, 'UnsqueezeBackward0');
}

export function squeeze(x: Tensor, dim?: number): Tensor {
  if (dim === undefined) return aliasOf(x, x.shape.filter((s) => s !== 1), 'SqueezeBackward0');
  const d = normalizeDim(dim, x.shape.length);
  const s = [...x.shape];
  if (s[d] === 1) s.splice(d, 1);
  return aliasOf(x, s, 'SqueezeBackward1');
}

function permute2(x: ArrayLike<number>, shape: number[], d0: number, d1: number, dtype: DType) {
  const nd = shape.length;
  const outShape = [...shape];
  outShape[d0] = shape[d1];
  outShape[d1] = shape[d0];
  const n = x.length;
  const out = alloc(dtype, n);
  if (nd === 2 && d0 !== d1) {
    const r = shape[0];
    const c = shape[1];
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = x[i * c + j];
    return { out, outShape };
  }
  const inStrides = contiguousStrides(shape);
  const st = [...inStrides];
  st[d0] = inStrides[d1];
  st[d1] = inStrides[d0];
  const idx = new Array<number>(nd).fill(0);
  let src = 0;
  for (let o = 0; o < n; o++) {
    out[o] = x[src];
    for (let k = nd - 1; k >= 0; k--) {
      idx[k]++;
      src += st[k];
      if (idx[k] < outShape[k]) break;
      src -= st[k] * idx[k];
      idx[k] = 0;
    }
  }
  return { out, outShape };
}

export function transpose(x: Tensor, dim0: number, dim1: number, name = 'TransposeBackward0'): Tensor {
  const nd = x.shape.length;
  const d0 = normalizeDim(dim0, nd);
  const d1 = normalizeDim(dim1, nd);
  if (nd === 0) return aliasOf(x, [], name);
  const { out, outShape } = permute2(x.data, x.shape, d0, d1, x.dtype);
  const res = Tensor._make(out, outShape, x.dtype);
  if (needsGrad(x)) record(res, name, [x], (g) => [permute2(g, outShape, d0, d1, x.dtype).out]);
  return res;
}

export function t(x: Tensor): Tensor {
  if (x.shape.length > 2)
    throw new RuntimeError(`t() expects a tensor with <= 2 dimensions, but self is ${x.shape.length}D`);
  if (x.shape.length < 2) return aliasOf(x, [...x.shape], 'TBackward0');
  return transpose(x, 0, 1, 'TBackward0');
}

export function clone(x: Tensor): Tensor {
  const out = Tensor._make(copyOf(x.data), [...x.shape], x.dtype);
  if (needsGrad(x)) record(out, 'CloneBackward0', [x], (g) => [g]);
  return out;
}

export function toDtype(x: Tensor, dtype: DType): Tensor {
  if (dtype === x.dtype) return x;
  const d = empty(dtype, x.data.length);
  d.set(x.data);
  const out = Tensor._make(d, [...x.shape], dtype);
  // the engine casts gradients to each edge's dtype, so the closure can pass them through
  if (needsGrad(x)) record(out, 'ToCopyBackward0', [x], (g) => [g]);
  return out;
}
