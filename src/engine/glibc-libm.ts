// log, sin and cos of a double exactly as glibc 2.36 computes them on an x86-64 CPU with FMA
// (its ifunc takes the variants built with -mfma -mavx2: __log_fma, __sin_fma, __cos_fma), which is
// what PyTorch's float64 Box–Muller calls. glibc is not correctly rounded (its own comments give
// log ~0.52 ulp, sin/cos ~0.55), so matching PyTorch bit for bit means repeating its arithmetic: the same
// tables, polynomials and order of operations, and each multiply-add that GCC fused into one
// vfmadd (read off the disassembly of Debian's libm.so.6) as one correctly rounded fmaExact.
// On a CPU without FMA, glibc takes other variants whose last bits may differ; these are not those.
//
// log: e_log.c (from ARM's optimized-routines; pow, its sibling, is in glibc-pow.ts). sin/cos:
// s_sin.c (IBM's accurate library, as reworked in glibc 2.28) for |x| < 105414350; beyond, glibc
// reduces with __branred, which is not repeated here: those arguments take V8's Math.sin/cos
// (fdlibm), not glibc's bits (Box–Muller's angles stay below 2π).
import { fmaExact as fma } from './fma';
import { LOG_TAB, SINCOS_TAB } from './glibc-libm-tables';

/** A C99 hex float without its 0x ("-1.7cc7f79e69000p-2"), exactly. */
export function hexFloat(s: string): number {
  const m = /^(-?)([01])\.([0-9a-f]{1,13})p([+-]\d+)$/.exec(s);
  if (!m) throw new Error(`bad hex float ${s}`);
  const v = (Number(m[2]) * 2 ** 52 + parseInt(m[3].padEnd(13, '0'), 16)) * 2 ** (Number(m[4]) - 52);
  return m[1] ? -v : v;
}

export const hexTable = (text: string): Float64Array => Float64Array.from(text.trim().split(/\s+/), hexFloat);
// Read from their hex text when first needed (~2 ms at load): a `check` never draws a normal sample.
let logT: Float64Array | undefined;
let scT: Float64Array | undefined;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

// ---- log (__log_data: ln2hi, ln2lo, poly A[0..4], poly1 B[0..10])
export const LN2HI = hexFloat('1.62e42fefa3800p-1');
export const LN2LO = hexFloat('1.ef35793c76730p-45');
const [A0, A1, A2, A3, A4] = ['-1.0000000000001p-1', '1.555555551305bp-2', '-1.fffffffeb4590p-3',
  '1.999b324f10111p-3', '-1.55575e506c89fp-3'].map(hexFloat);
const [B0, B1, B2, B3, B4, B5, B6, B7, B8, B9, B10] = ['-1.0000000000000p-1', '1.5555555555577p-2',
  '-1.ffffffffffdcbp-3', '1.999999995dd0cp-3', '-1.55555556745a7p-3', '1.24924a344de30p-3',
  '-1.fffffa4423d65p-4', '1.c7184282ad6cap-4', '-1.999eb43b068ffp-4', '1.78182f7afd085p-4',
  '-1.5521375d145cdp-4'].map(hexFloat);
const TWO27 = 134217728;

