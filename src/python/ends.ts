// What a use's verdict said about names other files may import (flow.ts OutputEnd), kept beside
// the use rather than on it: plain ActivationUse objects stay as the hover, tests and the cache
// see them, and only a reader of cross-file findings asks.
import type { OutputEnd } from './flow';
import type { ActivationUse } from './types';

export type { OutputEnd };

const ends = new WeakMap<ActivationUse, OutputEnd[]>();

export function setOutputEnds(use: ActivationUse, found: OutputEnd[]): void {
  if (found.length > 0) ends.set(use, found);
  else ends.delete(use);
}

/** A copy of a use (reuse.ts snapshot) keeps what its verdict said. */
export function copyOutputEnds(from: ActivationUse, to: ActivationUse): void {
  const e = ends.get(from);
  if (e) ends.set(to, e);
}

/** The imported names whose call gives this use's value unchanged (none known: empty). */
export function outputEndsOf(use: ActivationUse): readonly OutputEnd[] {
  return ends.get(use) ?? [];
}
