// Fused multiply-add emulation. PyTorch's CPU kernels are compiled with FP contraction, so
// e.g. linspace computes `start + step * i` as one fma; reproducing its bits needs the same.

const SPLIT = 134217729; // 2^27 + 1, Veltkamp splitting constant

/** round(a·b + c) in double (exact except in vanishingly rare double-rounding ties). */
export function fma64(a: number, b: number, c: number): number {
  const p = a * b;
  if (!Number.isFinite(p) || !Number.isFinite(c) || Math.abs(a) > 1e300 || Math.abs(b) > 1e300) return p + c;
  // exact error of the product (Dekker)
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const e = al * bl - (((p - ah * bh) - al * bh) - ah * bl);
  // exact sum p + c = s + u (Knuth)
  const s = p + c;
  const bb = s - p;
  const u = (p - (s - bb)) + (c - bb);
  return s + (u + e);
}

/**
 * round32(a·b + c) for float32 a, c and b either an integer below 2^29 or a float32 value (either
 * way a·b is exact in double, so the only rounding left to undo is that of the double sum).
 */
export function fma32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  if (!Number.isFinite(s)) return Math.fround(s);
  const bb = s - p;
  const u = (p - (s - bb)) + (c - bb);
  const r = Math.fround(s);
  if (u !== 0) {
    const diff = s - r;
    if (diff !== 0) {
      const other = r + 2 * diff;
      // s exactly halfway between two floats: the discarded part u decides
      if (Math.fround(other) === other && (diff > 0) === (u > 0)) return other;
    }
  }
  return r;
}
