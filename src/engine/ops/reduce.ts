// Reductions over all elements or chosen dims, with keepdim.
import type { DType, FloatArray } from '../dtype';
import { alloc, rounder } from '../dtype';
import { constGrad, needsGrad, record } from '../autograd';
import { Tensor, type DimOptions, type NestedNumbers } from '../tensor';
import { broadcastOffsets, normalizeDim, numelOf } from '../shape';
import { IndexError, RuntimeError } from '../errors';
import { exp as fexp } from '../fastmath';

interface Reduction {
  /** shape with reduced dims kept as 1 */
  kept: number[];
  /** final output shape */
  outShape: number[];
  /** output offset of every input element (null: reduce everything) */
  off: Int32Array | null;
  outN: number;
  count: number;
}

function reduction(x: Tensor, dims: number | number[] | null | undefined, keepdim: boolean): Reduction {
  const nd = x.shape.length;
  const list = dims === null || dims === undefined ? null : Array.isArray(dims) ? dims : [dims];
  if (list === null || (Array.isArray(dims) && dims.length === 0)) {
    const kept = x.shape.map(() => 1);
    return { kept, outShape: keepdim ? kept : [], off: null, outN: 1, count: x.data.length };
  }
  const set = new Set<number>();
  for (const d of list) {
    const nd0 = normalizeDim(d, nd);
    if (set.has(nd0)) throw new RuntimeError(`dim ${nd0} appears multiple times in the list of dims`);
    set.add(nd0);
  }
  const kept = x.shape.map((s, i) => (set.has(i) ? 1 : s));
  const outShape = keepdim ? kept : x.shape.filter((_, i) => !set.has(i));
  if (nd === 0) return { kept: [], outShape: [], off: null, outN: 1, count: 1 };
  let count = 1;
  for (const d of set) count *= x.shape[d];
  return { kept, outShape, off: broadcastOffsets(kept, x.shape) ?? identityOffsets(x.data.length), outN: numelOf(kept), count };
}

function identityOffsets(n: number): Int32Array {
  const o = new Int32Array(n);
  for (let i = 0; i < n; i++) o[i] = i;
  return o;
}

/**
 * Σx in double over four interleaved partial sums (a single running sum waits on every add;
 * PyTorch's own sum also adds in several lanes, not left to right).
 */
function sumAll64(x: Float64Array): number {
  const n = x.length;
  const n4 = n - (n & 3);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i < n4; i += 4) {
    s0 += x[i];
    s1 += x[i + 1];
    s2 += x[i + 2];
    s3 += x[i + 3];
  }
  for (; i < n; i++) s0 += x[i];
  return s0 + s1 + (s2 + s3);
}
function sumAll32(x: Float32Array): number {
  const n = x.length;
  const n4 = n - (n & 3);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i < n4; i += 4) {
    s0 += x[i];
    s1 += x[i + 1];
    s2 += x[i + 2];
    s3 += x[i + 3];
  }
  for (; i < n; i++) s0 += x[i];
  return s0 + s1 + (s2 + s3);
}

function sumInto(x: FloatArray, r: Reduction, dtype: DType): FloatArray {
  const out = alloc(dtype, r.outN);
  if (r.off === null) {
    out[0] = x instanceof Float64Array ? sumAll64(x) : sumAll32(x);
    return out;
  }
  const acc = dtype === 'float64' ? out : new Float64Array(r.outN);
  const off = r.off;
  for (let i = 0; i < x.length; i++) acc[off[i]] += x[i];
  if (acc !== out) out.set(acc);
  return out;
}

/** Broadcasts a reduced gradient back over the input, times `scale`. */
function spread(g: FloatArray, r: Reduction, n: number, dtype: DType, scale: number): FloatArray {
  // a full reduction sends one value back everywhere: a lazy constant (see constGrad)
  if (r.off === null) return constGrad(dtype, n, rounder(dtype)(g[0] * scale));
  const out = alloc(dtype, n);
  const off = r.off;
  if (scale === 1) for (let i = 0; i < n; i++) out[i] = g[off[i]];
  else for (let i = 0; i < n; i++) out[i] = g[off[i]] * scale;
  return out;
}

