// Losses (mse_loss, binary_cross_entropy[_with_logits], cross_entropy, nll_loss) with each
// reduction: output and input gradient (and mse's target gradient) against PyTorch,
// including saturated probabilities (log clamped at −100) and ±1e4 logits.
import { test } from 'node:test';
import {
  DEFAULT_TOL, Dtype, Enc, F, Report, Tolerance, dec, decAll, errorMessage, fmt, kwargsLabel, loadFixture, mismatch,
  torch, values, withWarnings,
} from './conformance-support';

interface Case {
  fn: string;
  dtype: Dtype;
  kwargs: Record<string, unknown>;
  grad_fn: string;
  input: { shape: number[]; data: Enc[] };
  target: { shape: number[]; data: Enc[] | number[]; int64?: boolean };
  out: { shape: number[]; data: Enc[] };
  input_grad: Enc[];
  target_grad?: Enc[];
}
const file = loadFixture<{ meta: { torch_version: string }; cases: Case[] }>('losses.json');

function nested(shape: number[], flat: number[]): unknown {
  if (shape.length <= 1) return flat;
  const inner = shape.slice(1).reduce((a, b) => a * b, 1);
  return Array.from({ length: shape[0] }, (_, i) => nested(shape.slice(1), flat.slice(i * inner, (i + 1) * inner)));
}

/** Class-index targets: an int64 tensor if the engine has one, else the float tensor it accepts. */
function classTargets(data: number[]): any {
  for (const make of [() => torch.tensor(data, { dtype: 'int64' }), () => torch.tensor(data)]) {
    try {
      return make();
    } catch {
      // try the next spelling
    }
  }
  return data;
}

/**
 * PyTorch's losses are composites evaluated in the tensor's dtype, and some of their terms
 * cancel: with logits, x − logsumexp(x) and (1 − t)·x + log(1 + e^−x) subtract quantities of
 * size |x|; binary_cross_entropy takes log(1 − p) of a rounded 1 − p. PyTorch's own answer is
 * then only accurate to a few eps × that size, absolutely (as in the activation test), and
 * the probabilities behind every gradient (σ(x) − t, softmax − onehot) to a few eps.
 */
function cancelScale(c: Case, which: 'value' | 'grad', xs: number[]): number {
  const maxAbs = Math.max(1, ...xs.filter(Number.isFinite).map(Math.abs));
  switch (c.fn) {
    case 'binary_cross_entropy_with_logits':
    case 'cross_entropy':
      return which === 'value' ? maxAbs : 1;
    case 'binary_cross_entropy':
      return which === 'value' ? Math.min(1e12, Math.max(...xs.map((p) => 1 / Math.min(p, 1 - p)).filter(Number.isFinite), 1)) : 0;
    default:
      return 0;
  }
}

// A mean or sum reduces n terms in PyTorch's own order; allow the worst-case bound of
// recursive summation (n·eps relative) on top of the elementwise tolerance.
function tolFor(c: Case, which: 'value' | 'grad', reduced: boolean): Tolerance {
  const xs = decAll(c.input.data);
  const n = xs.length;
  const base = { ...DEFAULT_TOL, cancelScale: cancelScale(c, which, xs), signOfZero: which === 'value' };
  return reduced ? { ...base, rel64: Math.max(DEFAULT_TOL.rel64, n * 2 ** -52), ulps32: Math.max(2, n) } : base;
}

for (const [k, c] of file.cases.entries()) {
  test(`conformance: F.${c.fn}${kwargsLabel(c.kwargs)} ${c.dtype} #${k} value and grads`, () => {
    const r = new Report();
    const x = torch.tensor(nested(c.input.shape, decAll(c.input.data)), { dtype: c.dtype, requires_grad: true });
    const t = c.target.int64
      ? classTargets(c.target.data as number[])
      : torch.tensor(nested(c.target.shape, decAll(c.target.data as Enc[])), { dtype: c.dtype, requires_grad: !!c.target_grad });
    const { result: y, error } = withWarnings(() => F[c.fn](x, t, c.kwargs));
    if (error) throw new Error(`F.${c.fn} threw ${errorMessage(error)}`);
    const name = (y as any).grad_fn?.name?.();
    if (name !== c.grad_fn) r.add(`grad_fn: got ${name}, PyTorch ${c.grad_fn}`);
    const reduced = (c.kwargs.reduction ?? 'mean') !== 'none';
    const got = values(y);
    c.out.data.forEach((w, i) => {
      const m = mismatch(got[i], dec(w), c.dtype, tolFor(c, 'value', reduced));
      if (m) r.add(`out[${i}]: got ${fmt(got[i])}, PyTorch ${fmt(dec(w))} (${m})`);
    });
    (y as any).sum().backward();
    const gx = values(x.grad);
    c.input_grad.forEach((w, i) => {
      const m = mismatch(gx[i], dec(w), c.dtype, tolFor(c, 'grad', false));
      if (m) r.add(`input.grad[${i}]: got ${fmt(gx[i])}, PyTorch ${fmt(dec(w))} (${m})`);
    });
    if (c.target_grad) {
      const gt = values(t.grad);
      c.target_grad.forEach((w, i) => {
        const m = mismatch(gt[i], dec(w), c.dtype, tolFor(c, 'grad', false));
        if (m) r.add(`target.grad[${i}]: got ${fmt(gt[i])}, PyTorch ${fmt(dec(w))} (${m})`);
      });
    }
    r.check(`F.${c.fn} ${c.dtype} #${k}`);
  });
}
