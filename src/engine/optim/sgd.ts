// torch.optim.SGD as PyTorch 1.13's _single_tensor_sgd computes it (foreach off on CPU):
//   d_p = grad (+ weight_decay·p);  buf = momentum·buf + (1 − dampening)·d_p  (the first step
//   buf = d_p);  d_p = d_p + momentum·buf if nesterov else buf;  p = p − lr·d_p.
import type { Tensor } from '../tensor';
import type { FloatArray } from '../dtype';
import { ValueError } from '../errors';
import { Optimizer, checkHyper, like, scalarFor, fmaFor } from './optimizer';

export interface SGDOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  weight_decay?: number;
  nesterov?: boolean;
  maximize?: boolean;
}

export class SGD extends Optimizer {
  readonly lr: number;
  readonly momentum: number;
  readonly dampening: number;
  readonly weight_decay: number;
  readonly nesterov: boolean;
  readonly maximize: boolean;
  private readonly buffers: (FloatArray | null)[];

  constructor(params: Iterable<Tensor>, opts: SGDOptions) {
    super(params);
    checkHyper('learning rate', opts.lr);
    this.lr = opts.lr;
    this.momentum = opts.momentum ?? 0;
    this.dampening = opts.dampening ?? 0;
    this.weight_decay = opts.weight_decay ?? 0;
    this.nesterov = opts.nesterov ?? false;
    this.maximize = opts.maximize ?? false;
    checkHyper('momentum value', this.momentum);
    checkHyper('weight_decay value', this.weight_decay);
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0))
      throw new ValueError('Nesterov momentum requires a momentum and zero dampening');
    this.buffers = this.params.map(() => null);
  }

  step(): void {
    this.params.forEach((p, i) => {
      const g = p._gradRaw;
      if (g === null) return;
      const fma = fmaFor(p);
      const R = p.dtype === 'float32' ? Math.fround : (v: number) => v;
      const n = p.data.length;
      const pd = p.data;
      const gd = g.data;
      const wd = scalarFor(p, this.weight_decay);
      const mom = scalarFor(p, this.momentum);
      const oneMinusDamp = scalarFor(p, 1 - this.dampening);
      const negLr = scalarFor(p, -this.lr);
      let buf = this.buffers[i];
      const fresh = buf === null;
      if (this.momentum !== 0 && buf === null) buf = this.buffers[i] = like(p);
      for (let k = 0; k < n; k++) {
        let d = this.maximize ? -gd[k] : gd[k];
        if (this.weight_decay !== 0) d = fma(pd[k], wd, d);
        if (buf !== null) {
          const b = fresh ? d : fma(d, oneMinusDamp, R(buf[k] * mom));
          buf[k] = b;
          d = this.nesterov ? fma(b, mom, d) : b;
        }
        pd[k] = fma(d, negLr, pd[k]);
      }
      p._version.v++;
    });
  }
}
