// Which loss each activation of a model feeds. A file with one kind of loss trains with it
// everywhere; with several, an output layer is paired with the loss nearest to it. Activations
// outside a model (role null) get the loss their value is seen going into, if any (analyze.ts).
import { lossKind } from './losses';
import type { ActivationUse, LossUse } from './types';

export interface Located<T> {
  item: T;
  /** Line in a common coordinate (a notebook's cells laid end to end). */
  line: number;
}

/** Sets `use.loss` for uses at a given line, from the losses of the file (or notebook). */
export function lossAttacher(losses: Array<Located<LossUse>>): (use: ActivationUse, line: number) => void {
  if (losses.length === 0) return () => undefined;
  const oneKind = new Set(losses.map((l) => lossKind(l.item.name))).size === 1;
  return (use, line) => {
    // Outside a model, the loss is the one its value was seen going into (set when it was read).
    if (use.role === null) return;
    if (!oneKind && use.role !== 'output') return;
    let best = losses[0]!;
    for (const l of losses) if (Math.abs(l.line - line) < Math.abs(best.line - line)) best = l;
    use.loss = best.item.name;
  };
}

export function attachLosses(uses: Array<Located<ActivationUse>>, losses: Array<Located<LossUse>>): void {
  const attach = lossAttacher(losses);
  for (const u of uses) attach(u.item, u.line);
}
