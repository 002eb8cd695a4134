// Public surface of the engine: PyTorch's names, so the article's code reads the same.
//
//   import { torch, F } from './engine';
//   const x = torch.linspace(-20, 20, 1000, { requires_grad: true });
//   F.tanh(x).sum().backward();      // x.grad holds tanh'(x)
//
// Where it knowingly differs from PyTorch 1.13:
// - linspace with a non-finite bound throws `unsupported range: a -> b` (PyTorch's arange
//   text) instead of returning NaN/inf;
// - no bool/int dtypes: comparisons (gt, lt, …) return float32 0/1 masks, `max(dim)` returns
//   `indices` as nested numbers;
// - transpose/t copy (storage is always contiguous); reshape/view/detach share storage;
// - rand/randn are seeded and repeatable but not PyTorch's random streams;
// - matmul takes 1-D and 2-D operands; cross_entropy takes class indices, no label_smoothing.
import './tensor';
export { torch } from './torch';
export * as F from './functional';
export { Tensor } from './tensor';
export type { TensorLike, NestedNumbers, DimOptions } from './tensor';
export { gradcheck } from './gradcheck';
export type { GradcheckOptions } from './gradcheck';
export { onWarning } from './warnings';
export type { EngineWarning, WarningHandler } from './warnings';
export type { DType } from './dtype';
export type { TensorOptions } from './creation';
export { RuntimeError, IndexError, ValueError, GradcheckError, TorchTypeError } from './errors';
