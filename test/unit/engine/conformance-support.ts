// Shared helpers for the conformance tests: read PyTorch's fixtures, decode their numbers,
// compare engine results with PyTorch's tolerances, and reach the engine through a loose
// view so a missing function fails one test with a readable message instead of the build.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as engine from '../../../src/engine';

export type Dtype = 'float32' | 'float64';
/** A fixture number: JSON number, or "nan" | "inf" | "-inf" | "-0" (JSON cannot hold them). */
export type Enc = number | string;

/* eslint-disable @typescript-eslint/no-explicit-any */
export const E = engine as any;
export const torch: any = E.torch;
export const F: any = E.F;

// Tests run from the repository root (npm scripts), as the other unit tests assume.
const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'torch');

export function loadFixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;
}

export function dec(v: Enc): number {
  if (typeof v === 'number') return v;
  switch (v) {
    case 'nan': return NaN;
    case 'inf': return Infinity;
    case '-inf': return -Infinity;
    case '-0': return -0;
  }
  throw new Error(`bad fixture number ${JSON.stringify(v)}`);
}

export function decAll(vs: readonly Enc[]): number[] {
  return vs.map(dec);
}

export function decNested(v: unknown): unknown {
  return Array.isArray(v) ? v.map(decNested) : typeof v === 'number' || typeof v === 'string' ? dec(v as Enc) : v;
}

