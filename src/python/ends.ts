// What a use's verdict said about names other files may import (flow.ts OutputEnd), kept out of
// the use's own fields: plain ActivationUse objects stay as the hover, tests and the cache see
// them, and only a reader of cross-file findings asks.
import type { OutputEnd } from './flow';
import type { ActivationUse } from './types';

export type { OutputEnd };

// On the use itself, under a symbol that is not enumerable: no spread, JSON, structured clone or
// deep comparison sees it, as with the WeakMap this was, but reading it is a property load. Every
// version typed copies thousands of uses (reuse.ts snapshot) and asked the WeakMap for each.
const ENDS = Symbol('activation-lens.outputEnds');
type WithEnds = ActivationUse & { [ENDS]?: OutputEnd[] };

function put(use: ActivationUse, found: OutputEnd[] | undefined): void {
  Object.defineProperty(use, ENDS, { value: found, writable: true, configurable: true, enumerable: false });
}

export function setOutputEnds(use: ActivationUse, found: OutputEnd[]): void {
  if (found.length > 0) put(use, found);
  else if ((use as WithEnds)[ENDS]) (use as WithEnds)[ENDS] = undefined;
}

/** A copy of a use (reuse.ts snapshot) keeps what its verdict said. */
export function copyOutputEnds(from: ActivationUse, to: ActivationUse): void {
  const e = (from as WithEnds)[ENDS];
  if (e) put(to, e);
}

/** The imported names whose call gives this use's value unchanged (none known: empty). */
export function outputEndsOf(use: ActivationUse): readonly OutputEnd[] {
  return (use as WithEnds)[ENDS] ?? [];
}
