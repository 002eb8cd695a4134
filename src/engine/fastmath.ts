// exp and tanh in plain JavaScript, faster than V8's Math.exp/Math.tanh (fdlibm ports the
// JIT calls out of line). Both stay within about 2 units in the last place of the true value
// (PyTorch's own vectorised kernels, SLEEF, are ~1 ulp: neither is correctly rounded), and
// they hand the awkward ranges (NaN, ±inf, overflow, subnormal results) to Math.* so the edge
// cases keep libm's exact behaviour.

/** 2^(j/64), j = 0..63, correctly rounded (also the SIMD kernels' table: wasm/kernels.wat). */
export const EXP_TABLE = new Float64Array([
  1.0, 1.0108892860517005, 1.0218971486541166, 1.0330248790212284, 1.0442737824274138, 1.0556451783605572,
  1.0671404006768237, 1.0787607977571199, 1.0905077326652577, 1.102382583307841, 1.1143867425958924,
  1.1265216186082418, 1.1387886347566916, 1.1511892299529827, 1.1637248587775775, 1.1763969916502812,
  1.189207115002721, 1.202156731452703, 1.215247359980469, 1.22848053610687, 1.241857812073484, 1.255380757024691,
  1.2690509571917332, 1.2828700160787783, 1.2968395546510096, 1.3109612115247644, 1.3252366431597413,
  1.339667524053303, 1.3542555469368927, 1.3690024229745905, 1.383909881963832, 1.3989796725383112,
  1.4142135623730951, 1.42961333839197, 1.4451808069770467, 1.460917794180647, 1.4768261459394993,
  1.4929077282912648, 1.5091644275934228, 1.5255981507445384, 1.5422108254079407, 1.559004400237837,
  1.5759808451078865, 1.593142151342267, 1.6104903319492543, 1.6280274218573478, 1.645755478153965,
  1.6636765803267364, 1.681792830507429, 1.7001063537185235, 1.718619298122478, 1.7373338352737062,
  1.7562521603732995, 1.7753764925265212, 1.7947090750031072, 1.8142521755003989, 1.8340080864093424,
  1.8539791250833855, 1.8741676341103, 1.8945759815869656, 1.9152065613971474, 1.9360617934922943,
  1.9571441241754002, 1.978456026387951,
]);

/** 2^e for e = -1023..1024 at index e + 1023 (exact powers of two). */
const POW2 = new Float64Array(2048);
for (let e = -1023; e <= 1024; e++) POW2[e + 1023] = Math.pow(2, e);

const INV_LN2_64 = 92.33248261689366; // 64 / ln 2
// ln2/64 split for Cody–Waite reduction: the high part has 32 significant bits, so k·hi is
// exact for every |k| < 2^21.
const LN2_64_HI = 0.01083042469326756;
const LN2_64_LO = 2.9815858269852933e-12;
const SHIFTER = 6755399441055744; // 1.5·2^52: adding it rounds to an integer

/**
 * e^x. x = (64m + j)·ln2/64 + r with |r| ≤ ln2/128, e^x = 2^m · 2^(j/64) · e^r; e^r by its
 * degree-5 Taylor polynomial (truncation < 4e-17 relative). Error below 2 ulp.
 */
export function exp(x: number): number {
  // NaN, ±inf, overflow and results that would be subnormal go to libm
  if (!(x > -708 && x < 709)) return Math.exp(x);
  const kd = x * INV_LN2_64 + SHIFTER - SHIFTER;
  const k = kd | 0;
  const r = x - kd * LN2_64_HI - kd * LN2_64_LO;
  const p = r + r * r * (0.5 + r * (0.16666666666666666 + r * (0.041666666666666664 + r * 0.008333333333333333)));
  const t = EXP_TABLE[k & 63];
  return (t + t * p) * POW2[(k >> 6) + 1023];
}

// tanh(x) = x + x³·Q(x²) on |x| ≤ 0.55: a near-minimax fit (relative error ~1.3e-16).
const TQ0 = -0.33333333333333304;
const TQ1 = 0.13333333333315248;
const TQ2 = -0.053968253948552175;
const TQ3 = 0.02186948770068169;
const TQ4 = -0.008863217465992536;
const TQ5 = 0.003591902539775502;
const TQ6 = -0.0014541075845644555;
const TQ7 = 0.0005817383873988037;
const TQ8 = -0.000214482399707545;
const TQ9 = 5.3862614860312926e-5;

/**
 * tanh without saturation handling (callers clamp at their dtype's saturation point first):
 * the polynomial near 0, 1 − 2/(e^{2|x|} + 1) beyond (≥ 0.5 there, so no cancellation to
 * speak of). Error below 3 ulp; near ±1 it is the final subtraction's half ulp.
 */
export function tanh(x: number): number {
  const a = x < 0 ? -x : x;
  if (a <= 0.55) {
    // below 2^-27 tanh(x) rounds to x (and ±0 keeps its sign)
    if (a < 7.450580596923828e-9) return x;
    const s = x * x;
    const q = TQ0 + s * (TQ1 + s * (TQ2 + s * (TQ3 + s * (TQ4 + s * (TQ5 + s * (TQ6 + s * (TQ7 + s * (TQ8 + s * TQ9))))))));
    return x + x * s * q;
  }
  if (!(a < 350)) return x !== x ? x : x < 0 ? -1 : 1;
  const t = 1 - 2 / (exp(2 * a) + 1);
  return x < 0 ? -t : t;
}

/**
 * e^x for results that are rounded to float32 next: exp's reduction and table with a cubic for
 * e^r (|r| ≤ ln2/128, truncation 3.6e-11 relative, against float32's 6e-8 unit). The float32
 * rounding of its result is exp's but for values within ~1e-10 of a rounding boundary.
 */
export function exp32(x: number): number {
  if (!(x > -708 && x < 709)) return Math.exp(x);
  const kd = x * INV_LN2_64 + SHIFTER - SHIFTER;
  const k = kd | 0;
  const r = x - kd * LN2_64_HI - kd * LN2_64_LO;
  const t = EXP_TABLE[k & 63];
  return (t + t * (r + r * r * (0.5 + r * 0.16666666666666666))) * POW2[(k >> 6) + 1023];
}

// float32 tanh: the same two formulas, with only the accuracy a float32 result needs (relative
// error ~1e-10 before the final rounding, against float32's 6e-8 unit): x + x³·Q(x²) with a
// degree-5 least-squares fit of Q on |x| ≤ 0.55 (max relative error 9.6e-11), and e^{2|x|}
// with a cubic for e^r (|r| ≤ ln2/128, truncation 3.6e-11). About a quarter fewer operations
// per element than the float64 kernel; the float32 results agree with it but for values within
// ~1e-10 of a rounding boundary (one unit in the last place then).
const T32Q0 = -0.3333333284293825;
const T32Q1 = 0.1333330018504289;
const T32Q2 = -0.053960749729672366;
const T32Q3 = 0.02179082748756736;
const T32Q4 = -0.008440094407139262;
const T32Q5 = 0.002427309032745538;

/** tanh for a float32 input below its saturation point (callers clamp first); NaN stays NaN. */
export function tanh32(x: number): number {
  const a = x < 0 ? -x : x;
  if (a <= 0.55) {
    if (a < 7.450580596923828e-9) return x; // tanh(x) rounds to x; ±0 keeps its sign
    const s = x * x;
    return x + x * s * (T32Q0 + s * (T32Q1 + s * (T32Q2 + s * (T32Q3 + s * (T32Q4 + s * T32Q5)))));
  }
  const u = 1 - 2 / (exp32(2 * a) + 1);
  return x < 0 ? -u : u;
}
