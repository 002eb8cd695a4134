// torch.*, torch.special.*, torch.nn.functional.* and Tensor methods the engine has, as the
// interpreter's builtins. Elementwise functions are listed once with every spelling PyTorch gives
// them (function, special alias, method, in-place method); the rest take PyTorch's signatures.
import { F, Tensor, torch } from '../engine';
import { markMask } from './masks';
import { registerConstant, registerFunction, registerMethod, registerModule, registerTensorAttribute, type Ctx } from './registry';
import { bind, boolArg, dtypeArg, numberArg, stringArg, tensorArg, tensorOrNumber } from './signature';
import { type CallArgs, type CallSite, Opaque, PyTuple, type Value } from './values';

type Unary = (x: Tensor) => Tensor;

/** Registers a one-tensor function under its torch/special/F paths and as a Tensor method (and in-place method). */
function unary(name: string, fn: Unary, more: { torch?: string[]; special?: string[]; F?: string[]; method?: string[]; inplace?: boolean } = {}): void {
  const paths = [...(more.torch ?? [name]).map((n) => `torch.${n}`), ...(more.special ?? []).map((n) => `torch.special.${n}`), ...(more.F ?? []).map((n) => `torch.nn.functional.${n}`)];
  registerFunction(paths, (call, site, ctx) => {
    const [input] = bind(call, site, ctx, name, ['input', '*', 'out']);
    return fn(tensorArg(input, name, 'input', site, ctx));
  });
  for (const m of more.method ?? [name]) {
    registerMethod(m, (self, call, site, ctx) => {
      bind(call, site, ctx, m, []);
      return fn(self);
    });
    if (more.inplace !== false)
      registerMethod(`${m}_`, (self, call, site, ctx) => {
        bind(call, site, ctx, `${m}_`, []);
        return self._inplace((s) => fn(s));
      });
  }
}

unary('tanh', torch.tanh, { F: ['tanh'] });
unary('sigmoid', torch.sigmoid, { F: ['sigmoid'], special: ['expit'] });
unary('exp', torch.exp);
unary('log', torch.log);
unary('log1p', torch.log1p, { special: ['log1p'] });
unary('expm1', torch.expm1, { special: ['expm1'] });
unary('sqrt', torch.sqrt);
unary('abs', torch.abs, { torch: ['abs', 'absolute'], method: ['abs', 'absolute'] });
unary('neg', torch.neg, { torch: ['neg', 'negative'], method: ['neg', 'negative'] });
unary('square', torch.square);
unary('reciprocal', torch.reciprocal);
unary('sin', torch.sin);
unary('cos', torch.cos);
unary('atan', torch.atan, { torch: ['atan', 'arctan'], method: ['atan', 'arctan'] });
unary('sign', torch.sign);
unary('log2', torch.log2);
unary('log10', torch.log10);
unary('erf', torch.erf, { special: ['erf'] });
unary('erfc', torch.erfc, { special: ['erfc'] });
unary('softsign', F.softsign, { torch: [], F: ['softsign'], method: [] });
unary('tanhshrink', F.tanhshrink, { torch: [], F: ['tanhshrink'], method: [] });
unary('logsigmoid', F.logsigmoid, { torch: [], F: ['logsigmoid'], method: [] });
unary('selu', torch.selu, { torch: ['selu'], F: [], method: [] });

/** F.<name>(input, inplace=False): in place when asked, through the engine's own in-place path. */
function withInplace(name: string, fn: Unary, methods: string[] = []): void {
  registerFunction(`torch.nn.functional.${name}`, (call, site, ctx) => {
    const [input, inplace] = bind(call, site, ctx, name, ['input', 'inplace']);
    const x = tensorArg(input, name, 'input', site, ctx);
    return boolArg(inplace, false) ? x._inplace((s) => fn(s)) : fn(x);
  });
  for (const m of methods) {
    registerMethod(m, (self, call, site, ctx) => (bind(call, site, ctx, m, []), fn(self)));
    registerMethod(`${m}_`, (self, call, site, ctx) => (bind(call, site, ctx, `${m}_`, []), self._inplace((s) => fn(s))));
  }
}
withInplace('relu', torch.relu, ['relu']);
registerFunction('torch.relu', (call, site, ctx) => torch.relu(tensorArg(bind(call, site, ctx, 'relu', ['input'])[0], 'relu', 'input', site, ctx)));
registerFunction('torch.nn.functional.relu_', (call, site, ctx) => tensorArg(bind(call, site, ctx, 'relu_', ['input'])[0], 'relu_', 'input', site, ctx)._inplace((s) => torch.relu(s)));
withInplace('relu6', (x) => F.relu6(x));
withInplace('selu', (x) => F.selu(x));
withInplace('silu', (x) => F.silu(x));
withInplace('mish', (x) => F.mish(x));
withInplace('hardsigmoid', (x) => F.hardsigmoid(x));
withInplace('hardswish', (x) => F.hardswish(x));