export function sum(x: Tensor, o: DimOptions): Tensor {
  const r = reduction(x, o.dim, o.keepdim ?? false);
  const out = Tensor._make(sumInto(x.data, r, x.dtype), r.outShape, x.dtype);
  if (needsGrad(x)) {
    const n = x.data.length;
    record(out, o.dim === null || o.dim === undefined ? 'SumBackward0' : 'SumBackward1', [x], (g) => [
      spread(g, r, n, x.dtype, 1),
    ]);
  }
  return out;
}

export function mean(x: Tensor, o: DimOptions): Tensor {
  const r = reduction(x, o.dim, o.keepdim ?? false);
  const s = sumInto(x.data, r, 'float64');
  const od = alloc(x.dtype, r.outN);
  for (let i = 0; i < od.length; i++) od[i] = s[i] / r.count;
  const out = Tensor._make(od, r.outShape, x.dtype);
  if (needsGrad(x)) {
    const n = x.data.length;
    const all = o.dim === null || o.dim === undefined;
    record(out, all ? 'MeanBackward0' : 'MeanBackward1', [x], (g) => {
      const gs = alloc(x.dtype, g.length);
      for (let i = 0; i < g.length; i++) gs[i] = g[i] / r.count;
      return [spread(gs, r, n, x.dtype, 1)];
    });
  }
  return out;
}

function extremeAll(x: Tensor, isMax: boolean): Tensor {
  const d = x.data;
  if (d.length === 0)
    throw new RuntimeError(
      `${isMax ? 'max' : 'min'}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`,
    );
  let m = d[0];
  for (let i = 1; i < d.length; i++) {
    const v = d[i];
    if (v !== v) {
      m = v;
      break;
    }
    // ties go to the later element, as in PyTorch's full reduction (seen in 0 vs −0)
    if (isMax ? v >= m : v <= m) m = v;
  }
  const od = alloc(x.dtype, 1);
  od[0] = m;
  const out = Tensor._make(od, [], x.dtype);
  if (needsGrad(x)) {
    record(
      out,
      isMax ? 'MaxBackward1' : 'MinBackward1',
      [x],
      (g) => {
        // PyTorch spreads the gradient evenly over every element equal to the extreme.
        const r = alloc(x.dtype, d.length);
        const isNan = m !== m;
        let count = 0;
        for (let i = 0; i < d.length; i++) if (d[i] === m || (isNan && d[i] !== d[i])) count++;
        const v = g[0] / count;
        for (let i = 0; i < d.length; i++) if (d[i] === m || (isNan && d[i] !== d[i])) r[i] = v;
        return [r];
      },
      { inputs: [x], output: true },
    );
  }
  return out;
}

export const maxAll = (x: Tensor) => extremeAll(x, true);
export const minAll = (x: Tensor) => extremeAll(x, false);

