// The evaluator: walks the lowered AST (ast.ts) with Python's semantics for the subset, computing
// on the engine. Nothing the user wrote is ever executed: every call ends in a handler of the
// registry (registry.ts) or in another definition of the user's, itself walked the same way.
import { Tensor, torch } from '../engine';
import type { Arg, At, BinOp, CmpOp, Expr, FunctionDef, ModuleAst, Param, Stmt } from './ast';
import { type Budget, DEFAULT_BUDGET, Meter, NotEvaluable } from './budget';
import { isPyNum, PyArithmeticError, pyBinary, pyCompare, scalarOf, type PyNum } from './pynum';
import { attributeNamed, constantAt, contextNamed, type Ctx, functionAt, methodNamed } from './registry';
import { isParameter } from './parameters';
import { Scope } from './scope';
import { isMask, markMask } from './masks';
import { noteMixing } from './reductions';
import {
  BoundMethod, Builtin, type CallArgs, type CallSite, ModuleRef, Opaque, PyClass, PyFunction, PyList, PyObject, PyTuple, type Value, typeName,
} from './values';

/** What `return` carries out of a block. */
interface Returned {
  value: Value;
}

const NO_ARGS: CallArgs = { args: [], kwargs: new Map() };

/**
 * Module-level names, bound lazily: a definition reads `ALPHA` or calls `helper(x)` and only
 * then is that statement evaluated (once). Reading a name while it is being evaluated is a
 * self-reference, which Python would report as a NameError or loop on.
 */
/**
 * Name → the module's statements binding it, once per module: a lowered module is plain data never
 * changed, and AL601 builds an interpreter over the same 10,000-line module for each definition.
 */
const moduleBindings = new WeakMap<ModuleAst, Map<string, Stmt[]>>();
function bindingsOf(module: ModuleAst): Map<string, Stmt[]> {
  let bindings = moduleBindings.get(module);
  if (bindings) return bindings;
  bindings = new Map();
  for (const s of module.body) for (const n of boundNames(s)) {
    const list = bindings.get(n);
    if (list) list.push(s);
    else bindings.set(n, [s]);
  }
  moduleBindings.set(module, bindings);
  return bindings;
}

/** The module's top-level statements binding `name`, in order: those a global look-up of it reads. */
export function statementsBinding(module: ModuleAst, name: string): readonly Stmt[] | undefined {
  return module.statementsBinding ? module.statementsBinding(name) : bindingsOf(module).get(name);
}

class ModuleScope extends Scope {
  private readonly resolving = new Set<string>();
  constructor(
    private readonly module: ModuleAst,
    private readonly interp: Interpreter,
  ) {
    super(null);
  }

  protected override resolve(name: string): Value | undefined {
    const stmts = statementsBinding(this.module, name);
    if (!stmts?.length) return undefined;
    const last = stmts[stmts.length - 1]!;
    if (this.resolving.has(name)) throw new NotEvaluable(`the self-referencing definition of ${name}`, last.at.line);
    if (stmts.length > 1 && stmts.some((s) => s.k === 'assign' || s.k === 'augassign'))
      throw new NotEvaluable(`${name}, assigned more than once at module level (its value depends on when it is read)`, last.at.line);
    this.resolving.add(name);
    try {
      this.interp.bindGlobal(last, name, this);
    } finally {
      this.resolving.delete(name);
    }
    return this.has(name) ? this.get(name) : undefined;
  }
}

/** What a dotted path names: a registered constant or function, else a module reached through it (which calling fails). */
export function valueAtPath(path: string): Value {
  const c = constantAt(path);
  if (c !== undefined) return c;
  const f = functionAt(path);
  if (f) return new Builtin(path, f);
  return new ModuleRef(path);
}

