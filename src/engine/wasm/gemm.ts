// float32 matrix products on the packed WebAssembly kernels (scripts/gemm-wat.mjs): the operands
// are copied into the module's memory as they are, then each block of 256 steps of the inner
// dimension is packed — B into panels of 8 columns, A into panels of 4 or 6 rows, p after p — so
// the micro-kernel streams both with unit stride and a B panel (8 KB) stays in L1 while every A
// panel passes it. Without packing, a column of B read down 256 rows 1 KB apart falls into four
// of L1's 64 sets and comes from L2 at every step. A whole 256³ product (copies, packing and
// kernel): 34 GFLOP/s before, ~41 now on Node 20's plain module and ~53 on Node 24's fused one,
// whose micro-kernel alone runs at ~57 of the 58.5 that 128-bit SIMD allows on this Zen 4
// (PyTorch's AVX-512 sgemm: ~135).
//
// Where the host validates relaxed SIMD the products take a fused multiply-add per step; elsewhere
// the plain module (mul, then add). V8 validates relaxed SIMD from 11.4 on, but V8 12 issues all
// of a step's broadcasts first (see scripts/gemm-wat.mjs), so the fused module's 6×8 tile spills
// there and runs slower than the plain 4×8; a fused 4×8 tile does not. The depth experiment's
// step (bench `lab`, L2 with Tanh; ReLU), alternating in one process: Node 22.15 (V8 12.4) fused
// 6×8 237–241 ms, plain 163–185; fused 4×8 148–158 against plain 176–188 (ReLU 79–84 against
// 87–91); Node 23.11 (V8 12.9) like Node 22; Node 24.21 (V8 13.6) fused 6×8 136–154 against plain
// 150–159, and 4×8 no faster than 6×8. So: 6×8 from V8 13 on (Electron 35+, VS Code 1.101+
// desktop, runs V8 13.4+; Node 24), 4×8 fused before (Node 22: VS Code 1.101–1.124's remote server).
// Both sum each output in p order; the fused one rounds once per step instead of twice.
import { GEMM_WASM, GEMM_RELAXED_WASM, GEMM_RELAXED_4X8_WASM } from './kernels.generated';
import { decodeModule, grownView } from './memory';
import { compacted, deadLanes, flagSlots, type Product, type Scanner } from './deadLanes';

interface GemmModule extends Scanner {
  memory: WebAssembly.Memory;
  tile_rows: () => number;
  gemm_block: (ap: number, bp: number, c: number, rows: number, kc: number, n8: number, ldc4: number, acc: number) => void;
  /** Packs `count` lanes (rows of A, columns of B), lane l at step p at src + l·sl4 + p·sp4 bytes, kc steps. */
  pack_a: (src: number, sl4: number, sp4: number, count: number, kc: number, dst: number) => void;
  pack_b: (src: number, sl4: number, sp4: number, count: number, kc: number, dst: number) => void;
  add_bias: (c: number, b: number, rows: number, n8: number, ldc4: number) => void;
  zero_where_not_positive: (c: number, y: number, rows: number, cols: number, ldc4: number, ldy4: number) => void;
}

interface Loaded {
  mod: GemmModule;
  mr: number;
  variant: GemmVariant;
  view: Float32Array;
}

/** 'relaxed': fused 6×8 tile; 'relaxed-4x8': fused 4×8; 'plain': mul + add, 4×8. */
export type GemmVariant = 'relaxed' | 'relaxed-4x8' | 'plain';
const BYTES: Record<GemmVariant, string> = { relaxed: GEMM_RELAXED_WASM, 'relaxed-4x8': GEMM_RELAXED_4X8_WASM, plain: GEMM_WASM };

const loaded: Partial<Record<GemmVariant, Loaded | null>> = {};
/** Tests pin a variant; otherwise defaultVariant's where the host has it. */
let pinned: GemmVariant | null = null;

