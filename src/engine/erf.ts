import { exp as fexp, exp32 } from './fastmath';

// erf for gelu. JavaScript has no Math.erf, so: an accurate but slow reference (power
// series with positive terms, continued fraction for the tail) fitted once, at load, by
// piecewise Chebyshev polynomials that are cheap to evaluate.

const TWO_OVER_SQRT_PI = 1.1283791670955126;

/** exp(-x²) without the rounding error of squaring x first. */
function expNegSquare(x: number): number {
  const hi = Math.fround(x);
  const lo = x - hi;
  // x² = hi² + δ with δ = 2·hi·lo + lo² tiny (hi² is exact in double for a 24-bit hi), so
  // e^{-δ} ≈ 1 - δ + δ²/2 to well below double precision: one exp instead of two
  const d = 2 * hi * lo + lo * lo;
  return fexp(-hi * hi) * (1 - d + 0.5 * d * d);
}

function erfReference(x: number): number {
  const ax = Math.abs(x);
  let r: number;
  if (ax < 2.5) {
    // erf(x) = 2/√π · e^{-x²} · Σ 2ⁿ x^{2n+1} / (1·3·…·(2n+1))
    let term = ax;
    let sum = ax;
    const x2 = 2 * ax * ax;
    for (let n = 1; n < 200; n++) {
      term *= x2 / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-18) break;
    }
    r = TWO_OVER_SQRT_PI * expNegSquare(ax) * sum;
  } else {
    // erfc by the Laplace continued fraction, evaluated backwards
    let f = ax;
    for (let k = 120; k >= 1; k--) f = ax + k / 2 / f;
    r = 1 - expNegSquare(ax) / (f * Math.sqrt(Math.PI));
  }
  return x < 0 ? -r : r;
}

/** erfc(x)·e^{x²}: smooth and slowly varying, so a polynomial fit keeps erfc's relative accuracy. */
function scaledErfcReference(x: number): number {
  let erfc: number;
  if (x < 1) erfc = 1 - erfReference(x);
  else {
    let f = x;
    for (let k = 4000; k >= 1; k--) f = x + k / 2 / f;
    return 1 / (f * Math.sqrt(Math.PI));
  }
  return erfc / expNegSquare(x);
}

const PIECE = 0.25;
const START = 1;
const LIMIT = 6;
const DEG = 12;
const NPIECE = (LIMIT - START) / PIECE;
// The fit runs on first use, not when the module loads: the extension host loads the engine at
// activation, and the reference's continued fraction is about 1M steps (~15 ms).
let coeffs: Float64Array | undefined;
let powers: Float64Array | undefined;
/** Each piece's Chebyshev coefficients c_0…c_DEG (erf32 evaluates them cut at degree 6). */
function fitted(): Float64Array {
  if (coeffs) return coeffs;
  const c = new Float64Array(NPIECE * (DEG + 1));
  for (let i = 0; i < NPIECE; i++) c.set(fit(START + i * PIECE, START + (i + 1) * PIECE), i * (DEG + 1));
  return (coeffs = c);
}

/**
 * The same pieces in powers of t: Σ c_j·T_j(t) = Σ a_k·t^k. A Clenshaw recurrence is one long
 * chain of dependent multiply-adds; a polynomial in powers of t can be evaluated as a tree
 * (Estrin's scheme: a few independent chains the processor runs side by side): 30 → 22 ns a
 * call here. On [−1, 1] the rewrite is harmless: the c_j fall off fast enough that the larger
 * power coefficients only multiply tiny ones (checked against the reference in the tests).
 */
function fittedPowers(): Float64Array {
  if (powers) return powers;
  const c = fitted();
  const n = DEG + 1;
  const a = new Float64Array(NPIECE * n);
  // T_j's power coefficients by T_{j+1} = 2t·T_j − T_{j−1}
  const T: number[][] = [[1], [0, 1]];
  for (let j = 2; j < n; j++) {
    const next = new Array<number>(j + 1).fill(0);
    for (let k = 0; k < T[j - 1].length; k++) next[k + 1] += 2 * T[j - 1][k];
    for (let k = 0; k < T[j - 2].length; k++) next[k] -= T[j - 2][k];
    T.push(next);
  }
  for (let i = 0; i < NPIECE; i++)
    for (let k = 0; k < n; k++) {
      // sum from the highest degree down: the small terms first
      let s = 0;
      for (let j = n - 1; j >= k; j--) s += c[i * n + j] * (T[j][k] ?? 0);
      a[i * n + k] = s;
    }
  return (powers = a);
}

function fit(a: number, b: number): Float64Array {
  const n = DEG + 1;
  const fx = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const t = Math.cos((Math.PI * (k + 0.5)) / n);
    fx[k] = scaledErfcReference(((b - a) * t + (b + a)) / 2);
  }
  const c = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += fx[k] * Math.cos((Math.PI * j * (k + 0.5)) / n);
    c[j] = (2 / n) * s;
  }
  c[0] /= 2;
  return c;
}


const E0 = 1.1283791670955126;
const E1 = -0.37612638903183515;
const E2 = 0.1128379167094405;
const E3 = -0.026866170643090832;
const E4 = 0.005223977605955977;
const E5 = -0.0008548325921832884;
const E6 = 0.00012055293361789941;
const E7 = -1.4924708324571507e-5;
const E8 = 1.6447084274239356e-6;
const E9 = -1.6205964194101388e-7;
const E10 = 1.3709519207384055e-8;
const E11 = -7.77682913736281e-10;

