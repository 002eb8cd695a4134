// softmax, log_softmax, softmin: values and full Jacobians (row i = grad of output i, from
// backward with a one-hot gradient) against PyTorch, small 1-D/2-D/3-D inputs along every
// dim, huge logits (±1e4, [1000, 1001, 1002]), ±inf and NaN entries; plus the legacy
// implicit-dim rule and its deprecation warning. Long float32 rows and columns (where the order
// of PyTorch's float32 sums shows) are checked by values and one random-upstream gradient.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_TOL, Dtype, Enc, F, Report, dec, decAll, errorMessage, fmt, loadFixture, mismatch, torch, values,
  withWarnings,
} from './conformance-support';

interface Case {
  fn: 'softmax' | 'log_softmax' | 'softmin';
  dtype: Dtype;
  name: string;
  dim: number;
  grad_fn: string;
  shape: number[];
  x: Enc[];
  y: Enc[];
  jacobian: Enc[][];
}
interface LongCase {
  name: string;
  dtype: Dtype;
  dim: number;
  shape: number[];
  x: Enc[];
  w: Enc[];
  out: Record<Case['fn'], { grad_fn: string; y: Enc[]; grad: Enc[] }>;
}
interface Implicit {
  fn: Case['fn'];
  name: string;
  dtype: Dtype;
  shape: number[];
  x: Enc[];
  y: Enc[];
  warnings: string[];
}
const file = loadFixture<{ meta: { torch_version: string }; cases: Case[]; long_cases: LongCase[]; implicit_dim: Implicit[] }>(
  'softmax.json',
);

function input(shape: number[], flat: number[], dtype: Dtype, requiresGrad: boolean): any {
  const t = torch.tensor(flat, { dtype, requires_grad: requiresGrad });
  return shape.length === 1 ? t : t.reshape(shape);
}

function leaf(shape: number[], flat: number[], dtype: Dtype): any {
  // reshape of a leaf is not a leaf: build the nested data instead so x.grad exists.
  const nest = (off: number, dims: number[]): unknown =>
    dims.length === 1
      ? flat.slice(off, off + dims[0])
      : Array.from({ length: dims[0] }, (_, i) => nest(off + i * dims.slice(1).reduce((a, b) => a * b, 1), dims.slice(1)));
  return torch.tensor(nest(0, shape), { dtype, requires_grad: true });
}

// Off the diagonal a Jacobian entry is a product of two outputs (−y_i·y_j for softmax, −y_j
// for log_softmax): with each output within 2 ulp of PyTorch's, the product is within
// 2 + 2 + 1 (its own rounding) + 1 (PyTorch's rounding of g − Σg·y) = 6 ulp. On the diagonal
// y_i(1 − y_i) and 1 − y_i cancel: a few eps absolutely, as for sigmoid's derivative.
const JAC_OFF = { ...DEFAULT_TOL, ulps32: 6, signOfZero: false };
const JAC_DIAG = { ...DEFAULT_TOL, cancelScale: 1, signOfZero: false };

for (const c of file.cases) {
  test(`conformance: F.${c.fn}(${c.name} ${JSON.stringify(c.shape)}, dim=${c.dim}) ${c.dtype} values and Jacobian`, () => {
    const r = new Report();
    const xs = decAll(c.x);
    const { result: y, error } = withWarnings(() => F[c.fn](input(c.shape, xs, c.dtype, false), { dim: c.dim }));
    if (error) throw error;
    const got = values(y);
    assert.deepEqual((y as any).shape ? Array.from((y as any).shape) : c.shape, c.shape, 'output shape');
    c.y.forEach((w, i) => {
      const m = mismatch(got[i], dec(w), c.dtype, { ...DEFAULT_TOL, cancelScale: c.fn === 'log_softmax' ? Math.max(...xs.map(Math.abs).filter(Number.isFinite)) : 0 });
      if (m) r.add(`y[${i}]: got ${fmt(got[i])}, PyTorch ${fmt(dec(w))} (${m})`);
    });
    const n = c.y.length;
    for (let i = 0; i < n; i++) {
      let row: number[];
      try {
        const x = leaf(c.shape, xs, c.dtype);
        const out = F[c.fn](x, { dim: c.dim });
        if (i === 0 && out.grad_fn?.name?.() !== c.grad_fn) r.add(`grad_fn: got ${out.grad_fn?.name?.()}, PyTorch ${c.grad_fn}`);
        const g = new Array<number>(n).fill(0);
        g[i] = 1;
        out.backward({ gradient: input(c.shape, g, c.dtype, false) });
        row = values(x.grad);
      } catch (e) {
        r.add(`Jacobian row ${i}: threw ${errorMessage(e)}`);
        continue;
      }
      c.jacobian[i].forEach((w, j) => {
        // Row i, column j of the flattened Jacobian; "diagonal" = the same element.
        const m = mismatch(row[j], dec(w), c.dtype, i === j ? JAC_DIAG : JAC_OFF);
        if (m) r.add(`J[${i}][${j}]: got ${fmt(row[j])}, PyTorch ${fmt(dec(w))} (${m})`);
      });
    }
    r.check(`F.${c.fn} ${c.name} dim=${c.dim} ${c.dtype}`);
  });
}

