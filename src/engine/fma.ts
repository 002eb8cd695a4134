// Fused multiply-add emulation. PyTorch's CPU kernels are compiled with FP contraction, so
// e.g. linspace computes `start + step * i` as one fma; reproducing its bits needs the same.

const SPLIT = 134217729; // 2^27 + 1, Veltkamp splitting constant

/**
 * The exact rounding error of p = round(a·b) (Dekker: a and b split in 26-bit halves whose
 * products are exact), so a·b = p + error. Needs |a|, |b| < 2^995 and |p| above 2^-969.
 */
export function productError(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return al * bl - (((p - ah * bh) - al * bh) - ah * bl);
}

/** round(a·b + c) in double, exact except in vanishingly rare double-rounding ties (fmaExact has none). */
export function fma64(a: number, b: number, c: number): number {
  const p = a * b;
  if (!Number.isFinite(p) || !Number.isFinite(c) || Math.abs(a) > 1e300 || Math.abs(b) > 1e300) return p + c;
  const e = productError(a, b, p);
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

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const TWO_M960 = 2 ** -960;
const TWO_995 = 2 ** 995;

/**
 * round(a·b + c) in double, correctly rounded for every input (IEEE fusedMultiplyAdd, as x86's
 * vfmadd and C's fma()). The exact value is th + v + ve: the product split exactly (Dekker), its
 * sum with c split exactly (Knuth, th + tl), and the two low parts added with their error ve.
 * Rounding th + v once is right unless it lands exactly halfway between two doubles: there
 * only ve, far below the halfway gap, says which side the exact value is on. (Boldo and
 * Melquiond round v to odd for the same effect; this asks for no bit twiddling.) Where a
 * product's low part could underflow or a sum overflow, exact integer arithmetic instead.
 */
export function fmaExact(a: number, b: number, c: number): number {
  const p = a * b;
  const ap = Math.abs(p);
  if (!(ap > TWO_M960 && ap < TWO_995 && Math.abs(a) + Math.abs(b) + Math.abs(c) < TWO_995)) return fmaBig(a, b, c);
  const pl = productError(a, b, p);
  const th = c + p;
  let bb = th - c;
  const tl = c - (th - bb) + (p - bb);
  const v = tl + pl;
  bb = v - tl;
  const ve = tl - (v - bb) + (pl - bb);
  const z = th + v;
  if (ve === 0) return z;
  // ve ≠ 0 needs tl ≠ 0, so c + p did not cancel: v is a few ulps of th, ve below an ulp of v,
  // and d (th + v − z, a multiple of v's ulp) decides alone unless it is exactly half of z's ulp
  bb = z - th;
  const d = th - (z - bb) + (v - bb);
  if (d !== 0 && d > 0 === ve > 0) {
    const w = z + 2 * d;
    if (w - z === 2 * d) return w;
  }
  return z;
}

/** x = m·2^e with m an integer (x finite). */
function decompose(x: number): [bigint, number] {
  bits[0] = x;
  const hi = words[1];
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(words[0]);
  if (biased !== 0) m |= 1n << 52n;
  if (hi >>> 31) m = -m;
  return [m, (biased === 0 ? 1 : biased) - 1075];
}

/** m·2^e exactly, for m·2^e representable (|m| ≤ 2^53). */
function scale(m: number, e: number): number {
  return e < -1000 ? m * 2 ** (e + 600) * 2 ** -600 : e > 1000 ? m * 2 ** (e - 100) * 2 ** 100 : m * 2 ** e;
}

/** fmaExact's slow path: the exact a·b + c as a big integer times a power of two, rounded once. */
function fmaBig(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a * b + c;
  if (!Number.isFinite(c)) return c; // a finite product, exactly, however large its rounding
  if (a === 0 || b === 0) return a * b + c; // the product is an exact (signed) zero
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  const [mc, ec] = decompose(c);
  const ep = ea + eb;
  const e = Math.min(ep, ec);
  const sum = ((ma * mb) << BigInt(ep - e)) + (mc << BigInt(ec - e));
  if (sum === 0n) return 0; // an exact cancellation is +0 when rounding to nearest
  const neg = sum < 0n;
  const mag = neg ? -sum : sum;
  const len = mag.toString(2).length;
  // keep 53 bits, or fewer where the result is subnormal (nothing below 2^-1074)
  const shift = Math.max(len - 53, -1074 - e);
  let q: bigint;
  if (shift <= 0) q = mag;
  else {
    q = mag >> BigInt(shift);
    const rem = mag - (q << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q++;
  }
  const r = scale(Number(q), e + Math.max(shift, 0));
  return neg ? -r : r;
}
