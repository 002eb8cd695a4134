// The ops hand-written activations need (sin, cos, atan, sign, log2, log10, erf, erfc) and the
// kinks the issue names (where at its condition's edge and with scalar branches, clamp with
// tensor bounds at them, maximum/minimum ties, relu and abs at 0, pow with tensor exponents),
// against PyTorch (test/fixtures/torch/custom-ops.json from scripts/gen-custom-fixtures.py):
// values, grad_fn names, gradients of (y·G).sum() and of y.sum(). Tolerances as the other
// conformance tests: 1e-12 relative in float64, 2 ulp in float32, PyTorch's scalar-path answers accepted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_TOL, type Dtype, type Enc, Report, decAll, dec, fmt, loadFixture, mismatchAny, torch, values } from './conformance-support';

interface UnaryCase {
  op: string;
  dtype: Dtype;
  x: Enc[];
  y: Enc[];
  grad_fn: string;
  G: Enc[];
  grad: Enc[];
  grad_ones: Enc[];
  alt_y: Record<string, Enc>;
  alt_grad_ones: Record<string, Enc>;
}
interface KinkCase {
  name: string;
  code: string;
  dtype: Dtype;
  inputs: Record<string, Enc[]>;
  out: Enc[];
  out_dtype: Dtype;
  grads: Record<string, Enc[] | null>;
}
const file = loadFixture<{ unary: UnaryCase[]; kinks: KinkCase[] }>('custom-ops.json');

function compare(report: Report, what: string, got: number[], want: number[], dtype: Dtype, alt: Record<string, Enc> = {}, xs: number[] = []): void {
  assert.equal(got.length, want.length, `${what}: length`);
  got.forEach((g, i) => {
    const wants = [want[i]!, ...(alt[String(i)] !== undefined ? [dec(alt[String(i)]!)] : [])];
    const m = mismatchAny(g, wants, dtype, { ...DEFAULT_TOL, signOfZero: what.startsWith('y') });
    if (m) report.add(`${what}[${i}] x=${fmt(xs[i] ?? NaN)}: got ${fmt(g)}, want ${wants.map(fmt).join(' or ')} (${m})`);
  });
}

for (const c of file.unary) {
  test(`${c.op} ${c.dtype}: values, ${c.grad_fn}, gradients`, () => {
    const xs = decAll(c.x);
    const report = new Report();
    const x = torch.tensor(xs, { dtype: c.dtype, requires_grad: true });
    const y = torch[c.op](x);
    assert.equal(y.grad_fn.name(), c.grad_fn);
    compare(report, 'y', values(y), decAll(c.y), c.dtype, c.alt_y, xs);
    y.mul(torch.tensor(decAll(c.G), { dtype: c.dtype })).sum().backward();
    compare(report, 'grad', values(x.grad), decAll(c.grad), c.dtype, {}, xs);
    const x2 = torch.tensor(xs, { dtype: c.dtype, requires_grad: true });
    torch[c.op](x2).sum().backward();
    compare(report, 'grad(sum)', values(x2.grad), decAll(c.grad_ones), c.dtype, c.alt_grad_ones, xs);
    report.check(`${c.op} ${c.dtype}`);
  });
}

/** The fixture's expressions in the engine's spelling (TypeScript has no operators). */
const KINK_RUN: Record<string, (t: Record<string, any>) => any> = {
  where_edge: ({ x }) => torch.where(torch.ge(x, 0), x, x.mul(0.1)),
  where_scalar_other: ({ x }) => torch.where(torch.gt(x, 0), x, 0.0),
  where_scalar_input: ({ x }) => torch.where(torch.gt(x, 0), 1.0, x),
  where_scalars: ({ x }) => torch.where(torch.gt(x, 0), 1.0, -1.0).mul(x),
  clamp_tensor_bounds: ({ x, lo, hi }) => torch.clamp(x, lo, hi),
  clamp_min_tensor: ({ x, lo }) => torch.clamp(x, { min: lo }),
  clamp_max_tensor: ({ x, hi }) => x.clamp({ max: hi }),
  clamp_scalar_at_bounds: ({ x }) => torch.clamp(x, -1.0, 1.0),
  clamp_min_zero: ({ x }) => x.clamp({ min: 0 }),
  maximum_ties: ({ x, y }) => torch.maximum(x, y),
  minimum_ties: ({ x, y }) => torch.minimum(x, y),
  maximum_zeros_like: ({ x }) => torch.maximum(x, torch.zeros_like(x)),
  relu_at_zero: ({ x }) => torch.relu(x),
  abs_at_zero: ({ x }) => torch.abs(x),
  pow_tensor_exponent: ({ x, y }) => torch.pow(x, y),
  pow_scalar_base: ({ x }) => torch.pow(2.0, x),
  rpow: ({ x }) => torch.pow(2, x),
  sign_times_x: ({ x }) => torch.sign(x).mul(x),
};

for (const c of file.kinks) {
  test(`kink ${c.name} ${c.dtype}: ${c.code}`, () => {
    const run = KINK_RUN[c.name];
    assert.ok(run, `no engine spelling for ${c.name}`);
    const inputs: Record<string, any> = {};
    for (const [k, v] of Object.entries(c.inputs)) inputs[k] = torch.tensor(decAll(v), { dtype: c.dtype, requires_grad: true });
    const out = run(inputs);
    const report = new Report();
    assert.equal(out.dtype, c.out_dtype);
    compare(report, 'y', values(out), decAll(c.out), c.dtype);
    out.sum().backward();
    for (const [k, g] of Object.entries(c.grads)) {
      if (g === null) assert.equal(inputs[k].grad, null, `${k}.grad`);
      else compare(report, `grad ${k}`, values(inputs[k].grad), decAll(g), c.dtype);
    }
    report.check(c.name);
  });
}