/** glibc's log(x) (FMA variant), bit for bit, for every double x. */
export function glibcLog(x: number): number {
  f64[0] = x;
  let hi = u32[1];
  // 1 − 2^-4 ≤ x < 1 + 0x1.09p-4: log1p's own polynomial, r = x − 1 exact
  if (hi >= 0x3fee0000 && hi < 0x3ff10900) {
    if (x === 1) return 0;
    const r = x - 1;
    const r2 = r * r;
    const r3 = r * r2;
    let p = fma(r3, B10, fma(r2, B9, fma(r, B8, B7)));
    p = fma(p, r3, fma(r2, B6, fma(r, B5, B4)));
    p = fma(p, r3, fma(r2, B3, fma(r, B2, B1)));
    // r·r·B0 = −r²/2 in two parts: rhi has 26 bits so rhi² is exact. (Where a product is exact,
    // as r·2^27 here, its fused multiply-add is the plain a·b + c: one rounding either way.)
    const t = r * TWO27 + r;
    const rhi = t - TWO27 * r;
    const rlo = r - rhi;
    const rhi2 = rhi * rhi;
    const h = fma(rhi2, B0, r);
    let lo = fma(rhi2, B0, r - h);
    lo = fma(B0 * rlo, r + rhi, lo);
    return h + fma(p, r3, lo);
  }
  if ((hi - 0x00100000) >>> 0 >= 0x7fe00000) {
    // zero, negative, subnormal, infinite or NaN
    if (!(x > 0) || x === Infinity) return Math.log(x);
    f64[0] = x * 4503599627370496; // 2^52; the exponent is taken back below
    hi = u32[1] - (52 << 20);
  }
  // x = 2^k·z, z in [0x1.6p-1, 0x1.6p0); table entry i is the subinterval z falls in
  const tmp = (hi - 0x3fe60000) | 0;
  const i = (tmp >>> 13) & 127;
  const k = tmp >> 20;
  u32[1] = hi - (tmp & 0xfff00000);
  const z = f64[0];
  const LOG_T = (logT ??= hexTable(LOG_TAB));
  const invc = LOG_T[2 * i];
  const logc = LOG_T[2 * i + 1];
  const r = fma(z, invc, -1);
  const w = k * LN2HI + logc; // k has 11 bits, LN2HI 42: an exact product
  const h = r + w;
  const lo = fma(k, LN2LO, w - h + r);
  const r2 = r * r;
  const q = fma(fma(r, A4, A3), r2, fma(r, A2, A1));
  return fma(r * r2, q, fma(r2, A0, lo)) + h;
}

// ---- sin, cos (usncs.h)
const BIG = hexFloat('1.8000000000000p+45'); // adding it rounds |x| to a multiple of 1/128
const SN3 = hexFloat('-1.5555555555515p-3');
const SN5 = hexFloat('1.11110e829872fp-7');
const CS2 = 0.5;
const CS4 = hexFloat('-1.5555555555535p-5');
const CS6 = hexFloat('1.6c16bedd9e239p-10');
const [S1, S2, S3, S4, S5] = ['-1.5555555555555p-3', '1.1111111110ecep-7', '-1.a01a019db08b8p-13',
  '1.71de27b9a7ed9p-19', '-1.addffc2fcdf59p-26'].map(hexFloat);
const HP0 = hexFloat('1.921fb54442d18p+0');
const HP1 = hexFloat('1.1a62633145c07p-54');
const HPINV = hexFloat('1.45f306dc9c883p-1');
export const TOINT = hexFloat('1.8000000000000p+52');
const MP1 = hexFloat('1.921fb58000000p+0');
const MP2 = hexFloat('-1.dde973c000000p-27');
const PP3 = hexFloat('-1.cb3b398000000p-55');
const PP4 = hexFloat('-1.d747f23e32ed7p-83');

/** Index of the table row nearest |x| (the low word of BIG + |x| counts 128ths), times 4. */
function row(u: number): number {
  f64[0] = u;
  return u32[0] << 2;
}

/** sin(x + dx) for |x| < 0.855469 (do_sin). */
function doSin(x: number, dx: number): number {
  if (Math.abs(x) < 0.126) {
    const xx = x * x;
    const p = fma(fma(fma(fma(S5, xx, S4), xx, S3), xx, S2), xx, S1);
    return x + fma(xx, fma(p, x, -(0.5 * dx)), dx);
  }
  const d = x <= 0 ? -dx : dx;
  const ax = Math.abs(x);
  const u = BIG + ax;
  const t = ax - (u - BIG);
  const k = row(u);
  const xx = t * t;
  const s = t + fma(t * xx, fma(xx, SN5, SN3), d);
  const c = fma(t, d, xx * fma(xx, fma(xx, CS6, CS4), CS2));
  const SC_T = (scT ??= hexTable(SINCOS_TAB));
  const cor = fma(s, SC_T[k + 2], fma(-c, SC_T[k], fma(s, SC_T[k + 3], SC_T[k + 1])));
  const r = SC_T[k] + cor;
  return x < 0 || Object.is(x, -0) ? -Math.abs(r) : Math.abs(r);
}