function scalarParam(name: string, params: [string, number][], fn: (x: Tensor, ...p: number[]) => Tensor, inplaceAt = -1): void {
  registerFunction(`torch.nn.functional.${name}`, (call, site, ctx) => {
    const names = ['input', ...params.map((p) => p[0]), ...(inplaceAt >= 0 ? ['inplace'] : [])];
    const vals = bind(call, site, ctx, name, names);
    const x = tensorArg(vals[0], name, 'input', site, ctx);
    const ps = params.map(([p, d], i) => numberArg(vals[i + 1], name, p, site, ctx, d));
    const inplace = inplaceAt >= 0 && boolArg(vals[params.length + 1], false);
    return inplace ? x._inplace((s) => fn(s, ...ps)) : fn(x, ...ps);
  });
}
scalarParam('leaky_relu', [['negative_slope', 0.01]], (x, s) => F.leaky_relu(x, s), 1);
scalarParam('elu', [['alpha', 1]], (x, a) => F.elu(x, a), 1);
scalarParam('celu', [['alpha', 1]], (x, a) => F.celu(x, a), 1);
scalarParam('softplus', [['beta', 1], ['threshold', 20]], (x, b, t) => F.softplus(x, b, t));
scalarParam('hardtanh', [['min_val', -1], ['max_val', 1]], (x, lo, hi) => F.hardtanh(x, lo, hi), 2);
scalarParam('softshrink', [['lambd', 0.5]], (x, l) => F.softshrink(x, l));
scalarParam('hardshrink', [['lambd', 0.5]], (x, l) => F.hardshrink(x, l));
registerFunction('torch.nn.functional.threshold', (call, site, ctx) => {
  const [input, th, value, inplace] = bind(call, site, ctx, 'threshold', ['input', 'threshold', 'value', 'inplace']);
  const x = tensorArg(input, 'threshold', 'input', site, ctx);
  const t = numberArg(th, 'threshold', 'threshold', site, ctx);
  const v = numberArg(value, 'threshold', 'value', site, ctx);
  return boolArg(inplace, false) ? x._inplace((s) => F.threshold(s, t, v)) : F.threshold(x, t, v);
});
registerFunction('torch.nn.functional.gelu', (call, site, ctx) => {
  const [input, approximate] = bind(call, site, ctx, 'gelu', ['input', 'approximate']);
  const a = stringArg(approximate, 'gelu', 'approximate', site, ctx, 'none');
  if (a !== 'none' && a !== 'tanh') ctx.fail('PyTorch would raise RuntimeError: approximate argument must be either none or tanh.', site.line);
  return F.gelu(tensorArg(input, 'gelu', 'input', site, ctx), a as 'none' | 'tanh');
});