/** Names a top-level statement binds. */
export function boundNames(s: Stmt): string[] {
  switch (s.k) {
    case 'def': return [s.fn.name];
    case 'class': return [s.cls.name];
    case 'import': return s.bindings.map((b) => b.local);
    case 'assign': return s.targets.flatMap(targetNames);
    case 'augassign': return targetNames(s.target);
    default: return [];
  }
}
function targetNames(t: Expr): string[] {
  if (t.k === 'name') return [t.id];
  if (t.k === 'tuple' || t.k === 'list') return t.items.flatMap(targetNames);
  return [];
}

const BUILTIN_PREFIX = 'builtins.';

export class Interpreter implements Ctx {
  readonly globals: Scope;
  readonly state = new Map<unknown, unknown>();
  private readonly meter: Meter;

  constructor(
    module: ModuleAst,
    readonly budget: Budget = DEFAULT_BUDGET,
  ) {
    this.meter = new Meter(budget);
    this.globals = new ModuleScope(module, this);
  }

  // ---- Ctx, for handlers
  fail(construct: string, line: number): never {
    throw new NotEvaluable(construct, line);
  }
  reserve(n: number, line: number): void {
    this.meter.reserve(n, line);
  }

  /** Evaluates one top-level statement that binds `name` (see ModuleScope). */
  bindGlobal(s: Stmt, name: string, scope: Scope): void {
    if (s.k === 'import') {
      for (const b of s.bindings) if (b.local === name) scope.set(name, this.resolvePath(b.target, s.at.line));
      return;
    }
    this.exec([s], scope);
  }

  /** What a dotted path names: a registered function or constant, else a module reached through it. */
  resolvePath(path: string, line: number): Value {
    void line;
    return valueAtPath(path);
  }

  // ---- statements
  /** One evaluation step at `line`, as exec takes before each statement (a caller reading a statement itself). */
  step(line: number): void {
    this.meter.step(line);
  }

  // Indexed loops on the paths a NotEvaluable is thrown through (thousands of times in a `check`):
  // a for-of loop catches and rethrows every exception passing through it (to close its
  // iterator), and each unwinding looks up handlers frame by frame.
  exec(body: Stmt[], scope: Scope): Returned | undefined {
    for (let i = 0; i < body.length; i++) {
      const s = body[i]!;
      this.meter.step(s.at.line);
      const r = this.stmt(s, scope);
      if (r) return r;
    }
    return undefined;
  }

  private stmt(s: Stmt, scope: Scope): Returned | undefined {
    switch (s.k) {
      case 'expr':
        this.expr(s.e, scope);
        return undefined;
      case 'assign': {
        const v = this.expr(s.value, scope);
        for (let i = 0; i < s.targets.length; i++) this.assign(s.targets[i]!, v, scope);
        return undefined;
      }
      case 'augassign': {
        const cur = this.expr(s.target, scope);
        // x += 1 on a tensor is in place in Python (x.__iadd__); the engine's in-place op keeps autograd's checks
        const v = cur instanceof Tensor ? this.inplaceBinary(s.op, cur, this.expr(s.value, scope), s.at) : this.binary(s.op, cur, this.expr(s.value, scope), s.at);
        this.assign(s.target, v, scope);
        return undefined;
      }
      case 'return':
        return { value: s.e ? this.expr(s.e, scope) : null };
      case 'if':
        return this.exec(this.truthy(this.expr(s.test, scope), s.test.at) ? s.body : s.orelse, scope);
      case 'with': {
        const ctxs = s.items.map((item) => {
          const v = this.expr(item, scope);
          if (!(v instanceof Opaque && v.tag === 'context')) this.fail(`a with statement over ${typeName(v)}`, item.at.line);
          return v;
        });
        return this.withContexts(ctxs, () => this.exec(s.body, scope), s.at.line);
      }
      case 'pass':
        return undefined;
      case 'def':
        scope.set(s.fn.name, this.makeFunction(s.fn, scope));
        return undefined;
      case 'class':
        scope.set(s.cls.name, this.makeClass(s.cls, scope));
        return undefined;
      case 'import':
        for (const b of s.bindings) scope.set(b.local, this.resolvePath(b.target, s.at.line));
        return undefined;
      case 'unsupported':
        this.fail(s.what, s.at.line);
    }
  }

