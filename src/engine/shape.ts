import { IndexError, RuntimeError } from './errors';

export function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

export function contiguousStrides(shape: readonly number[]): number[] {
  const st = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    st[i] = acc;
    acc *= shape[i];
  }
  return st;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `torch.Size([2, 3])` as PyTorch prints it. */
export function sizeStr(shape: readonly number[]): string {
  return `torch.Size([${shape.join(', ')}])`;
}

export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const ai = i - (n - a.length);
    const bi = i - (n - b.length);
    const da = ai >= 0 ? a[ai] : 1;
    const db = bi >= 0 ? b[bi] : 1;
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else
      throw new RuntimeError(
        `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`,
      );
  }
  return out;
}

/**
 * Offset of each output element inside an operand broadcast to `outShape`, or null when the
 * operand already has the output's shape (the common, fast case).
 */
export function broadcastOffsets(src: readonly number[], outShape: readonly number[]): Int32Array | null {
  if (sameShape(src, outShape)) return null;
  const n = numelOf(outShape);
  const nd = outShape.length;
  const srcStrides = contiguousStrides(src);
  const st = new Array<number>(nd).fill(0);
  for (let i = 0; i < src.length; i++) {
    const oi = i + nd - src.length;
    st[oi] = src[i] === 1 && outShape[oi] !== 1 ? 0 : srcStrides[i];
  }
  const off = new Int32Array(n);
  if (n === 0) return off;
  const inner = outShape[nd - 1] ?? 1;
  const innerStride = nd > 0 ? st[nd - 1] : 0;
  const idx = new Array<number>(nd).fill(0);
  let base = 0;
  for (let o = 0; o < n; o += inner) {
    for (let j = 0; j < inner; j++) off[o + j] = base + j * innerStride;
    // advance the odometer over all but the innermost dim
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]++;
      base += st[d];
      if (idx[d] < outShape[d]) break;
      base -= st[d] * idx[d];
      idx[d] = 0;
    }
  }
  return off;
}

export function normalizeDim(dim: number, ndim: number): number {
  const lo = ndim === 0 ? -1 : -ndim;
  const hi = ndim === 0 ? 0 : ndim - 1;
  if (!Number.isInteger(dim) || dim < lo || dim > hi)
    throw new IndexError(`Dimension out of range (expected to be in range of [${lo}, ${hi}], but got ${dim})`);
  return dim < 0 ? dim + Math.max(ndim, 1) : dim;
}

/** Resolves a `-1` entry and checks the element count, with PyTorch's message. */
export function inferShape(shape: readonly number[], numel: number): number[] {
  let infer = -1;
  let known = 1;
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] === -1) {
      if (infer >= 0) throw new RuntimeError('only one dimension can be inferred');
      infer = i;
    } else if (!Number.isInteger(shape[i]) || shape[i] < 0) {
      throw new RuntimeError(`invalid shape dimension ${shape[i]}`);
    } else known *= shape[i];
  }
  const out = [...shape];
  if (infer >= 0) {
    if (known === 0 || numel % known !== 0)
      throw new RuntimeError(`shape '[${shape.join(', ')}]' is invalid for input of size ${numel}`);
    out[infer] = numel / known;
  } else if (known !== numel) {
    throw new RuntimeError(`shape '[${shape.join(', ')}]' is invalid for input of size ${numel}`);
  }
  return out;
}
