// Autograd for the interpreter (issue 19's follower): tensor creation with dtype and
// requires_grad, backward, .grad, .is_leaf, .requires_grad, retain_grad, reductions, and the
// NumPy/matplotlib calls that read a tensor's values. Every check is the engine's (or, where the
// engine has no integer dtypes, PyTorch's rule written here and compared with PyTorch's own text
// by test/unit/autograd against test/fixtures/autograd/pytorch.json). What happened is recorded
// for the follower through the interpreter's per-run state; nothing here knows about findings.
import { F, RuntimeError, Tensor, onWarning, torch } from '../engine';
import type { BackwardOptions } from '../engine/autograd';
import { is_grad_enabled } from '../engine/grad_mode';
import { NotEvaluable } from './budget';
import { functionAt, methodNamed, registerFunction, registerMethod, registerModule, registerTensorAttribute, type Ctx, type MethodHandler } from './registry';
import { bind, boolArg, numberArg, tensorArg } from './signature';
import { Builtin, type CallArgs, type CallSite, Opaque, PyClass, PyList, PyObject, PyTuple, type Value } from './values';

/** PyTorch's texts for the rules the engine cannot raise itself (it has no integer dtypes, no NumPy). */
export const PYTORCH_TEXTS = {
  integerRequiresGrad: 'Only Tensors of floating point and complex dtype can require gradients',
  integerRequiresGradMethod: 'only Tensors of floating point dtype can require gradients',
  integerRequiresGradAttribute: 'only Tensors of floating point and complex dtype can require gradients',
  numpyRequiresGrad: "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.",
} as const;

/**
 * PyTorch raised here: the follower's datum (the exception's type and exact text, and what
 * raised it), not a reason to give up on the rest of the code.
 */
export class PyTorchRaised extends NotEvaluable {
  constructor(
    readonly type: string,
    readonly text: string,
    line: number,
    /** 'backward' | 'create' | 'requires_grad_' | 'numpy' | 'plot' | 'inplace'; `arg`: which positional argument was the tensor. */
    readonly op: string,
    readonly arg?: number,
    override readonly callee?: string,
  ) {
    super(`PyTorch would raise ${type}: ${text}`, line, callee);
  }
}

/** A leaf's gradient right after a backward() (copied: later calls add into .grad in place). */
export interface LeafGradient { leaf: Tensor; values: Float64Array | null; grad: Float64Array | null }

/** What the follower gets told while the interpreter runs (installed in ctx.state under RECORDER). */
export interface AutogradRecorder {
  /** Before backward() runs on `root` (its graph is still whole). */
  beforeBackward(line: number, root: Tensor): void;
  /** After it ran: the leaves' gradients; or the error it raised. */
  afterBackward(line: number, root: Tensor, leaves: LeafGradient[], error?: PyTorchRaised): void;
  /** A warning PyTorch gives here (the engine's text). */
  warning(line: number, op: string, message: string, subject: Tensor): void;
  /** A value read at an autograd spelling, for the hover's claims. */
  /** rand/randn ran: from here on, values are the engine's random numbers, not PyTorch's. */
  random(): void;
  spot(line: number, kind: 'grad' | 'is_leaf' | 'requires_grad' | 'retain_grad' | 'created' | 'detach', subject: Tensor, result?: Value): void;
}
export const RECORDER = Symbol('autograd.recorder');
const INTEGER = Symbol('autograd.integer');

function recorder(ctx: Ctx): AutogradRecorder | undefined {
  return ctx.state.get(RECORDER) as AutogradRecorder | undefined;
}

/** Tensors the engine holds as float32 but PyTorch would hold as an integer or bool dtype. */
function integers(ctx: Ctx): WeakSet<Tensor> {
  let s = ctx.state.get(INTEGER) as WeakSet<Tensor> | undefined;
  if (!s) ctx.state.set(INTEGER, (s = new WeakSet()));
  return s;
}
export function isIntegerTensor(ctx: Ctx, t: Tensor): boolean {
  return integers(ctx).has(t);
}

