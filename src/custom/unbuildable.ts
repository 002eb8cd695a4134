// Modules the findings' evaluation can never build. The findings build a module the way a use
// site would without arguments (evaluate.ts: `Cls()`), and most nn.Module classes are models the
// interpreter cannot build that way: their own __init__ requires arguments
// (`def __init__(self, d_in, hidden=64)`), or it makes a library layer (`nn.Linear(…)`), which the
// interpreter does not evaluate. It then binds the class, evaluates its bases and method defaults,
// lowers the constructor's statements and fails, for a few hundred definitions of a large project.
// Where the lowered class decides that failure, the findings need not run it (they ask only whether
// a definition evaluates; the hover still runs it for the reason it shows). Read as the interpreter
// reads the class (evaluate.ts's makeClass, instantiate, bindParams and name look-up), never as
// Python would: what is true here is that every evaluation without parameter overrides fails,
// whatever happens before the failing step.
import { boundNames, type Expr, type FunctionDef, ModuleRef, type ModuleAst, type Param, type Stmt, statementsBinding, valueAtPath } from '../interp';
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

/** Evaluating the expression fails whatever the values: it, or a part always evaluated before it completes, cannot be evaluated. */
function alwaysFails(e: Expr, module: ModuleAst, locals: ReadonlySet<string>): boolean {
  switch (e.k) {
    case 'unsupported':
    case 'slice':
    case 'ellipsis':
      return true;
    case 'call':
      return callsUnknownModule(e.fn, module, locals) || alwaysFails(e.fn, module, locals) || e.args.some((a) => alwaysFails(a.value, module, locals));
    case 'attr':
      return alwaysFails(e.obj, module, locals);
    case 'tuple':
    case 'list':
      return e.items.some((i) => alwaysFails(i, module, locals));
    default:
      return false;
  }
}

/**
 * Running the body fails: before any statement that may return, one always fails (a statement the
 * interpreter does not evaluate, such as a loop, or one computing a value that always fails, such
 * as `self.fc = nn.Linear(d, d)`).
 */
function bodyFails(fn: FunctionDef, module: ModuleAst): boolean {
  // the interpreter looks a name up when it reads it: only what the parameters and the statements
  // before bind can stand for something else than the module's name (and a body's statements are
  // lowered when first read: those after the failing one never are)
  const locals = new Set(fn.params.map((p) => p.name));
  for (const s of fn.body) {
    if (mayReturn(s)) return false;
    if (s.k === 'unsupported') return true;
    const value = s.k === 'expr' ? s.e : s.k === 'assign' ? s.value : undefined;
    if (value && alwaysFails(value, module, locals)) return true;
    addBound(s, locals);
  }
  return false;
}

/**
 * Every evaluation of this definition without parameter overrides fails: a module whose class,
 * bound at module level by this very statement, has an own __init__ that `Cls()` cannot call, or
 * whose body always fails. A false answer decides nothing (the interpreter does); an inherited
 * __init__ is left to it too.
 */
export function cannotBuildWithoutArguments(module: ModuleAst, def: FoundDefinition): boolean {
  if (def.kind !== 'module' || def.stmt.k !== 'class') return false;
  const init = ownInit(def.stmt.cls.body);
  if (!init) return false;
  // the name's last binding is what the evaluation builds: another class of the same name might build
  const binding = statementsBinding(module, def.name);
  if (binding?.[binding.length - 1] !== def.stmt) return false;
  return selfAloneFails(init.params) || bodyFails(init, module);
}
