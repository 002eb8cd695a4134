// Factory functions: tensor, linspace, arange, zeros/ones/full, seeded rand/randn.
import type { DType, FloatArray } from './dtype';
import { DEFAULT_DTYPE, alloc, empty } from './dtype';
import { RuntimeError, ValueError } from './errors';
import { Tensor, type NestedNumbers } from './tensor';
import { numelOf } from './shape';
import { fma32, fma64 } from './fma';
import { type Generator, default_generator, fillNormal, fillUniform } from './random';

export interface TensorOptions {
  dtype?: DType;
  requires_grad?: boolean;
  /** rand/randn/randint/randperm: draw from this generator instead of the default one */
  generator?: Generator;
}

function finish(data: FloatArray, shape: number[], opts: TensorOptions | undefined): Tensor {
  const t = Tensor._make(data, shape, opts?.dtype ?? DEFAULT_DTYPE);
  if (opts?.requires_grad) t.requires_grad = true;
  return t;
}

/** Nested numbers (or booleans, stored as 0/1) as accepted by torch.tensor. */
export type NestedData = number | boolean | NestedData[];

export function tensor(data: NestedData | NestedNumbers | Float32Array | Float64Array | Tensor, opts?: TensorOptions): Tensor {
  const dtype = opts?.dtype ?? (data instanceof Float64Array ? 'float64' : data instanceof Tensor ? data.dtype : DEFAULT_DTYPE);
  if (data instanceof Tensor) {
    const d = alloc(dtype, data.data.length);
    d.set(data.data);
    return finish(d, [...data.shape], { ...opts, dtype });
  }
  if (data instanceof Float32Array || data instanceof Float64Array) {
    const d = alloc(dtype, data.length);
    d.set(data);
    return finish(d, [data.length], { ...opts, dtype });
  }
  if (typeof data === 'boolean') data = data ? 1 : 0;
  const shape: number[] = [];
  let cur: unknown = data;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    if (cur.length === 0) break;
    cur = cur[0];
  }
  const out = alloc(dtype, numelOf(shape));
  let k = 0;
  const walk = (v: unknown, dim: number): void => {
    if (dim === shape.length) {
      if (Array.isArray(v)) throw new ValueError(`expected sequence of length ${shape[dim - 1]} at dim ${dim - 1} (got ${v.length})`);
      if (typeof v === 'boolean') v = v ? 1 : 0;
      if (typeof v !== 'number') throw new TypeError(`Could not infer dtype of ${typeof v}`);
      out[k++] = v;
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[dim])
      throw new ValueError(
        `expected sequence of length ${shape[dim]} at dim ${dim} (got ${Array.isArray(v) ? v.length : 'a number'})`,
      );
    for (const e of v) walk(e, dim + 1);
  };
  walk(data, 0);
  return finish(out, shape, { ...opts, dtype });
}

/**
 * Bit-for-bit PyTorch (CPU, AVX2 build): the first half counts up from `start`, the second
 * half down from `end`; blocks of 2 vectors (8 float32 / 4 float64 lanes each) take a fused
 * base and add rounded lane offsets, the tail is computed one fused op per element.
 */
export function linspace(start: number, end: number, steps: number, opts?: TensorOptions): Tensor {
  const dtype = opts?.dtype ?? DEFAULT_DTYPE;
  if (!Number.isInteger(steps)) throw new TypeError(`linspace(): argument 'steps' must be int, not float`);
  if (steps < 0) throw new RuntimeError('number of steps must be non-negative');
  if (!Number.isFinite(start) || !Number.isFinite(end))
    // PyTorch 1.13 silently yields NaN/inf here; a plot needs finite bounds, so refuse with
    // the wording PyTorch uses for the same mistake in arange.
    throw new RuntimeError(`unsupported range: ${pyNum(start)} -> ${pyNum(end)}`);
  const out = empty(dtype, steps);
  if (steps === 1) out[0] = start;
  if (steps > 1) {
    const f32 = dtype === 'float32';
    const s = f32 ? Math.fround(start) : start;
    const e = f32 ? Math.fround(end) : end;
    const step = f32 ? Math.fround(Math.fround(e - s) / (steps - 1)) : (e - s) / (steps - 1);
    const half = Math.floor(steps / 2);
    const fma = f32 ? fma32 : fma64;
    let i = 0;
    // each iteration of PyTorch's vectorized loop fills two vectors: a fused base per
    // vector plus lane offsets rounded on their own
    if (f32) {
      fillLinspace32(out as Float32Array, steps, s, e, step);
      i = steps - (steps % 16);
    } else if (steps < 67108864 && Math.abs(step) < 1e290 && Math.abs(s) < 1e300 && Math.abs(e) < 1e300) {
      fillLinspace64(out as Float64Array, steps, s, e, step);
      i = steps;
    } else
      for (; i + 8 <= steps; i += 8)
        for (let k = i; k < i + 8; k += 4) {
          const base = linAt(k, half, steps, step, s, e, fma);
          out[k] = base;
          out[k + 1] = base + step;
          out[k + 2] = base + 2 * step;
          out[k + 3] = base + 3 * step;
        }
    for (; i < steps; i++) out[i] = linAt(i, half, steps, step, s, e, fma);
  }
  return finish(out, [steps], opts);
}