// ---- binary arithmetic: torch.add(a, b, alpha=…), a.add(b), in-place methods
function binaryOp(name: string, fn: (a: Tensor | number, b: Tensor | number) => Tensor, aliases: string[] = []): void {
  for (const n of [name, ...aliases]) {
    registerFunction(`torch.${n}`, (call, site, ctx) => {
      const [a, b] = bind(call, site, ctx, n, ['input', 'other', '*', 'out']);
      const x = tensorOrNumber(a, n, 'input', site, ctx);
      const y = tensorOrNumber(b, n, 'other', site, ctx);
      if (x === null || y === null) return ctx.fail(`PyTorch would raise TypeError: ${n}() missing a required argument`, site.line);
      if (!(x instanceof Tensor) && !(y instanceof Tensor)) return ctx.fail(`PyTorch would raise TypeError: ${n}(): argument 'input' must be Tensor, not a number`, site.line);
      return fn(x, y);
    });
    registerMethod(n, (self, call, site, ctx) => {
      const [b] = bind(call, site, ctx, n, ['other']);
      const y = tensorOrNumber(b, n, 'other', site, ctx);
      if (y === null) return ctx.fail(`PyTorch would raise TypeError: ${n}() missing required argument 'other'`, site.line);
      return fn(self, y);
    });
    registerMethod(`${n}_`, (self, call, site, ctx) => {
      const [b] = bind(call, site, ctx, `${n}_`, ['other']);
      const y = tensorOrNumber(b, n, 'other', site, ctx);
      if (y === null) return ctx.fail(`PyTorch would raise TypeError: ${n}_() missing required argument 'other'`, site.line);
      return self._inplace((s) => fn(s, y));
    });
  }
}
function withAlpha(fn: (a: Tensor | number, b: Tensor | number, o?: { alpha?: number }) => Tensor, name: string): void {
  registerFunction(`torch.${name}`, (call, site, ctx) => {
    const [a, b, alpha] = bind(call, site, ctx, name, ['input', 'other', '*', 'alpha', 'out']);
    const x = tensorOrNumber(a, name, 'input', site, ctx);
    const y = tensorOrNumber(b, name, 'other', site, ctx);
    if (x === null || y === null) return ctx.fail(`PyTorch would raise TypeError: ${name}() missing a required argument`, site.line);
    return fn(x, y, alpha === undefined ? undefined : { alpha: numberArg(alpha, name, 'alpha', site, ctx) });
  });
  const method = (inplace: boolean) => (self: Tensor, call: CallArgs, site: CallSite, ctx: Ctx) => {
    const [b, alpha] = bind(call, site, ctx, name, ['other', '*', 'alpha']);
    const y = tensorOrNumber(b, name, 'other', site, ctx);
    if (y === null) return ctx.fail(`PyTorch would raise TypeError: ${name}() missing required argument 'other'`, site.line);
    const o = alpha === undefined ? undefined : { alpha: numberArg(alpha, name, 'alpha', site, ctx) };
    return inplace ? self._inplace((s) => fn(s, y, o)) : fn(self, y, o);
  };
  registerMethod(name, method(false));
  registerMethod(`${name}_`, method(true));
}
withAlpha(torch.add, 'add');
withAlpha(torch.sub, 'sub');
withAlpha(torch.sub, 'subtract');
binaryOp('mul', torch.mul, ['multiply']);
binaryOp('div', torch.div, ['divide', 'true_divide']);
binaryOp('pow', torch.pow);
binaryOp('maximum', (a, b) => torch.maximum(a, b));
binaryOp('minimum', (a, b) => torch.minimum(a, b));
registerFunction('torch.rsub', (call, site, ctx) => {
  const [a, b] = bind(call, site, ctx, 'rsub', ['input', 'other']);
  return torch.rsub(tensorArg(a, 'rsub', 'input', site, ctx), tensorOrNumber(b, 'rsub', 'other', site, ctx) ?? 0);
});

for (const [name, fn] of [['gt', torch.gt], ['lt', torch.lt], ['ge', torch.ge], ['le', torch.le], ['eq', torch.eq], ['ne', torch.ne]] as const) {
  registerFunction(`torch.${name}`, (call, site, ctx) => {
    const [a, b] = bind(call, site, ctx, name, ['input', 'other']);
    return markMask(ctx, fn(tensorArg(a, name, 'input', site, ctx), tensorOrNumber(b, name, 'other', site, ctx) ?? 0));
  });
  registerMethod(name, (self, call, site, ctx) => markMask(ctx, fn(self, tensorOrNumber(bind(call, site, ctx, name, ['other'])[0], name, 'other', site, ctx) ?? 0)));
}

