// float32 matrix products on WebAssembly 128-bit SIMD (gemm.ts: packed operands, a register-
// blocked micro-kernel): four lanes per instruction where V8's JavaScript JIT does one. Each
// output is summed in float32, one product after another over the inner dimension — PyTorch's
// CPU sgemm also sums in float32 (in its own blocked order), so results differ from it by
// rounding only, within n·eps·Σ|terms|.
//
// The modules are instantiated on first use; where WebAssembly or its SIMD extension is missing
// (or refused by a content-security policy) `simdGemm` returns false and the caller keeps its
// JavaScript kernels.
//
// float64 softmax and its backward run there too (two lanes per instruction), with e^x computed
// step for step as fastmath.ts's `exp`, so each e^x is the JavaScript kernels' own; the row sums
// are added lane by lane, another order than the JavaScript loop's, so results may differ from
// it in the last bits.
import { KERNELS_WASM } from './kernels.generated';
import { exp, EXP_TABLE } from '../fastmath';
import { packedGemm } from './gemm';
import { decodeModule, grownView } from './memory';

interface Kernels {
  memory: WebAssembly.Memory;
  softmax_rows: (p: number, rows: number, size: number) => void;
  softmax_bwd_rows: (g: number, y: number, rows: number, size: number) => void;
  softmax_rows32: (p: number, rows: number, size: number) => void;
  softmax_bwd_rows32: (g: number, y: number, rows: number, size: number) => void;
  tanh32: (p: number, n: number) => void;
  tanh_bwd32: (g: number, y: number, n: number) => void;
  relu32: (p: number, unused: number, rows: number, size: number) => void;
  relu_bwd32: (g: number, y: number, rows: number, size: number) => void;
  add_into32: (d: number, g: number, rows: number, size: number) => void;
  add_rows32: (a: number, b: number, rows: number, inner: number) => void;
  col_sums32: (g: number, acc: number, rows: number, inner: number) => void;
}

/** Bytes below this hold the kernels' constant table (see kernels.wat). */
const WORK_AT = 1024;

let kernels: Kernels | null | undefined;
/** True while `_withJsKernels` runs: tests compare the JavaScript kernels with these. */
let disabled = false;

function load(): Kernels | null {
  if (kernels !== undefined) return kernels;
  kernels = null;
  try {
    if (typeof WebAssembly === 'undefined') return null;
    const bytes = decodeModule(KERNELS_WASM);
    if (!WebAssembly.validate(bytes)) return null;
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), { engine: { exp } });
    const k = inst.exports as unknown as Kernels;
    new Float64Array(k.memory.buffer, 0, EXP_TABLE.length).set(EXP_TABLE);
    kernels = k;
  } catch {
    kernels = null;
  }
  return kernels;
}

/** True when the SIMD kernels are in use (for the bench's notes and the tests). */
export function simdAvailable(): boolean {
  return !disabled && load() !== null;
}

/** @internal tests: `fn`'s result computed with the JavaScript kernels in place of the SIMD ones. */
export function _withJsKernels<T>(fn: () => T): T {
  const was = disabled;
  disabled = true;
  try {
    return fn();
  } finally {
    disabled = was;
  }
}

/** Products smaller than this many multiply-adds stay in JavaScript: copying in and out would cost more. */
const MIN_WORK = 2048;
/** Largest working set (bytes) the module's memory may grow to; beyond it the JavaScript kernels run. */
let view: Float32Array = new Float32Array(0);
let view64 = new Float64Array(0);

/** The module's memory, grown to at least `bytes`, as float32; null past memory.ts's MAX_BYTES. */
function memoryFor(k: Kernels, bytes: number): Float32Array | null {
  const v = grownView(k.memory, view, bytes);
  if (v) view = v;
  return v;
}

/** The same memory as float64 (growing the memory replaces its buffer, so both views are re-made then). */
function memory64(k: Kernels, bytes: number): Float64Array | null {
  if (memoryFor(k, bytes) === null) return null;
  if (view64.buffer !== k.memory.buffer) view64 = new Float64Array(k.memory.buffer);
  return view64;
}

/**
 * out (M×N) = op(A) · op(B) in float32, where the operands are row-major arrays and
 *  - `ta` false: A is M×P; true: A is P×M (the product reads Aᵀ);
 *  - `tb` false: B is P×N; true: B is N×P (the product reads Bᵀ);
 * plus `bias` (N floats) added to every row of the finished product when given; `unread` (R×N):
 * output columns where it is all zero may be left +0 (no one reads them); with `mask` (and an M×N
 * `unread`) every output where `unread` ≤ 0 is +0.
 * Returns false (and writes nothing) when the SIMD kernels are unavailable or the product is
 * too small or too large for them.
 */
export function simdGemm(
  A: Float32Array, ta: boolean, B: Float32Array, tb: boolean, M: number, P: number, N: number, out: Float32Array,
  bias: Float32Array | null = null, unread: Float32Array | null = null, mask = false,
): boolean {
  if (disabled || M * P * N < MIN_WORK || N < 4) return false;
  return packedGemm(A, ta, B, tb, M, P, N, out, bias, unread, mask);
}


