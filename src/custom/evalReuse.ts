// Evaluation results kept across versions of a file. AL601 and the rows at custom uses evaluate
// every candidate definition on every version typed (a few points, then the comparison's grid),
// ~20 ms per edit of a 10,000-line file. An evaluation reads only the definition's own statement
// and the module-level statements its name look-ups return (ModuleAst.statementsBinding: imports,
// constants, helpers, class bases); lowered statements keep their identity across versions exactly
// when their text and position are unchanged (lowerCache.ts). So a result is reused when the
// definition's statement is the same object and every name it looked up returns the same
// statements, in order (a name that gained or lost a binding returns another list). A module
// without that look-up (a notebook's, findCustom's) keeps results for itself only: the same module
// object. Not kept: a run that read the whole module of a version, drew random numbers, or hit a
// budget or an engine limit (those depend on time, order or the caller's stack).
import { defineLazy } from '../lazyAccessor';
import { default_generator, type GeneratorMark } from '../engine/random';
import type { Budget, ModuleAst, Stmt } from '../interp';
import type { FoundDefinition } from './find';

export interface Reads {
  /** The module as this evaluation must see it: look-ups recorded. */
  module: ModuleAst;
  names: Map<string, readonly Stmt[]>;
  whole: boolean;
}

interface Kept<T> {
  key: string;
  /** Set where the module has no name look-up: the result holds for this module object only. */
  module: ModuleAst | null;
  /**
   * A failure the same for every request without overrides (evaluate.ts's Stage): before any input
   * existed, or the definition found not elementwise (AL601's grid then needs no run of its own
   * after the few points of the rows at its uses: a hand-written softmax per file of a project).
   */
  unbuilt: boolean;
  budget: Budget;
  names: Map<string, readonly Stmt[]>;
  outcome: T;
}

const kept = new WeakMap<Stmt, Kept<unknown>[]>();
/** Different requests per definition kept (the findings make two: a few points, the comparison's grid). */
const PER_DEFINITION = 4;
const LIMIT = /^(more than \d+ (evaluation steps|ms of evaluation)|a tensor computation beyond|recursion deeper than|a computation too deep|an internal error)/;

const sameList = (a: readonly Stmt[], b: readonly Stmt[]) => a.length === b.length && a.every((s, i) => s === b[i]);

/** The kept outcome for this definition and request, if nothing it read changed. */
function find<T>(module: ModuleAst, def: FoundDefinition, key: string, plain: boolean, budget: Budget): T | undefined {
  const lookup = module.statementsBinding;
  for (const k of kept.get(def.stmt) ?? []) {
    if ((k.key !== key && !(plain && k.unbuilt)) || k.budget !== budget) continue;
    if (!lookup) {
      if (k.module === module) return k.outcome as T;
      continue;
    }
    if (k.module) continue;
    let same = true;
    for (const [name, stmts] of k.names) if (!sameList(lookup(name), stmts)) { same = false; break; }
    if (same) return k.outcome as T;
  }
  return undefined;
}

function recording(module: ModuleAst): Reads | undefined {
  const lookup = module.statementsBinding;
  if (!lookup) return undefined;
  // lazy, without holding the file past its end: lazyAccessor.ts
  const recorded = {} as ModuleAst;
  const reads: Reads = { names: new Map(), whole: false, module: recorded };
  defineLazy(recorded, 'body', () => { reads.whole = true; return module.body; });
  const statementsBinding = (name: string): Stmt[] => {
    const out = lookup(name);
    reads.names.set(name, out);
    return out;
  };
  recorded.statementsBinding = statementsBinding;
  return reads;
}

// the mark, not a copy of the 624 words: asked around every evaluation, and the copy and its
// comparison cost more than the run of a model that fails to build
const stateOf = () => default_generator.mark();
function sameState(a: GeneratorMark, b: GeneratorMark): boolean {
  return a.rewrites === b.rewrites && a.index === b.index && a.nextDoubleNormal === b.nextDoubleNormal;
}

/** How many evaluations actually ran (tests count them). */
export const evaluationsRun = { count: 0 };

/**
 * `run` on a module recording its look-ups, or a kept outcome of an earlier version when the
 * definition's statement and everything it looked up are unchanged. `failure` gives the failure's
 * construct, undefined for a success; `unbuilt` whether the run failed before any input existed or
 * found the definition not elementwise (then its outcome answers every request without overrides,
 * `plain`).
 */
export function reusingEvaluation<T>(
  module: ModuleAst, def: FoundDefinition, key: string, plain: boolean, budget: Budget,
  run: (m: ModuleAst) => T, failure: (t: T) => string | undefined, unbuilt: () => boolean,
): T {
  const hit = find<T>(module, def, key, plain, budget);
  if (hit !== undefined) return hit;
  evaluationsRun.count++;
  const reads = recording(module);
  const before = stateOf();
  const outcome = run(reads?.module ?? module);
  const construct = failure(outcome);
  if (reads?.whole || (construct !== undefined && LIMIT.test(construct)) || !sameState(before, stateOf())) return outcome;
  const list = kept.get(def.stmt) ?? [];
  if (list.length >= PER_DEFINITION) list.shift();
  list.push({ key, module: reads ? null : module, unbuilt: plain && unbuilt(), budget, names: reads?.names ?? new Map(), outcome });
  kept.set(def.stmt, list);
  return outcome;
}
