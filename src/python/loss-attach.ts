// The loss of a model whose output the file never hands to anything (a model built here, trained
// by code the file does not have): a file with one kind of loss trains with it everywhere; with
// several, an output layer is paired with the loss nearest to it. Every other use has the loss
// its value was followed into, or none (flow.ts).
import { lossKind } from './losses';
import type { ActivationUse, LossUse } from './types';

/** Uses whose flow ended where the file does not say: only these take the file's loss. */
export const needsFileLoss = new WeakSet<ActivationUse>();

/**
 * Uses whose loss is the file's by that pairing alone (the nearest loss of the file, not one their
 * value was followed into): a loss another file's code is followed into goes first (lint.ts).
 */
export const lossAssumed = new WeakSet<ActivationUse>();

/**
 * Losses computed inside a model's own code (`F.nll_loss(…)` in a forward): the flow follows the
 * values that reach them, so they say nothing about a model the file never calls.
 */
export const lossInModelCode = new WeakSet<LossUse>();

export interface Located<T> {
  item: T;
  /** Line in a common coordinate (a notebook's cells laid end to end). */
  line: number;
}

/** Sets `use.loss` for uses at a given line, from the losses of the file (or notebook). */
export function lossAttacher(all: Array<Located<LossUse>>): (use: ActivationUse, line: number, open?: boolean) => void {
  const losses = all.filter((l) => !lossInModelCode.has(l.item));
  if (losses.length === 0) return () => undefined;
  const oneKind = new Set(losses.map((l) => lossKind(l.item.name))).size === 1;
  const sorted = losses.every((l, i) => i === 0 || losses[i - 1]!.line <= l.line);
  // `open`: said by the caller for a use taken over from the previous version (reuse.ts), not in needsFileLoss
  return (use, line, open) => {
    if (!(open ?? needsFileLoss.has(use))) return;
    if (!oneKind && use.role !== 'output') return;
    const best = sorted ? nearestSorted(losses, line) : nearest(losses, line);
    use.loss = best.item.name;
    if (best.item.range) use.lossRange = best.item.range;
    lossAssumed.add(use);
  };
}

/** The loss nearest to `line`, the first listed on a tie. */
function nearest<T>(losses: Array<Located<T>>, line: number): Located<T> {
  let best = losses[0]!;
  for (const l of losses) if (Math.abs(l.line - line) < Math.abs(best.line - line)) best = l;
  return best;
}

/** `nearest` for losses listed by line (a file's thousand losses, asked for by each of its uses). */
function nearestSorted<T>(losses: Array<Located<T>>, line: number): Located<T> {
  // The first loss at or after the line; the nearest before it comes first in the list on a tie.
  let lo = 0;
  let hi = losses.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (losses[mid]!.line < line) lo = mid + 1; else hi = mid; }
  if (lo === 0) return losses[0]!;
  const afterLine = lo < losses.length ? losses[lo]!.line : Infinity;
  const beforeLine = losses[lo - 1]!.line;
  if (afterLine - line < line - beforeLine) return losses[lo]!;
  // The first of the losses on that line.
  let first = lo - 1;
  while (first > 0 && losses[first - 1]!.line === beforeLine) first--;
  return losses[first]!;
}

export function attachLosses(uses: Array<Located<ActivationUse>>, losses: Array<Located<LossUse>>): void {
  const attach = lossAttacher(losses);
  for (const u of uses) attach(u.item, u.line);
}