/**
 * Per element, the size of the terms the upstream gradient w meets in PyTorch's backward, from
 * PyTorch's outputs y along each slice: softmax/softmin's y_i·(w_i − Σ w_j·y_j) is good to a few
 * eps of y_i·(|w_i| + Σ |w_j|·y_j) (an output one ulp off moves Σ w_j·y_j by that much), and
 * log_softmax's w_i − e^{y_i}·Σ w_j to a few eps of |w_i| + e^{y_i}·Σ |w_j|.
 */
function gradScales(fn: Case['fn'], shape: number[], dim: number, y: number[], w: number[]): number[] {
  const d = dim < 0 ? dim + shape.length : dim;
  const size = shape[d];
  const inner = shape.slice(d + 1).reduce((a, b) => a * b, 1);
  const outer = y.length / (size * inner);
  const scale = new Array<number>(y.length);
  for (let a = 0; a < outer; a++)
    for (let j = 0; j < inner; j++) {
      const at = (k: number) => a * size * inner + k * inner + j;
      let s = 0;
      for (let k = 0; k < size; k++) s += Math.abs(w[at(k)]) * (fn === 'log_softmax' ? 1 : y[at(k)]);
      for (let k = 0; k < size; k++) {
        const i = at(k);
        scale[i] = fn === 'log_softmax' ? Math.abs(w[i]) + Math.exp(y[i]) * s : y[i] * (Math.abs(w[i]) + s);
      }
    }
  return scale;
}

for (const c of file.long_cases) {
  for (const fn of ['softmax', 'log_softmax', 'softmin'] as const) {
    test(`conformance: F.${fn}(${c.name} ${JSON.stringify(c.shape)}, dim=${c.dim}) ${c.dtype} values and gradient (random upstream)`, () => {
      const r = new Report();
      const xs = decAll(c.x);
      const w = decAll(c.w);
      const want = c.out[fn];
      const wy = decAll(want.y);
      const x = leaf(c.shape, xs, c.dtype);
      const y = F[fn](x, { dim: c.dim });
      if (y.grad_fn?.name?.() !== want.grad_fn) r.add(`grad_fn: got ${y.grad_fn?.name?.()}, PyTorch ${want.grad_fn}`);
      const got = values(y);
      const valueTol = { ...DEFAULT_TOL, cancelScale: fn === 'log_softmax' ? Math.max(...xs.map(Math.abs)) : 0 };
      wy.forEach((v, i) => {
        const m = mismatch(got[i], v, c.dtype, valueTol);
        if (m) r.add(`y[${i}]: got ${fmt(got[i])}, PyTorch ${fmt(v)} (${m})`);
      });
      y.backward({ gradient: input(c.shape, w, c.dtype, false) });
      const grad = values(x.grad);
      const scales = gradScales(fn, c.shape, c.dim, wy, w);
      decAll(want.grad).forEach((v, i) => {
        const m = mismatch(grad[i], v, c.dtype, { ...DEFAULT_TOL, cancelScale: scales[i], signOfZero: false });
        if (m) r.add(`grad[${i}]: got ${fmt(grad[i])}, PyTorch ${fmt(v)} (${m})`);
      });
      r.check(`F.${fn} ${c.name} dim=${c.dim} ${c.dtype}`);
    });
  }
}

for (const c of file.implicit_dim) {
  test(`conformance: F.${c.fn} without dim on ${c.name} picks PyTorch's legacy dim and warns`, () => {
    const { result: y, error, warnings } = withWarnings(() => F[c.fn](input(c.shape, decAll(c.x), c.dtype, false)));
    if (error) throw error;
    assert.deepEqual(warnings, c.warnings);
    const r = new Report();
    const got = values(y);
    c.y.forEach((w, i) => {
      const m = mismatch(got[i], dec(w), c.dtype, DEFAULT_TOL);
      if (m) r.add(`y[${i}]: got ${fmt(got[i])}, PyTorch ${fmt(dec(w))} (${m})`);
    });
    r.check(`F.${c.fn} implicit dim ${c.name}`);
  });
}
