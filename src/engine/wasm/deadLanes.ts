// Exact zeros a product can skip. Behind ReLU whole units are often dead for the whole batch (in
// the lab's 50-layer depth experiment with PyTorch's default init, ~half the units of every layer
// from the fifth on: their columns of the activation are all zero), and so are their columns of
// the backward's gradient. In out = op(A)·op(B) an inner step p whose column of op(A) (or row of
// op(B)) is all zero adds only ±0 to every sum, a row of op(A) that is all zero gives an output row
// of +0, a column of op(B) the same for an output column. Dropping them leaves every remaining
// output the same float32 sum in the same p order, bit for bit — except for the sign of an exact
// zero a fused multiply-add underflowed to −0 — provided the other operand is finite: 0·±Inf and
// 0·NaN are NaN. So an operand with a non-finite value keeps every lane of the other one.
//
// gemm.ts copies both operands into the module's memory, `nz_scan` (scripts/gemm-wat.mjs) marks
// their non-zero rows and columns in one SIMD pass, and when enough work goes away `gather` copies
// the live lanes into compact operands for the same packed kernels and `scatter` puts the compact
// product's rows and columns where they belong among the zeros of the dead ones.

/** Compaction pays only when it saves at least this share of the multiply-adds (the gathers cost ~1/20). */
const MIN_SAVED = 0.15;

export interface Scanner {
  nz_scan: (x: number, rows: number, cols: number, rf: number, cf: number, early: number) => number;
  gather: (src: number, sld4: number, ri: number, nr: number, ci: number, nc: number, dst: number, dld4: number) => void;
  scatter: (src: number, sld4: number, ri: number, nr: number, ci: number, nc: number, dst: number, dld4: number) => void;
}

/** The live lanes of each dimension of op(A)·op(B); null: all of them. */
export interface Live {
  rows: Int32Array | null;
  steps: Int32Array | null;
  cols: Int32Array | null;
  m: number;
  p: number;
  n: number;
}

const round4 = (n: number): number => (n + 3) & ~3;

let off = false;
let last: Live | null = null;
let count = 0;

/** @internal tests: `fn` with every product dense (the dead-lane pass off). */
export function _withoutDeadLanes<T>(fn: () => T): T {
  const was = off;
  off = true;
  try {
    return fn();
  } finally {
    off = was;
  }
}

/** @internal tests: the lanes the last product kept (null: it ran dense), and how many products ran compact so far. */
export function _deadLaneStats(): { last: Live | null; compacted: number } {
  return { last, compacted: count };
}

/** i32 slots `deadLanes` and `compacted` need at `flagsAt` for op(A) M×P, op(B) P×N and an R×N `unread`. */
export function flagSlots(M: number, P: number, N: number, R: number): number {
  return M + round4(P) + P + round4(N) + R + round4(N) + 6 * 4 + M + P + N;
}

/**
 * The indices i < n whose flag (one i32 a lane from i32 index `at`) is non-zero, or null when all are (or `all`).
 */
function liveOf(flags: Int32Array, at: number, n: number, all: boolean): Int32Array | null {
  if (all) return null;
  let i = 0;
  while (i < n && flags[at + i] !== 0) i++;
  if (i === n) return null;
  const out = new Int32Array(n);
  for (let j = 0; j < i; j++) out[j] = j;
  let k = i;
  for (; i < n; i++) if (flags[at + i] !== 0) out[k++] = i;
  return out.subarray(0, k);
}

/**
 * Scans the operands (stored row-major at aAt, bAt: A is M×P, or P×M when `ta`; B is P×N, or N×P
 * when `tb`) and returns the lanes to keep, or null when dropping the dead ones saves too little.
 * Two dense operands (every column non-zero within the first rows) cost a few rows of scanning.
 * With `R` > 0, the R×N matrix at xAt marks output columns nobody reads (its all-zero columns):
 * those are dropped too, whatever the operands hold.
 */