const INTEGER_DTYPES = new Set(['int32', 'int', 'int64', 'long', 'bool', 'uint8', 'int8', 'int16']);
const FLOAT_DTYPES: Record<string, 'float32' | 'float64'> = { float32: 'float32', float: 'float32', float64: 'float64', double: 'float64' };

/** PyTorch's dtype for a creation call: the `dtype` given, else `inferred` (int64 for int data/arguments). */
function dtypeOf(v: Value | undefined, inferred: 'float' | 'integer', fname: string, site: CallSite, ctx: Ctx): { float?: 'float32' | 'float64'; integer: boolean } {
  if (v === undefined || v === null) return { integer: inferred === 'integer' };
  if (v instanceof Opaque && v.tag === 'dtype') {
    if (INTEGER_DTYPES.has(v.name)) return { integer: true };
    const f = FLOAT_DTYPES[v.name];
    if (f) return { float: f, integer: false };
  }
  return ctx.fail(`${fname}() with this dtype`, site.line);
}

/** Applies requires_grad to a new tensor as PyTorch does, or raises PyTorch's error for integer dtypes. */
function finish(t: Tensor, integer: boolean, requiresGrad: Value | undefined, site: CallSite, ctx: Ctx): Tensor {
  if (boolArg(requiresGrad, false)) {
    if (integer) throw new PyTorchRaised('RuntimeError', PYTORCH_TEXTS.integerRequiresGrad, site.line, 'create');
    t.requires_grad_(true);
  }
  if (integer) integers(ctx).add(t);
  recorder(ctx)?.spot(site.line, 'created', t);
  return t;
}

const isInt = (v: Value | undefined) => typeof v === 'bigint' || typeof v === 'boolean';

function sizeArgs(call: CallArgs, fname: string, site: CallSite, ctx: Ctx): number[] {
  const raw = call.args.length === 1 && (call.args[0] instanceof PyTuple || call.args[0] instanceof PyList) ? (call.args[0] as PyTuple).items : call.args;
  const size = call.kwargs.get('size');
  const items = size instanceof PyTuple || size instanceof PyList ? size.items : raw;
  return items.map((v) => {
    if (typeof v !== 'bigint') return ctx.fail(`${fname}() with a size that is not an int`, site.line);
    return Number(v);
  });
}

function reserve(shape: number[], site: CallSite, ctx: Ctx): void {
  ctx.reserve(shape.reduce((a, b) => a * b, 1), site.line);
}

// ---- creation
const CHEAP_STREAM = Symbol('autograd.cheapStream');

/**
 * Uniform numbers in [0, 1) or standard normal ones (Box–Muller) from a xorshift stream of this
 * run's own, the same for every run. The follower only needs a random tensor's shape, dtype and
 * autograd state, and its values to be the kind the code expects (no zero where a log follows):
 * PyTorch's own normals, repeated bit for bit (engine/random.ts), cost ~190 ns each, and a
 * course's from-scratch MLP (`torch.randn(784, 256) * 0.01`) spent ~38 ms of its check on them.
 */
function fillCheaply(out: Float32Array | Float64Array, normal: boolean, ctx: Ctx): void {
  const state = (ctx.state.get(CHEAP_STREAM) as { s: number } | undefined) ?? { s: 0x2545f491 };
  ctx.state.set(CHEAP_STREAM, state);
  let s = state.s;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    // 24 bits: exact in float32 too, so a uniform never rounds up to 1
    return (s >>> 8) / 16777216;
  };
  for (let i = 0; i < out.length; i++) {
    const u = next();
    out[i] = normal ? Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * next()) : u;
  }
  state.s = s;
}

