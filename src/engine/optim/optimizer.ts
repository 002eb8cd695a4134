// The part of torch.optim.Optimizer the lab needs: a flat parameter list, zero_grad, and the
// elementwise arithmetic of PyTorch's CPU kernels. The AVX2 build computes `a + alpha·b` (add
// with alpha) and `self + value·t1·t2` (addcmul) as fused multiply-adds — the vector code by
// intrinsic, the scalar tail by GCC's contraction — so the updates below use fma32/fmaExact where
// PyTorch fuses and one rounding per operation elsewhere.
import type { Tensor } from '../tensor';
import type { FloatArray } from '../dtype';
import { alloc } from '../dtype';
import { fma32, fmaExact } from '../fma';
import { ValueError } from '../errors';

export abstract class Optimizer {
  readonly params: Tensor[];
  constructor(params: Iterable<Tensor>) {
    this.params = [...params];
    if (this.params.length === 0) throw new ValueError('optimizer got an empty parameter list');
  }

  /** PyTorch 1.13's default set_to_none=False: gradients are zeroed in place. */
  zero_grad(set_to_none = false): void {
    for (const p of this.params) {
      if (p._gradRaw === null) continue;
      if (set_to_none) p._gradRaw = null;
      else p._gradRaw.data.fill(0);
    }
  }

  abstract step(): void;
}

export function checkHyper(name: string, v: number, min = 0): void {
  if (!Number.isFinite(v) || v < min) throw new ValueError(`Invalid ${name}: ${v}`);
}

/** A state buffer shaped like p's storage. */
export function like(p: Tensor): FloatArray {
  return alloc(p.dtype, p.data.length);
}

/** Scalars reach a float32 kernel cast to float (Scalar.to<float>()). */
export function scalarFor(p: Tensor, v: number): number {
  return p.dtype === 'float32' ? Math.fround(v) : v;
}

export function fmaFor(p: Tensor): (a: number, b: number, c: number) => number {
  return p.dtype === 'float32' ? fma32 : fmaExact;
}