/** Rows shorter than this stay in JavaScript (the copies and the call would cost more than they save). */
const MIN_ROW = 16;
/** Rows per call: about 64 KB of them, so a chunk's copy in, kernel and copy out stay in cache. */
const CHUNK_BYTES = 1 << 16;

type Rows = Float32Array | Float64Array;

/**
 * Runs a row kernel over `rows` contiguous rows of `size` in chunks of about 64 KB: each chunk of
 * d (and, for a backward, of y after it) is copied into the module's memory, the kernel works on
 * d's copy in place, and the result is copied out to o. The element type is the arrays' own.
 * False (nothing written) when the kernels are unavailable or the rows are short.
 */
function chunkedRows(
  pick: (k: Kernels) => RowKernel,
  d: Rows, y: Rows | null, o: Rows, rows: number, size: number,
): boolean {
  if (disabled || size < MIN_ROW) return false;
  const k = load();
  if (k === null) return false;
  const el = d.BYTES_PER_ELEMENT;
  const per = Math.max(1, Math.floor(CHUNK_BYTES / (size * el * (y ? 2 : 1))));
  const yAt = WORK_AT + per * size * el;
  const bytes = y ? yAt + per * size * el : yAt;
  const mem = el === 8 ? memory64(k, bytes) : memoryFor(k, bytes);
  if (mem === null) return false;
  const kernel = pick(k);
  const dAt = WORK_AT / el;
  for (let r = 0; r < rows; r += per) {
    const from = r * size;
    const n = Math.min(per, rows - r) * size;
    mem.set(d.subarray(from, from + n), dAt);
    if (y) mem.set(y.subarray(from, from + n), yAt / el);
    kernel(WORK_AT, yAt, n / size, size);
    o.set(mem.subarray(dAt, dAt + n), from);
  }
  return true;
}

/**
 * float64 softmax over `rows` contiguous rows of `size` (softmax.ts's `forwardRows64`): o = softmax(d)
 * row by row. Returns false (and writes nothing) when the kernels are unavailable or the rows are
 * too short or too long for them.
 */
export function simdSoftmaxRows(d: Float64Array, o: Float64Array, rows: number, size: number): boolean {
  return chunkedRows((k) => (p, _y, r, n) => k.softmax_rows(p, r, n), d, null, o, rows, size);
}

/**
 * float32 softmax over `rows` contiguous rows of `size` (softmax.ts's `forward32` along the last
 * dim, PyTorch's summation order): o = softmax(d) row by row, bit for bit the JavaScript loop's
 * values. False (nothing written) when the kernels are unavailable or the rows are short.
 */
export function simdSoftmaxRows32(d: Float32Array, o: Float32Array, rows: number, size: number): boolean {
  return chunkedRows((k) => (p, _y, r, n) => k.softmax_rows32(p, r, n), d, null, o, rows, size);
}

/**
 * float32 softmax's backward along the last dim (softmax.ts's `backward32`): gi = f32(f32(g − s)·y)
 * per row, s = Σ g·y in PyTorch's order with its fused multiply-adds; bit for bit the JavaScript
 * loop's values (gi may be g). False (nothing written) when not taken.
 */
export function simdSoftmaxBackwardRows32(g: Float32Array, y: Float32Array, gi: Float32Array, rows: number, size: number): boolean {
  return chunkedRows((k) => k.softmax_bwd_rows32, g, y, gi, rows, size);
}

/** softmax's backward over contiguous float64 rows: gi = y·(g − Σ g·y) per row (gi may be g). */
export function simdSoftmaxBackwardRows(g: Float64Array, y: Float64Array, gi: Float64Array, rows: number, size: number): boolean {
  return chunkedRows((k) => k.softmax_bwd_rows, g, y, gi, rows, size);
}

/** Elements per row handed to chunkedRows by the elementwise kernels below (a multiple of 4). */
const RELU_ROW = 16;

type RowKernel = (p: number, y: number, rows: number, size: number) => void;

/** An elementwise float32 kernel over the leading multiple of 16 of n elements, as rows of 16; how many it did (0: not taken). */
function leadingRows(pick: (k: Kernels) => RowKernel, d: Float32Array, y: Float32Array | null, o: Float32Array, n: number): number {
  if (n < MIN_ELEMENTS) return 0;
  const rows = Math.floor(n / RELU_ROW);
  return chunkedRows(pick, d, y, o, rows, RELU_ROW) ? rows * RELU_ROW : 0;
}

/** float32 ReLU of d into o (activations.ts's loop, the same values, −0 and NaN kept); the caller does what is left. */
export const simdRelu32 = (d: Float32Array, o: Float32Array, n: number): number => leadingRows((k) => k.relu32, d, null, o, n);

/** ReLU's float32 backward gi = (y ≤ 0 ? 0 : g). */
export const simdReluBackward32 = (g: Float32Array, y: Float32Array, gi: Float32Array, n: number): number => leadingRows((k) => k.relu_bwd32, g, y, gi, n);