registerFunction('torch.linspace', (call, site, ctx) => {
  const [start, end, steps, dtype, , requiresGrad] = bind(call, site, ctx, 'linspace', ['start', 'end', 'steps', '*', 'dtype', 'device', 'requires_grad', 'out', 'layout']);
  const n = steps === undefined ? ctx.fail('linspace() without steps', site.line) : Number(numberArg(steps, 'linspace', 'steps', site, ctx));
  ctx.reserve(n, site.line);
  const d = dtypeOf(dtype, 'float', 'linspace', site, ctx);
  const t = torch.linspace(numberArg(start, 'linspace', 'start', site, ctx), numberArg(end, 'linspace', 'end', site, ctx), n, { dtype: d.float ?? 'float32' });
  return finish(t, d.integer, requiresGrad, site, ctx);
});

registerFunction('torch.arange', (call, site, ctx) => {
  const [a, b, c, dtype, , requiresGrad] = bind(call, site, ctx, 'arange', ['start', 'end', 'step', '*', 'dtype', 'device', 'requires_grad', 'out', 'layout']);
  const args = [a, b, c].filter((v) => v !== undefined);
  const d = dtypeOf(dtype, args.every(isInt) ? 'integer' : 'float', 'arange', site, ctx);
  const nums = args.map((v, i) => numberArg(v, 'arange', ['start', 'end', 'step'][i]!, site, ctx));
  const [start, end, step] = nums.length === 1 ? [0, nums[0]!, 1] : [nums[0]!, nums[1]!, nums[2] ?? 1];
  const n = Math.ceil((end - start) / step);
  if (!(n >= 0) || !Number.isFinite(n)) return ctx.fail('arange() with this range', site.line);
  ctx.reserve(n, site.line);
  const t = torch.arange(start, end, step, { dtype: d.float ?? 'float32' });
  return finish(t, d.integer, requiresGrad, site, ctx);
});

for (const name of ['zeros', 'ones', 'empty', 'rand', 'randn'] as const) {
  registerFunction(`torch.${name}`, (call, site, ctx) => {
    const dtype = call.kwargs.get('dtype');
    const requiresGrad = call.kwargs.get('requires_grad');
    for (const k of call.kwargs.keys()) if (!['dtype', 'requires_grad', 'device', 'size', 'generator', 'layout', 'pin_memory'].includes(k)) return ctx.fail(`${name}() with ${k}=`, site.line);
    const shape = sizeArgs(call, name, site, ctx);
    reserve(shape, site, ctx);
    const d = dtypeOf(dtype, 'float', name, site, ctx);
    const opts = { dtype: d.float ?? 'float32' };
    if (name === 'rand' || name === 'randn') {
      const r = recorder(ctx);
      if (r) {
        // followed for autograd: values computed from random numbers are never claimed (the
        // recorder is told), so they are drawn cheaply instead of PyTorch's way, and the stream
        // the rest of the run draws from is left where it was
        r.random();
        const t = torch.zeros(shape, opts);
        fillCheaply(t.data as Float32Array | Float64Array, name === 'randn', ctx);
        return finish(t, d.integer, requiresGrad, site, ctx);
      }
    }
    const t = name === 'rand' ? torch.rand(shape, opts) : name === 'randn' ? torch.randn(shape, opts) : name === 'ones' ? torch.ones(shape, opts) : torch.zeros(shape, opts);
    return finish(t, d.integer, requiresGrad, site, ctx);
  });
}

registerFunction('torch.full', (call, site, ctx) => {
  const [size, fill, dtype, , requiresGrad] = bind(call, site, ctx, 'full', ['size', 'fill_value', '*', 'dtype', 'device', 'requires_grad', 'out', 'layout']);
  const shape = sizeArgs({ args: size === undefined ? [] : [size], kwargs: new Map() }, 'full', site, ctx);
  reserve(shape, site, ctx);
  const d = dtypeOf(dtype, isInt(fill) ? 'integer' : 'float', 'full', site, ctx);
  return finish(torch.full(shape, numberArg(fill, 'full', 'fill_value', site, ctx), { dtype: d.float ?? 'float32' }), d.integer, requiresGrad, site, ctx);
});

