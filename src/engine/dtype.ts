// Floating dtypes only: the engine exists to plot activations and their gradients, and
// PyTorch refuses gradients for integer tensors anyway.
export type DType = 'float32' | 'float64';
export type FloatArray = Float32Array | Float64Array;

export const DEFAULT_DTYPE: DType = 'float32';

/** A zero-filled array of `n` elements. */
export function alloc(dtype: DType, n: number): FloatArray {
  return dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
}

/** A copy of `a`: alloc + set (a typed array's slice() goes through its species constructor, ~4× slower for 1000 elements). */
export function copyOf<T extends FloatArray>(a: T): T {
  const out = alloc(a instanceof Float64Array ? 'float64' : 'float32', a.length) as T;
  out.set(a);
  return out;
}

export function isDType(v: unknown): v is DType {
  return v === 'float32' || v === 'float64';
}

/** PyTorch's result_type for two floating tensors: a 0-d tensor never wins against a dimensioned one. */
export function promoteTypes(a: DType, aDims: number, b: DType, bDims: number): DType {
  if (a === b) return a;
  if (aDims === 0 && bDims > 0) return b;
  if (bDims === 0 && aDims > 0) return a;
  return 'float64';
}

/** Name used inside PyTorch's messages, e.g. `[torch.FloatTensor [3]]`. */
export function legacyTypeName(d: DType): string {
  return d === 'float64' ? 'torch.DoubleTensor' : 'torch.FloatTensor';
}

export function identity(v: number): number {
  return v;
}

/** Rounds a double to the storage precision of `dtype`. */
export function rounder(dtype: DType): (v: number) => number {
  return dtype === 'float32' ? Math.fround : identity;
}