/** o = d + g, float32 (o may be d). */
export const simdAdd32 = (d: Float32Array, g: Float32Array, o: Float32Array, n: number): number => leadingRows((k) => k.add_into32, d, g, o, n);

/** Elementwise float32 kernels take arrays of at least this many elements; below it the copies and the call are not worth it. */
const MIN_ELEMENTS = 1024;
/** Elements per call of the elementwise float32 kernels: 64 KB, so a chunk stays in cache between the copies and the kernel. */
const CHUNK32 = CHUNK_BYTES / 4;

/**
 * float32 tanh (activations.ts's saturation, then fastmath.ts's `tanh32`) of d into o, bit for
 * bit the JavaScript loop's values, without its data-dependent branch. False (nothing written)
 * when the kernels are unavailable or the array is small.
 */
export function simdTanh32(d: Float32Array, o: Float32Array, n: number, odd: (v: number) => number): boolean {
  if (disabled || n < MIN_ELEMENTS) return false;
  const k = load();
  if (k === null) return false;
  const mem = memoryFor(k, WORK_AT + CHUNK32 * 4);
  if (mem === null) return false;
  const at = WORK_AT / 4;
  const even = n & ~1;
  for (let from = 0; from < even; from += CHUNK32) {
    const len = Math.min(CHUNK32, even - from);
    mem.set(d.subarray(from, from + len), at);
    k.tanh32(WORK_AT, len);
    o.set(mem.subarray(at, at + len), from);
  }
  if (even < n) o[even] = odd(d[even]);
  return true;
}

/** out = a + b, b (`inner` floats) added to each of a's n/inner rows; float32. False when not taken. */
export function simdAddRows32(a: Float32Array, b: Float32Array, out: Float32Array, n: number, inner: number): boolean {
  if (disabled || n < MIN_ELEMENTS || inner < 4 || inner > CHUNK32 / 2) return false;
  const k = load();
  if (k === null) return false;
  const bAt = WORK_AT / 4;
  const rowsPer = Math.floor(CHUNK32 / inner);
  const aAt = bAt + ((inner + 3) & ~3);
  const mem = memoryFor(k, (aAt + rowsPer * inner) * 4);
  if (mem === null) return false;
  mem.set(b.subarray(0, inner), bAt);
  for (let from = 0; from < n; from += rowsPer * inner) {
    const len = Math.min(rowsPer * inner, n - from);
    mem.set(a.subarray(from, from + len), aAt);
    k.add_rows32(aAt * 4, bAt * 4, len / inner, inner);
    out.set(mem.subarray(aAt, aAt + len), from);
  }
  return true;
}

/**
 * Column sums of g (n/inner rows of `inner` floats) in float64, row after row from 0, written
 * into `acc`: reduceGrad's order, so the same sums. False (acc untouched) when not taken.
 */
export function simdColumnSums32(g: Float32Array, n: number, inner: number, acc: Float64Array): boolean {
  if (disabled || n < MIN_ELEMENTS || inner < 2 || inner > CHUNK32 / 4) return false;
  const k = load();
  if (k === null) return false;
  const rowsPer = Math.floor(CHUNK32 / inner);
  const accBytes = WORK_AT;
  const gAt = (accBytes + inner * 8 + 15) & ~15;
  const mem64 = memory64(k, gAt + rowsPer * inner * 4);
  if (mem64 === null) return false;
  const mem = view; // memory64 has made the float32 view of the same (possibly grown) memory too
  mem64.fill(0, accBytes / 8, accBytes / 8 + inner);
  for (let from = 0; from < n; from += rowsPer * inner) {
    const len = Math.min(rowsPer * inner, n - from);
    mem.set(g.subarray(from, from + len), gAt / 4);
    k.col_sums32(gAt, accBytes, len / inner, inner);
  }
  acc.set(mem64.subarray(accBytes / 8, accBytes / 8 + inner));
  return true;
}

/** tanh's float32 backward gi = g·(1 − y²) (gi may be g), the JavaScript loop's values. False when not taken. */
export function simdTanhBackward32(g: Float32Array, y: Float32Array, gi: Float32Array, n: number): boolean {
  if (disabled || n < MIN_ELEMENTS) return false;
  const k = load();
  if (k === null) return false;
  const half = CHUNK32 / 2;
  const yAt = WORK_AT / 4 + half;
  const mem = memoryFor(k, (yAt + half) * 4);
  if (mem === null) return false;
  const gAt = WORK_AT / 4;
  const even = n & ~1;
  for (let from = 0; from < even; from += half) {
    const len = Math.min(half, even - from);
    mem.set(g.subarray(from, from + len), gAt);
    mem.set(y.subarray(from, from + len), yAt);
    k.tanh_bwd32(WORK_AT, yAt * 4, len);
    gi.set(mem.subarray(gAt, gAt + len), from);
  }
  if (even < n) gi[even] = g[even] * (1 - y[even] * y[even]);
  return true;
}
