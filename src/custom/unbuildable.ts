// Modules the findings' evaluation can never build. The findings build a module the way a use
// site would without arguments (evaluate.ts: `Cls()`), and most nn.Module classes are models whose
// own __init__ requires some (`def __init__(self, d_in, hidden=64)`): the interpreter then binds
// the class, evaluates its bases and method defaults, and fails at the call, a few hundred
// definitions of a large project at a time. Where the lowered class decides that failure, the
// findings need not run it (they ask only whether a definition evaluates; the hover still runs
// it for the reason it shows). Read as the interpreter reads the class (evaluate.ts's makeClass,
// instantiate and bindParams), never as Python would: what is true here is that every evaluation
// without parameter overrides fails, whatever happens before the call.
import { boundNames, type ModuleAst, type Param, type Stmt, statementsBinding } from '../interp';
import type { FoundDefinition } from './find';

/**
 * The __init__ the class body leaves in the class's attributes (makeClass: each def, and each other
 * statement binding the name, in order): its parameters, or undefined where no def is the last to
 * bind it (none, or an assignment, whose value only the interpreter knows).
 */
function ownInit(body: readonly Stmt[]): Param[] | undefined {
  let params: Param[] | undefined;
  for (const s of body) {
    if (s.k === 'def') {
      if (s.fn.name === '__init__') params = s.fn.params;
    } else if (boundNames(s).includes('__init__')) params = undefined;
  }
  return params;
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

/**
 * Every evaluation of this definition without parameter overrides fails: a module whose class,
 * bound at module level by this very statement, has an own __init__ that `Cls()` cannot call. A
 * false answer decides nothing (the interpreter does); an inherited __init__ is left to it too.
 */
export function cannotBuildWithoutArguments(module: ModuleAst, def: FoundDefinition): boolean {
  if (def.kind !== 'module' || def.stmt.k !== 'class') return false;
  const params = ownInit(def.stmt.cls.body);
  if (!params || !selfAloneFails(params)) return false;
  // the name's last binding is what the evaluation builds: another class of the same name might build
  const binding = statementsBinding(module, def.name);
  return binding !== undefined && binding[binding.length - 1] === def.stmt;
}
