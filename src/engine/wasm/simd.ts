// float32 matrix products on WebAssembly 128-bit SIMD (src/engine/wasm/kernels.wat): four lanes
// per instruction where V8's JavaScript JIT does one, about 15× the scalar kernels on the
// 256×32·32×32 products of a small MLP. Each output is summed in float32, one product after
// another over the inner dimension — PyTorch's CPU sgemm also sums in float32 (in its own
// blocked order), so results differ from it by rounding only, within n·eps·Σ|terms|.
//
// The module is instantiated on first use; where WebAssembly or its SIMD extension is missing
// (or refused by a content-security policy) `simdGemm` returns false and the caller keeps its
// JavaScript kernels.
import { KERNELS_WASM } from './kernels.generated';

interface Kernels {
  memory: WebAssembly.Memory;
  gemm: (a: number, sar: number, sap: number, b: number, c: number, M: number, P: number, N: number) => void;
}

let kernels: Kernels | null | undefined;
/** Tests force the JavaScript kernels with this. */
let disabled = false;

function decode(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(s.length));
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function load(): Kernels | null {
  if (kernels !== undefined) return kernels;
  kernels = null;
  try {
    if (typeof WebAssembly === 'undefined') return null;
    const bytes = decode(KERNELS_WASM);
    if (!WebAssembly.validate(bytes)) return null;
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    kernels = inst.exports as unknown as Kernels;
  } catch {
    kernels = null;
  }
  return kernels;
}

/** True when the SIMD kernels are in use (for the bench's notes and the tests). */
export function simdAvailable(): boolean {
  return !disabled && load() !== null;
}

/** @internal tests: run the JavaScript kernels instead (true) or the SIMD ones again (false). */
export function _disableSimd(off: boolean): void {
  disabled = off;
}

/** Products smaller than this many multiply-adds stay in JavaScript: copying in and out would cost more. */
const MIN_WORK = 2048;
/** Largest working set (bytes) the module's memory may grow to; beyond it the JavaScript kernels run. */
const MAX_BYTES = 256 << 20;

let view = new Float32Array(0);

function memoryFor(k: Kernels, bytes: number): Float32Array | null {
  if (bytes > MAX_BYTES) return null;
  const have = k.memory.buffer.byteLength;
  if (have < bytes) k.memory.grow(Math.ceil((bytes - have) / 65536));
  if (view.buffer !== k.memory.buffer) view = new Float32Array(k.memory.buffer);
  return view;
}

/**
 * out (M×N) = op(A) · op(B) in float32, where the operands are row-major arrays and
 *  - `ta` false: A is M×P; true: A is P×M (the product reads Aᵀ);
 *  - `tb` false: B is P×N; true: B is N×P (the product reads Bᵀ).
 * Returns false (and writes nothing) when the SIMD kernels are unavailable or the product is
 * too small or too large for them.
 */
export function simdGemm(
  A: Float32Array, ta: boolean, B: Float32Array, tb: boolean, M: number, P: number, N: number, out: Float32Array,
): boolean {
  if (disabled || M * P * N < MIN_WORK || N < 4) return false;
  const k = load();
  if (k === null) return false;
  // the kernel wants B's rows and C's rows padded to a multiple of 8 floats
  const N8 = (N + 7) & ~7;
  const aAt = 0;
  const bAt = aAt + ((M * P + 3) & ~3);
  const cAt = bAt + P * N8;
  const mem = memoryFor(k, (cAt + M * N8) * 4);
  if (mem === null) return false;
  mem.set(A.length === M * P ? A : A.subarray(0, M * P), aAt);
  if (!tb && N8 === N) mem.set(B.subarray(0, P * N), bAt);
  else if (!tb) {
    for (let p = 0; p < P; p++) {
      const row = bAt + p * N8;
      mem.set(B.subarray(p * N, p * N + N), row);
      mem.fill(0, row + N, row + N8);
    }
  } else {
    // B is N×P: write its transpose, P rows of N (padded)
    for (let p = 0; p < P; p++) {
      const row = bAt + p * N8;
      for (let j = 0; j < N; j++) mem[row + j] = B[j * P + p];
      if (N8 > N) mem.fill(0, row + N, row + N8);
    }
  }
  // A(r, p): row-major M×P is r·P + p; P×M read transposed is p·M + r
  if (ta) k.gemm(aAt * 4, 1, M, bAt * 4, cAt * 4, M, P, N8);
  else k.gemm(aAt * 4, P, 1, bAt * 4, cAt * 4, M, P, N8);
  if (N8 === N) out.set(mem.subarray(cAt, cAt + M * N));
  else for (let i = 0; i < M; i++) out.set(mem.subarray(cAt + i * N8, cAt + i * N8 + N), i * N);
  return true;
}

