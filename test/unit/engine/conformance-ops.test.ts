// The general ops against PyTorch: broadcasting binary ops (add, sub, mul, div, pow, maximum,
// minimum, where), unary math (neg, exp, log, log1p, expm1, sqrt, abs, clamp), reductions
// (sum, mean, max, min, logsumexp with and without dim, keepdim), reshape, transpose and matmul,
// in float32 and float64, on seeded random inputs and edge values (ties, 0**0, division by ±0,
// ±inf, NaN). Each case checks the output (dtype, shape, values, max/min's indices), the
// grad_fn name and the gradient of every input from (out * G).sum().backward() with PyTorch's
// random G. Tolerances: 1e-12 relative in float64, 2 ulp in float32; elementwise results may
// match any of PyTorch's scalar/vector-path answers (as for the activations); where PyTorch
// sums (reductions, matmul, broadcast gradients, logsumexp) its own rounding is allowed for,
// see withTerms and logsumexpEps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_TOL, Dtype, Enc, Report, Tolerance, dec, decAll, errorMessage, fmt, loadFixture, mismatchAny, torch, values,
} from './conformance-support';

interface TensorArg {
  t: { shape: number[]; data: Enc[]; requires_grad: boolean; dtype?: Dtype };
}
type Arg = TensorArg | { num: Enc } | { cond: { shape: number[]; data: Enc[] } };
interface Case {
  name: string;
  op: string;
  dtype: Dtype;
  kwargs: Record<string, any>;
  args: Arg[];
  grad_fn: string | null;
  out: { shape: number[]; dtype: Dtype; data: Enc[] };
  indices?: number[];
  G: Enc[];
  grads: (Enc[] | null)[];
  /** PyTorch's answers on its scalar / vector paths where they differ (elementwise ops). */
  alt_out?: Record<string, Enc[]>;
  alt_grads?: (Record<string, Enc[]> | null)[];
  /** Sums PyTorch rounds in its own order: n terms, Σ|terms| per element. */
  out_terms?: Terms;
  grad_terms?: (Terms | null)[];
}
interface Terms {
  n: number;
  abs: Enc[];
}
const file = loadFixture<{ meta: { torch_version: string }; cases: Case[] }>('ops.json');

function nested(shape: number[], flat: number[]): unknown {
  if (shape.length === 0) return flat[0];
  if (shape.length === 1) return flat;
  const inner = shape.slice(1).reduce((a, b) => a * b, 1);
  return Array.from({ length: shape[0] }, (_, i) => nested(shape.slice(1), flat.slice(i * inner, (i + 1) * inner)));
}

function build(a: Arg, dtype: Dtype): any {
  if ('num' in a) return dec(a.num);
  // where's condition: the engine takes a 0/1 tensor (what its comparisons return) or nested
  // booleans; 1-D conditions go in as booleans, the others as tensors.
  if ('cond' in a)
    return a.cond.shape.length === 1
      ? decAll(a.cond.data).map((v) => v !== 0)
      : torch.tensor(nested(a.cond.shape, decAll(a.cond.data)));
  return torch.tensor(nested(a.t.shape, decAll(a.t.data)), { dtype: a.t.dtype ?? dtype, requires_grad: a.t.requires_grad });
}

/** The call in the engine's spelling; max(dim) returns { values, indices }. */
function run(c: Case, args: any[]): { out: any; indices?: unknown } {
  const kw = c.kwargs;
  const [a, b] = args;
  switch (c.op) {
    case 'add':
    case 'sub':
      return { out: 'alpha' in kw ? torch[c.op](a, b, { alpha: dec(kw.alpha) }) : torch[c.op](a, b) };
    case 'mul':
    case 'div':
    case 'pow':
    case 'maximum':
    case 'minimum':
      return { out: torch[c.op](a, b) };
    case 'where':
      return { out: torch.where(a, b, args[2]) };
    case 'neg':
    case 'exp':
    case 'log':
    case 'log1p':
    case 'expm1':
    case 'sqrt':
    case 'abs':
      return { out: torch[c.op](a) };
    case 'clamp': {
      // number bounds are fixture numbers (NaN among them)
      const bound = (v: Enc | undefined) => (v === undefined ? undefined : dec(v));
      if (!kw.bounds) return { out: torch.clamp(a, { min: bound(kw.min), max: bound(kw.max) }) };
      const named: Record<string, any> = {};
      (kw.bounds as string[]).forEach((k, i) => (named[k] = args[i + 1]));
      return { out: torch.clamp(a, { min: named.min, max: named.max }) };
    }
    case 'sum':
    case 'mean':
    case 'logsumexp':
      return { out: 'dim' in kw ? a[c.op]({ dim: kw.dim, keepdim: kw.keepdim ?? false }) : a[c.op]() };
    case 'max':
    case 'min': {
      if (!('dim' in kw)) return { out: a[c.op]() };
      const r = a[c.op]({ dim: kw.dim, keepdim: kw.keepdim ?? false });
      return { out: r.values, indices: r.indices };
    }
    case 'reshape':
      return { out: a.reshape(kw.shape) };
    case 'transpose':
      return { out: a.transpose(kw.dim0, kw.dim1) };
    case 'matmul':
      return { out: a.matmul(b) };
  }
  throw new Error(`no engine spelling for op ${c.op}`);
}

function argLabel(a: Arg): string {
  if ('num' in a) return fmt(dec(a.num));
  if ('cond' in a) return `cond${JSON.stringify(a.cond.shape)}`;
  return `${JSON.stringify(a.t.shape)}${a.t.dtype ? ` ${a.t.dtype}` : ''}`;
}

