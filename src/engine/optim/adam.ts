// torch.optim.Adam as PyTorch 1.13's _single_tensor_adam computes it (the path it takes on CPU):
//   m = β1·m + (1 − β1)·g;  v = β2·v + (1 − β2)·g·g;  v̂ = max(v̂, v) with amsgrad, else v;
//   bias corrections in double from the step, β^t as glibc's pow computes it (glibc-pow.ts);
//   denom = √v̂ / √(1 − β2^t) + eps;  p = p − (lr / (1 − β1^t))·m / denom.
import type { Tensor } from '../tensor';
import type { FloatArray } from '../dtype';
import { ValueError } from '../errors';
import { glibcPow } from '../glibc-pow';
import { Optimizer, checkHyper, like, scalarFor, fmaFor } from './optimizer';

export interface AdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weight_decay?: number;
  amsgrad?: boolean;
  maximize?: boolean;
}

export class Adam extends Optimizer {
  readonly lr: number;
  readonly betas: [number, number];
  readonly eps: number;
  readonly weight_decay: number;
  readonly amsgrad: boolean;
  readonly maximize: boolean;
  private readonly state: ({ step: number; m: FloatArray; v: FloatArray; vMax: FloatArray | null } | null)[];

  constructor(params: Iterable<Tensor>, opts: AdamOptions = {}) {
    super(params);
    this.lr = opts.lr ?? 1e-3;
    this.betas = opts.betas ?? [0.9, 0.999];
    this.eps = opts.eps ?? 1e-8;
    this.weight_decay = opts.weight_decay ?? 0;
    this.amsgrad = opts.amsgrad ?? false;
    this.maximize = opts.maximize ?? false;
    checkHyper('learning rate', this.lr);
    checkHyper('epsilon value', this.eps);
    checkHyper('weight_decay value', this.weight_decay);
    for (const [i, b] of this.betas.entries())
      if (!(b >= 0 && b < 1)) throw new ValueError(`Invalid beta parameter at index ${i}: ${b}`);
    this.state = this.params.map(() => null);
  }

  step(): void {
    const [beta1, beta2] = this.betas;
    this.params.forEach((p, i) => {
      const g = p._gradRaw;
      if (g === null) return;
      const st = (this.state[i] ??= { step: 0, m: like(p), v: like(p), vMax: this.amsgrad ? like(p) : null });
      st.step += 1;
      const fma = fmaFor(p);
      const R = p.dtype === 'float32' ? Math.fround : (v: number) => v;
      const bc1 = 1 - glibcPow(beta1, st.step);
      const bc2 = 1 - glibcPow(beta2, st.step);
      const stepSize = this.lr / bc1;
      const b1 = scalarFor(p, beta1);
      const b2 = scalarFor(p, beta2);
      const c1 = scalarFor(p, 1 - beta1);
      const c2 = scalarFor(p, 1 - beta2);
      const bc2Sqrt = scalarFor(p, Math.sqrt(bc2));
      const eps = scalarFor(p, this.eps);
      const negStep = scalarFor(p, -stepSize);
      const wd = scalarFor(p, this.weight_decay);
      const { m, v, vMax } = st;
      const pd = p.data;
      const gd = g.data;
      for (let k = 0; k < pd.length; k++) {
        let gk = this.maximize ? -gd[k] : gd[k];
        if (this.weight_decay !== 0) gk = fma(pd[k], wd, gk);
        m[k] = fma(gk, c1, R(m[k] * b1));
        v[k] = fma(R(c2 * gk), gk, R(v[k] * b2));
        let vk = v[k];
        // torch.maximum: NaN wins
        if (vMax !== null) vk = vMax[k] = vk > vMax[k] || Number.isNaN(vk) ? vk : vMax[k];
        const denom = R(R(R(Math.sqrt(vk)) / bc2Sqrt) + eps);
        pd[k] = R(pd[k] + R(R(negStep * m[k]) / denom));
      }
      p._version.v++;
    });
  }
}