/** Python ints (and bools) only, anywhere in nested lists: PyTorch makes an int64 (bool) tensor of them. */
function allIntegers(v: Value, depth = 0): boolean {
  if (isInt(v)) return true;
  if ((v instanceof PyList || v instanceof PyTuple) && depth < 8) return v.items.length > 0 && v.items.every((i) => allIntegers(i, depth + 1));
  return false;
}

// torch.tensor as the interpreter has it, with PyTorch's dtype inference and requires_grad check first.
const baseTensor = functionAt('torch.tensor');
registerFunction('torch.tensor', (call, site, ctx) => {
  const [data, dtype, , requiresGrad] = bind(call, site, ctx, 'tensor', ['data', '*', 'dtype', 'device', 'requires_grad', 'pin_memory']);
  if (!baseTensor) return ctx.fail('torch.tensor', site.line);
  const d = dtypeOf(dtype, data !== undefined && allIntegers(data) ? 'integer' : 'float', 'tensor', site, ctx);
  if (d.integer && boolArg(requiresGrad, false)) throw new PyTorchRaised('RuntimeError', PYTORCH_TEXTS.integerRequiresGrad, site.line, 'create');
  const kwargs = new Map(call.kwargs);
  kwargs.delete('requires_grad');
  if (d.integer) kwargs.delete('dtype');
  const t = baseTensor({ args: call.args, kwargs }, site, ctx);
  if (!(t instanceof Tensor)) return t;
  return finish(t, d.integer, requiresGrad, site, ctx);
});

// ---- autograd on tensors
function methodIfAbsent(names: string | string[], h: MethodHandler): void {
  for (const n of typeof names === 'string' ? [names] : names) if (!methodNamed(n)) registerMethod(n, h);
}

/** Runs an engine call; its RuntimeError becomes PyTorch's datum for the follower. */
function raising<T>(site: CallSite, op: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RuntimeError) throw new PyTorchRaised('RuntimeError', e.message, site.line, op);
    throw e;
  }
}

registerMethod('requires_grad_', (self, call, site, ctx) => {
  const [v] = bind(call, site, ctx, 'requires_grad_', ['requires_grad']);
  const on = boolArg(v, true);
  if (on && isIntegerTensor(ctx, self)) throw new PyTorchRaised('RuntimeError', PYTORCH_TEXTS.integerRequiresGradMethod, site.line, 'requires_grad_');
  raising(site, 'requires_grad_', () => self.requires_grad_(on));
  recorder(ctx)?.spot(site.line, 'requires_grad', self);
  return self;
});

/** `t.requires_grad = v` (an assignment the interpreter leaves to its callers): PyTorch's checks, then the flag. */
export function setRequiresGrad(ctx: Ctx, t: Tensor, v: Value, line: number): void {
  const on = boolArg(v, false);
  if (on && isIntegerTensor(ctx, t)) throw new PyTorchRaised('RuntimeError', PYTORCH_TEXTS.integerRequiresGradAttribute, line, 'requires_grad_');
  raising({ line }, 'requires_grad_', () => { t.requires_grad = on; });
  recorder(ctx)?.spot(line, 'requires_grad', t);
}

registerMethod('retain_grad', (self, call, site, ctx) => {
  bind(call, site, ctx, 'retain_grad', []);
  raising(site, 'retain_grad', () => self.retain_grad());
  recorder(ctx)?.spot(site.line, 'retain_grad', self);
  return null;
});

/** The leaves that will receive a gradient from `root` (AccumulateGrad nodes), in graph order. */
function leavesOf(root: Tensor): Tensor[] {
  const out: Tensor[] = [];
  const seen = new Set<object>();
  const stack: object[] = root.grad_fn ? [root.grad_fn] : root.requires_grad ? [root] : [];
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (n instanceof Tensor) { out.push(n); continue; }
    for (const [next] of (n as NonNullable<Tensor['grad_fn']>).next_functions) {
      if (!next) continue;
      stack.push('variable' in next ? next.variable : next);
    }
  }
  return out;
}

const copy = (t: Tensor | null): Float64Array | null => (t ? Float64Array.from(t.data) : null);

