// torch.nn.init: how PyTorch turns a seed into parameters. Every bound and std is computed in
// double as init.py computes it, then the tensor is filled in place from the generator
// (uniform_/normal_ in random.ts), so the numbers are PyTorch's own.
import type { Tensor } from '../tensor';
import { ValueError } from '../errors';
import type { Generator } from '../random';
import '../tensor_random';
import { no_grad } from '../grad_mode';

export type Nonlinearity =
  | 'linear' | 'conv1d' | 'conv2d' | 'conv3d' | 'conv_transpose1d' | 'conv_transpose2d' | 'conv_transpose3d'
  | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';
export type FanMode = 'fan_in' | 'fan_out';

const LINEAR_LIKE = new Set(['linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d', 'sigmoid']);

/** nn.init.calculate_gain, with init.py's error texts. */
export function calculate_gain(nonlinearity: string, param?: number | null): number {
  if (LINEAR_LIKE.has(nonlinearity)) return 1;
  if (nonlinearity === 'tanh') return 5.0 / 3;
  if (nonlinearity === 'relu') return Math.sqrt(2.0);
  if (nonlinearity === 'leaky_relu') {
    let slope = 0.01;
    if (param !== undefined && param !== null) {
      if (typeof param !== 'number' || !Number.isFinite(param)) throw new ValueError(`negative_slope ${param} not a valid number`);
      slope = param;
    }
    return Math.sqrt(2.0 / (1 + slope * slope));
  }
  if (nonlinearity === 'selu') return 3.0 / 4;
  throw new ValueError(`Unsupported nonlinearity ${nonlinearity}`);
}

export function _calculate_fan_in_and_fan_out(t: Tensor): [number, number] {
  if (t.shape.length < 2) throw new ValueError('Fan in and fan out can not be computed for tensor with fewer than 2 dimensions');
  let receptive = 1;
  for (const s of t.shape.slice(2)) receptive *= s;
  return [t.shape[1] * receptive, t.shape[0] * receptive];
}

function fanOf(t: Tensor, mode: FanMode): number {
  if (mode !== 'fan_in' && mode !== 'fan_out') throw new ValueError(`Mode ${String(mode)} not supported, please use one of fan_in, fan_out`);
  const [fanIn, fanOut] = _calculate_fan_in_and_fan_out(t);
  return mode === 'fan_in' ? fanIn : fanOut;
}

// init.py fills under torch.no_grad(), so parameters that require grad can be filled
function noGrad(t: Tensor, fill: () => unknown): Tensor {
  no_grad(fill);
  return t;
}

export function uniform_(t: Tensor, a = 0, b = 1, generator?: Generator): Tensor {
  return noGrad(t, () => t.uniform_(a, b, generator));
}

export function normal_(t: Tensor, mean = 0, std = 1, generator?: Generator): Tensor {
  return noGrad(t, () => t.normal_(mean, std, generator));
}

export function zeros_(t: Tensor): Tensor {
  return noGrad(t, () => {
    t.data.fill(0);
    t._version.v++;
  });
}

export function constant_(t: Tensor, val: number): Tensor {
  return noGrad(t, () => {
    t.data.fill(val);
    t._version.v++;
  });
}

export interface XavierOptions { gain?: number; generator?: Generator }
export interface KaimingOptions { a?: number; mode?: FanMode; nonlinearity?: Nonlinearity; generator?: Generator }

export function xavier_uniform_(t: Tensor, opts: XavierOptions = {}): Tensor {
  const [fanIn, fanOut] = _calculate_fan_in_and_fan_out(t);
  const std = (opts.gain ?? 1) * Math.sqrt(2.0 / (fanIn + fanOut));
  const a = Math.sqrt(3.0) * std;
  return uniform_(t, -a, a, opts.generator);
}

export function xavier_normal_(t: Tensor, opts: XavierOptions = {}): Tensor {
  const [fanIn, fanOut] = _calculate_fan_in_and_fan_out(t);
  const std = (opts.gain ?? 1) * Math.sqrt(2.0 / (fanIn + fanOut));
  return normal_(t, 0, std, opts.generator);
}

export function kaiming_uniform_(t: Tensor, opts: KaimingOptions = {}): Tensor {
  const fan = fanOf(t, opts.mode ?? 'fan_in');
  const gain = calculate_gain(opts.nonlinearity ?? 'leaky_relu', opts.a ?? 0);
  const std = gain / Math.sqrt(fan);
  const bound = Math.sqrt(3.0) * std;
  return uniform_(t, -bound, bound, opts.generator);
}

export function kaiming_normal_(t: Tensor, opts: KaimingOptions = {}): Tensor {
  const fan = fanOf(t, opts.mode ?? 'fan_in');
  const gain = calculate_gain(opts.nonlinearity ?? 'leaky_relu', opts.a ?? 0);
  return normal_(t, 0, gain / Math.sqrt(fan), opts.generator);
}