/** Flat numbers of an engine tensor: its typed array if exposed, else its flattened tolist(). */
export function values(t: any): number[] {
  if (t === null || t === undefined) throw new Error(`expected a tensor, got ${t}`);
  if (t.data instanceof Float32Array || t.data instanceof Float64Array) {
    const n = typeof t.numel === 'function' ? t.numel() : t.data.length;
    return Array.from(t.data.subarray(0, n));
  }
  const l = t.tolist();
  return Array.isArray(l) ? (l.flat(Infinity) as number[]) : [l as number];
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Distance in float32 units in the last place, counted on the ordered bit patterns. */
export function ulp32(a: number, b: number): number {
  const ord = (x: number): number => {
    f32[0] = x;
    const u = u32[0];
    // Map sign-magnitude to a monotone integer line (-0 and +0 both land on 0).
    return u & 0x80000000 ? -(u & 0x7fffffff) : u;
  };
  return Math.abs(ord(a) - ord(b));
}

export const EPS32 = 2 ** -23;
export const EPS64 = 2 ** -52;

export interface Tolerance {
  /** float64: relative tolerance. */
  rel64: number;
  /**
   * float64: absolute floor. 1e-300 only excuses results deep in underflow, where a result
   * has lost its significant bits to the exponent range (a subnormal near 1e-320 carries
   * about 3 significant digits, so a relative bound means nothing there).
   */
  abs64: number;
  /** float32: ulps allowed. */
  ulps32: number;
  /** float32: absolute floor (0 unless a caller explains why; see the activation test). */
  abs32: number;
  /**
   * Where PyTorch evaluates a result as a difference of nearly equal terms (x − tanh x,
   * ½x(1+erf(x/√2)) for x ≪ 0, exp(x) − 1, y(1 − y), …) its own answer is only accurate to a
   * few eps × the size of those terms, absolutely. cancelScale is that size (0 = no such
   * cancellation); the engine may then differ by cancelEps · eps · cancelScale as well.
   */
  cancelEps: number;
  cancelScale: number;
  /** Check the sign of a zero result (values: yes; gradients: a −0 gradient is not observable in training). */
  signOfZero: boolean;
}

export const DEFAULT_TOL: Tolerance = { rel64: 1e-12, abs64: 1e-300, ulps32: 2, abs32: 0, cancelEps: 4, cancelScale: 0, signOfZero: true };

/**
 * CONFORMANCE_STRICT=1 drops the cancellation and subnormal allowances (plain 1e-12 / 2 ulp):
 * a diagnostic to see where the engine's rounding differs from PyTorch's, not a CI setting.
 */
const STRICT = process.env.CONFORMANCE_STRICT === '1';

/** Why got is not close enough to want ('' when it is). */
export function mismatch(got: number, want: number, dtype: Dtype, tol: Tolerance): string {
  if (STRICT) tol = { ...tol, cancelEps: 0, abs32: 0 };
  if (Number.isNaN(want) || Number.isNaN(got)) return Number.isNaN(want) && Number.isNaN(got) ? '' : 'NaN mismatch';
  if (!Number.isFinite(want) || !Number.isFinite(got)) return want === got ? '' : 'infinity mismatch';
  if (got === 0 && want === 0) {
    return tol.signOfZero && Object.is(got, -0) !== Object.is(want, -0) ? 'sign of zero' : '';
  }
  const eps = dtype === 'float32' ? EPS32 : EPS64;
  const cancel = tol.cancelEps * eps * tol.cancelScale;
  if (dtype === 'float32') {
    if (Math.fround(got) !== got) return 'not a float32 value';
    const d = ulp32(got, want);
    if (d <= tol.ulps32 || Math.abs(got - want) <= tol.abs32) return '';
    if (cancel > 0 && Math.abs(got - want) <= cancel) return '';
    return `${d} ulp`;
  }
  const err = Math.abs(got - want);
  if (err <= Math.max(tol.rel64 * Math.abs(want), tol.abs64, cancel)) return '';
  return `rel err ${(err / Math.abs(want)).toExponential(2)}`;
}

/** Accepts if got matches want or any of the alternative PyTorch answers (its vector/scalar kernels). */
export function mismatchAny(got: number, wants: number[], dtype: Dtype, tol: Tolerance): string {
  let first = '';
  for (const w of wants) {
    const m = mismatch(got, w, dtype, tol);
    if (!m) return '';
    if (!first) first = m;
  }
  return first;
}

export function fmt(v: number): string {
  if (Object.is(v, -0)) return '-0';
  return Number.isFinite(v) ? String(v) : String(v);
}

/** Collects failures and throws one readable error listing the first few. */
export class Report {
  private lines: string[] = [];
  private count = 0;
  add(line: string): void {
    this.count++;
    if (this.lines.length < 12) this.lines.push(line);
  }
  get failed(): number {
    return this.count;
  }
  check(what: string): void {
    if (this.count > 0) {
      const more = this.count > this.lines.length ? `\n  … and ${this.count - this.lines.length} more` : '';
      throw new Error(`${what}: ${this.count} mismatch(es)\n  ${this.lines.join('\n  ')}${more}`);
    }
  }
}

/** Runs fn while collecting the engine's warnings (through its onWarning hook). */
export function withWarnings<T>(fn: () => T): { result?: T; error?: unknown; warnings: string[] } {
  const warnings: string[] = [];
  const handler = (w: unknown): void => {
    warnings.push(typeof w === 'string' ? w : String((w as { message?: unknown })?.message ?? w));
  };
  const off = typeof E.onWarning === 'function' ? E.onWarning(handler) : undefined;
  try {
    return { result: fn(), warnings };
  } catch (error) {
    return { error, warnings };
  } finally {
    if (typeof off === 'function') off();
    else if (off && typeof off.dispose === 'function') off.dispose();
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function kwargsLabel(kw: Record<string, unknown>): string {
  const s = Object.entries(kw).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
  return s ? `(${s})` : '';
}

// ---------------------------------------------------------------- activation tolerances

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const SELU_ALPHA_SCALE = 1.6732632423543772 * 1.0507009873554805;

/**
 * Size of the largest intermediate where PyTorch computes a result as a difference of
 * nearly equal terms (x − tanh x; 1 + erf(x/√2) for x < 0; exp(x) − 1; y(1 − y); …).
 * PyTorch's own answer there is only good to a few eps × that size, absolutely, so the
 * engine may differ by as much (see Tolerance.cancelEps). Functions not listed get none.
 */
type Scale = (x: number, kw: Record<string, unknown>) => number;
const GELU_K = Math.sqrt(2 / Math.PI);
const CANCEL: Record<string, { value?: Scale; grad?: Scale }> = {
  // 1 − tanh²: terms of size 1.
  tanh: { grad: () => 1 },
  // y·(1 − y): 1 − y carries eps absolutely, times y.
  sigmoid: { grad: (x) => sigmoid(x) },
  // x − tanh x; its autograd derivative is the composite's g − g·(1 − tanh²): terms of size 1 (×|g|).
  tanhshrink: { value: (x) => Math.abs(x), grad: () => 1 },
  gelu: {
    // ½x·(1 + erf(x/√2)) or ½x·(1 + tanh(…)) for x < 0: 1 + erf/tanh cancels, times ½|x|.
    value: (x) => (x < 0 ? 0.5 * Math.abs(x) : 0),
    // The tanh form's backward also has ½x·(1 − tanh²)·k(1 + 3·0.044715x²) on both sides of 0.
    grad: (x, kw) =>
      kw.approximate === 'tanh'
        ? 0.5 * Math.max(1, Math.abs(x) * GELU_K * (1 + 3 * 0.044715 * x * x))
        : x < 0 ? 0.5 * Math.max(1, Math.abs(x)) : 0,
  },
  // σ·(1 + x·(1 − σ)): 1 − σ carries eps absolutely, times σ·|x|.
  silu: { grad: (x) => sigmoid(x) * Math.max(1, Math.abs(x)) },
  mish: { grad: (x) => Math.max(Math.tanh(Math.log1p(Math.exp(x))), Math.abs(x) * sigmoid(x)) },
  // α·(exp(x) − 1) for x < 0 (PyTorch does not use expm1).
  elu: { value: (x, kw) => (x < 0 ? Number(kw.alpha ?? 1) : 0) },
  celu: { value: (x, kw) => (x < 0 ? Number(kw.alpha ?? 1) : 0) },
  selu: { value: (x) => (x < 0 ? SELU_ALPHA_SCALE : 0) },
  // PyTorch's softsign is the composite x / (1 + |x|); autograd's derivative is
  // 1/(1+|x|) − |x|/(1+|x|)², a difference of terms of size 1/(1+|x|).
  softsign: { grad: (x) => 1 / (1 + Math.abs(x)) },
};

/**
 * float32 results that went through a subnormal intermediate (exp(−100) ≈ 3.7e−44 has 5
 * significant bits) carry up to a subnormal ulp of absolute error, which PyTorch's formula
 * then multiplies by x for these x·g(x) activations.
 */
const TIMES_X = new Set(['silu', 'mish', 'gelu']);
const F32_TINY = 2 ** -149;

/** The tolerance for one activation point (see CANCEL and TIMES_X). */
export function activationTolerance(fn: string, which: 'value' | 'grad', kw: Record<string, unknown>, x: number): Tolerance {
  const scale = CANCEL[fn]?.[which];
  const s = scale && Number.isFinite(x) ? scale(x, kw) : 0;
  return {
    ...DEFAULT_TOL,
    cancelScale: Number.isFinite(s) ? s : 0,
    abs32: TIMES_X.has(fn) && which === 'value' && Number.isFinite(x) ? 4 * F32_TINY * Math.max(1, Math.abs(x)) : 0,
    // A gradient's −0 versus +0 changes nothing downstream; a value's sign of zero is part of f.
    signOfZero: which === 'value',
  };
}
