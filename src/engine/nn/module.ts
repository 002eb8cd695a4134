// nn.Module's bookkeeping: parameters and submodules in registration order (so
// parameters() lists them as PyTorch does), train/eval, zero_grad, dtype conversion.
import { Tensor } from '../tensor';
import type { DType } from '../dtype';
import { alloc } from '../dtype';

export abstract class Module {
  training = true;
  private readonly params: [string, Tensor][] = [];
  private readonly children: [string, Module][] = [];

  abstract forward(x: Tensor): Tensor;

  /** What `module(x)` does in Python. */
  call(x: Tensor): Tensor {
    return this.forward(x);
  }

  protected registerParameter(name: string, t: Tensor): Tensor {
    t.requires_grad = true;
    this.params.push([name, t]);
    return t;
  }

  protected registerModule(name: string, m: Module): Module {
    this.children.push([name, m]);
    return m;
  }

  /** PyTorch's order: this module's own parameters, then each child's, depth first. */
  named_parameters(prefix = ''): [string, Tensor][] {
    const out: [string, Tensor][] = this.params.map(([n, t]) => [prefix + n, t]);
    for (const [n, m] of this.children) out.push(...m.named_parameters(`${prefix}${n}.`));
    return out;
  }

  parameters(): Tensor[] {
    return this.named_parameters().map(([, t]) => t);
  }

  named_children(): [string, Module][] {
    return [...this.children];
  }

  train(mode = true): this {
    this.training = mode;
    for (const [, m] of this.children) m.train(mode);
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** PyTorch 1.13's default (set_to_none=False) zeroes the gradients in place. */
  zero_grad(set_to_none = false): void {
    for (const p of this.parameters()) {
      if (p._gradRaw === null) continue;
      if (set_to_none) p._gradRaw = null;
      else p._gradRaw.data.fill(0);
    }
  }

  /** module.to(dtype): every parameter's storage converted in place, as PyTorch's _apply does. */
  to(dtype: DType): this {
    for (const [, p] of this.named_parameters()) {
      if (p.dtype === dtype) continue;
      const data = alloc(dtype, p.data.length);
      data.set(p.data);
      p.data = data;
      (p as { dtype: DType }).dtype = dtype;
      p._gradRaw = null;
    }
    return this;
  }

  double(): this {
    return this.to('float64');
  }

  float(): this {
    return this.to('float32');
  }
}

/** A module that applies a function with no parameters (activations, Identity). */
export class Lambda extends Module {
  constructor(private readonly fn: (x: Tensor) => Tensor, readonly name: string) {
    super();
  }
  forward(x: Tensor): Tensor {
    return this.fn(x);
  }
}
