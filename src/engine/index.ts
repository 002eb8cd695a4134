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
// - float64 randn/normal_ are bit for bit with glibc's log/sin/cos as an x86-64 CPU with FMA runs
//   them (glibc-libm.ts); where PyTorch runs on a CPU without FMA, glibc takes other variants whose
//   last bits may differ. The rest of the generator is bit for bit;
// - matmul takes 1-D and 2-D operands; cross_entropy takes class indices, no label_smoothing;
// - with a number first, torch.sub(2, t) and torch.div(2, t) are Python's `2 - t` and `2 / t`
//   (RsubBackward1; reciprocal(t) * 2, MulBackward0), torch.pow(2, t) is the function
//   (PowBackward2), TypeScript having no operators;
// - float32 sums (sum, mean, matmul, broadcast gradients) accumulate in double and round once;
//   PyTorch accumulates in float32, so results differ by PyTorch's own rounding;
// - a float64 0-d tensor meeting a float32 tensor is cast through a ToCopyBackward0 node
//   (PyTorch casts inside the op), same values and gradients.
// test/unit/engine/conformance-*.test.ts check the rest against PyTorch's own answers.
import './tensor';
import './tensor_random';
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
export * as nn from './nn';
export * as optim from './optim';
export { Generator, default_generator } from './random';
export type { GeneratorState } from './random';
