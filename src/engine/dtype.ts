// Floating dtypes only: the engine exists to plot activations and their gradients, and
// PyTorch refuses gradients for integer tensors anyway.
export type DType = 'float32' | 'float64';
export type FloatArray = Float32Array | Float64Array;

export const DEFAULT_DTYPE: DType = 'float32';

// Arrays from 65 bytes to 16 KB are views carved from shared 1 MB buffers. Every ArrayBuffer
// V8 creates carries a fixed cost (its own zeroed allocation, a backing-store record, GC
// accounting): about 1 µs for 8 KB, several times the cost of filling it, and a 1000-point
// plot makes a few per op. A view on an existing buffer costs tens of nanoseconds. The slab is
// fresh zeroed memory, never handed out twice. Trade-off: a slab stays alive while any view
// on it does, so one long-lived small tensor can keep up to 1 MB reachable. Smaller slabs
// measured slower than plain allocation (malloc's mmap threshold and trimming in Node).
// Arrays of at most 64 bytes stay plain (V8 keeps those on its own heap, already cheap).
const SLAB_BYTES = 1 << 20;
const SLAB_MAX = 16384;
let slab = new ArrayBuffer(0);
let slabUsed = SLAB_BYTES;

function carve(bytes: number): number {
  if (slabUsed + bytes > SLAB_BYTES) {
    if (!primed) primeLargeReuse();
    slab = new ArrayBuffer(SLAB_BYTES);
    slabUsed = 0;
  }
  const at = slabUsed;
  slabUsed += (bytes + 7) & ~7;
  return at;
}

// Large arrays (a million points is 8 MB) come from the C allocator under V8. glibc's malloc
// serves them with mmap until a large mmapped block is freed, then raises its thresholds (up to
// 32 MB for mmap, twice that for giving the heap's top back) and recycles freed blocks from its
// heap. Until then each new array is fresh memory, paid page by page on first touch: about
// 30 ms per 8 MB on this project's VM against 1 ms for recycled memory, and a process that
// repeats a large computation keeps paying it whenever the collector's timing lets the heap
// shrink. Slabs meet the same on a smaller scale: a seed plot (relu, float64, 1000 points) took
// 0.34–0.99 page faults a call (14–24 µs) without the priming below and 0.11–0.27 (10–13 µs)
// with it, at ~15 µs a fault on this VM; the rare bench runs where one W1 row took 60–110 µs a
// call fit a process whose slabs were all fresh mappings. So the first large allocation or the
// first slab also creates (and drops, untouched: no memory is committed) one 31 MB buffer; when
// the collector frees it, glibc adopts the larger thresholds, as it would on its own after any
// 31 MB array. Cost: up to ~62 MB of freed heap kept for reuse instead of returned at once.
// Other allocators (macOS, Windows, browsers) ignore it.
// Where glibc's mmap threshold is set already (GLIBC_TUNABLES: `check`'s second Node sets it to
// 32 MB, cli/mallocTunables.ts), the buffer would come from the heap instead and be zeroed page by
// page for nothing: ~300 M instructions of the bench tree's check (3.61 → 3.30 G on its main thread,
// callgrind). There the priming is skipped.
let primed = thresholdGiven();
function thresholdGiven(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return /(^|:)glibc\.malloc\.mmap_threshold=/.test(env?.GLIBC_TUNABLES ?? '');
}
function primeLargeReuse(): void {
  primed = true;
  void new ArrayBuffer(31 << 20);
}

/** A zero-filled array of `n` elements. */
export function alloc(dtype: DType, n: number): FloatArray {
  if (!primed && n >= 131072) primeLargeReuse();
  if (dtype === 'float64') {
    if (n <= 8 || n > SLAB_MAX / 8) return new Float64Array(n);
    const at = carve(n * 8); // before reading `slab`: it may start a new one
    return new Float64Array(slab, at, n);
  }
  if (n <= 16 || n > SLAB_MAX / 4) return new Float32Array(n);
  const at = carve(n * 4);
  return new Float32Array(slab, at, n);
}

// A zero-filled large array costs a memset of its whole size (0.4–0.6 ms per 8 MB here) before
// the op writes every element again. Ops that write every element ask for `empty` instead,
// PyTorch's torch.empty: where the host has Node's Buffer (the desktop extension host, the
// bench, the tests), large arrays then come from Buffer.allocUnsafeSlow, the same malloc'd
// memory without the memset. Small arrays and hosts without Buffer (the browser extension
// host) get `alloc`'s zeroed memory. The contents are unspecified either way: a caller that
// reads an element before writing it is a bug, which `_poisonEmpty` makes visible in tests.
interface UnsafeAllocator {
  allocUnsafeSlow(bytes: number): Uint8Array;
}
const nodeBuffer = (globalThis as { Buffer?: UnsafeAllocator }).Buffer;
const unsafeSlow = typeof nodeBuffer?.allocUnsafeSlow === 'function' ? nodeBuffer : null;
let poison = false;

/** An array of `n` elements whose contents are unspecified: the caller writes every one. */
export function empty(dtype: DType, n: number): FloatArray {
  const bytes = dtype === 'float64' ? 8 : 4;
  if (n * bytes <= SLAB_MAX || unsafeSlow === null) return poison ? alloc(dtype, n).fill(NaN) : alloc(dtype, n);
  if (!primed) primeLargeReuse();
  const b = unsafeSlow.allocUnsafeSlow(n * bytes);
  const a = dtype === 'float64' ? new Float64Array(b.buffer, b.byteOffset, n) : new Float32Array(b.buffer, b.byteOffset, n);
  return poison ? a.fill(NaN) : a;
}

/** @internal tests: while on, every `empty` array starts as NaN, so an element an op forgets to write shows. */
export function _poisonEmpty(on: boolean): void {
  poison = on;
}

/** A copy of `a`: empty + set (a typed array's slice() goes through its species constructor, ~4× slower for 1000 elements). */
export function copyOf<T extends FloatArray>(a: T): T {
  const out = empty(a instanceof Float64Array ? 'float64' : 'float32', a.length) as T;
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
