// One definition, all that is known about it: evaluable or why not, its parameters (and which are
// learned), and what catalog activation it equals or comes close to. Cached per definition by the
// callers (the hover, the CLI) since the comparison evaluates dozens of catalog curves.
import { evaluateDefinition } from './evaluate';
import { COMPARE_POINTS, COMPARE_RANGE, matchCatalog, numbersOf } from './equivalence';
import type { CustomFile, FoundDefinition } from './find';
import type { CustomMatch, LiteralParam } from './types';
import type { CurveShape } from '../advice';
import { measureShape } from './shape';

export interface CustomReport {
  definition: FoundDefinition;
  evaluable: boolean;
  /** `not evaluable: <construct> at line N`, or null. */
  reason: string | null;
  params: Record<string, LiteralParam>;
  /** Module attributes that are nn.Parameters: the curve is where training starts. */
  learned: string[];
  match: CustomMatch | null;
  /** f and f′ measured on the comparison grid (what the advice reads when it equals no built-in). */
  shape: CurveShape | null;
}

/** `close: false`: the match says only what the definition equals (its `close` stays null: matchCatalog). */
export function reportDefinition(file: CustomFile, def: FoundDefinition, opts: { close?: boolean } = {}): CustomReport {
  const r = evaluateDefinition(file, def, { from: COMPARE_RANGE[0], to: COMPARE_RANGE[1], points: COMPARE_POINTS, dtype: 'float64' });
  if (!r.ok) return { definition: def, evaluable: false, reason: r.reason.message, params: def.params, learned: [], match: null, shape: null };
  const constants = file.module.body.filter((s) => s.k === 'assign');
  const numbers = numbersOf([def.stmt, ...constants], Object.values(r.value.params).filter((v): v is number => typeof v === 'number'));
  return { definition: def, evaluable: true, reason: null, params: r.value.params, learned: r.value.learned, match: matchCatalog(r.value.y, numbers, opts), shape: measureShape(r.value) };
}