function extremeDim(x: Tensor, dim: number, keepdim: boolean, isMax: boolean): { values: Tensor; indices: NestedNumbers } {
  const nd = x.shape.length;
  const d0 = normalizeDim(dim, nd);
  const size = nd === 0 ? 1 : x.shape[d0];
  if (size === 0)
    throw new IndexError(`${isMax ? 'max' : 'min'}(): Expected reduction dim ${d0} to have non-zero size.`);
  const outer = nd === 0 ? 1 : numelOf(x.shape.slice(0, d0));
  const inner = nd === 0 ? 1 : numelOf(x.shape.slice(d0 + 1));
  const kept = nd === 0 ? [] : x.shape.map((s, i) => (i === d0 ? 1 : s));
  const outShape = keepdim || nd === 0 ? kept : x.shape.filter((_, i) => i !== d0);
  const n = outer * inner;
  const vals = alloc(x.dtype, n);
  const idx = new Int32Array(n);
  const d = x.data;
  for (let o = 0; o < outer; o++)
    for (let j = 0; j < inner; j++) {
      const base = o * size * inner + j;
      let best = d[base];
      let bi = 0;
      if (best === best)
        for (let k = 1; k < size; k++) {
          const v = d[base + k * inner];
          if (v !== v) {
            best = v;
            bi = k;
            break;
          }
          if (isMax ? v > best : v < best) {
            best = v;
            bi = k;
          }
        }
      vals[o * inner + j] = best;
      idx[o * inner + j] = bi;
    }
  const values = Tensor._make(vals, outShape, x.dtype);
  if (needsGrad(x)) {
    record(
      values,
      isMax ? 'MaxBackward0' : 'MinBackward0',
      [x],
      (g) => {
        const r = alloc(x.dtype, d.length);
        for (let o = 0; o < outer; o++)
          for (let j = 0; j < inner; j++) r[o * size * inner + idx[o * inner + j] * inner + j] = g[o * inner + j];
        return [r];
      },
      { inputs: [] },
    );
  }
  const idxT = Tensor._make(Float64Array.from(idx), outShape, 'float64');
  return { values, indices: idxT.tolist() };
}


export const maxDim = (x: Tensor, dim: number, keepdim: boolean) => extremeDim(x, dim, keepdim, true);
export const minDim = (x: Tensor, dim: number, keepdim: boolean) => extremeDim(x, dim, keepdim, false);

export function logsumexp(x: Tensor, o: DimOptions): Tensor {
  const r = reduction(x, o.dim ?? [], o.keepdim ?? false);
  const d = x.data;
  const n = d.length;
  // max per output slot, for stability
  const m = new Float64Array(r.outN).fill(-Infinity);
  const off = r.off;
  for (let i = 0; i < n; i++) {
    const k = off ? off[i] : 0;
    if (d[i] > m[k] || d[i] !== d[i]) m[k] = d[i];
  }
  for (let k = 0; k < m.length; k++) if (!Number.isFinite(m[k])) m[k] = m[k] !== m[k] ? m[k] : 0;
  // PyTorch: log(sum(exp(x − max))) + max, every step in x's dtype. In float32 the gradient
  // exp(x − result) magnifies a one-ulp difference in the result, so round where PyTorch does
  // (the sum is accumulated in double and rounded once: PyTorch's float32 order varies with
  // the layout).
  const f32 = x.dtype === 'float32';
  const s = new Float64Array(r.outN);
  if (f32)
    for (let i = 0; i < n; i++) {
      const k = off ? off[i] : 0;
      s[k] += Math.fround(fexp(Math.fround(d[i] - m[k])));
    }
  else
    for (let i = 0; i < n; i++) {
      const k = off ? off[i] : 0;
      s[k] += fexp(d[i] - m[k]);
    }
  const od = alloc(x.dtype, r.outN);
  for (let k = 0; k < od.length; k++) od[k] = f32 ? Math.fround(Math.log(Math.fround(s[k]))) + m[k] : Math.log(s[k]) + m[k];
  const out = Tensor._make(od, r.outShape, x.dtype);
  if (needsGrad(x)) {
    record(
      out,
      'LogsumexpBackward0',
      [x],
      (g) => {
        // PyTorch: grad · exp(x − result), evaluated in x's dtype (x − result rounded first)
        const res = alloc(x.dtype, n);
        if (f32)
          for (let i = 0; i < n; i++) {
            const k = off ? off[i] : 0;
            res[i] = g[k] * fexp(Math.fround(d[i] - od[k]));
          }
        else
          for (let i = 0; i < n; i++) {
            const k = off ? off[i] : 0;
            res[i] = g[k] * fexp(d[i] - od[k]);
          }
        return [res];
      },
      { inputs: [x], output: true },
    );
  }
  return out;
}
