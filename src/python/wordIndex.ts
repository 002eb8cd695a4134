// Where the text has each word not after a dot (scan.ts: wordsNotAfterDot), for the flow's name
// look-ups. Built in one pass over the whole text, it cost an edit of a 10,000-line file ~3 ms and
// ~60,000 small allocations for the few verdicts the edit made the flow follow again. A version's
// index is instead the previous one moved by the edit (reads.ts's TextChange): the words of the
// changed statements are read anew, every other position moves by the edit's length, and a word's
// list is put together only when the flow asks for it. The lists are those a fresh pass gives
// (a unit test holds them to it).
import { isIdentPart, nextNonSpace, wordStartsNotAfterDot, wordsNotAfterDot } from './scan';
import type { TextChange } from './reads';

/** Positions kept per word (the first ones in the text). */
export const WORD_CAP = 20_000;
/**
 * Names looked for one by one before the whole text is indexed: most files are asked about a
 * few names (nine on average on the bench tree), where a search per name is far cheaper than
 * cutting the whole text into words; a file asked about many (400 classes) is read once.
 */
const SEARCHED_NAMES = 16;
/** Versions an index may be moved through before it is built afresh (each keeps its base's text alive). */
const MAX_DEPTH = 8;

interface Base {
  index: WordIndex;
  /** [from, to) of this version was read anew; the base's positions from `to - delta` on moved by `delta`. */
  from: number;
  to: number;
  delta: number;
  added: Map<string, number[]>;
}

export class WordIndex {
  private readonly lists = new Map<string, number[]>();
  private whole: Map<string, number[]> | undefined;
  /** The names asked of an index not moved from another before it was built whole, each found by its own search. */
  private readonly searched = new Map<string, number[]>();

  private constructor(private readonly text: string, private readonly base: Base | null, private readonly depth: number) {}

  static of(text: string): WordIndex {
    return new WordIndex(text, null, 0);
  }

  /** The positions of `name`, sorted, at most WORD_CAP. */
  get(name: string): readonly number[] {
    const base = this.base;
    if (!base) return this.own(name);
    let out = this.lists.get(name);
    if (out) return out;
    const old = base.index.get(name);
    // A list cut at its cap left out positions the edit may have brought within it: read afresh.
    if (old.length >= WORD_CAP) return (this.whole ??= wordsNotAfterDot(this.text, WORD_CAP)).get(name) ?? [];
    out = [];
    const oldTo = base.to - base.delta;
    let k = 0;
    while (k < old.length && old[k]! < base.from) out.push(old[k++]!);
    for (const p of base.added.get(name) ?? []) out.push(p);
    while (k < old.length && old[k]! < oldTo) k++;
    while (k < old.length) out.push(old[k++]! + base.delta);
    if (out.length > WORD_CAP) out.length = WORD_CAP;
    this.lists.set(name, out);
    return out;
  }

  private own(name: string): readonly number[] {
    if (this.whole) return this.whole.get(name) ?? [];
    let at = this.searched.get(name);
    if (at) return at;
    if (this.searched.size >= SEARCHED_NAMES) return (this.whole = wordsNotAfterDot(this.text, WORD_CAP)).get(name) ?? [];
    this.searched.set(name, (at = wordStartsNotAfterDot(this.text, name, WORD_CAP)));
    return at;
  }

  /**
   * This index moved onto the next version `text` (`ch` maps this version onto it); null when it
   * has been moved too often (then the next version builds its own).
   */
  moved(ch: TextChange, text: string): WordIndex | null {
    if (this.depth >= MAX_DEPTH) return null;
    // Words before the changed statements keep their text and what precedes them. After them,
    // only the first word can have been changed: a dot before it may be in the changed text.
    let from = ch.start;
    while (from > 0 && isIdentPart(text.charCodeAt(from - 1))) from--;
    const end = ch.oldEnd + ch.delta;
    let to = nextNonSpace(text, end);
    while (to < text.length && isIdentPart(text.charCodeAt(to))) to++;
    return new WordIndex(text, { index: this, from, to, delta: ch.delta, added: wordsNotAfterDot(text, WORD_CAP, from, to) }, this.depth + 1);
  }
}