/** Element i of linspace: counted up from s in the first half, down from e in the second. */
function linAt(i: number, half: number, steps: number, step: number, s: number, e: number, fma: (a: number, b: number, c: number) => number): number {
  return i < half ? fma(step, i, s) : fma(-step, steps - 1 - i, e);
}

/**
 * fma64(a, n, c) for an integer 0 ≤ n < 2^26 and a split (ah + al = a, 26 bits each) computed
 * once: n needs no split (it is its own high part, its low part is 0). Same arithmetic, hence
 * the same bits, as fma64 on these arguments.
 */
function fmaInt(a: number, ah: number, al: number, n: number, c: number): number {
  const p = a * n;
  const nl = n - n; // n's low part, +0 (kept as fma64 has it, down to the sign of zero)
  const err = al * nl - (p - ah * n - al * n - ah * nl);
  const s = p + c;
  const bb = s - p;
  const u = p - (s - bb) + (c - bb);
  return s + (u + err);
}

/**
 * linspace's float32 vector loop (see linspace), on its own so it stays monomorphic: fma32 is
 * called directly, not through the `fma` variable that the float64 tail shares, and the lane
 * offsets j·step are rounded once (the same eight for every vector).
 */
function fillLinspace32(out: Float32Array, steps: number, s: number, e: number, step: number): void {
  const half = Math.floor(steps / 2);
  const o1 = Math.fround(step);
  const o2 = Math.fround(2 * step);
  const o3 = Math.fround(3 * step);
  const o4 = Math.fround(4 * step);
  const o5 = Math.fround(5 * step);
  const o6 = Math.fround(6 * step);
  const o7 = Math.fround(7 * step);
  // PyTorch's vector loop takes two vectors (16 elements) a turn; the rest is its scalar tail
  const end16 = steps - (steps % 16);
  for (let i = 0; i < end16; i += 8) {
    const base = i < half ? fma32(step, i, s) : fma32(-step, steps - 1 - i, e);
    // a double sum of two float32 values, rounded once by the store, is float32's own sum
    out[i] = base;
    out[i + 1] = base + o1;
    out[i + 2] = base + o2;
    out[i + 3] = base + o3;
    out[i + 4] = base + o4;
    out[i + 5] = base + o5;
    out[i + 6] = base + o6;
    out[i + 7] = base + o7;
  }
}

/** linspace's float64 loop (see linspace) with fmaInt in place of fma64; finite, moderate bounds only. */
function fillLinspace64(out: Float64Array, steps: number, s: number, e: number, step: number): void {
  const half = Math.floor(steps / 2);
  const t = 134217729 * step;
  const ah = t - (t - step);
  const al = step - ah;
  let i = 0;
  for (; i + 8 <= steps; i += 8)
    for (let k = i; k < i + 8; k += 4) {
      const base = k < half ? fmaInt(step, ah, al, k, s) : fmaInt(-step, -ah, -al, steps - 1 - k, e);
      out[k] = base;
      out[k + 1] = base + step;
      out[k + 2] = base + 2 * step;
      out[k + 3] = base + 3 * step;
    }
  for (; i < steps; i++) out[i] = i < half ? fmaInt(step, ah, al, i, s) : fmaInt(-step, -ah, -al, steps - 1 - i, e);
}

function pyNum(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  return String(v);
}

export function arange(a: number, b?: number | TensorOptions, c?: number | TensorOptions, d?: TensorOptions): Tensor {
  let start = 0;
  let end: number;
  let step = 1;
  let opts: TensorOptions | undefined;
  if (typeof b !== 'number') {
    end = a;
    opts = b;
  } else if (typeof c !== 'number') {
    start = a;
    end = b;
    opts = c;
  } else {
    start = a;
    end = b;
    step = c;
    opts = d;
  }
  if (!Number.isFinite(start) || !Number.isFinite(end))
    throw new RuntimeError(`unsupported range: ${pyNum(start)} -> ${pyNum(end)}`);
  if (step === 0) throw new RuntimeError('step must be nonzero');
  if ((step > 0 && end < start) || (step < 0 && end > start))
    throw new RuntimeError('upper bound and larger bound inconsistent with step sign');
  const n = Math.ceil((end - start) / step);
  const dtype = opts?.dtype ?? DEFAULT_DTYPE;
  const out = alloc(dtype, n);
  for (let i = 0; i < n; i++) out[i] = fma64(step, i, start);
  return finish(out, [n], opts);
}

