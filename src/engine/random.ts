// PyTorch 1.13's CPU generator (CPUGeneratorImpl): a 32-bit Mersenne Twister and the ways ATen
// turns its words into numbers, so that `torch.manual_seed(s)` followed by the same calls gives
// the same tensors as PyTorch, bit for bit.
//
// - random(): one mt19937 word; random64(): two words, the first one high.
// - uniform (rand, uniform_): float32 takes 24 bits of one word, float64 53 bits of random64,
//   times 2^-24 / 2^-53, then `x * (to - from) + from` in that dtype.
// - normal (randn, normal_): a contiguous tensor of 16 or more elements first gets uniforms,
//   then Box–Muller on each block of 16 (u1 = 1 − data[j], u2 = data[j + 8]), the last partial
//   block redrawn and recomputed on the last 16 elements. float32 does this with the AVX2
//   build's vectorised log and sincos (avx_mathfun.h, cephes polynomials in float32); float64
//   with glibc's log and sincos, repeated here operation for operation (glibc-libm.ts: the FMA
//   variants an x86-64 CPU with FMA runs; glibc is not correctly rounded, so nothing else would
//   do). Fewer than 16 elements take the scalar path: normal_distribution<double>, whose
//   second Box–Muller value is cached in the generator for the next scalar draw.
import { fma32, fmaExact } from './fma';
import { glibcLog, glibcSinCos } from './glibc-libm';

const sc = new Float64Array(2);

const N = 624;
/** PyTorch's default_rng_seed_val: what a fresh process's generator starts from. */
export const DEFAULT_SEED = 67280421310721;

export interface GeneratorState {
  mt: Uint32Array;
  index: number;
  seed: number;
  nextDoubleNormal: number | null;
}

export class Generator {
  private readonly mt = new Uint32Array(N);
  private index = N;
  private seed_ = DEFAULT_SEED;
  /** @internal the scalar normal path's cached sin-half of its last Box–Muller pair */
  _nextDoubleNormal: number | null = null;

  constructor() {
    this.manual_seed(DEFAULT_SEED);
  }

