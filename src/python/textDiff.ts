// Where two versions of a text part: every new version of a document is compared with the last
// one (to re-parse incrementally, to keep runs and verdicts). A character loop over a 10,000-line
// file costs ~1.3 ms and an edit asked it several times; comparing slices lets the engine compare
// blocks of memory instead (~0.01 ms), narrowing down to the character only in the last block.

/** Largest block compared at once; blocks shrink by 4× down to MIN_BLOCK near the difference. */
const MAX_BLOCK = 4096;
const MIN_BLOCK = 16;

/** Length of the longest common prefix of `a` and `b`. */
export function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  for (let step = MAX_BLOCK; step >= MIN_BLOCK; step >>= 2) {
    while (i + step <= max && a.slice(i, i + step) === b.slice(i, i + step)) i += step;
  }
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the longest common suffix of `a` and `b`, at most `limit` characters. */
export function commonSuffix(a: string, b: string, limit = Math.min(a.length, b.length)): number {
  const max = Math.min(limit, a.length, b.length);
  const ea = a.length;
  const eb = b.length;
  let j = 0;
  for (let step = MAX_BLOCK; step >= MIN_BLOCK; step >>= 2) {
    while (j + step <= max && a.slice(ea - j - step, ea - j) === b.slice(eb - j - step, eb - j)) j += step;
  }
  while (j < max && a.charCodeAt(ea - 1 - j) === b.charCodeAt(eb - 1 - j)) j++;
  return j;
}

/** Where two texts differ: the common prefix ends at `start`, the common suffix begins at `endA` in `a` and `endB` in `b`. */
export function changedSpan(a: string, b: string): { start: number; endA: number; endB: number } {
  const start = commonPrefix(a, b);
  const suffix = commonSuffix(a, b, Math.min(a.length, b.length) - start);
  return { start, endA: a.length - suffix, endB: b.length - suffix };
}
