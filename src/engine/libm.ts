// log, sin and cos of a double, correctly rounded: double-double arithmetic (~2^-100 relative),
// rounded once. V8's Math.log/sin/cos (fdlibm) are off in the last bit for ~7% (log) and ~3%
// (sin, cos) of uniform inputs. The float64 random streams no longer use these: glibc, which
// PyTorch's Box–Muller calls, misrounds on that domain (sin, cos ~1 call in 700, log ~1 in
// 1200), so glibc-libm.ts repeats glibc's own arithmetic. crSinCos hands |x| ≥ 2^20 to V8's
// Math.sin/cos. About 1 µs a call.

import { productError } from './fma';

let H = 0; // results of the double-double helpers below (hi, lo), to avoid allocating pairs
let L = 0;

function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  H = s;
  L = a - (s - bb) + (b - bb);
}

function twoProd(a: number, b: number): void {
  H = a * b;
  L = productError(a, b, H);
}

function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  twoSum(ah, bh);
  const sh = H;
  let sl = L;
  twoSum(al, bl);
  const th = H;
  const tl = L;
  sl += th;
  const h = sh + sl;
  sl = sl - (h - sh);
  sl += tl;
  H = h + sl;
  L = sl - (H - h);
}

function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const ph = H;
  const pl = L + (ah * bl + al * bh);
  H = ph + pl;
  L = pl - (H - ph);
}

function ddDiv(ah: number, al: number, bh: number, bl: number): void {
  const q1 = ah / bh;
  ddMul(q1, 0, bh, bl);
  ddAdd(ah, al, -H, -L);
  const r1h = H;
  const r1l = L;
  const q2 = r1h / bh;
  ddMul(q2, 0, bh, bl);
  ddAdd(r1h, r1l, -H, -L);
  const q3 = H / bh;
  twoSum(q1, q2);
  ddAdd(H, L, q3, 0);
}

/** dd coefficients 1/(2k+1) (log) and 1/n! (sin, cos). */
function ddTable(n: number, term: (k: number, prevH: number, prevL: number) => [number, number]): Float64Array {
  const t = new Float64Array(2 * n);
  let ph = 1;
  let pl = 0;
  for (let k = 0; k < n; k++) {
    [ph, pl] = term(k, ph, pl);
    t[2 * k] = ph;
    t[2 * k + 1] = pl;
  }
  return t;
}
const LOG_K = 22;
const LOG_C = ddTable(LOG_K, (k) => {
  ddDiv(1, 0, 2 * k + 1, 0);
  return [H, L];
});
const FACT_N = 32;
const INV_FACT = ddTable(FACT_N, (k, ph, pl) => {
  if (k === 0) return [1, 0];
  ddDiv(ph, pl, k, 0);
  return [H, L];
});

const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;
const SQRT2 = Math.SQRT2;
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** ln(x), correctly rounded (for all but a vanishing few x). */
export function crLog(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x);
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54: subnormals become normal
    k = -54;
  }
  f64[0] = x;
  k += ((u32[1] >>> 20) & 0x7ff) - 1023;
  u32[1] = (u32[1] & 0x800fffff) | 0x3ff00000;
  let m = f64[0];
  if (m > SQRT2) {
    m /= 2;
    k++;
  }
  if (m === 1 && k === 0) return 0;
  // log m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.172
  const fm = m - 1;
  twoSum(m, 1);
  ddDiv(fm, 0, H, L);
  const sh = H;
  const sl = L;
  ddMul(sh, sl, sh, sl);
  const s2h = H;
  const s2l = L;
  let ph = LOG_C[2 * (LOG_K - 1)];
  let pl = LOG_C[2 * (LOG_K - 1) + 1];
  for (let i = LOG_K - 2; i >= 0; i--) {
    ddMul(ph, pl, s2h, s2l);
    ddAdd(H, L, LOG_C[2 * i], LOG_C[2 * i + 1]);
    ph = H;
    pl = L;
  }
  ddMul(ph, pl, sh, sl);
  const lh = 2 * H;
  const ll = 2 * L;
  if (k === 0) return lh + ll;
  twoProd(k, LN2_HI);
  const kh = H;
  const kl = L + k * LN2_LO;
  ddAdd(kh, kl, lh, ll);
  return H + L;
}

// π/2 in three 33-bit pieces and a tail (fdlibm's split): j·piece is exact for small j
const PIO2_1 = 1.57079632673412561417e0;
const PIO2_2 = 6.07710050630396597660e-11;
const PIO2_3 = 2.02226624871116645580e-21;
const PIO2_3T = 8.47842766036889956997e-32;

/** sin(θ) and cos(θ), each correctly rounded, for |θ| < 2^20; returned as [sin, cos]. */
export function crSinCos(theta: number, out: Float64Array): void {
  if (!Number.isFinite(theta) || Math.abs(theta) >= 1048576) {
    out[0] = Math.sin(theta);
    out[1] = Math.cos(theta);
    return;
  }
  const j = Math.round(theta * 0.6366197723675814);
  twoSum(theta, -j * PIO2_1);
  ddAdd(H, L, -j * PIO2_2, 0);
  ddAdd(H, L, -j * PIO2_3, -j * PIO2_3T);
  const rh = H;
  const rl = L;
  ddMul(rh, rl, rh, rl);
  const r2h = H;
  const r2l = L;
  // cos r = Σ (−r²)^k/(2k)!, sin r = r·Σ (−r²)^k/(2k+1)!, Horner from k = 15
  let ch = INV_FACT[2 * 30];
  let cl = INV_FACT[2 * 30 + 1];
  let sh = INV_FACT[2 * 31];
  let sl = INV_FACT[2 * 31 + 1];
  for (let k = 14; k >= 0; k--) {
    ddMul(ch, cl, -r2h, -r2l);
    ddAdd(H, L, INV_FACT[4 * k], INV_FACT[4 * k + 1]);
    ch = H;
    cl = L;
    ddMul(sh, sl, -r2h, -r2l);
    ddAdd(H, L, INV_FACT[4 * k + 2], INV_FACT[4 * k + 3]);
    sh = H;
    sl = L;
  }
  ddMul(sh, sl, rh, rl);
  const sinR = H + L;
  const cosR = ch + cl;
  switch (((j % 4) + 4) % 4) {
    case 0:
      out[0] = sinR;
      out[1] = cosR;
      break;
    case 1:
      out[0] = cosR;
      out[1] = -sinR;
      break;
    case 2:
      out[0] = -sinR;
      out[1] = -cosR;
      break;
    default:
      out[0] = -cosR;
      out[1] = sinR;
  }
}

/**
 * x^n for a whole n ≥ 0, correctly rounded (for all but a vanishing few x) as glibc's pow gives
 * it: Adam's bias corrections are Python's `beta ** step`, and V8's `**` (fdlibm) is 1 ulp off
 * for about half of the small (beta, step) pairs. Squaring in double-double keeps ~2^-100.
 */
export function crPowInt(x: number, n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 || !Number.isFinite(x) || x === 0) return x ** n;
  let rh = 1;
  let rl = 0;
  let bh = x;
  let bl = 0;
  for (let e = n; ; ) {
    if (e & 1) {
      ddMul(rh, rl, bh, bl);
      rh = H;
      rl = L;
    }
    e >>>= 1;
    if (e === 0) break;
    ddMul(bh, bl, bh, bl);
    bh = H;
    bl = L;
  }
  // out of double-double's comfortable range (near over/underflow) the plain power is as good
  const mag = Math.abs(rh);
  if (!(mag > 1e-290 && mag < 1e290)) return x ** n;
  return rh + rl;
}
