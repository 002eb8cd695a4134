// Finite-difference check of analytical gradients, after torch.autograd.gradcheck.
import { Tensor } from './tensor';
import { GradcheckError } from './errors';
import { no_grad } from './grad_mode';
import { warn } from './warnings';

export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
}

type Fn = (...inputs: Tensor[]) => Tensor | Tensor[];

function outputsOf(r: Tensor | Tensor[]): Tensor[] {
  return Array.isArray(r) ? r : [r];
}

function matrix(data: Float64Array, rows: number, cols: number): Tensor {
  return Tensor._make(data, [rows, cols], 'float64');
}

/**
 * Compares, for every differentiable input and every output, the Jacobian from backward()
 * with central differences. Returns true or throws a GradcheckError like PyTorch's.
 */
export function gradcheck(fn: Fn, inputs: Tensor | Tensor[], opts: GradcheckOptions = {}): true {
  const eps = opts.eps ?? 1e-6;
  const atol = opts.atol ?? 1e-5;
  const rtol = opts.rtol ?? 1e-3;
  const ins = Array.isArray(inputs) ? inputs : [inputs];
  ins.forEach((t, i) => {
    if (t.requires_grad && t.dtype !== 'float64')
      warn(
        `Input #${i} requires gradient and is not a double precision floating point or complex. This check will likely fail if all the inputs are not of double precision floating point or complex. `,
      );
  });
  if (!ins.some((t) => t.requires_grad))
    throw new GradcheckError('gradcheck expects at least one input tensor to require gradient, but none of the them have requires_grad=True.');

  // private leaves so the caller's .grad is untouched
  const leaves = ins.map((t) => {
    const c = Tensor._make(t.data.slice(), [...t.shape], t.dtype);
    if (t.requires_grad) c.requires_grad = true;
    return c;
  });
  const outs = outputsOf(fn(...leaves));

  for (let oi = 0; oi < outs.length; oi++) {
    const out = outs[oi];
    const m = out.numel();
    for (let ii = 0; ii < leaves.length; ii++) {
      const leaf = leaves[ii];
      if (!leaf.requires_grad) continue;
      const n = leaf.numel();
      const numerical = new Float64Array(n * m);
      const analytical = new Float64Array(n * m);
      // numerical: perturb one input element at a time
      for (let k = 0; k < n; k++) {
        const orig = leaf.data[k];
        leaf.data[k] = orig + eps;
        const plus = no_grad(() => outputsOf(fn(...leaves))[oi].data.slice());
        leaf.data[k] = orig - eps;
        const minus = no_grad(() => outputsOf(fn(...leaves))[oi].data.slice());
        leaf.data[k] = orig;
        for (let j = 0; j < m; j++) numerical[k * m + j] = (plus[j] - minus[j]) / (2 * eps);
      }
      // analytical: one backward per output element
      if (out.requires_grad) {
        for (let j = 0; j < m; j++) {
          for (const l of leaves) l._gradRaw = null;
          const seed = Tensor._make(new Float64Array(m), [...out.shape], out.dtype);
          seed.data[j] = 1;
          out.backward({ gradient: seed, retain_graph: true });
          const g = leaf._gradRaw;
          if (g) for (let k = 0; k < n; k++) analytical[k * m + j] = g.data[k];
        }
      }
      for (let q = 0; q < n * m; q++) {
        const a = analytical[q];
        const b = numerical[q];
        const ok = Math.abs(a - b) <= atol + rtol * Math.abs(b) || (Number.isNaN(a) && Number.isNaN(b));
        if (!ok)
          throw new GradcheckError(
            `Jacobian mismatch for output ${oi} with respect to input ${ii},\n` +
              `numerical:${matrix(numerical, n, m).toString()}\n` +
              `analytical:${matrix(analytical, n, m).toString()}\n`,
          );
      }
    }
  }
  for (const l of leaves) l._gradRaw = null;
  return true;
}
