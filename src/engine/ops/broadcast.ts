// How each operand of an elementwise op maps onto the (broadcast) output.
import type { DType, FloatArray } from '../dtype';
import { alloc, empty } from '../dtype';
import { broadcastOffsets, broadcastShapes, numelOf, sameShape } from '../shape';
import { simdColumnSums32 } from '../wasm/simd';

/**
 * 'same': index i; 'scalar': index 0; Row: index i % inner (a bias over the last dims, the
 * common case in an MLP); Int32Array: explicit offsets.
 */
export interface Row {
  inner: number;
}
export type Access = 'same' | 'scalar' | Row | Int32Array;

export function indexOf(acc: Access, i: number): number {
  return acc === 'same' ? i : acc === 'scalar' ? 0 : acc instanceof Int32Array ? acc[i] : i % acc.inner;
}

export interface Plan {
  shape: number[];
  n: number;
  a: Access;
  b: Access;
}

function access(src: number[], srcNumel: number, out: number[]): Access {
  if (sameShape(src, out)) return 'same';
  if (srcNumel === 1) return 'scalar';
  // trailing-dims operand (after dropping leading 1s) repeats every `srcNumel` elements
  let k = 0;
  while (k < src.length && src[k] === 1) k++;
  const tail = src.slice(k);
  if (tail.length <= out.length && sameShape(tail, out.slice(out.length - tail.length))) return { inner: srcNumel };
  return broadcastOffsets(src, out)!;
}

export function plan(aShape: number[], aNumel: number, bShape: number[], bNumel: number): Plan {
  const shape = sameShape(aShape, bShape) ? [...aShape] : broadcastShapes(aShape, bShape);
  const n = numelOf(shape);
  return { shape, n, a: access(aShape, aNumel, shape), b: access(bShape, bNumel, shape) };
}

/** Gathers an operand into a dense array of the output's size (for rare general paths). */
export function expand(src: FloatArray, acc: Access, n: number, dtype: DType): FloatArray {
  if (acc === 'same') return src;
  const out = empty(dtype, n);
  if (acc === 'scalar') out.fill(src[0]);
  else for (let i = 0; i < n; i++) out[i] = src[indexOf(acc, i)];
  return out;
}

/** Sums a gradient of the output's size back onto an operand (undoes broadcasting). */
export function reduceGrad(g: FloatArray, acc: Access, srcNumel: number, dtype: DType): FloatArray {
  if (acc === 'same') return g;
  const out = alloc(dtype, srcNumel);
  if (acc === 'scalar') {
    let s = 0;
    for (let i = 0; i < g.length; i++) s += g[i];
    out[0] = s;
  } else {
    // accumulate in double, round once, as PyTorch's sum does with its accumulate type
    const tmp = dtype === 'float64' ? (out as Float64Array) : new Float64Array(srcNumel);
    if (acc instanceof Int32Array) for (let i = 0; i < g.length; i++) tmp[acc[i]] += g[i];
    else {
      const inner = acc.inner;
      if (!(g instanceof Float32Array && simdColumnSums32(g, g.length, inner, tmp)))
        for (let o = 0; o < g.length; o += inner) for (let j = 0; j < inner; j++) tmp[j] += g[o + j];
    }
    if (tmp !== out) out.set(tmp);
  }
  return out;
}
