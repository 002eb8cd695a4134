// Evaluating a found definition on the engine: f on torch.linspace(A, B, N) and df/dx by the
// engine's autograd of f(x).sum(), as PyTorch would compute them for the same code. The
// interpreter never runs the user's code; whatever goes wrong comes back as a reason.
import { Tensor, torch } from '../engine';
import { no_grad } from '../engine/grad_mode';
import { type Budget, DEFAULT_BUDGET, evaluate, type Interpreter, mixingOps, type NotEvaluableReason, PyClass, PyObject, type Value } from '../interp';
import type { CustomFile, FoundDefinition } from './find';
import type { LiteralParam } from './types';
import { reusingEvaluation } from './evalReuse';

export interface EvalRequest {
  from?: number;
  to?: number;
  points?: number;
  dtype?: 'float32' | 'float64';
  /** Overrides of the definition's parameters (a function's keyword arguments, a module's __init__ arguments); bigint is a Python int. */
  params?: Record<string, LiteralParam | bigint>;
  budget?: Budget;
}

export interface EvalResult {
  x: Float64Array;
  y: Float64Array;
  dy: Float64Array;
  dtype: 'float32' | 'float64';
  /** A module's attributes that are nn.Parameters (evaluated at their initial value). */
  learned: string[];
  /** Parameter values the definition ran with (its literal defaults, then the overrides). */
  params: Record<string, LiteralParam>;
}

export type EvalOutcome = { ok: true; value: EvalResult } | { ok: false; reason: NotEvaluableReason };

/** Budget for one evaluation of a definition: a plot of a few thousand points fits well inside it. */
export const CUSTOM_BUDGET: Budget = { ...DEFAULT_BUDGET };

const kwargsOf = (params: Record<string, LiteralParam | bigint>): Map<string, Value> => new Map(Object.entries(params));

/** The callable for `def`: the function itself, or an instance of the module class. */
function callable(it: Interpreter, def: FoundDefinition, params: Record<string, LiteralParam | bigint>, line: number): { fn: Value; obj: PyObject | null; extra: Map<string, Value> } {
  const v = it.globals.get(def.name);
  if (v === undefined) return it.fail(`${def.name}, which is not bound at module level`, line);
  if (def.kind === 'module') {
    if (!(v instanceof PyClass)) return it.fail(`${def.name}, rebound to something other than its class`, line);
    if (!v.libraryBases().some((b) => b === 'torch.nn.Module')) return it.fail(`${def.name}, which is not an nn.Module`, line);
    const obj = it.call(v, { args: [], kwargs: kwargsOf(params) }, { line });
    return { fn: obj, obj: obj as PyObject, extra: new Map() };
  }
  return { fn: v, obj: null, extra: kwargsOf(params) };
}

/**
 * How far the first run got, and what a failure says of the definition. A failure while making the
 * callable is the same for every input; so is one that found the definition not elementwise (it
 * combines elements, or returns another shape than its input): a definition that mixes the points
 * of one grid is no activation on any grid, and is told so by the same operation.
 */
interface Stage { building: boolean; built: boolean; notElementwise?: boolean }

/** `input` is made once the callable is: most modules fail to build, and need no input grid. */
function run(it: Interpreter, def: FoundDefinition, input: () => Tensor, params: Record<string, LiteralParam | bigint>, stage?: Stage): { y: Tensor; learned: string[] } {
  const line = def.nameRange.line;
  if (stage) stage.building = true;
  const { fn, obj, extra } = callable(it, def, params, line);
  if (stage) stage.built = true;
  const x = input();
  const y = it.call(fn, { args: [x], kwargs: extra }, { line });
  if (!(y instanceof Tensor)) return it.fail(`${def.name} returning something other than a tensor`, line);
  if (y.shape.length !== x.shape.length || y.shape.some((n, i) => n !== x.shape[i])) {
    if (stage) stage.notElementwise = true;
    return it.fail(mixingOps(it)[0] ? `${mixingOps(it)[0]!.what}, which combines elements (not an activation)` : `${def.name} returning a tensor of another shape than its input`, mixingOps(it)[0]?.line ?? line);
  }
  return { y, learned: obj ? [...obj.learned] : [] };
}

/** Equal to the last bit, or both NaN: an elementwise function computes each point the same way whatever surrounds it. */
function same(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b) || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}

export function evaluateDefinition(file: Pick<CustomFile, 'module'>, def: FoundDefinition, req: EvalRequest = {}): EvalOutcome {
  const budget = req.budget ?? CUSTOM_BUDGET;
  // Without parameter overrides, a callable that could not be made (a module's __init__ failing,
  // its name not bound) fails before any input exists: the same for every range and number of points.
  const plain = !req.params || Object.keys(req.params).length === 0;
  const stage: Stage = { building: false, built: false };
  // JSON only for overrides (a request per evaluation: stringify with a replacer cost more than a failing model's run)
  const key = plain
    ? `${req.from}:${req.to}:${req.points}:${req.dtype}`
    : JSON.stringify([req.from, req.to, req.points, req.dtype, req.params], (_, v: unknown) => (typeof v === 'bigint' ? { bigint: String(v) } : v));
  return reusingEvaluation(file.module, def, key, plain, budget, (module) => evaluateOnce({ module }, def, req, budget, stage), (o) => (o.ok ? undefined : o.reason.construct), () => (stage.building && !stage.built) || !!stage.notElementwise);
}

function evaluateOnce(file: Pick<CustomFile, 'module'>, def: FoundDefinition, req: EvalRequest, budget: Budget, stage: Stage): EvalOutcome {
  const from = req.from ?? -6;
  const to = req.to ?? 6;
  const points = req.points ?? 401;
  const dtype = req.dtype ?? 'float64';
  // only overrides are passed: the definition's own defaults are evaluated as Python would (an int stays an int)
  const overrides = req.params ?? {};
  const params: Record<string, LiteralParam> = { ...def.params };
  for (const [k, v] of Object.entries(overrides)) params[k] = typeof v === 'bigint' ? Number(v) : v;
  const line = def.nameRange.line;
  return evaluate(
    file.module,
    (it) => {
      let grid: Tensor | undefined;
      const { y, learned } = run(it, def, () => (grid = torch.linspace(from, to, points, { dtype, requires_grad: true })), overrides, stage);
      const x = grid!;
      // f at a point must not depend on the other points: evaluate each half alone and compare
      if (points >= 4) {
        const half = Math.floor(points / 2);
        const xd = x.detach();
        for (const [a, b] of [[0, half], [half, points]] as const) {
          // the grid's own values (float32 or float64, as its dtype): copied, not walked as a nested list
          const part = torch.tensor(xd.data.slice(a, b), { dtype });
          const yp = no_grad(() => run(it, def, () => part, overrides).y);
          for (let i = a; i < b; i++)
            if (!same(yp.data[i - a]!, y.data[i]!)) {
              stage.notElementwise = true;
              const op = mixingOps(it)[0];
              if (op) return it.fail(`${op.what}, which combines elements (not an activation)`, op.line);
              return it.fail(`${def.name} computing each point from the others too (not an activation)`, line);
            }
        }
      }
      let dy: Float64Array;
      if (y.requires_grad) {
        y.sum().backward();
        dy = x.grad ? Float64Array.from(x.grad.data) : new Float64Array(points);
      } else return it.fail(`${def.name} not depending on its input through autograd (PyTorch: element 0 of tensors does not require grad and does not have a grad_fn)`, line);
      return { x: Float64Array.from(x.data), y: Float64Array.from(y.data), dy, dtype, learned, params };
    },
    budget,
  );
}