/** cos(x + dx) for |x| < 0.855469 (do_cos). */
function doCos(x: number, dx: number): number {
  const d = x < 0 ? -dx : dx;
  const ax = Math.abs(x);
  const u = BIG + ax;
  const t = ax - (u - BIG) + d;
  const k = row(u);
  const xx = t * t;
  const s = fma(t * xx, fma(xx, SN5, SN3), t);
  const c = xx * fma(xx, fma(xx, CS6, CS4), CS2);
  const SC_T = (scT ??= hexTable(SINCOS_TAB));
  const cor = fma(-s, SC_T[k], fma(-c, SC_T[k + 2], fma(-s, SC_T[k + 1], SC_T[k + 3])));
  return SC_T[k + 2] + cor;
}

let redA = 0;
let redDa = 0;

/** x − n·π/2 = redA + redDa (to 136 bits) for |x| < 105414350; returns n mod 4 (reduce_sincos). */
function reduce(x: number): number {
  const t = fma(x, HPINV, TOINT);
  const xn = t - TOINT;
  f64[0] = t;
  const n = u32[0] & 3;
  let y: number;
  let t2: number;
  let db: number;
  if (Math.abs(xn) < 16777216) {
    // MP1, MP2 and PP3 have at most 27 significant bits: below 2^24, xn times each is exact
    y = x - xn * MP1 - xn * MP2;
    t2 = y - xn * PP3;
    db = y - t2 - PP3 * xn;
  } else {
    y = fma(-xn, MP2, fma(-xn, MP1, x));
    t2 = fma(-xn, PP3, y);
    db = fma(-PP3, xn, y - t2);
  }
  const b = fma(-xn, PP4, t2);
  redA = b;
  redDa = db + fma(-xn, PP4, t2 - b);
  return n;
}

/** sin of redA + redDa + n·π/2 (do_sincos). */
function quadrant(n: number): number {
  const v = n & 1 ? doCos(redA, redDa) : doSin(redA, redDa);
  return n & 2 ? -v : v;
}


/** Beyond glibc's own reduction (__branred, not repeated): V8's fdlibm values. */
const farSin = Math.sin;
const farCos = Math.cos;

/** glibc's sin(x) (FMA variant), bit for bit for |x| < 105414350; beyond, V8's Math value. */
export function glibcSin(x: number): number {
  f64[0] = x;
  const k = u32[1] & 0x7fffffff;
  if (k < 0x3e500000) return x;
  if (k < 0x3feb6000) return doSin(x, 0);
  if (k < 0x400368fd) {
    const v = doCos(HP0 - Math.abs(x), HP1);
    return x < 0 ? -Math.abs(v) : Math.abs(v);
  }
  if (k < 0x419921fb) return quadrant(reduce(x));
  return farSin(x);
}

/**
 * glibc's sincos(x) into out as [sin, cos]: the same bits as glibcSin and glibcCos (glibc's sincos
 * shares their code), with the reduction done once. GCC turns PyTorch's sin(θ) and cos(θ) of one θ
 * into this call.
 */
export function glibcSinCos(x: number, out: Float64Array): void {
  f64[0] = x;
  const k = u32[1] & 0x7fffffff;
  if (k >= 0x400368fd && k < 0x419921fb) {
    const n = reduce(x);
    out[0] = quadrant(n);
    out[1] = quadrant(n + 1);
    return;
  }
  out[0] = glibcSin(x);
  out[1] = glibcCos(x);
}

/** glibc's cos(x) (FMA variant), bit for bit for |x| < 105414350; beyond, V8's Math value. */
export function glibcCos(x: number): number {
  f64[0] = x;
  const k = u32[1] & 0x7fffffff;
  if (k < 0x3e400000) return 1;
  if (k < 0x3feb6000) return doCos(x, 0);
  if (k < 0x400368fd) {
    const y = HP0 - Math.abs(x);
    const a = y + HP1;
    return doSin(a, y - a + HP1);
  }
  if (k < 0x419921fb) return quadrant(reduce(x) + 1);
  return farCos(x);
}
