// pow(x, y) of two doubles exactly as glibc 2.36's __pow_fma computes it (e_pow.c, from ARM's
// optimized-routines): log x to ~2^-68 as a head and tail, times y with one fused multiply-add,
// then exp as 2^(m/128)·e^s. Python's `beta ** step`, Adam's bias corrections, is this pow, and
// glibc errs up to 0.52 ulp (0.8^356), so only its own arithmetic gives its bits; each vfmadd of
// the disassembly is one fmaExact, as in glibc-libm.ts.
import { fmaExact as fma } from './fma';
import { EXP_TAB, POW_LOG_TAB } from './glibc-libm-tables';
import { hexFloat, hexTable, LN2HI, LN2LO, TOINT } from './glibc-libm';
import { crPowInt } from './libm';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

// Read from its hex text when first needed (a `check` never calls pow on this path).
let powT: Float64Array | undefined;
const EXP_W = new Uint32Array(512);
EXP_TAB.trim().split(/\s+/).forEach((w, i) => {
  EXP_W[2 * i] = parseInt(w.slice(8), 16);
  EXP_W[2 * i + 1] = parseInt(w.slice(0, 8), 16);
});
const [PA0, PA1, PA2, PA3, PA4, PA5, PA6] = ['-1.0000000000000p-1', '-1.5555555555560p-1', '1.0000000000006p-1',
  '1.999999959554ep-1', '-1.555555529a47ap-1', '-1.2495b9b4845e9p+0', '1.0002b8b263fc3p+0'].map(hexFloat);
const INVLN2N = hexFloat('1.71547652b82fep+7');
const NEGLN2HIN = hexFloat('-1.62e42fefa0000p-8');
const NEGLN2LON = hexFloat('-1.cf79abc9e3b3ap-47');
const [C2, C3, C4, C5] = ['1.ffffffffffdbdp-2', '1.555555555543cp-3', '1.55555cf172b91p-5', '1.1111167a4d017p-7'].map(hexFloat);

function word(lo: number, hi: number): number {
  u32[0] = lo;
  u32[1] = hi;
  return f64[0];
}

/**
 * Outside the fast path repeated here: libm.ts's correctly rounded x^n for a whole n, else V8's,
 * except where C's pow and JavaScript's ** disagree (C: pow(1, y) = 1 for any y, NaN included;
 * pow(−1, ±∞) = 1).
 */
function powElsewhere(x: number, y: number): number {
  if (x === 1 || (x === -1 && !Number.isFinite(y) && !Number.isNaN(y))) return 1;
  return Number.isInteger(y) && y >= 0 ? crPowInt(x, y) : x ** y;
}

/**
 * glibc's pow(x, y) (FMA variant), bit for bit where glibc takes its main path and the result is
 * neither tiny nor huge: x a positive normal double, 2^-65 ≤ |y| < 2^63, |y·ln x| < 512 (Adam's
 * β^t for every step that matters). Elsewhere (negative x, zeros, infinities, results beyond
 * e^±512) it falls back on powElsewhere, which may differ from glibc in the last bit.
 */
export function glibcPow(x: number, y: number): number {
  f64[0] = y;
  const topy = (u32[1] >>> 20) & 0x7ff;
  f64[0] = x;
  const hx = u32[1];
  if (((hx >>> 20) - 1) >>> 0 >= 0x7fe || ((topy - 0x3be) >>> 0) > 0x7f) return powElsewhere(x, y);
  // log_inline: log x = k·ln2 + log c + log1p(z/c − 1) as ly + ltail
  const tmp = (hx - 0x3fe69555) | 0;
  const i = 3 * ((tmp >>> 13) & 127);
  const k = tmp >> 20;
  u32[1] = hx - (tmp & 0xfff00000);
  const POW_T = (powT ??= hexTable(POW_LOG_TAB));
  const r = fma(f64[0], POW_T[i], -1);
  const t1 = k * LN2HI + POW_T[i + 1]; // exact product, as in glibcLog
  const lo1 = fma(k, LN2LO, POW_T[i + 2]);
  const t2 = r + t1;
  const ar = r * PA0;
  const ar2 = r * ar;
  const ar3 = r * ar2;
  const hi = t2 + ar2;
  const q = fma(ar2, fma(fma(r, PA6, PA5), ar2, fma(r, PA4, PA3)), fma(r, PA2, PA1));
  const lo = fma(ar3, q, lo1 + (t1 - t2 + r) + fma(ar, r, -ar2) + (t2 - hi + ar2));
  const ly = hi + lo;
  const ltail = hi - ly + lo;
  const ehi = y * ly;
  const elo = fma(y, ltail, fma(ly, y, -ehi));
  // exp_inline: e^(ehi + elo) = 2^(m/128)·e^s, m = round(ehi·128/ln2)
  f64[0] = ehi;
  const abstop = (u32[1] >>> 20) & 0x7ff;
  if (abstop < 0x3c9) return 1; // |y·ln x| < 2^-54
  if (abstop > 0x407) return powElsewhere(x, y);
  const kd = fma(ehi, INVLN2N, TOINT);
  f64[0] = kd;
  const ki = u32[0];
  const m = kd - TOINT;
  const s = elo + fma(m, NEGLN2LON, fma(m, NEGLN2HIN, ehi));
  const idx = 4 * (ki & 127);
  const tail = word(EXP_W[idx], EXP_W[idx + 1]);
  const scale = word(EXP_W[idx + 2], (EXP_W[idx + 3] + (ki << 13)) >>> 0);
  const s2 = s * s;
  const e = fma(fma(s, C5, C4), s2 * s2, fma(fma(s, C3, C2), s2, s + tail));
  return fma(e, scale, scale);
}