  /** Context managers (torch.no_grad()), entered through their registered handlers. */
  private withContexts(ctxs: Opaque[], body: () => Returned | undefined, line = 0): Returned | undefined {
    if (ctxs.length === 0) return body();
    const [first, ...rest] = ctxs;
    const enter = contextNamed(first!.name);
    if (!enter) return this.fail(`a with statement over ${first!.name}`, line);
    return enter(() => this.withContexts(rest, body, line));
  }

  private assign(t: Expr, v: Value, scope: Scope): void {
    switch (t.k) {
      case 'name':
        scope.set(t.id, v);
        return;
      case 'tuple':
      case 'list': {
        const items = v instanceof PyTuple || v instanceof PyList ? v.items : null;
        if (!items) this.fail(`unpacking a ${typeName(v)}`, t.at.line);
        if (items.length !== t.items.length) this.fail(`unpacking ${items.length} values into ${t.items.length} names`, t.at.line);
        t.items.forEach((ti, i) => this.assign(ti, items[i]!, scope));
        return;
      }
      case 'attr': {
        const obj = this.expr(t.obj, scope);
        if (!(obj instanceof PyObject)) this.fail(`setting an attribute of a ${typeName(obj)}`, t.at.line);
        obj.attrs.set(t.name, v);
        if (v instanceof Tensor && isParameter(this, v)) obj.learned.add(t.name);
        else obj.learned.delete(t.name);
        return;
      }
      default:
        this.fail('assignment to this target', t.at.line);
    }
  }

  // ---- expressions
  expr(e: Expr, scope: Scope): Value {
    this.meter.step(e.at.line);
    switch (e.k) {
      case 'name': {
        const v = scope.get(e.id);
        if (v !== undefined) return v;
        const b = this.resolvePath(BUILTIN_PREFIX + e.id, e.at.line);
        if (!(b instanceof ModuleRef)) return b;
        return this.fail(`the name ${e.id}, defined nowhere the interpreter can see`, e.at.line);
      }
      case 'num':
      case 'str':
      case 'const':
        return e.v;
      case 'bin':
        return this.binary(e.op, this.expr(e.l, scope), this.expr(e.r, scope), e.at);
      case 'unary':
        return this.unary(e.op, this.expr(e.e, scope), e.at);
      case 'bool': {
        const l = this.expr(e.l, scope);
        const t = this.truthy(l, e.l.at);
        if (e.op === 'and' ? !t : t) return l;
        return this.expr(e.r, scope);
      }
      case 'cmp': {
        let left = this.expr(e.operands[0]!, scope);
        let result: Value = true;
        for (let i = 0; i < e.ops.length; i++) {
          const right = this.expr(e.operands[i + 1]!, scope);
          result = this.compare(e.ops[i]!, left, right, e.at);
          // a chain (0 < x < 1) is `and` of its links, which asks each link's truth value
          if (i < e.ops.length - 1 && !this.truthy(result, e.at)) return result;
          left = right;
        }
        return result;
      }
      case 'ifexp':
        return this.truthy(this.expr(e.test, scope), e.test.at) ? this.expr(e.body, scope) : this.expr(e.orelse, scope);
      case 'call': {
        const fn = this.expr(e.fn, scope);
        return this.call(fn, this.args(e.args, scope), { line: e.at.line });
      }
      case 'attr':
        return this.getattr(this.expr(e.obj, scope), e.name, e.at);
      case 'subscript':
        return this.subscript(this.expr(e.obj, scope), this.expr(e.index, scope), e.at);
      case 'tuple':
        return new PyTuple(e.items.map((i) => this.expr(i, scope)));
      case 'list':
        return new PyList(e.items.map((i) => this.expr(i, scope)));
      case 'dict':
        for (const i of e.items) this.expr(i, scope);
        return new Opaque('dict', 'dict');
      case 'lambda':
        return new PyFunction('<lambda>', e.params, e, scope, this.defaults(e.params, scope), e.at.line);
      case 'slice':
        return this.fail('a slice', e.at.line);
      case 'ellipsis':
        return this.fail('an Ellipsis (...)', e.at.line);
      case 'unsupported':
        return this.fail(e.what, e.at.line);
    }
  }

