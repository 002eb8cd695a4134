// Python's own builtins and the `math` module, for the values activations compute with:
// constants (math.pi), scalar functions (math.sqrt(2 / math.pi)), abs/min/max/float/int, and
// super().__init__() in a module's constructor.
import { Tensor, torch } from '../engine';
import { no_grad } from '../engine/grad_mode';
import { erf as erf64, erfc as erfc64 } from '../engine/erf';
import { isPyNum, PyArithmeticError, pyCompare, scalarOf, toFloat, type PyNum } from './pynum';
import { type Ctx, registerConstant, registerContext, registerFunction, registerModule } from './registry';
import { bind } from './signature';
import { type CallArgs, type CallSite, Opaque, PyList, PyTuple, type Value, typeName } from './values';

registerModule(['math', 'builtins']);
registerConstant('math.pi', Math.PI);
registerConstant('math.e', Math.E);
registerConstant('math.tau', 2 * Math.PI);
registerConstant('math.inf', Infinity);
registerConstant('math.nan', NaN);
// PyTorch's own copies (torch.pi since 1.10), as transformer code often writes them
registerConstant('torch.pi', Math.PI);
registerConstant('torch.e', Math.E);
registerConstant('torch.inf', Infinity);
registerConstant('torch.nan', NaN);

/** A math function's float argument: Python numbers, or a one-element tensor (math converts it). */
function floatArg(v: Value | undefined, fname: string, site: CallSite, ctx: Ctx): number {
  if (v !== undefined && isPyNum(v)) return toFloat(v);
  if (v instanceof Tensor && v.numel() === 1) return v.data[0]!;
  if (v instanceof Tensor) return ctx.fail(`PyTorch would raise ValueError: only one element tensors can be converted to Python scalars (math.${fname})`, site.line);
  return ctx.fail(`PyTorch would raise TypeError: must be real number, not ${v === undefined ? 'nothing' : typeName(v)} (math.${fname})`, site.line);
}

function mathFn(name: string, f: (v: number) => number, domain: (v: number) => boolean = () => true): void {
  registerFunction(`math.${name}`, (call, site, ctx) => {
    const [a] = bind(call, site, ctx, `math.${name}`, ['x']);
    const v = floatArg(a, name, site, ctx);
    if (!domain(v)) throw new PyArithmeticError('ValueError: math domain error');
    const r = f(v);
    if (!Number.isFinite(r) && Number.isFinite(v)) throw new PyArithmeticError('OverflowError: math range error');
    return r;
  });
}
mathFn('sqrt', Math.sqrt, (v) => v >= 0 || v !== v);
mathFn('exp', Math.exp);
mathFn('expm1', Math.expm1);
mathFn('log1p', Math.log1p, (v) => v > -1 || v !== v);
mathFn('log2', Math.log2, (v) => v > 0 || v !== v);
mathFn('log10', Math.log10, (v) => v > 0 || v !== v);
mathFn('tanh', Math.tanh);
mathFn('sinh', Math.sinh);
mathFn('cosh', Math.cosh);
mathFn('sin', Math.sin);
mathFn('cos', Math.cos);
mathFn('tan', Math.tan);
mathFn('atan', Math.atan);
mathFn('asin', Math.asin, (v) => Math.abs(v) <= 1);
mathFn('acos', Math.acos, (v) => Math.abs(v) <= 1);
mathFn('fabs', Math.abs);
mathFn('erf', erf64);
mathFn('erfc', erfc64);
registerFunction('math.log', (call, site, ctx) => {
  const [a, base] = bind(call, site, ctx, 'math.log', ['x', 'base']);
  const v = floatArg(a, 'log', site, ctx);
  if (!(v > 0)) throw new PyArithmeticError('ValueError: math domain error');
  if (base === undefined) return Math.log(v);
  const b = floatArg(base, 'log', site, ctx);
  if (!(b > 0) || b === 1) throw new PyArithmeticError(b === 1 ? 'ZeroDivisionError: float division by zero' : 'ValueError: math domain error');
  return Math.log(v) / Math.log(b);
});
registerFunction('math.pow', (call, site, ctx) => {
  const [a, b] = bind(call, site, ctx, 'math.pow', ['x', 'y']);
  const x = floatArg(a, 'pow', site, ctx);
  const y = floatArg(b, 'pow', site, ctx);
  if (x < 0 && !Number.isInteger(y)) throw new PyArithmeticError('ValueError: math domain error');
  const r = x === 1 || y === 0 ? 1 : Math.pow(x, y);
  if (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y)) throw new PyArithmeticError('OverflowError: math range error');
  return r;
});
for (const [name, f] of [['floor', Math.floor], ['ceil', Math.ceil], ['trunc', Math.trunc]] as const)
  registerFunction(`math.${name}`, (call, site, ctx) => {
    const v = floatArg(bind(call, site, ctx, `math.${name}`, ['x'])[0], name, site, ctx);
    if (!Number.isFinite(v)) throw new PyArithmeticError('OverflowError: cannot convert float infinity to integer');
    return BigInt(f(v));
  });