// ---- clamp with number or tensor bounds
function clampCall(self: Tensor, lo: Value | undefined, hi: Value | undefined, site: CallSite, ctx: Ctx, inplace: boolean): Tensor {
  const l = tensorOrNumber(lo, 'clamp', 'min', site, ctx);
  const h = tensorOrNumber(hi, 'clamp', 'max', site, ctx);
  if (l === null && h === null) ctx.fail("PyTorch would raise RuntimeError: torch.clamp: At least one of 'min' or 'max' must not be None", site.line);
  return inplace ? self._inplace((s) => torch.clamp(s, l, h)) : torch.clamp(self, l, h);
}
for (const n of ['clamp', 'clip']) {
  registerFunction(`torch.${n}`, (call, site, ctx) => {
    const [input, lo, hi] = bind(call, site, ctx, n, ['input', 'min', 'max', '*', 'out']);
    return clampCall(tensorArg(input, n, 'input', site, ctx), lo, hi, site, ctx, false);
  });
  registerMethod(n, (self, call, site, ctx) => {
    const [lo, hi] = bind(call, site, ctx, n, ['min', 'max']);
    return clampCall(self, lo, hi, site, ctx, false);
  });
  registerMethod(`${n}_`, (self, call, site, ctx) => {
    const [lo, hi] = bind(call, site, ctx, `${n}_`, ['min', 'max']);
    return clampCall(self, lo, hi, site, ctx, true);
  });
}
for (const [n, key] of [['clamp_min', 'min'], ['clamp_max', 'max']] as const) {
  registerFunction(`torch.${n}`, (call, site, ctx) => {
    const [input, b] = bind(call, site, ctx, n, ['input', key]);
    const x = tensorArg(input, n, 'input', site, ctx);
    return key === 'min' ? clampCall(x, b, null, site, ctx, false) : clampCall(x, null, b, site, ctx, false);
  });
  registerMethod(n, (self, call, site, ctx) => {
    const [b] = bind(call, site, ctx, n, [key]);
    return key === 'min' ? clampCall(self, b, null, site, ctx, false) : clampCall(self, null, b, site, ctx, false);
  });
}

// ---- where(cond, a, b) with tensors or numbers in either branch
function whereCall(cond: Value | undefined, a: Value | undefined, b: Value | undefined, site: CallSite, ctx: Ctx): Tensor {
  const c = tensorArg(cond, 'where', 'condition', site, ctx);
  const x = tensorOrNumber(a, 'where', 'input', site, ctx);
  const y = tensorOrNumber(b, 'where', 'other', site, ctx);
  if (x === null || y === null) return ctx.fail('torch.where(condition) with one argument (nonzero), which is not elementwise', site.line);
  return torch.where(c, x, y);
}
registerFunction('torch.where', (call, site, ctx) => {
  const [c, a, b] = bind(call, site, ctx, 'where', ['condition', 'input', 'other']);
  return whereCall(c, a, b, site, ctx);
});
registerMethod('where', (self, call, site, ctx) => {
  const [c, b] = bind(call, site, ctx, 'where', ['condition', 'other']);
  return whereCall(c, self, b, site, ctx);
});

// ---- torch.max/min: two tensors are maximum/minimum; anything else reduces
for (const [n, pair] of [['max', torch.maximum], ['min', torch.minimum]] as const) {
  registerFunction(`torch.${n}`, (call, site, ctx) => {
    const [a, b] = bind(call, site, ctx, n, ['input', 'other']);
    const x = tensorArg(a, n, 'input', site, ctx);
    if (b instanceof Tensor) return pair(x, b);
    return ctx.fail(`torch.${n}(…) over a dimension, which reduces`, site.line);
  });
}

// ---- conversions and copies that keep values elementwise
const DTYPE_NAMES = ['float32', 'float', 'float64', 'double', 'float16', 'half', 'bfloat16', 'int32', 'int', 'int64', 'long', 'bool', 'uint8', 'int8', 'int16', 'complex64', 'complex128'];
for (const d of DTYPE_NAMES) registerConstant(`torch.${d}`, new Opaque('dtype', d));
registerTensorAttribute('dtype', (self) => new Opaque('dtype', self.dtype));
registerTensorAttribute('device', () => new Opaque('device', 'cpu'));
registerTensorAttribute('shape', (self) => new PyTuple(self.shape.map((n) => BigInt(n))));
registerTensorAttribute('ndim', (self) => BigInt(self.shape.length));
registerTensorAttribute('data', (self) => self.detach());
registerMethod('float', (self, call, site, ctx) => (bind(call, site, ctx, 'float', []), self.float()));
registerMethod('double', (self, call, site, ctx) => (bind(call, site, ctx, 'double', []), self.double()));
registerMethod('to', (self, call, site, ctx) => {
  // .to(x.dtype), .to(torch.float64), .to(x) (its dtype), .to(device)
  const [a, dtypeKw] = bind(call, site, ctx, 'to', ['dtype', '*', 'dtype_', 'non_blocking']);
  const target = a instanceof Tensor ? new Opaque('dtype', a.dtype) : a ?? dtypeKw ?? call.kwargs.get('dtype');
  if (target instanceof Opaque && target.tag === 'device') return self;
  if (typeof target === 'string') return self; // a device name
  const dt = dtypeArg(target, 'to', site, ctx);
  return dt ? self.to(dt) : self;
});
registerMethod('type_as', (self, call, site, ctx) => self.to(tensorArg(bind(call, site, ctx, 'type_as', ['other'])[0], 'type_as', 'other', site, ctx).dtype));
registerMethod(['clone', 'contiguous'], (self, call, site, ctx) => (bind(call, site, ctx, 'clone', ['*', 'memory_format']), self.clone()));
registerMethod('detach', (self, call, site, ctx) => (bind(call, site, ctx, 'detach', []), self.detach()));
registerMethod('view_as', (self, call, site, ctx) => {
  const other = tensorArg(bind(call, site, ctx, 'view_as', ['other'])[0], 'view_as', 'other', site, ctx);
  return self.view(other.shape);
});
registerFunction('torch.clone', (call, site, ctx) => tensorArg(bind(call, site, ctx, 'clone', ['input'])[0], 'clone', 'input', site, ctx).clone());

