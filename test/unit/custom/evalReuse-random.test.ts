// An evaluation that drew random numbers is never kept (src/custom/evalReuse.ts): the generator's
// mark tells, without copying its 624 words. The cases a mark of the index alone would miss: a run
// that draws a whole block of words (the twist brings the index back where it was), a state set to
// another one at the same index, a scalar normal whose cached half changes nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { default_generator, Generator } from '../../../src/engine/random';
import { DEFAULT_BUDGET, type ModuleAst, type Stmt } from '../../../src/interp';
import { evaluationsRun, reusingEvaluation } from '../../../src/custom/evalReuse';
import type { FoundDefinition } from '../../../src/custom';

const module: ModuleAst = { body: [] };

/** Runs `draw` through reusingEvaluation twice for one definition: how many times it really ran. */
function runs(draw: () => void): number {
  const def = { stmt: { k: 'pass', at: { line: 0, column: 0, endLine: 0, endColumn: 0 } } as Stmt } as FoundDefinition;
  const before = evaluationsRun.count;
  for (let i = 0; i < 2; i++) reusingEvaluation(module, def, 'k', true, DEFAULT_BUDGET, () => { draw(); return 1; }, () => undefined, () => false);
  return evaluationsRun.count - before;
}

test('a run that draws nothing is kept; one that draws, in any way, runs again', () => {
  assert.equal(runs(() => {}), 1);
  assert.equal(runs(() => default_generator.random()), 2);
  // a whole block: the index ends where it started, the words do not
  assert.equal(runs(() => { for (let i = 0; i < 624; i++) default_generator.random(); }), 2);
  assert.equal(runs(() => default_generator.manual_seed(7)), 2);
  assert.equal(runs(() => default_generator.normalScalar(0, 1)), 2);
});

test("equal marks mean equal states: another generator's state set at the same index marks differently", () => {
  const g = new Generator();
  const other = new Generator().manual_seed(3);
  g.random();
  other.random();
  const before = g.mark();
  assert.equal(g.get_state().index, other.get_state().index);
  g.set_state(other.get_state());
  assert.notDeepEqual(g.mark(), before);
  // the cached half of a scalar normal is part of the state
  const m = g.mark();
  g.normalScalar(0, 1);
  const cached = g.mark();
  assert.notDeepEqual(cached, m);
  g.normalScalar(0, 1);
  assert.notDeepEqual(g.mark(), cached);
});