registerMethod('backward', (self, call, site, ctx) => {
  const [gradient, retainGraph] = bind(call, site, ctx, 'backward', ['gradient', 'retain_graph', 'create_graph', 'inputs']);
  if (gradient !== undefined && gradient !== null && !(gradient instanceof Tensor) && typeof gradient !== 'number') return ctx.fail('backward() with this gradient', site.line);
  const rec = recorder(ctx);
  rec?.beforeBackward(site.line, self);
  const leaves = leavesOf(self);
  const opts: BackwardOptions = { gradient: gradient as Tensor | number | null | undefined, retain_graph: boolArg(retainGraph, false) };
  try {
    raising(site, 'backward', () => self.backward(opts));
  } catch (e) {
    if (e instanceof PyTorchRaised) rec?.afterBackward(site.line, self, [], e);
    throw e;
  }
  rec?.afterBackward(site.line, self, leaves.map((l) => ({ leaf: l, values: copy(l), grad: copy(l._gradRaw) })));
  return null;
});

registerTensorAttribute('grad', (self, site, ctx) => {
  const rec = recorder(ctx);
  const off = onWarning((w) => rec?.warning(site.line, 'grad', w.message, self));
  let g: Tensor | null;
  try {
    g = self.grad;
  } finally {
    off();
  }
  rec?.spot(site.line, 'grad', self, g);
  return g;
});
registerTensorAttribute('is_leaf', (self, site, ctx) => {
  recorder(ctx)?.spot(site.line, 'is_leaf', self, self.is_leaf);
  return self.is_leaf;
});
registerTensorAttribute('requires_grad', (self, site, ctx) => {
  recorder(ctx)?.spot(site.line, 'requires_grad', self, self.requires_grad);
  return self.requires_grad;
});
registerTensorAttribute('grad_fn', (self) => (self.grad_fn ? new Opaque('grad_fn', self.grad_fn.name()) : null));

const baseDetach = methodNamed('detach');
registerMethod('detach', (self, call, site, ctx) => {
  const r = baseDetach ? baseDetach(self, call, site, ctx) : (bind(call, site, ctx, 'detach', []), self.detach());
  if (r instanceof Tensor && isIntegerTensor(ctx, self)) integers(ctx).add(r);
  recorder(ctx)?.spot(site.line, 'detach', self, r);
  return r;
});

// ---- reductions and softmax, where the interpreter does not have them yet
function dimArg(v: Value | undefined, fname: string, site: CallSite, ctx: Ctx): number | number[] | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof PyTuple || v instanceof PyList) return v.items.map((i) => (typeof i === 'bigint' ? Number(i) : ctx.fail(`${fname}() with a dim that is not an int`, site.line)));
  return ctx.fail(`${fname}() with a dim that is not an int`, site.line);
}
for (const name of ['sum', 'mean'] as const) {
  const reduce = (x: Tensor, dim: Value | undefined, keepdim: Value | undefined, site: CallSite, ctx: Ctx) => {
    const d = dimArg(dim, name, site, ctx);
    return raising(site, name, () => (d === null ? x[name]() : x[name](d, boolArg(keepdim, false))));
  };
  if (!functionAt(`torch.${name}`)) registerFunction(`torch.${name}`, (call, site, ctx) => {
    const [input, dim, keepdim] = bind(call, site, ctx, name, ['input', 'dim', 'keepdim', '*', 'dtype']);
    return reduce(tensorArg(input, name, 'input', site, ctx), dim, keepdim, site, ctx);
  });
  methodIfAbsent(name, (self, call, site, ctx) => {
    const [dim, keepdim] = bind(call, site, ctx, name, ['dim', 'keepdim', '*', 'dtype']);
    return reduce(self, dim, keepdim, site, ctx);
  });
}
for (const name of ['softmax', 'log_softmax'] as const) {
  const run = (x: Tensor, dim: Value | undefined, site: CallSite, ctx: Ctx) => {
    if (typeof dim !== 'bigint') return ctx.fail(`${name}() without an int dim`, site.line);
    return raising(site, name, () => F[name](x, Number(dim)));
  };
  for (const p of [`torch.${name}`, `torch.nn.functional.${name}`]) if (!functionAt(p)) registerFunction(p, (call, site, ctx) => {
    const [input, dim] = bind(call, site, ctx, name, ['input', 'dim', '_stacklevel', 'dtype']);
    return run(tensorArg(input, name, 'input', site, ctx), dim, site, ctx);
  });
  methodIfAbsent(name, (self, call, site, ctx) => run(self, bind(call, site, ctx, name, ['dim', 'dtype'])[0], site, ctx));
}
methodIfAbsent('zero_', (self, call, site, ctx) => (bind(call, site, ctx, 'zero_', []), raising(site, 'inplace', () => self.zero_())));
methodIfAbsent('fill_', (self, call, site, ctx) => raising(site, 'inplace', () => self.fill_(numberArg(bind(call, site, ctx, 'fill_', ['value'])[0], 'fill_', 'value', site, ctx))));
methodIfAbsent('item', (self, call, site, ctx) => (bind(call, site, ctx, 'item', []), self.numel() === 1 ? self.data[0]! : ctx.fail('item() of a tensor with more than one element', site.line)));

