// What following one value looked at, so that the next version of the document can tell whether
// the answer still holds without following it again. The units are the file's top-level
// statements (with the comments and blank lines up to the next, as chunks.ts cuts them): an edit
// changes a few of them, and every other one has the same text and, parsed, the same subtree at
// a moved place (see textChange).
//   - units: every statement holding a node the flow stood on (climbed from, or was handed by a
//     look-up);
//   - words: the names whose occurrences it looked up, with the span it looked in. Outside the
//     changed statements the text and tree are the same, so such a look-up finds the same nodes
//     unless the name is written in the changed text (before or after the edit) inside that span;
//   - tainted: the answer depended on the order verdicts were computed in (a recursion guard
//     met, the step budget spent, a word list cut at its cap): never reused;
//   - cost: the steps following it would take with nothing memoised; over the budget, a
//     from-scratch reading might have stopped it early, so it is not reused either.
import { isIdentPart } from './scan';
import { changedSpan } from './textDiff';

export class Reads {
  /** Statement start → its end. */
  readonly units = new Map<number, number>();
  /** Name → [from, to): the span its occurrences were looked up in (merged). */
  readonly words = new Map<string, [number, number]>();
  tainted = false;
  cost = 0;
  /** The unit added last (most nodes stood on are in the same statement as the one before). */
  lo = 0;
  hi = 0;

  unit(start: number, end: number): void {
    this.units.set(start, end);
    this.lo = start;
    this.hi = end;
  }

  word(name: string, from: number, to: number): void {
    const w = this.words.get(name);
    if (!w) this.words.set(name, [from, to]);
    else {
      if (from < w[0]) w[0] = from;
      if (to > w[1]) w[1] = to;
    }
  }

  /** What a memoised answer read counts as read by whoever uses it. */
  add(o: Reads): void {
    for (const [s, e] of o.units) this.units.set(s, e);
    for (const [n, [f, t]] of o.words) this.word(n, f, t);
    if (o.tainted) this.tainted = true;
    this.cost += o.cost;
  }
}

/** The last of the sorted `starts` at or before `index` (its index; 0 when none is): the unit, or line, holding it. */
export function unitAt(starts: readonly number[], index: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= index) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/** How an edit maps the offsets and rows of one version onto the next. */
export interface TextChange {
  /** The changed statements: [start, oldEnd) in the old text, [start, oldEnd + delta) in the new (either may be empty). */
  readonly start: number;
  readonly oldEnd: number;
  readonly delta: number;
  /** Rows from `oldEndRow` on move by `rowDelta`. */
  readonly oldEndRow: number;
  readonly rowDelta: number;
  /** Every identifier written in the changed statements, before or after the edit. */
  readonly words: ReadonlySet<string>;
}

/** Words as the flow's look-ups cut them (scan.ts: maximal runs of identifier characters). */
function wordsIn(text: string, from: number, to: number, into: Set<string>): void {
  for (let i = from; i < to; i++) {
    if (!isIdentPart(text.charCodeAt(i))) continue;
    const s = i;
    while (i + 1 < to && isIdentPart(text.charCodeAt(i + 1))) i++;
    into.add(text.slice(s, i + 1));
  }
}

