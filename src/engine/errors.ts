// PyTorch raises Python exception classes; callers match on `name` and the exact text.
export class RuntimeError extends Error {
  override name = 'RuntimeError';
}
export class IndexError extends Error {
  override name = 'IndexError';
}
export class ValueError extends Error {
  override name = 'ValueError';
}
export class TorchTypeError extends Error {
  override name = 'TypeError';
}
export class GradcheckError extends RuntimeError {
  override name = 'GradcheckError';
}