type ShapeArg = number | number[];
function shapeOf(args: (ShapeArg | TensorOptions | undefined)[]): { shape: number[]; opts?: TensorOptions } {
  const shape: number[] = [];
  let opts: TensorOptions | undefined;
  for (const a of args) {
    if (a === undefined) continue;
    if (typeof a === 'number') shape.push(a);
    else if (Array.isArray(a)) shape.push(...a);
    else opts = a;
  }
  for (const s of shape)
    if (!Number.isInteger(s) || s < 0)
      throw new RuntimeError(`Trying to create tensor with negative dimension ${s}: [${shape.join(', ')}]`);
  return { shape, opts };
}

export function full(shape: number[], value: number, opts?: TensorOptions): Tensor {
  const { shape: s } = shapeOf([shape]);
  const out = alloc(opts?.dtype ?? DEFAULT_DTYPE, numelOf(s));
  out.fill(value);
  return finish(out, s, opts);
}

export function zeros(...args: (ShapeArg | TensorOptions)[]): Tensor {
  const { shape, opts } = shapeOf(args);
  return full(shape, 0, opts);
}

export function ones(...args: (ShapeArg | TensorOptions)[]): Tensor {
  const { shape, opts } = shapeOf(args);
  return full(shape, 1, opts);
}

export function zeros_like(t: Tensor, opts?: TensorOptions): Tensor {
  return full([...t.shape], 0, { dtype: t.dtype, ...opts });
}

export function ones_like(t: Tensor, opts?: TensorOptions): Tensor {
  return full([...t.shape], 1, { dtype: t.dtype, ...opts });
}

export function full_like(t: Tensor, value: number, opts?: TensorOptions): Tensor {
  return full([...t.shape], value, { dtype: t.dtype, ...opts });
}

export function rand(...args: (ShapeArg | TensorOptions)[]): Tensor {
  const { shape, opts } = shapeOf(args);
  const out = empty(opts?.dtype ?? DEFAULT_DTYPE, numelOf(shape));
  fillUniform(out, 0, 1, opts?.generator);
  return finish(out, shape, opts);
}

export function randn(...args: (ShapeArg | TensorOptions)[]): Tensor {
  const { shape, opts } = shapeOf(args);
  const out = empty(opts?.dtype ?? DEFAULT_DTYPE, numelOf(shape));
  fillNormal(out, 0, 1, opts?.generator);
  return finish(out, shape, opts);
}

/**
 * torch.randint(low, high, size): each element `word % (high − low) + low`, one 32-bit word per
 * element, or a 64-bit one when the range reaches 2^32. PyTorch returns int64; the engine has
 * float dtypes only, so the integers come back in the requested float dtype (exact below 2^24 /
 * 2^53).
 */
export function randint(low: number, high: number, size: number[], opts?: TensorOptions): Tensor {
  if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) throw new TypeError('randint(): low and high must be integers');
  if (low >= high) throw new RuntimeError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  const { shape } = shapeOf([size]);
  const out = empty(opts?.dtype ?? DEFAULT_DTYPE, numelOf(shape));
  const gen = opts?.generator ?? default_generator;
  const range = high - low;
  if (range >= 4294967296) {
    const r = BigInt(range);
    for (let i = 0; i < out.length; i++) {
      const hi = BigInt(gen.random());
      const lo = BigInt(gen.random());
      out[i] = Number(((hi << 32n) | lo) % r) + low;
    }
  } else for (let i = 0; i < out.length; i++) out[i] = (gen.random() % range) + low;
  return finish(out, shape, opts);
}

/** torch.randperm(n): Fisher–Yates from the front, swapping i with i + word % (n − i). */
export function randperm(n: number, opts?: TensorOptions): Tensor {
  if (!Number.isSafeInteger(n) || n < 0) throw new RuntimeError(`n must be non-negative, got${n}`);
  const out = empty(opts?.dtype ?? DEFAULT_DTYPE, n);
  for (let i = 0; i < n; i++) out[i] = i;
  const gen = opts?.generator ?? default_generator;
  for (let i = 0; i < n - 1; i++) {
    const z = gen.random() % (n - i);
    const sav = out[i];
    out[i] = out[z + i];
    out[z + i] = sav;
  }
  return finish(out, [n], opts);
}

export function eye(n: number, opts?: TensorOptions): Tensor {
  const out = alloc(opts?.dtype ?? DEFAULT_DTYPE, n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return finish(out, [n, n], opts);
}
