// Parses a snippet and evaluates a named definition of it on a tensor, through the interpreter.
import { parse } from '../../../src/python/parser';
import { torch, type Tensor } from '../../../src/engine';
import { evaluate, lowerModule, type Budget, type ModuleAst, type Outcome, type Value } from '../../../src/interp';

export function lower(source: string): ModuleAst {
  const tree = parse(source);
  if (!tree) throw new Error('parse failed');
  try {
    return lowerModule(tree.rootNode, source);
  } finally {
    tree.delete();
  }
}

/** Calls module-level `name` (a function, or a class instantiated without arguments) on `x`. */
export function callOn(source: string, name: string, x: Tensor, budget?: Budget): Outcome<Value> {
  const m = lower(source);
  return evaluate(
    m,
    (it) => {
      let fn = it.globals.get(name);
      if (fn === undefined) throw new Error(`no ${name}`);
      if (fn && typeof fn === 'object' && fn.constructor.name === 'PyClass') fn = it.call(fn, { args: [], kwargs: new Map() }, { line: 0 });
      return it.call(fn, { args: [x], kwargs: new Map() }, { line: 0 });
    },
    budget,
  );
}

export function grid(dtype: 'float32' | 'float64' = 'float64', n = 9, a = -4, b = 4): Tensor {
  return torch.linspace(a, b, n, { dtype, requires_grad: true });
}