  /** PyTorch's Generator.manual_seed: the seed as uint64 (negative ints wrap), mt19937 keeps its low 32 bits. */
  manual_seed(seed: number): this {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`manual_seed expected an integer seed, got ${seed}`);
    this.seed_ = seed;
    const mt = this.mt;
    mt[0] = ((seed % 4294967296) + 4294967296) % 4294967296;
    for (let j = 1; j < N; j++) {
      const prev = mt[j - 1] ^ (mt[j - 1] >>> 30);
      mt[j] = (Math.imul(1812433253, prev) + j) >>> 0;
    }
    this.index = N;
    this._nextDoubleNormal = null;
    return this;
  }

  initial_seed(): number {
    return this.seed_;
  }

  /** A copy of the whole state (PyTorch's get_state, as a plain object). */
  get_state(): GeneratorState {
    return { mt: this.mt.slice(), index: this.index, seed: this.seed_, nextDoubleNormal: this._nextDoubleNormal };
  }

  set_state(s: GeneratorState): this {
    this.mt.set(s.mt);
    this.index = s.index;
    this.seed_ = s.seed;
    this._nextDoubleNormal = s.nextDoubleNormal;
    return this;
  }

  /** One 32-bit word, as an unsigned number. */
  random(): number {
    if (this.index >= N) this.twist();
    let y = this.mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  private twist(): void {
    const mt = this.mt;
    for (let i = 0; i < N; i++) {
      const y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
      mt[i] = mt[(i + 397) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.index = 0;
  }

  /** A float32 uniform in [0, 1): 24 bits of one word. */
  uniform32(): number {
    return (this.random() & 0xffffff) * 5.9604644775390625e-8;
  }

  /** A float64 uniform in [0, 1): the low 53 bits of random64 (first word high). */
  uniform64(): number {
    const hi = this.random() & 0x1fffff;
    const lo = this.random();
    return (hi * 4294967296 + lo) * 1.1102230246251565e-16;
  }

  /** normal_distribution<double>: the scalar path, with its cached second value. */
  normalScalar(mean: number, std: number): number {
    let ret: number;
    if (this._nextDoubleNormal !== null) {
      ret = this._nextDoubleNormal;
      this._nextDoubleNormal = null;
    } else {
      const u1 = this.uniform64();
      const u2 = this.uniform64();
      const r = Math.sqrt(-2 * glibcLog(1 - u2));
      glibcSinCos(2 * Math.PI * u1, sc);
      this._nextDoubleNormal = r * sc[0];
      ret = r * sc[1];
    }
    return scaleShift(ret, std, mean);
  }
}

export const default_generator = new Generator();

export function manual_seed(seed: number): Generator {
  return default_generator.manual_seed(seed);
}

/** Uniform in [0, 1) as a double from the default generator (rrelu's noise draws U(lower, upper) in double). */
export function random(gen: Generator = default_generator): number {
  return gen.uniform64();
}

// ---- uniform_

/** uniform_(from, to) over `out` in order; the bounds are first cast to the dtype, as ATen does. */
export function fillUniform(out: Float32Array | Float64Array, from: number, to: number, gen: Generator = default_generator): void {
  if (out instanceof Float32Array) {
    const f = Math.fround(from);
    const range = Math.fround(Math.fround(to) - f);
    // GCC contracts `x * (to - from) + from` into one fused multiply-add in the AVX2 kernels
    for (let i = 0; i < out.length; i++) out[i] = fma32(gen.uniform32(), range, f);
  } else {
    const range = to - from;
    for (let i = 0; i < out.length; i++) out[i] = fmaExact(gen.uniform64(), range, from);
  }
}

// ---- normal_

/** normal_(mean, std) over a contiguous `out`, choosing PyTorch's path by dtype and size. */
export function fillNormal(out: Float32Array | Float64Array, mean: number, std: number, gen: Generator = default_generator): void {
  const n = out.length;
  if (n < 16) {
    for (let i = 0; i < n; i++) out[i] = gen.normalScalar(mean, std);
    return;
  }
  if (out instanceof Float32Array) {
    const m = Math.fround(mean);
    const s = Math.fround(std);
    for (let i = 0; i < n; i++) out[i] = gen.uniform32();
    for (let i = 0; i + 16 <= n; i += 16) boxMuller16f(out, i, m, s);
    if (n % 16 !== 0) {
      for (let i = n - 16; i < n; i++) out[i] = gen.uniform32();
      boxMuller16f(out, n - 16, m, s);
    }
  } else {
    for (let i = 0; i < n; i++) out[i] = gen.uniform64();
    for (let i = 0; i + 16 <= n; i += 16) boxMuller16d(out, i, mean, std);
    if (n % 16 !== 0) {
      for (let i = n - 16; i < n; i++) out[i] = gen.uniform64();
      boxMuller16d(out, n - 16, mean, std);
    }
  }
}

const TWO_PI_F = Math.fround(2 * Math.PI);

function boxMuller16f(d: Float32Array, at: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = Math.fround(1 - d[at + j]);
    const u2 = d[at + j + 8];
    const radius = Math.fround(Math.sqrt(Math.fround(-2 * log256(u1))));
    sincos256(Math.fround(TWO_PI_F * u2));
    d[at + j] = fma32(Math.fround(radius * cosOut), std, mean);
    d[at + j + 8] = fma32(Math.fround(radius * sinOut), std, mean);
  }
}

/** x·std + mean in one rounding (PyTorch's contracted form); with std 1 the product is exact. */
function scaleShift(x: number, std: number, mean: number): number {
  return std === 1 ? x + mean : fmaExact(x, std, mean);
}

function boxMuller16d(d: Float64Array, at: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = 1 - d[at + j];
    const u2 = d[at + j + 8];
    const radius = Math.sqrt(-2 * glibcLog(u1));
    glibcSinCos(2 * Math.PI * u2, sc);
    d[at + j] = scaleShift(radius * sc[1], std, mean);
    d[at + j + 8] = scaleShift(radius * sc[0], std, mean);
  }
}

