// F.linear(x, W, b) = x·Wᵀ + b, from the engine's own ops (their nodes are PyTorch's: TBackward0,
// MmBackward0, AddBackward0; PyTorch fuses them into one AddmmBackward0, same values).
import type { Tensor } from '../tensor';
import { RuntimeError } from '../errors';
import { mm } from '../ops/matmul';
import { t } from '../ops/view';
import { add } from '../ops/binary';

export function linear(x: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  if (x.shape.length !== 2) throw new RuntimeError(`linear: expected a 2-D input (batch, features), got ${x.shape.length}-D`);
  if (x.shape[1] !== weight.shape[1])
    throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${x.shape[0]}x${x.shape[1]} and ${weight.shape[1]}x${weight.shape[0]})`);
  const y = mm(x, t(weight));
  return bias ? add(y, bias) : y;
}
