// What following one value looked at, so that the next version of the document can tell whether
// the answer still holds without following it again. A file is cut into runs of top-level
// statements (chunks.ts); an edit re-parses the runs it touched and keeps the others' trees
// (forest.ts), so "did this verdict read anything the edit changed" is asked per run:
//   - runs: every run holding a node the flow stood on (climbed from, or was handed by a look-up);
//   - words: the names whose occurrences it looked up, with the span it looked in. Outside the
//     changed runs the text and tree are the same, so such a look-up finds the same nodes unless
//     the name is written in the changed text (before or after the edit) inside that span;
//   - tainted: the answer depended on the order verdicts were computed in (a recursion guard
//     met, the step budget spent, a word list cut at its cap): never reused;
//   - cost: the steps following it would take with nothing memoised; over the budget, a
//     from-scratch reading might have stopped it early, so it is not reused either.

export class Reads {
  readonly runs = new Set<number>();
  /** Name → [from, to): the span its occurrences were looked up in (merged). */
  readonly words = new Map<string, [number, number]>();
  tainted = false;
  cost = 0;

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
    for (const r of o.runs) this.runs.add(r);
    for (const [n, [f, t]] of o.words) this.word(n, f, t);
    if (o.tainted) this.tainted = true;
    this.cost += o.cost;
  }
}

/** How an edit maps the runs and offsets of one version onto the next. */
export interface RunChange {
  /** Old run index → the new run holding the same statements (same tree, moved), or -1. */
  readonly newOf: Int32Array;
  /** The changed span: [start, oldEnd) in the old text, [start, oldEnd + delta) in the new. */
  readonly start: number;
  readonly oldEnd: number;
  readonly delta: number;
  /** Rows: the changed span starts on row `startRow`; rows from `oldEndRow` on move by `rowDelta`. */
  readonly startRow: number;
  readonly oldEndRow: number;
  readonly rowDelta: number;
  /** Every identifier written in the changed span, before or after the edit. */
  readonly words: ReadonlySet<string>;
}

const IDENT = /[A-Za-z_\u00c0-\uffff][\w\u00c0-\uffff]*/g;

function wordsIn(text: string, into: Set<string>): void {
  for (const m of text.matchAll(IDENT)) into.add(m[0]);
}

interface Run { start: number; end: number; row: number }

/**
 * The runs of `newChunks` that hold the same statements as a run of `oldChunks`: those before the
 * edit at the same offsets (ending a margin before the first changed character: the next run's
 * first characters decide where a run ends) and those after it, moved by the edit. Null when the
 * texts are the same.
 */
export function runChange(oldText: string, oldChunks: readonly Run[], newText: string, newChunks: readonly Run[]): RunChange | null {
  const max = Math.min(oldText.length, newText.length);
  let same = 0;
  while (same < max && oldText.charCodeAt(same) === newText.charCodeAt(same)) same++;
  let endOld = oldText.length;
  let endNew = newText.length;
  while (endOld > same && endNew > same && oldText.charCodeAt(endOld - 1) === newText.charCodeAt(endNew - 1)) { endOld--; endNew--; }
  const delta = newText.length - oldText.length;
  const newOf = new Int32Array(oldChunks.length).fill(-1);
  let prefix = 0;
  for (; prefix < newChunks.length && prefix < oldChunks.length; prefix++) {
    const c = newChunks[prefix]!;
    const o = oldChunks[prefix]!;
    if (c.start !== o.start || c.end !== o.end || c.end + 16 > same) break;
    newOf[prefix] = prefix;
  }
  let j = oldChunks.length - 1;
  let k = newChunks.length - 1;
  for (; k >= prefix && j >= prefix; k--, j--) {
    const c = newChunks[k]!;
    const o = oldChunks[j]!;
    if (c.start < endNew || o.start + delta !== c.start || o.end + delta !== c.end) break;
    newOf[j] = k;
  }
  // Old runs prefix..j changed (an empty span when none did).
  const start = prefix < oldChunks.length ? oldChunks[prefix]!.start : oldText.length;
  const oldEnd = j >= prefix ? oldChunks[j]!.end : start;
  const startRow = prefix < oldChunks.length ? oldChunks[prefix]!.row : rowsIn(oldText, 0, oldText.length);
  const oldEndRow = j + 1 < oldChunks.length ? oldChunks[j + 1]!.row : rowsIn(oldText, 0, oldText.length);
  const rowDelta = rowsIn(newText, start, oldEnd + delta) - rowsIn(oldText, start, oldEnd);
  const words = new Set<string>();
  wordsIn(oldText.slice(start, oldEnd), words);
  wordsIn(newText.slice(start, oldEnd + delta), words);
  return { newOf, start, oldEnd, delta, startRow, oldEndRow, rowDelta, words };
}

function rowsIn(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** An offset of the old text in the new one (offsets inside the changed span stay: see carry). */
export function movedOffset(ch: RunChange, x: number): number {
  return x >= ch.oldEnd ? x + ch.delta : x;
}

/** A row of the old text in the new one, for a position outside the changed span. */
export function movedRow(ch: RunChange, row: number): number {
  return row >= ch.oldEndRow ? row + ch.rowDelta : row;
}

/**
 * `r` (read in the old version) as read in the new one, or null when the edit changed something
 * it read: a run it stood on, or a name it looked up, written in the changed text within the span
 * it looked in.
 */
export function carry(r: Reads, ch: RunChange): Reads | null {
  if (r.tainted) return null;
  const out = new Reads();
  for (const j of r.runs) {
    const k = j < ch.newOf.length ? ch.newOf[j]! : -1;
    if (k < 0) return null;
    out.runs.add(k);
  }
  for (const [name, [from, to]] of r.words) {
    if (from < ch.oldEnd && to > ch.start && ch.words.has(name)) return null;
    out.words.set(name, [movedOffset(ch, from), to >= ch.start ? to + ch.delta : to]);
  }
  out.cost = r.cost;
  return out;
}

/** Where an offset of the new text was in the old one; -1 inside the changed span. */
export function oldOffset(ch: RunChange, x: number): number {
  if (x < ch.start) return x;
  return x >= ch.oldEnd + ch.delta ? x - ch.delta : -1;
}