// ---- tensors made from values: torch.tensor(0.5), zeros_like(x), full_like(x, v)
function likeFactory(name: string, fill: (x: Tensor, v: number, dtype?: 'float32' | 'float64') => Tensor, takesValue: boolean): void {
  registerFunction(`torch.${name}`, (call, site, ctx) => {
    const names = takesValue ? ['input', 'fill_value', '*', 'dtype', 'device', 'requires_grad'] : ['input', '*', 'dtype', 'device', 'requires_grad'];
    const vals = bind(call, site, ctx, name, names);
    const x = tensorArg(vals[0], name, 'input', site, ctx);
    const v = takesValue ? numberArg(vals[1], name, 'fill_value', site, ctx) : 0;
    const dtype = dtypeArg(vals[takesValue ? 2 : 1], name, site, ctx);
    ctx.reserve(x.numel(), site.line);
    return fill(x, v, dtype);
  });
}
likeFactory('zeros_like', (x, _v, dtype) => torch.zeros_like(x, { dtype: dtype ?? x.dtype }), false);
likeFactory('ones_like', (x, _v, dtype) => torch.ones_like(x, { dtype: dtype ?? x.dtype }), false);
likeFactory('full_like', (x, v, dtype) => torch.full_like(x, v, { dtype: dtype ?? x.dtype }), true);

/** Nested Python numbers → nested JS numbers, or null when something else is inside. */
function nestedNumbers(v: Value, depth = 0): number | number[] | null {
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
  if (v instanceof Tensor && v.numel() === 1 && v.shape.length === 0) return v.data[0]!;
  if ((v instanceof PyTuple || v instanceof Object && 'items' in (v as object)) && depth < 8) {
    const out: (number | number[])[] = [];
    for (const i of (v as PyTuple).items) {
      const n = nestedNumbers(i, depth + 1);
      if (n === null) return null;
      out.push(n);
    }
    return out as number[];
  }
  return null;
}
for (const n of ['tensor', 'as_tensor']) {
  registerFunction(`torch.${n}`, (call, site, ctx) => {
    const [data, dtype, , requiresGrad] = bind(call, site, ctx, n, ['data', '*', 'dtype', 'device', 'requires_grad', 'pin_memory']);
    if (data instanceof Tensor) return data.detach().clone();
    const nums = data === undefined ? null : nestedNumbers(data);
    if (nums === null) return ctx.fail(`torch.${n}(…) of something other than numbers`, site.line);
    const count = Array.isArray(nums) ? nums.flat(8).length : 1;
    ctx.reserve(count, site.line);
    // a Python int list makes an int64 tensor in PyTorch; without int dtypes the engine keeps float32
    return torch.tensor(nums, { dtype: dtypeArg(dtype, n, site, ctx), requires_grad: boolArg(requiresGrad, false) });
  });
}
registerModule(['torch', 'torch.nn', 'torch.nn.functional', 'torch.special', 'torch.jit']);
registerFunction(['torch.jit.script', 'torch.jit.ignore', 'torch.jit.unused'], (call) => call.args[0] ?? null);
