// The interpreter: evaluates the Python subset activations are written in, on the engine, without
// ever running the user's code. Builtins register themselves in the files imported below; a new
// family of them (issue 19's autograd follower) is a new file and one more import line here.
//
//   const module = lowerModule(tree.rootNode, text);
//   const r = evaluate(module, (it) => it.call(it.globals.get('swish')!, { args: [x], kwargs: new Map() }, { line: 0 }));
//   r.ok ? r.value : r.reason   // reason: { construct, line, message }, never a thrown exception
import './torchFunctions';
import './pythonBuiltins';
import './parameters';
import './reductions';
import './autogradBuiltins';
import { type Budget, DEFAULT_BUDGET, NotEvaluable } from './budget';
import { Interpreter } from './evaluate';
import type { ModuleAst } from './ast';

export type { Budget } from './budget';
export { DEFAULT_BUDGET, NotEvaluable } from './budget';
export { Interpreter, boundNames, statementsBinding, valueAtPath } from './evaluate';
export { lowerModule, lowerModuleStatement, lowerStatement, lowerExpression, atOf, MAX_SOURCE_CHARS, MAX_NESTING, returnsAtTop, functionReturnsAtTop, pieceLowerer, type PieceLowerer, type LaterBodies } from './lower';
export * from './ast';
export * from './values';
export { Scope } from './scope';
export {
  registerFunction, registerMethod, registerTensorAttribute, registerConstant, registerModule, registerContext,
  functionAt, methodNamed, functionPaths, type Ctx, type FunctionHandler, type MethodHandler, type AttributeHandler,
} from './registry';
export { bind, tensorArg, numberArg, tensorOrNumber, boolArg, stringArg, dtypeArg } from './signature';
export { isMask, markMask } from './masks';
export { isParameter } from './parameters';

export interface NotEvaluableReason {
  construct: string;
  /** 0-based. */
  line: number;
  /** `not evaluable: <construct> at line N` (1-based N). */
  message: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: NotEvaluableReason };

export function reasonOf(e: NotEvaluable): NotEvaluableReason {
  return { construct: e.construct, line: e.line, message: e.message };
}

/**
 * Runs `f` against a fresh interpreter over `module` within `budget`. Whatever the definition
 * holds, the result is data: a value, or why it could not be evaluated.
 */
export function evaluate<T>(module: ModuleAst, f: (it: Interpreter) => T, budget: Budget = DEFAULT_BUDGET): Outcome<T> {
  const it = new Interpreter(module, budget);
  try {
    return { ok: true, value: f(it) };
  } catch (e) {
    if (e instanceof NotEvaluable) return { ok: false, reason: reasonOf(e) };
    // the JavaScript stack itself (a pathological input the budgets did not foresee) or a bug:
    // still a reason, never an exception escaping into the hover
    const construct = e instanceof RangeError ? 'a computation too deep or too large' : `an internal error (${e instanceof Error ? e.message : String(e)})`;
    return { ok: false, reason: { construct, line: 0, message: `not evaluable: ${construct}` } };
  }
}
export { noteMixing, mixingOps, type MixingOp } from './reductions';