// ---- what reads a tensor's values through NumPy: .numpy(), np.asarray, matplotlib
const ndarray = new Opaque('ndarray', 'numpy');
function readByNumpy(t: Value, site: CallSite, op: string, arg: number | undefined, callee: string | undefined): void {
  // PyTorch refuses only while grad mode is on (`with torch.no_grad():` reads the values)
  if (t instanceof Tensor && t.requires_grad && is_grad_enabled()) throw new PyTorchRaised('RuntimeError', PYTORCH_TEXTS.numpyRequiresGrad, site.line, op, arg, callee);
}
registerMethod('numpy', (self, call, site, ctx) => {
  bind(call, site, ctx, 'numpy', ['force']);
  readByNumpy(self, site, 'numpy', undefined, 'numpy');
  return ndarray;
});
registerModule(['numpy', 'matplotlib', 'matplotlib.pyplot']);
for (const p of ['numpy.asarray', 'numpy.array']) registerFunction(p, (call, site) => {
  readByNumpy(call.args[0] ?? null, site, 'plot', 0, p.slice('numpy.'.length));
  return ndarray;
});

/** Matplotlib's functions that turn their positional arguments into arrays. */
const PLOTTING = ['plot', 'scatter', 'hist', 'imshow', 'bar', 'step', 'fill_between', 'semilogy', 'loglog'];
function plotting(name: string) {
  return (call: CallArgs, site: CallSite): Value => {
    call.args.forEach((a, i) => readByNumpy(a, site, 'plot', i, name));
    return null;
  };
}
const axesClass = new PyClass('Axes', [], new Map(PLOTTING.map((n) => [n, new Builtin(`matplotlib.axes.Axes.${n}`, plotting(n))])), 0);
for (const n of PLOTTING) registerFunction(`matplotlib.pyplot.${n}`, plotting(n));
registerFunction('matplotlib.pyplot.subplots', (call, site, ctx) => {
  const [rows, cols] = [call.args[0] ?? call.kwargs.get('nrows') ?? 1n, call.args[1] ?? call.kwargs.get('ncols') ?? 1n];
  if (typeof rows !== 'bigint' || typeof cols !== 'bigint' || rows < 1n || cols < 1n || rows * cols > 64n) return ctx.fail('subplots() with this grid', site.line);
  const ax = () => new PyObject(axesClass);
  const r = Number(rows), c = Number(cols);
  const grid: Value = r * c === 1 ? ax() : r === 1 || c === 1 ? new PyList(Array.from({ length: r * c }, ax)) : new PyList(Array.from({ length: r }, () => new PyList(Array.from({ length: c }, ax))));
  return new PyTuple([new Opaque('figure', 'Figure'), grid]);
});
