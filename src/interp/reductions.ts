// Ops that combine elements (sums, means, softmax, matrix products). The interpreter evaluates
// them like any other; an elementwise reading (the custom layer) asks `mixingOps` what was met,
// so it can say "x.mean() at line 20" rather than only that the curve depends on other points.
import { F, Tensor, torch } from '../engine';
import { type Ctx, registerFunction, registerMethod } from './registry';
import { bind, boolArg, numberArg, tensorArg } from './signature';
import type { CallArgs, CallSite, Value } from './values';

const KEY = Symbol('mixing');

export interface MixingOp {
  what: string;
  /** 0-based. */
  line: number;
}

export function noteMixing(ctx: Pick<Ctx, 'state'>, what: string, line: number): void {
  let list = ctx.state.get(KEY) as MixingOp[] | undefined;
  if (!list) ctx.state.set(KEY, (list = []));
  if (list.length < 16) list.push({ what, line });
}

/** The element-combining ops met so far in this evaluation, in order. */
export function mixingOps(ctx: Pick<Ctx, 'state'>): MixingOp[] {
  return (ctx.state.get(KEY) as MixingOp[] | undefined) ?? [];
}

function dimArg(v: Value | undefined, site: CallSite, ctx: Ctx, fname: string): number | null {
  if (v === undefined || v === null) return null;
  return numberArg(v, fname, 'dim', site, ctx);
}

function reduction(name: 'sum' | 'mean'): void {
  const run = (x: Tensor, call: CallArgs, site: CallSite, ctx: Ctx, spelled: string): Tensor => {
    const [dim, keepdim] = bind(call, site, ctx, name, ['dim', 'keepdim', '*', 'dtype']);
    noteMixing(ctx, spelled, site.line);
    const d = dimArg(dim, site, ctx, name);
    return d === null ? x[name]() : x[name](d, boolArg(keepdim, false));
  };
  registerMethod(name, (self, call, site, ctx) => run(self, call, site, ctx, `x.${name}()`));
  registerFunction(`torch.${name}`, (call, site, ctx) => {
    const [input, ...rest] = call.args;
    return run(tensorArg(input, name, 'input', site, ctx), { args: rest, kwargs: call.kwargs }, site, ctx, `torch.${name}(…)`);
  });
}
reduction('sum');
reduction('mean');

for (const name of ['softmax', 'log_softmax'] as const) {
  const run = (x: Tensor, dim: Value | undefined, site: CallSite, ctx: Ctx, spelled: string): Tensor => {
    noteMixing(ctx, spelled, site.line);
    const d = dimArg(dim, site, ctx, name);
    if (d === null) return ctx.fail(`${spelled} without dim`, site.line);
    return F[name](x, d);
  };
  registerFunction([`torch.${name}`, `torch.nn.functional.${name}`], (call, site, ctx) => {
    const [input, dim] = bind(call, site, ctx, name, ['input', 'dim', '_stacklevel', 'dtype']);
    return run(tensorArg(input, name, 'input', site, ctx), dim, site, ctx, `${name}(…)`);
  });
  registerMethod(name, (self, call, site, ctx) => run(self, bind(call, site, ctx, name, ['dim', 'dtype'])[0], site, ctx, `x.${name}(…)`));
}

registerFunction(['torch.matmul', 'torch.mm'], (call, site, ctx) => {
  const [a, b] = bind(call, site, ctx, 'matmul', ['input', 'other']);
  noteMixing(ctx, 'a matrix product', site.line);
  return torch.matmul(tensorArg(a, 'matmul', 'input', site, ctx), tensorArg(b, 'matmul', 'other', site, ctx));
});