// Values are compared elementwise with the default tolerance (1e-12 relative in float64, 2 ulp
// in float32, the sign of a zero value checked); a gradient's −0 versus +0 is not observable.
const VALUE: Tolerance = DEFAULT_TOL;
const GRAD: Tolerance = { ...DEFAULT_TOL, signOfZero: false };

/**
 * Where PyTorch sums n terms (sum, mean, a matrix product, the gradient of a broadcast
 * argument) its answer is rounded in its own order (float32 sums accumulate in float32 on
 * the CPU): it is only good to about n·eps·Σ|terms|, absolutely, the bound of recursive
 * summation. The engine may differ by that much as well (Tolerance.cancelScale); elsewhere
 * the plain tolerance applies.
 */
function withTerms(tol: Tolerance, t: Terms | null | undefined, i: number): Tolerance {
  if (!t) return tol;
  const s = dec(t.abs[i]);
  return Number.isFinite(s) ? { ...tol, cancelEps: t.n, cancelScale: s } : tol;
}

/**
 * logsumexp: PyTorch's r = log(Σ exp(x − m)) + m is rounded in its dtype: the sum of n
 * exponentials (in an order that depends on the layout) to about n·eps relative, so n·eps
 * absolute after the log, and log(Σ) + m cancels when r is small next to m: eps·(|m| + |log Σ|)
 * absolutely, as for log_softmax in the softmax test. So r is good to about
 * (n + 2 + 2M)·eps absolutely (M: the largest finite |x| or |r|); the gradient g·exp(x − r)
 * inherits that as a relative error.
 */
function logsumexpEps(c: Case): number {
  const n = (c.args[0] as TensorArg).t.data.length / Math.max(1, c.out.data.length);
  const finite = [...decAll((c.args[0] as TensorArg).t.data), ...decAll(c.out.data)].filter(Number.isFinite);
  return n + 2 + 2 * Math.max(0, ...finite.map(Math.abs));
}
function logsumexpTol(c: Case, base: Tolerance, scale: number): Tolerance {
  return Number.isFinite(scale) ? { ...base, cancelEps: logsumexpEps(c), cancelScale: scale } : base;
}

function wants(main: Enc, alts: Record<string, Enc[]> | null | undefined, i: number): number[] {
  return [dec(main), ...(alts?.[String(i)] ?? []).map(dec)];
}

/** The precision a gradient was computed in: an argument of another dtype gets it cast afterwards. */
function narrower(a: Dtype, b: Dtype): Dtype {
  return a === 'float32' || b === 'float32' ? 'float32' : 'float64';
}

for (const [k, c] of file.cases.entries()) {
  test(`conformance: ${c.op} ${c.name} ${c.dtype} (${c.args.map(argLabel).join(', ')}) #${k}`, () => {
    const r = new Report();
    const args = c.args.map((a) => build(a, c.dtype));
    let res: { out: any; indices?: unknown };
    try {
      res = run(c, args);
    } catch (e) {
      throw new Error(`${c.op} threw ${errorMessage(e)}`);
    }
    const { out } = res;
    assert.deepEqual(Array.from(out.shape), c.out.shape, 'output shape');
    assert.equal(out.dtype, c.out.dtype, 'output dtype');
    const name = out.grad_fn?.name?.() ?? null;
    if (name !== c.grad_fn) r.add(`grad_fn: got ${name}, PyTorch ${c.grad_fn}`);
    const got = values(out);
    if (got.length !== c.out.data.length) r.add(`output has ${got.length} elements, PyTorch ${c.out.data.length}`);
    c.out.data.forEach((w, i) => {
      const tol = c.op === 'logsumexp' ? logsumexpTol(c, VALUE, 1) : withTerms(VALUE, c.out_terms, i);
      const m = mismatchAny(got[i], wants(w, c.alt_out, i), c.out.dtype, tol);
      if (m) r.add(`out[${i}]: got ${fmt(got[i])}, PyTorch ${fmt(dec(w))} (${m})`);
    });
    if (c.indices) {
      const idx = [res.indices].flat(Infinity);
      if (JSON.stringify(idx) !== JSON.stringify(c.indices)) r.add(`indices: got ${JSON.stringify(idx)}, PyTorch ${JSON.stringify(c.indices)}`);
    }
    const G = torch.tensor(nested(c.out.shape, decAll(c.G)), { dtype: c.out.dtype });
    try {
      out.mul(G).sum().backward();
    } catch (e) {
      r.add(`backward threw ${errorMessage(e)}`);
    }
    c.grads.forEach((want, j) => {
      if (want === null) return;
      const leaf = args[j];
      const grad = leaf.grad;
      if (!grad) {
        r.add(`arg ${j}: no gradient`);
        return;
      }
      assert.deepEqual(Array.from(grad.shape), (c.args[j] as TensorArg).t.shape, `arg ${j} gradient shape`);
      const gv = values(grad);
      const dt = narrower(leaf.dtype, c.out.dtype);
      want.forEach((w, i) => {
        const tol = c.op === 'logsumexp' ? logsumexpTol(c, GRAD, Math.abs(dec(w))) : withTerms(GRAD, c.grad_terms?.[j], i);
        const m = mismatchAny(gv[i], wants(w, c.alt_grads?.[j], i), dt, tol);
        if (m) r.add(`arg ${j} grad[${i}]: got ${fmt(gv[i])}, PyTorch ${fmt(dec(w))} (${m})`);
      });
    });
    r.check(`${c.op} ${c.name} ${c.dtype}`);
  });
}