function instantiate(variant: GemmVariant): Loaded | null {
  const have = loaded[variant];
  if (have !== undefined) return have;
  loaded[variant] = null;
  try {
    if (typeof WebAssembly === 'undefined') return null;
    const bytes = decodeModule(BYTES[variant]);
    if (!WebAssembly.validate(bytes)) return null;
    const mod = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as GemmModule;
    loaded[variant] = { mod, mr: mod.tile_rows(), variant, view: new Float32Array(mod.memory.buffer) };
  } catch {
    loaded[variant] = null;
  }
  return loaded[variant] ?? null;
}

/** V8's major version where the host says (Node, Electron); null in a browser's worker. */
function v8Major(): number | null {
  const v = (globalThis as { process?: { versions?: { v8?: string } } }).process?.versions?.v8;
  const major = v ? Number.parseInt(v, 10) : NaN;
  return Number.isFinite(major) ? major : null;
}

/** The fused module for a host with V8 `major` (see the header); a browser's V8 is taken as current. */
export function fusedVariant(major: number | null = v8Major()): GemmVariant {
  return major === null || major >= 13 ? 'relaxed' : 'relaxed-4x8';
}

function current(): Loaded | null {
  if (pinned) return instantiate(pinned);
  return instantiate(fusedVariant()) ?? instantiate('plain');
}

/** Which module the products run on (null: none), for the bench's notes and the tests. */
export function gemmVariant(): GemmVariant | null {
  const g = current();
  return g === null ? null : g.variant;
}

/** @internal tests: `fn` with the products on the given module (it must load on this host). */
export function _withGemmVariant<T>(variant: GemmVariant, fn: () => T): T {
  const was = pinned;
  pinned = variant;
  try {
    return fn();
  } finally {
    pinned = was;
  }
}

/** Steps of the inner dimension per packed block: a B panel of 256×8 floats is 8 KB (L1 holds 32). */
const KC = 256;
/** Rows of A per packed block (a multiple of both tiles' 4 and 6): 144×256 floats, 144 KB, stay in L2. */
const MC = 144;
/** Largest working set (bytes) the module's memory may grow to; beyond it the caller's kernels run. */
const align64 = (bytes: number): number => (bytes + 63) & ~63;

/** The module's memory grown to at least `bytes`, as float32; null past memory.ts's MAX_BYTES. */
function memoryFor(g: Loaded, bytes: number): Float32Array | null {
  const v = grownView(g.mod.memory, g.view, bytes);
  if (v) g.view = v;
  return v;
}

/**
 * out (M×N) = op(A)·op(B), float32, row-major operands: `ta` reads A (P×M) transposed, `tb` reads
 * B (N×P) transposed, plus `bias` (N floats) on every row when given — added to the finished
 * sums, as F.linear's separate add would. Any sizes ≥ 1. False (nothing written) when the module
 * is unavailable or the operands do not fit its memory. Lanes that only add exact zeros are left
 * out when that saves enough (deadLanes.ts): the same sums, bit for bit. `unread` (R×N, or null):
 * the output columns where it is all zero are read by no one — they may be left +0. `mask` (with
 * an M×N `unread`): every output where `unread` is ≤ 0 is made +0, as ReLU's backward would make it.
 */
