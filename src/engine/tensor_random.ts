// Tensor.normal_ / uniform_ (PyTorch's in-place samplers), kept out of tensor.ts: they write the
// generator's numbers straight into storage, with the same in-place checks as any other op.
import { Tensor } from './tensor';
import { RuntimeError } from './errors';
import { type Generator, fillNormal, fillUniform } from './random';

declare module './tensor' {
  interface Tensor {
    /** In place: N(mean, std²) from the default generator (or `generator`), PyTorch's streams. */
    normal_(mean?: number, std?: number, generator?: Generator): this;
    /** In place: U(from, to) from the default generator (or `generator`), PyTorch's streams. */
    uniform_(from?: number, to?: number, generator?: Generator): this;
  }
}

Tensor.prototype.normal_ = function (this: Tensor, mean = 0, std = 1, generator?: Generator) {
  if (!(std >= 0)) throw new RuntimeError(`normal expects std >= 0.0, but found std ${std}`);
  this._checkInplace();
  fillNormal(this.data, mean, std, generator);
  this._version.v++;
  return this;
};

Tensor.prototype.uniform_ = function (this: Tensor, from = 0, to = 1, generator?: Generator) {
  if (!(from <= to))
    throw new RuntimeError(`uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`);
  this._checkInplace();
  fillUniform(this.data, from, to, generator);
  this._version.v++;
  return this;
};
