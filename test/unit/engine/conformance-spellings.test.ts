// The other PyTorch spellings of the activations — torch.X, Tensor methods, the in-place
// forms (F.relu_, x.tanh_(), F.elu(x, inplace=True), …) — must give the same numbers and
// gradients as F.X, checked against the same PyTorch fixtures (grid and edge sets). In-place
// forms act on a non-leaf copy (x·1), as PyTorch forbids them on a leaf that requires grad.
import { test } from 'node:test';
import {
  Dtype, Enc, F, Report, activationTolerance, dec, decAll, fmt, kwargsLabel, loadFixture, mismatchAny, torch, values,
  withWarnings,
} from './conformance-support';

interface SetRecord {
  y: Enc[];
  grad: Enc[];
  alt_y?: Record<string, Enc[]>;
  alt_grad?: Record<string, Enc[]>;
}
interface Case {
  fn: string;
  kwargs: Record<string, unknown>;
  sets: Record<string, SetRecord>;
}
interface ActivationFile {
  meta: { torch_version: string };
  inputs: Record<string, Enc[]>;
  cases: Case[];
}

type Kw = Record<string, any>;
interface Spelling {
  label: string;
  fn: string;
  inplace: boolean;
  call: (x: any, kw: Kw) => any;
}

// Spellings that exist in PyTorch 1.13 (torch.X, Tensor.X, the _ forms, inplace=True).
const SPELLINGS: Spelling[] = [
  { label: 'torch.tanh(x)', fn: 'tanh', inplace: false, call: (x) => torch.tanh(x) },
  { label: 'x.tanh()', fn: 'tanh', inplace: false, call: (x) => x.tanh() },
  { label: 'x.tanh_()', fn: 'tanh', inplace: true, call: (x) => x.tanh_() },
  { label: 'torch.sigmoid(x)', fn: 'sigmoid', inplace: false, call: (x) => torch.sigmoid(x) },
  { label: 'x.sigmoid()', fn: 'sigmoid', inplace: false, call: (x) => x.sigmoid() },
  { label: 'x.sigmoid_()', fn: 'sigmoid', inplace: true, call: (x) => x.sigmoid_() },
  { label: 'torch.relu(x)', fn: 'relu', inplace: false, call: (x) => torch.relu(x) },
  { label: 'x.relu()', fn: 'relu', inplace: false, call: (x) => x.relu() },
  { label: 'x.relu_()', fn: 'relu', inplace: true, call: (x) => x.relu_() },
  { label: 'F.relu_(x)', fn: 'relu', inplace: true, call: (x) => F.relu_(x) },
  { label: 'F.relu(x, {inplace: true})', fn: 'relu', inplace: true, call: (x) => F.relu(x, { inplace: true }) },
  { label: 'F.relu6(x, {inplace: true})', fn: 'relu6', inplace: true, call: (x) => F.relu6(x, { inplace: true }) },
  { label: 'F.leaky_relu_(x, kw)', fn: 'leaky_relu', inplace: true, call: (x, kw) => F.leaky_relu_(x, kw) },
  { label: 'F.elu_(x, kw)', fn: 'elu', inplace: true, call: (x, kw) => F.elu_(x, kw) },
  { label: 'F.selu_(x)', fn: 'selu', inplace: true, call: (x) => F.selu_(x) },
  { label: 'torch.selu(x)', fn: 'selu', inplace: false, call: (x) => torch.selu(x) },
  { label: 'F.celu_(x, kw)', fn: 'celu', inplace: true, call: (x, kw) => F.celu_(x, kw) },
  { label: 'torch.celu(x, kw)', fn: 'celu', inplace: false, call: (x, kw) => torch.celu(x, kw) },
  { label: 'F.silu(x, {inplace: true})', fn: 'silu', inplace: true, call: (x) => F.silu(x, { inplace: true }) },
  { label: 'F.mish(x, {inplace: true})', fn: 'mish', inplace: true, call: (x) => F.mish(x, { inplace: true }) },
  { label: 'F.hardtanh_(x, kw)', fn: 'hardtanh', inplace: true, call: (x, kw) => F.hardtanh_(x, kw) },
  { label: 'F.hardsigmoid(x, {inplace: true})', fn: 'hardsigmoid', inplace: true, call: (x) => F.hardsigmoid(x, { inplace: true }) },
  { label: 'F.hardswish(x, {inplace: true})', fn: 'hardswish', inplace: true, call: (x) => F.hardswish(x, { inplace: true }) },
  { label: 'x.hardshrink(kw)', fn: 'hardshrink', inplace: false, call: (x, kw) => x.hardshrink(kw) },
  { label: 'F.threshold_(x, kw)', fn: 'threshold', inplace: true, call: (x, kw) => F.threshold_(x, kw) },
  { label: 'F.rrelu_(x, kw)', fn: 'rrelu', inplace: true, call: (x, kw) => F.rrelu_(x, kw) },
];