// erf is called once per element by gelu's loops. V8 inlines a function into such a loop only
// if its bytecode is small (460 bytes); one that is not is called, and every double it returns
// is boxed on the heap, which cost more than the arithmetic. So erf is a short dispatcher over
// two short pieces, each small enough to be inlined.

/** erf(x) = x·P(x²) on |x| < 1, P a near-minimax fit of degree 11 (relative error < 1 ulp). */
function erfSmall(x: number): number {
  const z = x * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const p0 = E0 + z * E1 + z2 * (E2 + z * E3);
  const p1 = E4 + z * E5 + z2 * (E6 + z * E7);
  const p2 = E8 + z * E9 + z2 * (E10 + z * E11);
  return x * (p0 + z4 * (p1 + z4 * p2));
}

/** erfc(ax) for 1 ≤ ax < 6: the piece's polynomial (powers of t, Estrin) times e^{-ax²}. */
function erfcPiece(ax: number): number {
  // PIECE is 1/4: multiplying by 4 is the same exact operation as dividing by it
  const i = ((ax - START) * 4) | 0;
  const t = (2 * ax - (2 * (START + i * PIECE) + PIECE)) * 4;
  // the table is made once; the call sits in a branch the JIT sees as cold and leaves out
  const w = powers ?? fittedPowers();
  const k = i * (DEG + 1);
  const t2 = t * t;
  const t4 = t2 * t2;
  const q0 = w[k] + w[k + 1] * t + (w[k + 2] + w[k + 3] * t) * t2;
  const q1 = w[k + 4] + w[k + 5] * t + (w[k + 6] + w[k + 7] * t) * t2;
  const q2 = w[k + 8] + w[k + 9] * t + (w[k + 10] + w[k + 11] * t) * t2 + w[k + 12] * t4;
  return (q0 + q1 * t4 + q2 * (t4 * t4)) * expNegSquare(ax);
}

export function erf(x: number): number {
  const ax = x < 0 ? -x : x;
  if (ax < START) return erfSmall(x);
  if (!(ax < LIMIT)) return x !== x ? x : x < 0 ? -1 : 1;
  const r = 1 - erfcPiece(ax);
  return x < 0 ? -r : r;
}

/**
 * erf for results rounded to float32 next (float32 gelu): the accuracy a float32 result needs
 * (relative error ~1e-10 before the rounding, against float32's 6e-8 unit), as exp32/tanh32 do.
 *  - |x| < 1: x·P(x²), a degree-7 least-squares fit with P(0) = 2/√π exactly, so tiny x give the
 *    double kernel's x·2/√π (relative error 3.9e-11);
 *  - 1 ≤ |x| < 4: the double kernel's Chebyshev pieces cut at degree 6 (a truncated Chebyshev
 *    series is near-minimax: the error is about the dropped coefficients), times e^{-x²} by
 *    exp32;
 *  - |x| ≥ 4: ±1, which is erf's float32 rounding from erfc(4) = 1.5e-8 < 2^-25 on.
 * The float32 results equal the double kernel's but for values within ~1e-10 of a rounding
 * boundary (one unit in the last place then).
 */
const LIMIT32 = 4;
const F0 = 1.1283791670955126;
const F1 = -0.3761263856465125;
const F2 = 0.11283783299272954;
const F3 = -0.026865460271399633;
const F4 = 0.005221087103535749;
const F5 = -0.0008484624440760549;
const F6 = 0.00011268592938226685;
const F7 = -9.671838715530345e-6;

/** erf32 on |x| < 1. */
function erf32Small(x: number): number {
  const z = x * x;
  const z2 = z * z;
  return x * (F0 + z * F1 + z2 * (F2 + z * F3) + z2 * z2 * (F4 + z * F5 + z2 * (F6 + z * F7)));
}

/** erfc(ax) to float32 accuracy for 1 ≤ ax < 4: the piece's Chebyshev series from degree 6 down (Clenshaw). */
function erfc32Piece(ax: number): number {
  const i = ((ax - START) * 4) | 0;
  const t = (2 * ax - (2 * (START + i * PIECE) + PIECE)) * 4;
  const c = coeffs ?? fitted();
  const k = i * (DEG + 1);
  const t2 = 2 * t;
  // degree 5 would leave 3e-4 of float32 results one ulp apart, degree 6 leaves 8e-6
  const b6 = c[k + 6];
  const b5 = c[k + 5] + t2 * b6;
  const b4 = c[k + 4] + t2 * b5 - b6;
  const b3 = c[k + 3] + t2 * b4 - b5;
  const b2 = c[k + 2] + t2 * b3 - b4;
  const b1 = c[k + 1] + t2 * b2 - b3;
  return (c[k] + t * b1 - b2) * exp32(-ax * ax);
}

export function erf32(x: number): number {
  const ax = x < 0 ? -x : x;
  if (ax < START) return erf32Small(x);
  if (!(ax < LIMIT32)) return x !== x ? x : x < 0 ? -1 : 1;
  const r = 1 - erfc32Piece(ax);
  return x < 0 ? -r : r;
}

export { erfReference };

/**
 * erfc without erf's cancellation: 1 − erf(x) only below START (where erfc > 0.15, so the
 * subtraction loses nothing), the fitted pieces (erfc itself, relative accuracy) up to LIMIT,
 * and beyond it e^{-x²} times the continued fraction until the result underflows.
 */
export function erfc(x: number): number {
  if (x !== x) return x;
  if (x < START) return x <= -LIMIT ? 2 : x < 0 ? 1 + erf(-x) : 1 - erf(x);
  if (x < LIMIT) return erfcPiece(x);
  if (x > 27.3) return 0;
  return expNegSquare(x) * scaledErfcReference(x);
}
