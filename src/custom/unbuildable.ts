// Modules the findings' evaluation can never build. The findings build a module the way a use
// site would without arguments (evaluate.ts: `Cls()`), and most nn.Module classes are models the
// interpreter cannot build that way: their own __init__ requires arguments
// (`def __init__(self, d_in, hidden=64)`), or it makes a library layer (`nn.Linear(…)`), which the
// interpreter does not evaluate. It then binds the class, evaluates its bases and method defaults,
// lowers the constructor's statements and fails, for a few hundred definitions of a large project.
// Where the class decides that failure, the findings need not run it (they ask only whether a
// definition evaluates; the hover still runs it for the reason it shows). The findings decide it on
// a sketch of the class, before lowering it (classSketch.ts, partialFile.ts), by the checks below
// on the same lowered pieces: a class they take is never lowered at all. Read as the interpreter
// reads the class (evaluate.ts's makeClass, instantiate, bindParams and name look-up), never as
// Python would: what is true here is that every evaluation without parameter overrides fails, and
// draws no random number before it does (so the definitions evaluated after it see the generator
// where they did).
import { boundNames, type ClassDef, type Expr, type FunctionDef, ModuleRef, type ModuleAst, type Param, type Stmt, statementsBinding, valueAtPath } from '../interp';
import type { FoundDefinition } from './find';

/**
 * The __init__ the class body leaves in the class's attributes (makeClass: each def, and each other
 * statement binding the name, in order), or undefined where no def is the last to bind it (none,
 * or an assignment, whose value only the interpreter knows).
 */
function ownInit(body: readonly Stmt[]): FunctionDef | undefined {
  let init: FunctionDef | undefined;
  for (const s of body) {
    if (s.k === 'def') {
      if (s.fn.name === '__init__') init = s.fn;
    } else if (boundNames(s).includes('__init__')) init = undefined;
  }
  return init;
}

/**
 * Binding `self` alone to these parameters fails, as bindParams binds them: a parameter that is not
 * `*args`/`**kwargs` gets the one positional value (the first plain one only), else its default
 * (looked up by name, as the interpreter's defaults are), else the call fails; so does a positional
 * value left over (`def __init__():`), or a parameter the lowering could not read.
 */
function selfAloneFails(params: readonly Param[]): boolean {
  let positional = 1;
  for (const p of params) {
    if (p.default?.k === 'unsupported' && !p.name) return true;
    if (p.kind === 'star') { positional = 0; continue; }
    if (p.kind === 'kwstar') continue;
    if (p.kind === 'plain' && positional > 0) { positional--; continue; }
    if (!params.some((q) => q.name === p.name && q.default)) return true;
  }
  return positional > 0;
}

/** A `return` among the statement's own blocks (not in a nested def): the body may end there. */
function mayReturn(s: Stmt): boolean {
  if (s.k === 'return') return true;
  if (s.k === 'if') return s.body.some(mayReturn) || s.orelse.some(mayReturn);
  if (s.k === 'with') return s.body.some(mayReturn);
  return false;
}

/** Adds the names a statement binds in the function's scope (its own, and in its if/with blocks). */
function addBound(s: Stmt, out: Set<string>): void {
  for (const n of boundNames(s)) out.add(n);
  if (s.k === 'if') for (const b of [...s.body, ...s.orelse]) addBound(b, out);
  else if (s.k === 'with') for (const b of s.body) addBound(b, out);
}

/**
 * `nn.Linear` in a method where `nn` is the module's import of torch.nn: a dotted path every step of
 * which the interpreter knows as nothing but a module (valueAtPath), so calling it fails. A name
 * the method binds itself, or the module binds other than by an import last, is not read here.
 */
function callsUnknownModule(fn: Expr, module: ModuleAst, locals: ReadonlySet<string>): boolean {
  const attrs: string[] = [];
  let e = fn;
  for (; e.k === 'attr'; e = e.obj) attrs.unshift(e.name);
  if (e.k !== 'name' || locals.has(e.id)) return false;
  const binding = statementsBinding(module, e.id);
  const last = binding?.[binding.length - 1];
  if (last?.k !== 'import') return false;
  // ModuleScope binds each of the import's bindings of the name in turn: the last one stays
  let path = last.bindings.filter((b) => b.local === e.id).pop()?.target;
  if (path === undefined || !(valueAtPath(path) instanceof ModuleRef)) return false;
  for (const a of attrs) if (!(valueAtPath((path = `${path}.${a}`)) instanceof ModuleRef)) return false;
  return true;
}