const SETS = ['grid', 'edge'];

// PyTorch's own answers for each spelling: its grad_fn name (in-place forms are the
// "…Backward1" nodes that differentiate from the result), and, where the spelling's numbers
// differ from F.<fn>'s (elu_/selu_/celu_ compute the gradient from the output), those too.
interface SpellingRecord {
  label: string;
  fn: string;
  kwargs: Record<string, unknown>;
  dtype: Dtype;
  grad_fn: string;
  extra_alts: Record<string, { alt_y?: Record<string, Enc[]>; alt_grad?: Record<string, Enc[]> }>;
}
const spellings = loadFixture<{ cases: SpellingRecord[] }>('spellings.json').cases;
const recordFor = (label: string, dtype: Dtype, kwargs: Record<string, unknown>): SpellingRecord | undefined =>
  spellings.find((s) => s.label === label && s.dtype === dtype && JSON.stringify(s.kwargs) === JSON.stringify(kwargs));

for (const dtype of ['float32', 'float64'] as Dtype[]) {
  const file = loadFixture<ActivationFile>(`activations.${dtype}.json`);
  for (const sp of SPELLINGS) {
    for (const c of file.cases.filter((k) => k.fn === sp.fn)) {
      test(`conformance: ${sp.label}${kwargsLabel(c.kwargs)} ${dtype} equals PyTorch's F.${c.fn}`, () => {
        const r = new Report();
        const own = recordFor(sp.label, dtype, c.kwargs);
        if (!own) r.add(`no spellings.json record for ${sp.label} (regenerate the fixtures)`);
        for (const set of SETS) {
          const rec = c.sets[set];
          const extra = own?.extra_alts[set];
          const xs = decAll(file.inputs[set]);
          let y: number[];
          let grad: number[];
          try {
            const x = torch.tensor(xs, { dtype, requires_grad: true });
            const { result, error } = withWarnings(() => sp.call(sp.inplace ? x.mul(1) : x, c.kwargs));
            if (error) throw error;
            const name = (result as any).grad_fn?.name?.();
            if (own && set === SETS[0] && name !== own.grad_fn) r.add(`grad_fn: got ${name}, PyTorch ${own.grad_fn}`);
            (result as any).sum().backward();
            y = values(result);
            grad = values(x.grad);
          } catch (e) {
            r.add(`${set}: threw ${e instanceof Error ? e.message : String(e)}`);
            continue;
          }
          for (const [what, got, want, alt, more] of [
            ['value', y, rec.y, rec.alt_y, extra?.alt_y],
            ['grad', grad, rec.grad, rec.alt_grad, extra?.alt_grad],
          ] as const) {
            want.forEach((w, i) => {
              const wants = [dec(w), ...(alt?.[String(i)] ?? []).map(dec), ...(more?.[String(i)] ?? []).map(dec)];
              const m = mismatchAny(got[i], wants, dtype, activationTolerance(c.fn, what, c.kwargs, xs[i]));
              if (m) r.add(`${set}[${i}] x=${fmt(xs[i])} ${what}: got ${fmt(got[i])}, PyTorch ${wants.map(fmt).join(' or ')} (${m})`);
            });
          }
        }
        r.check(`${sp.label}${kwargsLabel(c.kwargs)} ${dtype}`);
      });
    }
  }
}
