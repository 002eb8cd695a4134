// Every activation, both dtypes, every parameter set of the fixtures: f(x) and df/dx from
// f(x).sum().backward() against PyTorch 1.13 on a grid, a wide grid and the edge points
// (±0, subnormals, kinks and their float neighbours, huge magnitudes, ±inf, NaN).
// One test per (activation, parameters, dtype) so a failure names its row.
//
// PyTorch itself has two answers at some points: its CPU kernels run a SIMD body (Sleef
// approximations, 8 floats / 4 doubles at a time) and a scalar tail (libm), and the two
// disagree in the last bits (tanh, sigmoid, gelu, silu, mish, softplus, elu in float32; a
// few points in float64), even on sign of zero and at kinks (hardswish'(3), relu6'(NaN)).
// Which one a point gets depends only on its position in the tensor, so neither is "the"
// PyTorch value: the generator records both (alt_y / alt_grad) and either passes here.
import { test } from 'node:test';
import {
  DEFAULT_TOL, Dtype, Enc, F, Report, activationTolerance as tolFor, dec, decAll, fmt, kwargsLabel, loadFixture,
  mismatchAny, torch, values, withWarnings,
} from './conformance-support';

interface SetRecord {
  y: Enc[];
  grad: Enc[];
  /** Other answers PyTorch gives for point i from its scalar (length-1) or all-SIMD kernel path. */
  alt_y?: Record<string, Enc[]>;
  alt_grad?: Record<string, Enc[]>;
  weight_grad?: Enc;
  weight_grad_abs_terms?: Enc;
  /** grid only: x.grad from f(x).backward(g) with g = file.upstream.grid (linspace(-2, 2, n)). */
  grad_upstream?: Enc[];
  alt_grad_upstream?: Record<string, Enc[]>;
}
interface Case {
  fn: string;
  kwargs: Record<string, unknown>;
  dtype: Dtype;
  /** PyTorch's grad_fn.name() of the result, e.g. 'TanhBackward0' (softsign: 'DivBackward0', a composite). */
  grad_fn: string;
  sets: Record<string, SetRecord>;
}
interface ActivationFile {
  meta: { torch_version: string };
  dtype: Dtype;
  inputs: Record<string, Enc[]>;
  upstream: Record<string, Enc[]>;
  cases: Case[];
}

function run(c: Case, xs: number[], upstream?: number[]): { y: number[]; grad: number[]; weightGrad?: number; gradFn?: string } {
  const x = torch.tensor(xs, { dtype: c.dtype, requires_grad: true });
  let weight: any;
  const { result: y, error } = withWarnings(() => {
    if (c.fn === 'prelu') {
      weight = torch.tensor([c.kwargs.weight as number], { dtype: c.dtype, requires_grad: true });
      return F.prelu(x, weight);
    }
    const f = F[c.fn];
    if (typeof f !== 'function') throw new Error(`F.${c.fn} is not a function`);
    return Object.keys(c.kwargs).length ? f(x, c.kwargs) : f(x);
  });
  if (error) throw error;
  const gradFn = (y as any).grad_fn?.name?.();
  if (upstream) (y as any).backward({ gradient: torch.tensor(upstream, { dtype: c.dtype }) });
  else (y as any).sum().backward();
  return {
    gradFn,
    y: values(y),
    grad: values(x.grad),
    weightGrad: weight ? values(weight.grad)[0] : undefined,
  };
}

function compare(r: Report, set: string, what: 'value' | 'grad' | 'grad(g)', c: Case, xs: number[], got: number[], want: Enc[], alt: Record<string, Enc[]> | undefined, g?: number[]): void {
  if (got.length !== want.length) {
    r.add(`${set} ${what}: ${got.length} elements, PyTorch has ${want.length}`);
    return;
  }
  for (let i = 0; i < want.length; i++) {
    const wants = [dec(want[i]), ...(alt?.[String(i)] ?? []).map(dec)];
    const tol = tolFor(c.fn, what === 'value' ? 'value' : 'grad', c.kwargs, xs[i]);
    // With an upstream gradient g every term of the backward formula, hence its cancellation, scales by |g|.
    if (g) tol.cancelScale *= Math.abs(g[i]);
    const m = mismatchAny(got[i], wants, c.dtype, tol);
    if (m) r.add(`${set}[${i}] x=${fmt(xs[i])} ${what}: got ${fmt(got[i])}, PyTorch ${wants.map(fmt).join(' or ')} (${m})`);
  }
}

for (const dtype of ['float32', 'float64'] as const) {
  const file = loadFixture<ActivationFile>(`activations.${dtype}.json`);
  for (const c of file.cases) {
    test(`conformance: F.${c.fn}${kwargsLabel(c.kwargs)} ${dtype} matches PyTorch ${file.meta.torch_version}`, () => {
      const r = new Report();
      for (const [set, rec] of Object.entries(c.sets)) {
        const xs = decAll(file.inputs[set]);
        let out: ReturnType<typeof run>;
        try {
          out = run(c, xs);
        } catch (e) {
          r.add(`${set}: threw ${e instanceof Error ? e.message : String(e)}`);
          continue;
        }
        if (set === 'grid' && out.gradFn !== c.grad_fn) r.add(`grad_fn: got ${out.gradFn}, PyTorch ${c.grad_fn}`);
        compare(r, set, 'value', c, xs, out.y, rec.y, rec.alt_y);
        compare(r, set, 'grad', c, xs, out.grad, rec.grad, rec.alt_grad);
        if (rec.grad_upstream) {
          try {
            const up = decAll(file.upstream[set]);
            const g = run(c, xs, up);
            compare(r, set, 'grad(g)', c, xs, g.grad, rec.grad_upstream, rec.alt_grad_upstream, up);
          } catch (e) {
            r.add(`${set} with upstream gradient: threw ${e instanceof Error ? e.message : String(e)}`);
          }
        }
        if (rec.weight_grad !== undefined) {
          // Σ of the negative inputs: PyTorch reduces in its own order, so allow the classic
          // worst-case bound of recursive summation, n·eps·Σ|terms|, on top of the usual tolerance.
          const want = dec(rec.weight_grad);
          const got = out.weightGrad ?? NaN;
          const eps = dtype === 'float32' ? 2 ** -23 : 2 ** -52;
          const bound = xs.length * eps * dec(rec.weight_grad_abs_terms ?? 0);
          const m = mismatchAny(got, [want], dtype, { ...DEFAULT_TOL, signOfZero: false });
          if (m && !(Number.isFinite(want) && Math.abs(got - want) <= bound)) {
            r.add(`${set} weight.grad: got ${fmt(got)}, PyTorch ${fmt(want)} (${m})`);
          }
        }
      }
      r.check(`F.${c.fn}${kwargsLabel(c.kwargs)} ${dtype}`);
    });
  }
}