// ---- avx_mathfun.h, one lane at a time. GCC implements _mm256_mul_ps/_mm256_add_ps as plain
// vector arithmetic, and its default -ffp-contract=fast fuses a product whose only use is an
// addition into one vfmadd: so each such pair below is one fma32, the rest one rounding each.
// Where an addition has two products (y·z + e·q1), the earlier statement's product is fused.

const f = Math.fround;
const bits = new Float32Array(1);
const bitsI = new Int32Array(bits.buffer);
const SQRTHF = f(0.707106781186547524);
const LOG_P = [7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1,
  2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1].map(f);
const LOG_Q1 = f(-2.12194440e-4);
const LOG_Q2 = f(0.693359375);

/** log256_ps for a positive normal float32. */
function log256(v: number): number {
  bits[0] = v;
  const e0 = (bitsI[0] >>> 23) - 127;
  bitsI[0] = (bitsI[0] & ~0x7f800000) | 0x3f000000; // the mantissa, scaled into [0.5, 1)
  let x = bits[0];
  let e = f(e0 + 1);
  const small = x < SQRTHF;
  const tmp0 = small ? x : 0;
  x = f(x - 1);
  if (small) e = f(e - 1);
  x = f(x + tmp0);
  const z = f(x * x);
  let y = LOG_P[0];
  for (let k = 1; k < 9; k++) y = fma32(y, x, LOG_P[k]);
  y = f(y * x);
  y = fma32(y, z, f(e * LOG_Q1));
  y = fma32(-z, 0.5, y);
  x = f(x + y);
  return fma32(e, LOG_Q2, x);
}

const FOPI = f(1.27323954473516);
const DP1 = f(-0.78515625);
const DP2 = f(-2.4187564849853515625e-4);
const DP3 = f(-3.77489497744594108e-8);
const SIN_P0 = f(-1.9515295891e-4);
const SIN_P1 = f(8.3321608736e-3);
const SIN_P2 = f(-1.6666654611e-1);
const COS_P0 = f(2.443315711809948e-5);
const COS_P1 = f(-1.388731625493765e-3);
const COS_P2 = f(4.166664568298827e-2);
let sinOut = 0;
let cosOut = 0;

/** sincos256_ps for 0 ≤ x < 2^31 (θ = 2π·u here); results in sinOut / cosOut. */
function sincos256(xIn: number): void {
  const negIn = xIn < 0 || Object.is(xIn, -0);
  let x = Math.abs(xIn);
  let j = Math.trunc(f(x * FOPI));
  j = (j + 1) & ~1;
  const y = j; // exact in float32 for the arguments Box–Muller gives
  const swapSin = (j & 4) !== 0;
  const polySin = (j & 2) === 0; // the sine takes the sine polynomial
  x = fma32(y, DP1, x);
  x = fma32(y, DP2, x);
  x = fma32(y, DP3, x);
  const negCos = ((~(j - 2)) & 4) !== 0;
  const z = f(x * x);
  let c = fma32(COS_P0, z, COS_P1);
  c = fma32(c, z, COS_P2);
  c = f(c * z);
  c = fma32(c, z, -f(z * 0.5));
  c = f(c + 1);
  let s = fma32(SIN_P0, z, SIN_P1);
  s = fma32(s, z, SIN_P2);
  s = f(s * z);
  s = fma32(s, x, x);
  // the masked selects and their subtractions leave exact zeros: 0 + value
  const sinV = polySin ? f(0 + s) : f(c + 0);
  const cosV = polySin ? f(c + f(s - s)) : f(f(c - c) + s);
  sinOut = negIn !== swapSin ? -sinV : sinV;
  cosOut = negCos ? -cosV : cosV;
}
