// nn.Parameter(...) and nn.Module's own methods: a parameter is evaluated at its initial value
// and remembered as learned, so the hover can say the curve is where training starts.
import { Tensor } from '../engine';
import { type Ctx, registerFunction } from './registry';
import { bind, boolArg, tensorArg } from './signature';
import { PyObject, type Value } from './values';

const KEY = Symbol('parameters');

function set(ctx: { readonly state: Map<unknown, unknown> }): WeakSet<Tensor> {
  let s = ctx.state.get(KEY) as WeakSet<Tensor> | undefined;
  if (!s) ctx.state.set(KEY, (s = new WeakSet()));
  return s;
}

export function isParameter(ctx: { readonly state: Map<unknown, unknown> }, t: Tensor): boolean {
  return set(ctx).has(t);
}

function parameter(ctx: Ctx, data: Tensor, requiresGrad: boolean): Tensor {
  // a Parameter is a leaf sharing the data (PyTorch's _make_subclass)
  const p = data.detach();
  p.requires_grad = requiresGrad;
  set(ctx).add(p);
  return p;
}

registerFunction('torch.nn.Parameter', (call, site, ctx) => {
  const [data, rg] = bind(call, site, ctx, 'Parameter', ['data', 'requires_grad']);
  return parameter(ctx, tensorArg(data, 'Parameter', 'data', site, ctx), boolArg(rg, true));
});

function selfOf(v: Value | undefined, name: string, ctx: Ctx, line: number): PyObject {
  if (v instanceof PyObject) return v;
  return ctx.fail(`${name} on something other than a module`, line);
}

registerFunction('torch.nn.Module.__init__', () => null);
registerFunction('torch.nn.Module.register_buffer', (call, site, ctx) => {
  const [self, name, tensor] = bind(call, site, ctx, 'register_buffer', ['self', 'name', 'tensor', 'persistent']);
  const obj = selfOf(self, 'register_buffer', ctx, site.line);
  if (typeof name !== 'string') return ctx.fail('register_buffer with a name that is not a string literal', site.line);
  obj.attrs.set(name, tensor ?? null);
  return null;
});
registerFunction('torch.nn.Module.register_parameter', (call, site, ctx) => {
  const [self, name, param] = bind(call, site, ctx, 'register_parameter', ['self', 'name', 'param']);
  const obj = selfOf(self, 'register_parameter', ctx, site.line);
  if (typeof name !== 'string') return ctx.fail('register_parameter with a name that is not a string literal', site.line);
  obj.attrs.set(name, param ?? null);
  if (param instanceof Tensor && isParameter(ctx, param)) obj.learned.add(name);
  return null;
});