export function deadLanes(
  k: Scanner, buf: ArrayBufferLike, aAt: number, ta: boolean, bAt: number, tb: boolean, M: number, P: number, N: number, flagsAt: number,
  xAt = 0, R = 0,
): Live | null {
  last = null;
  if (off) return null;
  const [aRows, aCols] = ta ? [P, M] : [M, P];
  const [bRows, bCols] = tb ? [N, P] : [P, N];
  // each flag array on a 16-byte boundary, for the scan's vector stores
  const align16 = (at: number): number => (at + 15) & ~15;
  const rfA = flagsAt;
  const cfA = align16(rfA + aRows * 4);
  const rfB = align16(cfA + round4(aCols) * 4);
  const cfB = align16(rfB + bRows * 4);
  const rfX = align16(cfB + round4(bCols) * 4);
  const cfX = align16(rfX + R * 4);
  const flags = new Int32Array(buf);
  // the output columns someone reads (null: all); a scan that ended early saw every column
  const read = R > 0 && k.nz_scan(xAt, R, N, rfX, cfX, 1) !== 2 ? liveOf(flags, cfX / 4, N, false) : null;
  // an operand whose columns are all non-zero within its first rows ends its scan early (only
  // its all-zero rows are still found); both are scanned in full when either has dead lanes,
  // which need the other's finiteness
  let scanA = k.nz_scan(aAt, aRows, aCols, rfA, cfA, 1);
  let scanB = k.nz_scan(bAt, bRows, bCols, rfB, cfB, 1);
  const dense = (s: number, rf: number, rows: number): boolean => s === 2 && liveOf(flags, rf / 4, rows, false) === null;
  const denseBoth = dense(scanA, rfA, aRows) && dense(scanB, rfB, bRows);
  if (denseBoth && !read) return null;
  if (!denseBoth) {
    if (scanA === 2) scanA = k.nz_scan(aAt, aRows, aCols, rfA, cfA, 0);
    if (scanB === 2) scanB = k.nz_scan(bAt, bRows, bCols, rfB, cfB, 0);
  }
  const finiteA = scanA === 1;
  const finiteB = scanB === 1;
  // op(A)'s rows and columns, op(B)'s rows and columns, whichever way each is stored
  const rows = liveOf(flags, (ta ? cfA : rfA) / 4, M, !finiteB);
  const bCol = liveOf(flags, (tb ? rfB : cfB) / 4, N, !finiteA);
  const cols = bCol && read ? both(bCol, read) : bCol ?? read;
  const aCol = liveOf(flags, (ta ? rfA : cfA) / 4, P, !finiteB);
  const bRow = liveOf(flags, (tb ? cfB : rfB) / 4, P, !finiteA);
  // a step is live unless A's column or B's row drops it
  const steps = aCol && bRow ? both(aCol, bRow) : aCol ?? bRow;
  const m = rows ? rows.length : M;
  const p = steps ? steps.length : P;
  const n = cols ? cols.length : N;
  if (m * p * n > (1 - MIN_SAVED) * M * P * N) return null;
  count++;
  return (last = { rows, steps, cols, m, p, n });
}

/** The indices in both ascending lists. */
function both(a: Int32Array, b: Int32Array): Int32Array {
  const out: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
  }
  return Int32Array.from(out);
}

/** Where `compacted` finds the operands and puts the product (byte offsets in the module's memory). */
export interface Places {
  aAt: number;
  bAt: number;
  /** i32 index tables: M + P + N slots */
  tabAt: number;
  a2At: number;
  b2At: number;
  /** the compact product: room for (rows padded to the tile) × (N padded to 8) floats */
  c2At: number;
  /** the full product, M rows of `ldc` floats */
  cAt: number;
}

/** Computes C (rows × cols, row stride ldc floats) at cAt = op(A)·op(B) with A, B at aAt, bAt. */
export type Product = (aAt: number, bAt: number, M: number, P: number, N: number, cAt: number, ldc: number) => void;

/**
 * out's sums without the bias, at `at.cAt` (M rows, row stride `ldc` floats): the product of the
 * live lanes, spread back, +0 where a row or column is dead.
 */
export function compacted(
  k: Scanner, mem: Float32Array, live: Live, ta: boolean, tb: boolean, M: number, P: number, N: number, at: Places, ldc: number, product: Product,
): void {
  const { m, p, n } = live;
  if (m === 0 || p === 0 || n === 0) {
    mem.fill(0, at.cAt / 4, at.cAt / 4 + M * ldc);
    return;
  }
  const tabs = new Int32Array(mem.buffer, at.tabAt, M + P + N);
  const table = (list: Int32Array | null, count: number, slot: number): number => {
    if (list) tabs.set(list, slot);
    else for (let i = 0; i < count; i++) tabs[slot + i] = i;
    return at.tabAt + slot * 4;
  };
  const rowsT = table(live.rows, M, 0);
  const stepsT = table(live.steps, P, M);
  const colsT = table(live.cols, N, M + P);
  // each operand's live rows and columns, in the orientation it is stored in
  const pick = (src: number, r: Int32Array | null, rT: number, nr: number, c: Int32Array | null, cT: number, nc: number, C: number, dst: number): number => {
    if (!r && !c) return src;
    k.gather(src, C * 4, rT, nr, c ? cT : 0, nc, dst, nc * 4);
    return dst;
  };
  const a = ta ? pick(at.aAt, live.steps, stepsT, p, live.rows, rowsT, m, M, at.a2At) : pick(at.aAt, live.rows, rowsT, m, live.steps, stepsT, p, P, at.a2At);
  const b = tb ? pick(at.bAt, live.cols, colsT, n, live.steps, stepsT, p, P, at.b2At) : pick(at.bAt, live.steps, stepsT, p, live.cols, colsT, n, N, at.b2At);
  if (!live.rows && !live.cols) {
    product(a, b, m, p, n, at.cAt, ldc);
    return;
  }
  // dead rows and columns are the sum of nothing: +0
  const ldc2 = (n + 7) & ~7;
  product(a, b, m, p, n, at.c2At, ldc2);
  mem.fill(0, at.cAt / 4, at.cAt / 4 + M * ldc);
  k.scatter(at.c2At, ldc2 * 4, rowsT, m, live.cols ? colsT : 0, n, at.cAt, ldc * 4);
}
