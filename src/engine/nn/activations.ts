// One nn module per activation PyTorch has as a module, built from the class name and its
// keyword arguments (the catalog's `module.name` and parameter values), so that the lab can
// put any catalog activation into an nn.Sequential. PReLU owns a parameter and RReLU draws from
// the generator while training; the others are functions of their input.
import { Tensor } from '../tensor';
import { DEFAULT_DTYPE, alloc } from '../dtype';
import * as F from '../functional';
import { ValueError } from '../errors';
import { Module } from './module';

export type ModuleKwargs = Record<string, number | string | boolean | null | undefined>;

function num(kw: ModuleKwargs, key: string, dflt: number): number {
  const v = kw[key];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ValueError(`${key} must be a finite number, got ${String(v)}`);
  return v;
}

const FUNCTIONS: Record<string, (kw: ModuleKwargs) => (x: Tensor) => Tensor> = {
  Identity: () => (x) => x,
  ReLU: () => (x) => F.relu(x),
  ReLU6: () => (x) => F.relu6(x),
  LeakyReLU: (kw) => {
    const s = num(kw, 'negative_slope', 0.01);
    return (x) => F.leaky_relu(x, { negative_slope: s });
  },
  ELU: (kw) => {
    const a = num(kw, 'alpha', 1);
    return (x) => F.elu(x, { alpha: a });
  },
  SELU: () => (x) => F.selu(x),
  CELU: (kw) => {
    const a = num(kw, 'alpha', 1);
    return (x) => F.celu(x, { alpha: a });
  },
  GELU: (kw) => {
    const approx = kw.approximate === 'tanh' ? 'tanh' : 'none';
    return (x) => F.gelu(x, approx);
  },
  SiLU: () => (x) => F.silu(x),
  Mish: () => (x) => F.mish(x),
  Tanh: () => (x) => F.tanh(x),
  Sigmoid: () => (x) => F.sigmoid(x),
  Hardtanh: (kw) => {
    const lo = num(kw, 'min_val', -1);
    const hi = num(kw, 'max_val', 1);
    return (x) => F.hardtanh(x, { min_val: lo, max_val: hi });
  },
  Hardsigmoid: () => (x) => F.hardsigmoid(x),
  Hardswish: () => (x) => F.hardswish(x),
  Softplus: (kw) => {
    const beta = num(kw, 'beta', 1);
    const th = num(kw, 'threshold', 20);
    return (x) => F.softplus(x, { beta, threshold: th });
  },
  Softsign: () => (x) => F.softsign(x),
  LogSigmoid: () => (x) => F.logsigmoid(x),
  Tanhshrink: () => (x) => F.tanhshrink(x),
  Softshrink: (kw) => {
    const l = num(kw, 'lambd', 0.5);
    return (x) => F.softshrink(x, { lambd: l });
  },
  Hardshrink: (kw) => {
    const l = num(kw, 'lambd', 0.5);
    return (x) => F.hardshrink(x, { lambd: l });
  },
  Threshold: (kw) => {
    const th = num(kw, 'threshold', 0);
    const v = num(kw, 'value', 0);
    return (x) => F.threshold(x, th, v);
  },
  Softmax: (kw) => {
    const d = num(kw, 'dim', -1);
    return (x) => F.softmax(x, d);
  },
  LogSoftmax: (kw) => {
    const d = num(kw, 'dim', -1);
    return (x) => F.log_softmax(x, d);
  },
  Softmin: (kw) => {
    const d = num(kw, 'dim', -1);
    return (x) => F.softmin(x, d);
  },
};

/** A parameter-free activation module, e.g. `new Activation('LeakyReLU', { negative_slope: 0.2 })`. */
export class Activation extends Module {
  private readonly fn: (x: Tensor) => Tensor;
  constructor(readonly name: string, readonly kwargs: ModuleKwargs = {}) {
    super();
    const make = FUNCTIONS[name];
    if (!make) throw new ValueError(`unknown activation module nn.${name}`);
    this.fn = make(kwargs);
  }
  forward(x: Tensor): Tensor {
    return this.fn(x);
  }
}

/** nn.PReLU(num_parameters=1, init=0.25): one learned slope (or one per channel). */
export class PReLU extends Module {
  readonly weight: Tensor;
  constructor(kw: ModuleKwargs = {}) {
    super();
    const n = num(kw, 'num_parameters', 1);
    if (!Number.isInteger(n) || n < 1) throw new ValueError(`num_parameters must be a positive integer, got ${n}`);
    const data = alloc(DEFAULT_DTYPE, n).fill(num(kw, 'init', 0.25));
    this.weight = this.registerParameter('weight', Tensor._make(data, [n], DEFAULT_DTYPE));
  }
  forward(x: Tensor): Tensor {
    return F.prelu(x, this.weight);
  }
}

/** nn.RReLU(lower, upper): random negative slopes while training, their mean in eval. */
export class RReLU extends Module {
  private readonly lower: number;
  private readonly upper: number;
  constructor(kw: ModuleKwargs = {}) {
    super();
    this.lower = num(kw, 'lower', 1 / 8);
    this.upper = num(kw, 'upper', 1 / 3);
  }
  forward(x: Tensor): Tensor {
    return F.rrelu(x, { lower: this.lower, upper: this.upper, training: this.training });
  }
}

/** Every module name activationModule accepts. */
export const ACTIVATION_MODULES: readonly string[] = [...Object.keys(FUNCTIONS), 'PReLU', 'RReLU'];

export function activationModule(name: string, kwargs: ModuleKwargs = {}): Module {
  if (name === 'PReLU') return new PReLU(kwargs);
  if (name === 'RReLU') return new RReLU(kwargs);
  return new Activation(name, kwargs);
}

export class ReLU extends Activation {
  constructor() {
    super('ReLU');
  }
}
export class Tanh extends Activation {
  constructor() {
    super('Tanh');
  }
}
export class Sigmoid extends Activation {
  constructor() {
    super('Sigmoid');
  }
}
export class Identity extends Activation {
  constructor() {
    super('Identity');
  }
}
