// Public surface of the engine: PyTorch's names, so the article's code reads the same.
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
