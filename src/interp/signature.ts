// Binding a builtin's arguments the way PyTorch's Python signatures do: positional, then by
// keyword; a wrong keyword or a non-tensor where a tensor goes is PyTorch's TypeError, as a reason.
import { Tensor } from '../engine';
import { isPyNum, scalarOf } from './pynum';
import type { Ctx } from './registry';
import { type CallArgs, type CallSite, Opaque, type Value, typeName } from './values';

/**
 * Maps the call's arguments onto `names` (PyTorch's parameter names in order; names after a
 * '*' entry are keyword-only). Missing ones are undefined.
 */
export function bind(call: CallArgs, site: CallSite, ctx: Ctx, fname: string, names: string[]): (Value | undefined)[] {
  const star = names.indexOf('*');
  const params = names.filter((n) => n !== '*');
  const positionalCount = star < 0 ? params.length : star;
  if (call.args.length > positionalCount)
    ctx.fail(`PyTorch would raise TypeError: ${fname}() takes ${positionalCount} positional arguments but ${call.args.length} were given`, site.line);
  const out: (Value | undefined)[] = params.map((_, i) => (i < call.args.length ? call.args[i] : undefined));
  for (const [k, v] of call.kwargs) {
    const i = params.indexOf(k);
    if (i < 0) ctx.fail(`PyTorch would raise TypeError: ${fname}() got an unexpected keyword argument '${k}'`, site.line);
    if (out[i] !== undefined) ctx.fail(`PyTorch would raise TypeError: ${fname}() got multiple values for argument '${k}'`, site.line);
    out[i] = v;
  }
  return out;
}

export function tensorArg(v: Value | undefined, fname: string, arg: string, site: CallSite, ctx: Ctx): Tensor {
  if (v instanceof Tensor) return v;
  return ctx.fail(`PyTorch would raise TypeError: ${fname}(): argument '${arg}' must be Tensor, not ${v === undefined ? 'nothing' : typeName(v)}`, site.line);
}

export function numberArg(v: Value | undefined, fname: string, arg: string, site: CallSite, ctx: Ctx, dflt?: number): number {
  if (v === undefined || (v === null && dflt !== undefined)) {
    if (dflt !== undefined) return dflt;
    return ctx.fail(`PyTorch would raise TypeError: ${fname}() missing required argument '${arg}'`, site.line);
  }
  if (isPyNum(v)) return scalarOf(v);
  // a 1-element tensor where PyTorch takes a number is read as a number (Scalar conversion)
  if (v instanceof Tensor && v.numel() === 1) return v.data[0]!;
  return ctx.fail(`PyTorch would raise TypeError: ${fname}(): argument '${arg}' must be a number, not ${typeName(v)}`, site.line);
}

/** A number or a tensor (binary ops, clamp's bounds, where's branches); null/undefined when absent. */
export function tensorOrNumber(v: Value | undefined, fname: string, arg: string, site: CallSite, ctx: Ctx): Tensor | number | null {
  if (v === undefined || v === null) return null;
  if (v instanceof Tensor) return v;
  if (isPyNum(v)) return scalarOf(v);
  return ctx.fail(`PyTorch would raise TypeError: ${fname}(): argument '${arg}' must be Tensor or a number, not ${typeName(v)}`, site.line);
}

export function boolArg(v: Value | undefined, dflt: boolean): boolean {
  if (v === undefined || v === null) return dflt;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'number') return v !== 0;
  return true;
}

export function stringArg(v: Value | undefined, fname: string, arg: string, site: CallSite, ctx: Ctx, dflt: string): string {
  if (v === undefined || v === null) return dflt;
  if (typeof v === 'string') return v;
  return ctx.fail(`PyTorch would raise TypeError: ${fname}(): argument '${arg}' must be str, not ${typeName(v)}`, site.line);
}

export const DTYPES: Record<string, 'float32' | 'float64'> = { float32: 'float32', float: 'float32', float64: 'float64', double: 'float64' };

/** A dtype argument: torch.float32 / torch.float64 (and their aliases); other dtypes are outside the engine. */
export function dtypeArg(v: Value | undefined, fname: string, site: CallSite, ctx: Ctx): 'float32' | 'float64' | undefined {
  if (v === undefined || v === null) return undefined;
  if (v instanceof Opaque && v.tag === 'dtype') {
    const d = DTYPES[v.name];
    if (d) return d;
    return ctx.fail(`${fname}() with dtype torch.${v.name}, which the engine does not have`, site.line);
  }
  return ctx.fail(`PyTorch would raise TypeError: ${fname}(): argument 'dtype' must be torch.dtype, not ${typeName(v)}`, site.line);
}
