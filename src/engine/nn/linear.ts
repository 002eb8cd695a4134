// nn.Linear and nn.Sequential, initialised exactly as PyTorch 1.13 does it.
import { Tensor } from '../tensor';
import { empty, DEFAULT_DTYPE, type DType } from '../dtype';
import { Module } from './module';
import { kaiming_uniform_, uniform_, _calculate_fan_in_and_fan_out } from './init';
import { linear } from './linear_op';

export interface LinearOptions { bias?: boolean; dtype?: DType }

export class Linear extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;

  constructor(readonly in_features: number, readonly out_features: number, opts: LinearOptions = {}) {
    super();
    for (const [what, v] of [['in_features', in_features], ['out_features', out_features]] as const)
      if (!Number.isInteger(v) || v < 0) throw new RangeError(`Linear: ${what} must be a non-negative integer, got ${v}`);
    const dtype = opts.dtype ?? DEFAULT_DTYPE;
    this.weight = this.registerParameter('weight', Tensor._make(empty(dtype, out_features * in_features), [out_features, in_features], dtype));
    this.bias = opts.bias === false ? null : this.registerParameter('bias', Tensor._make(empty(dtype, out_features), [out_features], dtype));
    this.reset_parameters();
  }

  /** Linear.reset_parameters: kaiming_uniform_(a=√5) on the weight, U(±1/√fan_in) on the bias. */
  reset_parameters(): void {
    kaiming_uniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias) {
      const [fanIn] = _calculate_fan_in_and_fan_out(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      uniform_(this.bias, -bound, bound);
    }
  }

  forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias);
  }
}

export class Sequential extends Module {
  private readonly layers: Module[];
  constructor(...layers: Module[]) {
    super();
    this.layers = layers;
    layers.forEach((m, i) => this.registerModule(String(i), m));
  }
  get length(): number {
    return this.layers.length;
  }
  at(i: number): Module {
    return this.layers[i < 0 ? i + this.layers.length : i];
  }
  forward(x: Tensor): Tensor {
    let y = x;
    for (const m of this.layers) y = m.forward(y);
    return y;
  }
}
