// Which loss each activation feeds. A file with one kind of loss trains with it everywhere;
// with several, an output layer is paired with the loss nearest to it.
import { lossKind } from './losses';
import type { ActivationUse, LossUse } from './types';

export interface Located<T> {
  item: T;
  /** Line in a common coordinate (a notebook's cells laid end to end). */
  line: number;
}

export function attachLosses(uses: Array<Located<ActivationUse>>, losses: Array<Located<LossUse>>): void {
  if (losses.length === 0) return;
  const kinds = new Set(losses.map((l) => lossKind(l.item.name)));
  const nearest = (line: number): string => {
    let best = losses[0]!;
    for (const l of losses) if (Math.abs(l.line - line) < Math.abs(best.line - line)) best = l;
    return best.item.name;
  };
  for (const u of uses) {
    if (kinds.size === 1 || u.item.role === 'output') u.item.loss = nearest(u.line);
  }
}