// ---- builtins
registerFunction('builtins.abs', (call, site, ctx) => {
  const [v] = bind(call, site, ctx, 'abs', ['x']);
  if (v instanceof Tensor) return torch.abs(v);
  if (v !== undefined && isPyNum(v)) return typeof v === 'number' ? Math.abs(v) : (() => { const n = typeof v === 'boolean' ? (v ? 1n : 0n) : v; return n < 0n ? -n : n; })();
  return ctx.fail(`abs() of a ${v === undefined ? 'nothing' : typeName(v)}`, site.line);
});

function extreme(name: 'min' | 'max') {
  return (call: CallArgs, site: CallSite, ctx: Ctx): Value => {
    const items = call.args.length === 1 && (call.args[0] instanceof PyTuple || call.args[0] instanceof PyList) ? call.args[0].items : call.args;
    if (call.kwargs.size > 0 || items.length === 0) return ctx.fail(`${name}() with keywords or nothing to compare`, site.line);
    let best = items[0]!;
    for (const v of items.slice(1)) {
      // Python compares with `<`: on tensors that asks a truth value, which PyTorch refuses for more than one element
      if (!isPyNum(best) || !isPyNum(v)) return ctx.fail(`Python's ${name}() over tensors (use torch.${name === 'max' ? 'maximum' : 'minimum'})`, site.line);
      if (pyCompare(name === 'max' ? '>' : '<', v, best)) best = v;
    }
    return best;
  };
}
registerFunction('builtins.max', extreme('max'));
registerFunction('builtins.min', extreme('min'));
registerFunction('builtins.float', (call, site, ctx) => {
  const [v] = bind(call, site, ctx, 'float', ['x']);
  if (v === undefined) return 0;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    const n = t === 'inf' || t === '+inf' || t === 'infinity' ? Infinity : t === '-inf' || t === '-infinity' ? -Infinity : t === 'nan' ? NaN : Number(t);
    if (Number.isNaN(n) && t !== 'nan') return ctx.fail(`ValueError: could not convert string to float: '${v.slice(0, 40)}'`, site.line);
    return n;
  }
  if (v instanceof Tensor && v.numel() === 1) return v.data[0]!;
  if (isPyNum(v)) return toFloat(v);
  return ctx.fail(`float() of a ${typeName(v)}`, site.line);
});
registerFunction('builtins.int', (call, site, ctx) => {
  const [v] = bind(call, site, ctx, 'int', ['x']);
  if (v === undefined) return 0n;
  const f = v instanceof Tensor && v.numel() === 1 ? v.data[0]! : isPyNum(v) ? v : null;
  if (f === null) return ctx.fail(`int() of a ${typeName(v)}`, site.line);
  if (typeof f === 'bigint') return f;
  if (typeof f === 'boolean') return f ? 1n : 0n;
  if (!Number.isFinite(f)) throw new PyArithmeticError('OverflowError: cannot convert float infinity to integer');
  return BigInt(Math.trunc(f));
});
registerFunction('builtins.bool', (call, site, ctx) => {
  const [v] = bind(call, site, ctx, 'bool', ['x']);
  if (v === undefined || v === null) return false;
  if (isPyNum(v)) return pyCompare('!=', v, 0n);
  return ctx.fail(`bool() of a ${typeName(v)}`, site.line);
});
registerFunction('builtins.pow', (call, site, ctx) => {
  const [a, b] = bind(call, site, ctx, 'pow', ['base', 'exp']);
  if (a instanceof Tensor || b instanceof Tensor) {
    const x = a instanceof Tensor ? a : isPyNum(a!) ? scalarOf(a as PyNum) : ctx.fail('pow() of a non-number', site.line);
    const y = b instanceof Tensor ? b : isPyNum(b!) ? scalarOf(b as PyNum) : ctx.fail('pow() of a non-number', site.line);
    return torch.pow(x, y);
  }
  return ctx.fail('pow() of Python numbers (use **)', site.line);
});
registerFunction('builtins.print', () => null);
registerFunction('builtins.super', () => new Opaque('super', ''));
registerFunction('super.__init__', () => null);

registerFunction('torch.no_grad', (call, site, ctx) => (bind(call, site, ctx, 'no_grad', []), new Opaque('context', 'no_grad')));
registerContext('no_grad', (run) => no_grad(run));