/** What the checks below read: the module, the names the running scope binds itself, the class being built. */
interface Cx {
  module: ModuleAst;
  locals: ReadonlySet<string>;
  /** The name of the class being built, whose last module-level binding it is (the class may not be lowered yet: classSketch.ts). */
  cls: string;
  /** A method's statements, in order (lowered as they are read). */
  bodyOf: (fn: FunctionDef) => Iterable<Stmt>;
  /** Module-level names being read (a cycle is left to the interpreter). */
  reading: Set<string>;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * Reading the name runs nothing that could draw a random number: a local, a builtin, an import,
 * the class being built, or a module-level def or assignment whose own evaluation is quiet.
 */
function quietName(id: string, cx: Cx): boolean {
  if (cx.locals.has(id) || id === cx.cls) return true;
  const stmts = statementsBinding(cx.module, id) ?? [];
  const last = stmts[stmts.length - 1];
  if (!last) return true;
  // ModuleScope refuses a name assigned more than once before evaluating anything
  if (stmts.length > 1 && stmts.some((t) => t.k === 'assign' || t.k === 'augassign')) return true;
  if (last.k === 'import') return true;
  if (cx.reading.has(id)) return false;
  cx.reading.add(id);
  try {
    const at = { ...cx, locals: NONE };
    if (last.k === 'assign') return quiet(last.value, at) && last.targets.every((t) => t.k === 'name');
    if (last.k === 'def') return quietFunction(last.fn, at);
    return false;
  } finally {
    cx.reading.delete(id);
  }
}

/** Making the function evaluates its decorators and defaults. */
function quietFunction(fn: FunctionDef, cx: Cx): boolean {
  return fn.decorators.every((d) => quiet(d, cx)) && fn.params.every((p) => !p.default || quiet(p.default, cx));
}

/**
 * Evaluating the expression draws no random number, whatever it computes or however it fails: no
 * call but `super().__init__(…)` (the interpreter's `super` stands for no class: the call does
 * nothing), and no name whose reading could run one. The lint skips an evaluation only where it
 * would draw nothing: every evaluation draws from the one generator, and a skipped draw would move
 * what the definitions evaluated after it see.
 */
function quiet(e: Expr, cx: Cx): boolean {
  switch (e.k) {
    case 'num':
    case 'str':
    case 'const':
    case 'ellipsis':
    case 'slice':
    case 'unsupported':
      return true;
    case 'name':
      return quietName(e.id, cx);
    case 'attr':
      return quiet(e.obj, cx);
    case 'subscript':
      return quiet(e.obj, cx) && quiet(e.index, cx);
    case 'unary':
      return quiet(e.e, cx);
    case 'bin':
    case 'bool':
      return quiet(e.l, cx) && quiet(e.r, cx);
    case 'cmp':
      return e.operands.every((o) => quiet(o, cx));
    case 'ifexp':
      return quiet(e.test, cx) && quiet(e.body, cx) && quiet(e.orelse, cx);
    case 'tuple':
    case 'list':
    case 'dict':
      return e.items.every((i) => quiet(i, cx));
    case 'lambda':
      return e.params.every((p) => !p.default || quiet(p.default, cx));
    case 'call': {
      const f = e.fn;
      const superInit = f.k === 'attr' && f.name === '__init__' && f.obj.k === 'call' && f.obj.fn.k === 'name' && f.obj.fn.id === 'super' &&
        !cx.locals.has('super') && !statementsBinding(cx.module, 'super')?.length;
      return superInit && f.obj.k === 'call' && f.obj.args.every((a) => quiet(a.value, cx)) && e.args.every((a) => quiet(a.value, cx));
    }
  }
}

/** A statement run before the failing one draws nothing (its blocks included). */
function quietStatement(s: Stmt, cx: Cx): boolean {
  switch (s.k) {
    case 'pass':
    case 'import':
      return true;
    case 'expr':
      return quiet(s.e, cx);
    case 'assign':
      return quiet(s.value, cx) && s.targets.every((t) => quiet(t, cx));
    case 'augassign':
      return quiet(s.target, cx) && quiet(s.value, cx);
    case 'def':
      return quietFunction(s.fn, cx);
    case 'if':
      return quiet(s.test, cx) && [...s.body, ...s.orelse].every((b) => quietStatement(b, cx));
    default:
      return false;
  }
}

/**
 * Evaluating the expression fails whatever the values, drawing nothing before: it, or a part
 * always evaluated before it completes, cannot be evaluated, and what is evaluated before is quiet.
 */
function failsQuietly(e: Expr, cx: Cx): boolean {
  switch (e.k) {
    case 'unsupported':
    case 'slice':
    case 'ellipsis':
      return true;
    case 'call': {
      // the callee, then each argument, then the call
      if (failsQuietly(e.fn, cx)) return true;
      if (!quiet(e.fn, cx)) return false;
      for (const a of e.args) {
        if (failsQuietly(a.value, cx)) return true;
        if (!quiet(a.value, cx)) return false;
      }
      return callsUnknownModule(e.fn, cx.module, cx.locals);
    }
    case 'attr':
      return failsQuietly(e.obj, cx);
    case 'tuple':
    case 'list':
    case 'dict':
      for (const i of e.items) {
        if (failsQuietly(i, cx)) return true;
        if (!quiet(i, cx)) return false;
      }
      return false;
    default:
      return false;
  }
}

/**
 * Running the body fails: before any statement that may return, one always fails (a statement the
 * interpreter does not evaluate, such as a loop, or one computing a value that always fails, such
 * as `self.fc = nn.Linear(d, d)`), and those before it draw nothing.
 */
function bodyFails(fn: FunctionDef, cx: Cx): boolean {
  // the interpreter looks a name up when it reads it: only what the parameters and the statements
  // before bind can stand for something else than the module's name (and a body's statements are
  // lowered when first read: those after the failing one never are)
  const locals = new Set(fn.params.map((p) => p.name));
  const at = { ...cx, locals };
  for (const s of cx.bodyOf(fn)) {
    if (mayReturn(s)) return false;
    if (s.k === 'unsupported') return true;
    const value = s.k === 'expr' ? s.e : s.k === 'assign' ? s.value : undefined;
    if (value && failsQuietly(value, at)) return true;
    if (!quietStatement(s, at)) return false;
    addBound(s, locals);
  }
  return false;
}

/** Building the class (makeClass: its bases, then its body's statements and methods' defaults) draws nothing. */
function buildsQuietly(cls: ClassBody, cx: Cx): boolean {
  if (!cls.bases.every((b) => quiet(b, cx))) return false;
  const names = new Set<string>();
  for (const s of cls.body) {
    if (s.k === 'def') {
      if (!quietFunction(s.fn, cx)) return false;
    } else if (!(s.k === 'expr' && s.e.k === 'str') && !quietStatement(s, { ...cx, locals: names })) return false;
    for (const n of boundNames(s)) names.add(n);
  }
  return true;
}

/** What the decision reads of a class: its bases and body statements (its methods' bodies through `bodyOf`). */
export type ClassBody = Pick<ClassDef, 'bases' | 'body'>;

/**
 * The class, its name's last binding at module level, has an own __init__ that `Cls()` cannot
 * call, or whose body always fails, and building it draws nothing before.
 */
function classCannotBuild(module: ModuleAst, name: string, cls: ClassBody, bodyOf: Cx['bodyOf']): boolean {
  const init = ownInit(cls.body);
  if (!init) return false;
  const cx: Cx = { module, locals: NONE, cls: name, bodyOf, reading: new Set() };
  return buildsQuietly(cls, cx) && (selfAloneFails(init.params) || bodyFails(init, cx));
}

const bodyOfLowered = (fn: FunctionDef): Iterable<Stmt> => fn.body;

/** Definitions whose class was decided on its sketch, before being lowered (sketchCannotBuild). */
const sketched = new WeakSet<FoundDefinition>();

/**
 * Every evaluation of this definition without parameter overrides fails: a module whose class,
 * bound at module level by this very statement, has an own __init__ that `Cls()` cannot call, or
 * whose body always fails. A false answer decides nothing (the interpreter does); an inherited
 * __init__ is left to it too.
 */
export function cannotBuildWithoutArguments(module: ModuleAst, def: FoundDefinition): boolean {
  if (sketched.has(def)) return true;
  if (def.kind !== 'module') return false;
  const stmt = def.stmt;
  if (stmt.k !== 'class') return false;
  // the name's last binding is what the evaluation builds: another class of the same name might build
  const binding = statementsBinding(module, def.name);
  if (binding?.[binding.length - 1] !== stmt) return false;
  return classCannotBuild(module, def.name, stmt.cls, bodyOfLowered);
}

/**
 * cannotBuildWithoutArguments on a class read without lowering it whole (classSketch.ts: its
 * bases, its body's statements, its methods' bodies lowered statement by statement as read),
 * that the caller knows is the last module-level binding of `name`. Where true, `definition()`
 * makes its definition, which cannotBuildWithoutArguments then answers without lowering it.
 */
export function sketchCannotBuild(module: ModuleAst, name: string, cls: ClassBody, bodyOf: Cx['bodyOf'], definition: () => FoundDefinition): FoundDefinition | undefined {
  if (!classCannotBuild(module, name, cls, bodyOf)) return undefined;
  const d = definition();
  sketched.add(d);
  return d;
}