export function packedGemm(
  A: Float32Array, ta: boolean, B: Float32Array, tb: boolean, M: number, P: number, N: number, out: Float32Array,
  bias: Float32Array | null = null, unread: Float32Array | null = null, mask = false,
): boolean {
  const g = current();
  if (g === null) return false;
  const n8 = (N + 7) & ~7;
  const mPad = Math.ceil(M / g.mr) * g.mr;
  const kc0 = Math.min(KC, P);
  const aAt = 0;
  const bAt = align64(aAt + M * P * 4);
  const apAt = align64(bAt + P * N * 4);
  const bpAt = align64(apAt + Math.min(MC, mPad) * kc0 * 4);
  const cAt = align64(bpAt + kc0 * n8 * 4);
  const biasAt = align64(cAt + mPad * n8 * 4);
  const end = biasAt + n8 * 4;
  // the dead-lane pass's tables and compact operands after that, where the memory allows them
  const R = unread ? Math.floor(unread.length / N) : 0;
  const tabAt = align64(end);
  const a2At = align64(tabAt + flagSlots(M, P, N, R) * 4);
  const b2At = align64(a2At + M * P * 4);
  const c2At = align64(b2At + P * N * 4);
  const xAt = align64(c2At + mPad * n8 * 4);
  const roomy = memoryFor(g, xAt + R * N * 4);
  const mem = roomy ?? memoryFor(g, end);
  if (mem === null) return false;
  mem.set(A.length === M * P ? A : A.subarray(0, M * P), aAt / 4);
  mem.set(B.length === P * N ? B : B.subarray(0, P * N), bAt / 4);
  const run: Product = (a, b, m, p, n, c, ldc) => product(g, a, ta, b, tb, m, p, n, c, ldc, apAt, bpAt);
  if (roomy && unread && R > 0) mem.set(unread.subarray(0, R * N), xAt / 4);
  const live = roomy && deadLanes(g.mod, mem.buffer, aAt, ta, bAt, tb, M, P, N, tabAt, xAt, R);
  if (!live) run(aAt, bAt, M, P, N, cAt, n8);
  else compacted(g.mod, mem, live, ta, tb, M, P, N, { aAt, bAt, tabAt, a2At, b2At, c2At, cAt }, n8, run);
  if (bias) {
    mem.set(bias.subarray(0, N), biasAt / 4);
    g.mod.add_bias(cAt, biasAt, M, n8, n8 * 4);
  }
  const masked = mask && roomy && R === M;
  if (masked) g.mod.zero_where_not_positive(cAt, xAt, M, N, n8 * 4, N * 4);
  const c = cAt / 4;
  if (n8 === N) out.set(mem.subarray(c, c + M * N));
  else for (let i = 0; i < M; i++) out.set(mem.subarray(c + i * n8, c + i * n8 + N), i * N);
  // without room for the marker matrix in the module's memory, the same here
  if (mask && !masked && unread) for (let i = 0; i < M * N; i++) if (unread[i] <= 0) out[i] = 0;
  return true;
}

/**
 * C (M×N, row stride ldc ≥ N rounded up to 8 floats) at cAt = op(A)·op(B), A and B stored in the
 * module's memory at aAt, bAt; apAt, bpAt: room for the packed panels.
 */
function product(
  g: Loaded, aAt: number, ta: boolean, bAt: number, tb: boolean, M: number, P: number, N: number, cAt: number, ldc: number,
  apAt: number, bpAt: number,
): void {
  const mr = g.mr;
  const n8 = (N + 7) & ~7;
  // byte strides: A(r, p) is r·P + p, or p·M + r read transposed; B(p, j) is p·N + j, or j·P + p
  const sr4 = ta ? 4 : P * 4;
  const sp4 = ta ? M * 4 : 4;
  const bp4 = tb ? 4 : N * 4;
  const bj4 = tb ? P * 4 : 4;
  const k = g.mod;
  for (let pc = 0; pc < P; pc += KC) {
    const kc = Math.min(KC, P - pc);
    k.pack_b(bAt + pc * bp4, bj4, bp4, N, kc, bpAt);
    for (let ic = 0; ic < M; ic += MC) {
      const rows = Math.min(MC, M - ic);
      k.pack_a(aAt + ic * sr4 + pc * sp4, sr4, sp4, rows, kc, apAt);
      k.gemm_block(apAt, bpAt, cAt + ic * ldc * 4, Math.ceil(rows / mr) * mr, kc, n8, ldc * 4, pc > 0 ? 1 : 0);
    }
  }
}