  private args(args: Arg[], scope: Scope): CallArgs {
    const out: CallArgs = { args: [], kwargs: new Map() };
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const v = this.expr(a.value, scope);
      if (a.star === '*') {
        if (!(v instanceof PyTuple || v instanceof PyList)) this.fail(`*-unpacking a ${typeName(v)}`, a.value.at.line);
        out.args.push(...v.items);
      } else if (a.star === '**') this.fail('**-unpacking', a.value.at.line);
      else if (a.name !== undefined) out.kwargs.set(a.name, v);
      else out.args.push(v);
    }
    return out;
  }

  makeFunction(fn: FunctionDef, scope: Scope): PyFunction {
    for (const d of fn.decorators) {
      // @torch.jit.script and friends change nothing about the values; anything else might
      const v = this.expr(d, scope);
      if (!(v instanceof Builtin && v.path.startsWith('torch.jit.'))) this.fail('a decorator', d.at.line);
    }
    return new PyFunction(fn.name, fn.params, fn, scope, this.defaults(fn.params, scope), fn.at.line);
  }

  private defaults(params: Param[], scope: Scope): Map<string, Value> {
    const m = new Map<string, Value>();
    for (const p of params) if (p.default) m.set(p.name, this.expr(p.default, scope));
    return m;
  }

  private makeClass(cls: FunctionDef | import('./ast').ClassDef, scope: Scope): PyClass {
    const c = cls as import('./ast').ClassDef;
    const bases = c.bases.map((b) => this.expr(b, scope));
    const body = new Scope(scope);
    // the class body runs as Python runs it (defs and constants); methods then close over the
    // enclosing scope, not the class body, as in Python
    const attrs = new Map<string, Value>();
    for (const s of c.body) {
      this.meter.step(s.at.line);
      if (s.k === 'def') attrs.set(s.fn.name, this.makeFunction(s.fn, scope));
      else if (s.k === 'expr' && s.e.k === 'str') continue; // docstring
      else {
        const r = this.stmt(s, body);
        if (r) this.fail('return outside a function', s.at.line);
        for (const n of boundNames(s)) if (body.has(n)) attrs.set(n, body.get(n)!);
      }
    }
    return new PyClass(c.name, bases, attrs, c.at.line);
  }

  // ---- calls
  call(fn: Value, call: CallArgs, site: CallSite): Value {
    if (fn instanceof PyFunction) return this.callUser(fn, call, site);
    if (fn instanceof BoundMethod) return this.call(fn.fn, { args: [fn.self, ...call.args], kwargs: call.kwargs }, site);
    if (fn instanceof Builtin) return this.callBuiltin(fn, call, site);
    if (fn instanceof PyClass) return this.instantiate(fn, call, site);
    if (fn instanceof PyObject) {
      const own = fn.cls.lookup('__call__');
      if (own instanceof PyFunction) return this.callUser(own, { args: [fn, ...call.args], kwargs: call.kwargs }, site);
      const forward = fn.cls.lookup('forward');
      if (forward instanceof PyFunction && fn.cls.libraryBases().some(isModuleBase))
        return this.callUser(forward, { args: [fn, ...call.args], kwargs: call.kwargs }, site);
      return this.fail(`calling a ${fn.cls.name} object`, site.line);
    }
    if (fn instanceof ModuleRef) throw new NotEvaluable(`${fn.path}(…), which the interpreter does not evaluate`, site.line, fn.path);
    return this.fail(`calling a ${typeName(fn)}`, site.line);
  }

  private callBuiltin(fn: Builtin, call: CallArgs, site: CallSite): Value {
    let r: Value;
    try {
      r = fn.fn(call, site, this);
    } catch (e) {
      throw this.asNotEvaluable(e, site.line);
    }
    if (r instanceof Tensor) this.meter.reserve(r.numel(), site.line);
    return r;
  }

  /** Engine errors are PyTorch's own texts: they become the reason. */
  private asNotEvaluable(e: unknown, line: number): NotEvaluable {
    if (e instanceof NotEvaluable) return e;
    if (e instanceof PyArithmeticError) return new NotEvaluable(e.message, line);
    if (e instanceof RangeError) return new NotEvaluable('a computation too large to finish', line);
    const msg = e instanceof Error ? `${e.name === 'Error' ? 'RuntimeError' : e.name}: ${e.message}` : String(e);
    return new NotEvaluable(`PyTorch would raise ${msg.length > 200 ? msg.slice(0, 200) + '…' : msg}`, line);
  }

  private callUser(fn: PyFunction, call: CallArgs, site: CallSite): Value {
    this.meter.enter(site.line);
    try {
      const scope = new Scope(fn.closure);
      this.bindParams(fn, call, scope, site);
      if (!Array.isArray(fn.body)) return this.expr(fn.body as Expr, scope);
      const r = this.exec(fn.body as Stmt[], scope);
      return r ? r.value : null;
    } finally {
      this.meter.leave();
    }
  }

  private bindParams(fn: PyFunction, call: CallArgs, scope: Scope, site: CallSite): void {
    const positional = [...call.args];
    const kw = new Map(call.kwargs);
    for (const p of fn.params) {
      if (p.default?.k === 'unsupported' && !p.name) this.fail(p.default.what, p.at.line);
      if (p.kind === 'star') {
        scope.set(p.name, new PyTuple(positional.splice(0)));
        continue;
      }
      if (p.kind === 'kwstar') {
        if (kw.size > 0) this.fail('**kwargs', p.at.line);
        scope.set(p.name, new PyTuple([]));
        continue;
      }
      let v: Value | undefined;
      if (p.kind === 'plain' && positional.length > 0) v = positional.shift();
      if (kw.has(p.name)) {
        if (v !== undefined) this.fail(`${fn.name}() got multiple values for argument '${p.name}'`, site.line);
        v = kw.get(p.name);
        kw.delete(p.name);
      }
      if (v === undefined) v = fn.defaults.get(p.name);
      if (v === undefined) this.fail(`${fn.name}() missing required argument '${p.name}'`, site.line);
      scope.set(p.name, v);
    }
    if (positional.length > 0) this.fail(`${fn.name}() takes ${fn.params.length} arguments but more were given`, site.line);
    if (kw.size > 0) this.fail(`${fn.name}() got an unexpected keyword argument '${[...kw.keys()][0]}'`, site.line);
  }

  private instantiate(cls: PyClass, call: CallArgs, site: CallSite): Value {
    const obj = new PyObject(cls);
    const init = cls.lookup('__init__');
    if (init instanceof PyFunction) this.callUser(init, { args: [obj, ...call.args], kwargs: call.kwargs }, site);
    else if (call.args.length > 0 || call.kwargs.size > 0) this.fail(`${cls.name}(…) with arguments but no __init__ the interpreter can read`, site.line);
    return obj;
  }

  // ---- attributes and subscripts
  getattr(obj: Value, name: string, at: At): Value {
    if (obj instanceof ModuleRef) return this.resolvePath(`${obj.path}.${name}`, at.line);
    if (obj instanceof Tensor) {
      const a = attributeNamed(name);
      if (a) return a(obj, { line: at.line }, this);
      const m = methodNamed(name);
      if (m) return new Builtin(`Tensor.${name}`, (c, s, ctx) => m(obj, c, s, ctx));
      return this.fail(`the Tensor attribute .${name}, which the engine does not have`, at.line);
    }
    if (obj instanceof PyObject) {
      if (obj.attrs.has(name)) return obj.attrs.get(name)!;
      if (name === '__class__') return obj.cls;
      const v = obj.cls.lookup(name);
      if (v instanceof PyFunction) return new BoundMethod(obj, v);
      if (v !== undefined) return v;
      const lib = obj.cls.libraryBases().map((b) => functionAt(`${b}.${name}`)).find((h) => h);
      if (lib) return new BoundMethod(obj, new Builtin(`torch.nn.Module.${name}`, lib));
      return this.fail(`self.${name}, set nowhere the interpreter can see`, at.line);
    }
    if (obj instanceof PyClass) {
      const v = obj.lookup(name);
      if (v !== undefined) return v;
      if (name === '__name__') return obj.name;
      return this.fail(`${obj.name}.${name}`, at.line);
    }
    if (obj instanceof Opaque) {
      const handler = this.state.get(`attr:${obj.tag}`) as ((o: Opaque, n: string) => Value | undefined) | undefined;
      const v = handler?.(obj, name) ?? functionAt(`${obj.tag}.${name}`);
      if (typeof v === 'function') return new Builtin(`${obj.tag}.${name}`, v);
      if (v !== undefined) return v;
    }
    return this.fail(`the attribute .${name} of a ${typeName(obj)}`, at.line);
  }

  private subscript(obj: Value, index: Value, at: At): Value {
    if ((obj instanceof PyTuple || obj instanceof PyList) && (typeof index === 'bigint' || typeof index === 'boolean')) {
      const n = obj.items.length;
      const i = Number(index);
      const k = i < 0 ? i + n : i;
      if (k < 0 || k >= n) this.fail('IndexError: tuple index out of range', at.line);
      return obj.items[k]!;
    }
    return this.fail(`indexing a ${typeName(obj)}`, at.line);
  }

  // ---- operators
  binary(op: BinOp, a: Value, b: Value, at: At): Value {
    try {
      if (a instanceof Tensor || b instanceof Tensor) return this.tensorBinary(op, a, b, at);
      if (isPyNum(a) && isPyNum(b)) return pyBinary(op, a, b);
      if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
      if (op === '+' && a instanceof PyTuple && b instanceof PyTuple) return new PyTuple([...a.items, ...b.items]);
    } catch (e) {
      throw this.asNotEvaluable(e, at.line);
    }
    return this.fail(`${typeName(a)} ${op} ${typeName(b)}`, at.line);
  }

  private operand(v: Value, at: At): Tensor | number {
    if (v instanceof Tensor) return v;
    if (isPyNum(v)) return scalarOf(v);
    return this.fail(`a Tensor operation with a ${typeName(v)}`, at.line);
  }

  private tensorBinary(op: BinOp, a: Value, b: Value, at: At): Value {
    const x = this.operand(a, at);
    const y = this.operand(b, at);
    this.meter.reserve(broadcastNumel(x, y), at.line);
    switch (op) {
      case '+': return torch.add(x, y);
      case '-': return torch.sub(x, y);
      case '*': return torch.mul(x, y);
      case '/': return torch.div(x, y);
      case '**': return torch.pow(x, y);
      case '@':
        if (x instanceof Tensor && y instanceof Tensor) {
          noteMixing(this, 'a matrix product (@)', at.line);
          return torch.matmul(x, y);
        }
        break;
      case '&':
      case '|':
      case '^':
        if (isMask(this, x) && isMask(this, y)) return this.maskLogic(op, x as Tensor, y as Tensor);
        break;
    }
    return this.fail(`the operator ${op} on tensors`, at.line);
  }

  private maskLogic(op: '&' | '|' | '^', x: Tensor, y: Tensor): Tensor {
    const r = op === '&' ? torch.mul(x.detach(), y.detach()) : op === '|' ? torch.maximum(x.detach(), y.detach()) : torch.ne(x.detach(), y.detach());
    return markMask(this, r);
  }

  private inplaceBinary(op: BinOp, cur: Tensor, v: Value, at: At): Value {
    const y = this.operand(v, at);
    try {
      switch (op) {
        case '+': return cur.add_(y);
        case '-': return cur.sub_(y);
        case '*': return cur.mul_(y);
        case '/': return cur.div_(y);
      }
    } catch (e) {
      throw this.asNotEvaluable(e, at.line);
    }
    return this.fail(`the operator ${op}= on a tensor`, at.line);
  }

  private unary(op: '-' | '+' | '~' | 'not', v: Value, at: At): Value {
    if (op === 'not') return !this.truthy(v, at);
    if (v instanceof Tensor) {
      if (op === '+') return v;
      if (op === '-') return torch.neg(v);
      if (isMask(this, v)) return markMask(this, torch.eq(v.detach(), 0));
      return this.fail('~ on a floating-point tensor', at.line);
    }
    if (isPyNum(v)) {
      if (op === '~') {
        if (typeof v === 'number') this.fail("TypeError: bad operand type for unary ~: 'float'", at.line);
        return -(typeof v === 'boolean' ? (v ? 1n : 0n) : v) - 1n;
      }
      const n = typeof v === 'boolean' ? (v ? 1n : 0n) : v;
      return op === '-' ? -n : n;
    }
    return this.fail(`unary ${op} on a ${typeName(v)}`, at.line);
  }

  private compare(op: CmpOp, a: Value, b: Value, at: At): Value {
    if (op === 'is' || op === 'is not') {
      const same = a === b || (a === null && b === null);
      return op === 'is' ? same : !same;
    }
    if (op === 'in' || op === 'not in') {
      const items = b instanceof PyTuple || b instanceof PyList ? b.items : null;
      if (!items && typeof b !== 'string') return this.fail(`in over a ${typeName(b)}`, at.line);
      const found = items ? items.some((i) => this.equal(a, i)) : typeof a === 'string' && (b as string).includes(a);
      return op === 'in' ? found : !found;
    }
    if (a instanceof Tensor || b instanceof Tensor) {
      const x = this.operand(a, at);
      const y = this.operand(b, at);
      this.meter.reserve(broadcastNumel(x, y), at.line);
      const fn = { '<': torch.lt, '<=': torch.le, '>': torch.gt, '>=': torch.ge, '==': torch.eq, '!=': torch.ne }[op];
      return markMask(this, fn(x, y));
    }
    if (isPyNum(a) && isPyNum(b)) return pyCompare(op, a, b);
    if (op === '==' || op === '!=') return this.equal(a, b) === (op === '==');
    if (typeof a === 'string' && typeof b === 'string') return pyCompare(op, a < b ? 0 : a > b ? 2 : 1, 1);
    return this.fail(`${typeName(a)} ${op} ${typeName(b)}`, at.line);
  }

  private equal(a: Value, b: Value): boolean {
    if (isPyNum(a) && isPyNum(b)) return pyCompare('==', a, b);
    if ((a instanceof PyTuple && b instanceof PyTuple) || (a instanceof PyList && b instanceof PyList))
      return a.items.length === b.items.length && a.items.every((v, i) => this.equal(v, b.items[i]!));
    if (a instanceof Opaque && b instanceof Opaque) return a.tag === b.tag && a.name === b.name;
    return a === b;
  }

  truthy(v: Value, at: At): boolean {
    if (v === null) return false;
    if (v instanceof Tensor) {
      if (v.numel() !== 1)
        return this.fail(`the truth value of a tensor of ${v.numel()} elements (PyTorch: Boolean value of Tensor with more than one value is ambiguous)`, at.line);
      return v.data[0] !== 0;
    }
    if (typeof v === 'bigint') return v !== 0n;
    if (typeof v === 'number') return v !== 0;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string') return v.length > 0;
    if (v instanceof PyTuple || v instanceof PyList) return v.items.length > 0;
    return true;
  }
}

function isModuleBase(path: string): boolean {
  return path === 'torch.nn.Module' || path === 'torch.nn.modules.module.Module';
}

function broadcastNumel(x: Tensor | number, y: Tensor | number): number {
  const a = x instanceof Tensor ? x.shape : [];
  const b = y instanceof Tensor ? y.shape : [];
  let n = 1;
  for (let i = 1; i <= Math.max(a.length, b.length); i++) n *= Math.max(a[a.length - i] ?? 1, b[b.length - i] ?? 1);
  return n;
}

export { NO_ARGS, type PyNum };