function rowsIn(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export interface Version {
  text: string;
  /** Where each top-level statement starts (0 first). */
  statements: readonly number[];
  /** Runs of statements (forest.ts) and whether each holds a syntax error (undefined: unknown). */
  runs: ReadonlyArray<{ start: number; end: number }>;
  errors: (k: number) => boolean | undefined;
}

/**
 * The statements an edit changed, found from both versions' statement starts: those before it
 * at the same offsets, ending a margin before the first changed character (the next statement's
 * first characters decide where one ends), and those after it, moved by the edit, keep their
 * text; parsed without a syntax error around them, they keep their subtrees too. Where either
 * version has one in the runs the edit re-parsed, the changed span is those runs whole.
 */
export function textChange(a: Version, b: Version): TextChange | null {
  const oldText = a.text;
  const newText = b.text;
  if (oldText === newText) return null;
  const { start: same, endA: endOld, endB: endNew } = changedSpan(oldText, newText);
  const delta = newText.length - oldText.length;
  const sa = a.statements;
  const sb = b.statements;
  const endA = (i: number) => (i + 1 < sa.length ? sa[i + 1]! : oldText.length);
  const endB = (i: number) => (i + 1 < sb.length ? sb[i + 1]! : newText.length);
  let p = 0;
  while (p < sa.length && p < sb.length && sa[p] === sb[p] && endA(p) === endB(p) && endA(p) + 16 <= same) p++;
  let i = sa.length - 1;
  let j = sb.length - 1;
  while (i >= p && j >= p && sa[i]! + delta === sb[j] && endA(i) + delta === endB(j) && sb[j]! >= endNew) { i--; j--; }
  let start = p < sa.length ? sa[p]! : oldText.length;
  let oldEnd = i >= p ? endA(i) : start;
  // The statements kept around the edit share a run with it: their subtrees are the same only if
  // neither version's parse of that run had to recover from an error.
  const runsOf = (v: Version, from: number, to: number) => v.runs.map((r, k) => ({ r, k }))
    .filter(({ r }) => (from < to ? r.end > from && r.start < to : r.start <= from && r.end >= from));
  const oldRuns = runsOf(a, start, oldEnd);
  const newRuns = runsOf(b, start, oldEnd + delta);
  if (oldRuns.some(({ k }) => a.errors(k) !== false) || newRuns.some(({ k }) => b.errors(k) !== false)) {
    start = Math.min(oldRuns[0]?.r.start ?? start, newRuns[0]?.r.start ?? start);
    oldEnd = Math.max(oldRuns[oldRuns.length - 1]?.r.end ?? oldEnd, (newRuns[newRuns.length - 1]?.r.end ?? oldEnd + delta) - delta);
  }
  const words = new Set<string>();
  wordsIn(oldText, start, oldEnd, words);
  wordsIn(newText, start, oldEnd + delta, words);
  const oldEndRow = rowsIn(oldText, 0, oldEnd);
  const rowDelta = rowsIn(newText, start, oldEnd + delta) - rowsIn(oldText, start, oldEnd);
  return { start, oldEnd, delta, oldEndRow, rowDelta, words };
}

/** A start offset (or one inside a statement) of the old text in the new one. */
export function movedOffset(ch: TextChange, x: number): number {
  return x >= ch.oldEnd ? x + ch.delta : x;
}

/** An end offset (exclusive) of the old text in the new one. */
function movedEnd(ch: TextChange, x: number): number {
  return x <= ch.start ? x : x + ch.delta;
}

/** A row of the old text in the new one, for a position outside the changed span. */
export function movedRow(ch: TextChange, row: number): number {
  return row >= ch.oldEndRow ? row + ch.rowDelta : row;
}

/** Where an offset of the new text was in the old one; -1 inside the changed span. */
export function oldOffset(ch: TextChange, x: number): number {
  if (x < ch.start) return x;
  return x >= ch.oldEnd + ch.delta ? x - ch.delta : -1;
}

/**
 * Moves `r` (read in the old version) into the new one, in place, and says whether it still holds:
 * false when the edit changed something it read (a statement it stood on, or a name it looked up,
 * written in the changed text within the span it looked in). Once false, `r` is left half moved:
 * the caller drops it. A version's reads move on to one next version only (see PriorReading).
 */
export function carry(r: Reads, ch: TextChange): boolean {
  if (r.tainted) return false;
  // Thousands of verdicts are carried per edit: no entry arrays, no new maps (keys and values read apart).
  let after = 0;
  for (const s of r.units.keys()) {
    if (s < ch.oldEnd && r.units.get(s)! > ch.start) return false;
    if (s >= ch.oldEnd) after++;
  }
  if (ch.words.size) {
    for (const name of r.words.keys()) {
      if (!ch.words.has(name)) continue;
      const w = r.words.get(name)!;
      // Inclusive ends: text inserted where the span it looked in begins or ends may hold the name.
      if (w[0] <= ch.oldEnd && w[1] >= ch.start) return false;
    }
  }
  if (ch.delta === 0) return true;
  if (after) {
    // The statements after the edit move: re-keyed, those before stay where they are.
    const moved: number[] = [];
    for (const s of r.units.keys()) if (s >= ch.oldEnd) moved.push(s, r.units.get(s)!);
    for (let i = 0; i < moved.length; i += 2) r.units.delete(moved[i]!);
    for (let i = 0; i < moved.length; i += 2) r.units.set(moved[i]! + ch.delta, moved[i + 1]! + ch.delta);
  }
  for (const w of r.words.values()) { w[0] = movedOffset(ch, w[0]); w[1] = movedEnd(ch, w[1]); }
  r.lo = r.hi = 0;
  return true;
}
