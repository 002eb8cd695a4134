// The engine has no bool dtype: comparisons give float32 0/1 tensors. The interpreter remembers
// which tensors are such masks, so `~mask` and `mask & other` mean what they mean on PyTorch's
// bool tensors, and `~x` on a float tensor is refused as PyTorch refuses it.
import type { Tensor } from '../engine';

interface Holder {
  readonly state: Map<unknown, unknown>;
}
const KEY = Symbol('masks');

function set(h: Holder): WeakSet<Tensor> {
  let s = h.state.get(KEY) as WeakSet<Tensor> | undefined;
  if (!s) h.state.set(KEY, (s = new WeakSet()));
  return s;
}

export function markMask(h: Holder, t: Tensor): Tensor {
  set(h).add(t);
  return t;
}

export function isMask(h: Holder, t: unknown): boolean {
  return typeof t === 'object' && t !== null && set(h).has(t as Tensor);
}
