// Where a Python source can be cut into runs of whole top-level statements, so that the parser
// can read one run on its own (tree-sitter's included ranges) and produce exactly the subtree a
// parse of the whole file would. The cut points are found by a lexical pass that knows only what
// decides them: strings (with prefixes, triple quotes and f-string fields), comments, brackets
// and backslash continuations. It does not decide anything else about the code: the tree does.
//
// Being wrong in one direction is harmless and in the other is not: a missed cut point merges two
// runs (a bigger parse, the same tree), a false one would parse half a statement. So the pass is
// conservative, and gives up (null) on anything it is not sure of: an unterminated string, an
// unbalanced bracket, an f-string field with a comment or its own quote inside. The caller then
// parses the file whole.

import { isIdentPart } from './scan';
import { changedSpan } from './textDiff';

export interface Chunk {
  /** UTF-16 offset where the run starts (a line start; 0 for the first). */
  start: number;
  /** Offset just past the run: the next run's start, or the text's length. */
  end: number;
  /** Row of `start` (rows count '\n', as tree-sitter does). */
  row: number;
}

/** Index of the run holding `at` — an offset (`start`) or a row (`row`): the last run starting at or before it. */
export function chunkHolding(chunks: readonly Chunk[], at: number, by: 'start' | 'row'): number {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (chunks[mid]![by] <= at) lo = mid; else hi = mid - 1;
  }
  return lo;
}

const NL = 10, CR = 13, SPACE = 32, TAB = 9, FF = 12, HASH = 35, BACKSLASH = 92;
const SQ = 39, DQ = 34, AT = 64;
const LPAREN = 40, RPAREN = 41, LBRACK = 91, RBRACK = 93, LBRACE = 123, RBRACE = 125, COLON = 58, EXCL = 33, EQ = 61;


/** Letters allowed before a quote (any case, any order): r, u, b, f, t and their pairs. */
function stringFlags(text: string, quote: number): { f: boolean } | null {
  let p = quote;
  let f = false;
  let n = 0;
  while (p > 0 && isIdentPart(text.charCodeAt(p - 1))) {
    p--;
    n++;
    if (n > 2) return null;
    const c = text.charCodeAt(p) | 32;
    if (c === 102 /* f */ || c === 116 /* t */) f = true;
    else if (c !== 114 /* r */ && c !== 98 /* b */ && c !== 117 /* u */) return null;
  }
  return { f };
}

class Unsure extends Error {}

/** The characters that matter to the cut, by kind; every other character is skipped. */
const K_NL = 1, K_HASH = 2, K_BACKSLASH = 3, K_QUOTE = 4, K_OPEN = 5, K_CLOSE = 6;
const KIND = new Uint8Array(128);
KIND[NL] = K_NL; KIND[HASH] = K_HASH; KIND[BACKSLASH] = K_BACKSLASH; KIND[SQ] = K_QUOTE; KIND[DQ] = K_QUOTE;
KIND[LPAREN] = K_OPEN; KIND[LBRACK] = K_OPEN; KIND[LBRACE] = K_OPEN; KIND[RPAREN] = K_CLOSE; KIND[RBRACK] = K_CLOSE; KIND[RBRACE] = K_CLOSE;

/**
 * Skips the string whose opening quote is at `i` (its prefix already read); returns the offset
 * just past its closing quote. Throws Unsure on anything it cannot be certain about.
 */
function skipString(text: string, i: number, f: boolean): number {
  const q = text.charCodeAt(i);
  const triple = text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q;
  let j = i + (triple ? 3 : 1);
  const n = text.length;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === BACKSLASH) { j += 2; continue; }
    if (c === q) {
      if (!triple) return j + 1;
      if (text.charCodeAt(j + 1) === q && text.charCodeAt(j + 2) === q) return j + 3;
      j++;
      continue;
    }
    if (!triple && (c === NL || c === CR)) throw new Unsure();
    if (f && c === LBRACE) {
      if (text.charCodeAt(j + 1) === LBRACE) { j += 2; continue; }
      j = skipField(text, j + 1, q, triple);
      continue;
    }
    j++;
  }
  throw new Unsure();
}

/**
 * Skips an f-string replacement field from just after its `{`; returns the offset after its `}`.
 * Expressions may hold brackets and other strings; a format spec after `:` is text with nested fields.
 */
function skipField(text: string, i: number, quote: number, triple: boolean): number {
  let depth = 0;
  let j = i;
  const n = text.length;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === quote || c === HASH || c === BACKSLASH) throw new Unsure();
    if (!triple && (c === NL || c === CR)) throw new Unsure();
    if (c === SQ || c === DQ) {
      const flags = stringFlags(text, j);
      if (!flags) throw new Unsure();
      j = skipString(text, j, flags.f);
      continue;
    }
    if (c === LPAREN || c === LBRACK || c === LBRACE) { depth++; j++; continue; }
    if (c === RPAREN || c === RBRACK) { if (--depth < 0) throw new Unsure(); j++; continue; }
    if (c === RBRACE) {
      if (depth === 0) return j + 1;
      depth--;
      j++;
      continue;
    }
    if (depth === 0 && c === EXCL && text.charCodeAt(j + 1) !== EQ) { j++; continue; }
    if (depth === 0 && c === COLON) return skipFormatSpec(text, j + 1, quote, triple);
    j++;
  }
  throw new Unsure();
}

function skipFormatSpec(text: string, i: number, quote: number, triple: boolean): number {
  let j = i;
  const n = text.length;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === quote || c === BACKSLASH) throw new Unsure();
    if (!triple && (c === NL || c === CR)) throw new Unsure();
    if (c === LBRACE) { j = skipField(text, j + 1, quote, triple); continue; }
    if (c === RBRACE) return j + 1;
    j++;
  }
  throw new Unsure();
}

/** Does the line at `at` open with one of the clause keywords that continue a compound statement? */
function continuesCompound(text: string, at: number): boolean {
  for (const w of ['else', 'elif', 'except', 'finally']) {
    if (text.startsWith(w, at) && !isIdentPart(text.charCodeAt(at + w.length))) return true;
  }
  return false;
}

/**
 * Offsets where a top-level statement starts (a line at column 0 outside brackets, strings and
 * continuations, not a clause continuing the statement before, not the definition after a
 * decorator), in order; null when the text is not certain enough to cut.
 */
export function topLevelStarts(text: string, prior?: PriorStarts): number[] | null {
  const old = prior?.statements;
  if (!prior || !old || old.length < 2) return startsFrom(text, 0, []);
  // Up to the last statement before the edit the text and the starts are the previous version's;
  // from there the pass runs until a start after the edit is one of the previous version's,
  // moved: there the pass is in the same state over the same text, so the rest is theirs, moved.
  const { start: changed, endB } = changedSpan(prior.text, text);
  const delta = text.length - prior.text.length;
  let k = 0;
  while (k + 1 < old.length && old[k + 1]! <= changed) k++;
  let j = k + 1;
  const synced = (s: number): boolean => {
    if (s < endB) return false;
    while (j < old.length && old[j]! < s - delta) j++;
    return j < old.length && old[j] === s - delta;
  };
  const starts = startsFrom(text, old[k]!, old.slice(1, k), synced);
  if (starts && starts.length && synced(starts[starts.length - 1]!)) for (let m = j + 1; m < old.length; m++) starts.push(old[m]! + delta);
  return starts;
}

/** The previous version of a text and where its top-level statements start (0 first, as splitTopLevel reports them). */
export interface PriorStarts {
  text: string;
  statements: readonly number[];
}

/**
 * topLevelStarts from `from` (0, or a statement start: the pass is in its initial state there),
 * appending to `starts`; stops after a start `stop` accepts.
 */
function startsFrom(text: string, from: number, starts: number[], stop?: (s: number) => boolean): number[] | null {
  const n = text.length;
  let depth = 0;
  let afterDecorator = false;
  let i = from;
  try {
    // At the top of the loop a logical line begins at `i` (outside brackets, not continued).
    for (;;) {
      if (i >= n) break;
      const first = text.charCodeAt(i);
      if (first !== SPACE && first !== TAB && first !== FF && first !== NL && first !== CR && first !== HASH) {
        if (i > 0 && !afterDecorator && !continuesCompound(text, i)) {
          starts.push(i);
          if (stop?.(i)) return starts;
        }
        afterDecorator = first === AT;
      }
      // Through the logical line: only the characters of KIND matter.
      let lineEnded = false;
      while (i < n && !lineEnded) {
        const c = text.charCodeAt(i);
        const kind = c < 128 ? KIND[c]! : 0;
        if (kind === 0) { i++; continue; }
        switch (kind) {
          case K_NL:
            i++;
            if (depth === 0) lineEnded = true;
            break;
          case K_HASH: {
            const nl = text.indexOf('\n', i);
            i = nl < 0 ? n : nl;
            break;
          }
          case K_BACKSLASH: {
            // A continuation joins the next line; elsewhere a backslash is an error tree-sitter recovers from.
            const next = text.charCodeAt(i + 1);
            if (next === NL) i += 2;
            else if (next === CR) i += text.charCodeAt(i + 2) === NL ? 3 : 2;
            else throw new Unsure();
            break;
          }
          case K_QUOTE: {
            const flags = stringFlags(text, i);
            if (!flags) throw new Unsure();
            i = skipString(text, i, flags.f);
            break;
          }
          case K_OPEN:
            depth++;
            i++;
            break;
          default: // K_CLOSE
            if (--depth < 0) throw new Unsure();
            i++;
        }
      }
    }
  } catch (e) {
    if (e instanceof Unsure) return null;
    throw e;
  }
  return depth === 0 ? starts : null;
}

/**
 * Runs of whole top-level statements, each at least `minChars` long (but the last), covering the
 * text; null when the text cannot be cut with certainty (then it is parsed whole). `statements`,
 * if given, receives where every top-level statement starts. With the previous version of the
 * text, only the statements from the edit on are read (topLevelStarts).
 */
export function splitTopLevel(text: string, minChars: number, statements?: number[], prior?: PriorStarts): Chunk[] | null {
  const starts = topLevelStarts(text, prior);
  if (!starts) return null;
  // Where each top-level statement starts (0 first): the units an edit changes (reads.ts).
  if (statements) statements.push(0, ...starts);
  const chunks: Chunk[] = [];
  let start = 0;
  let row = 0;
  let counted = 0;
  const rowAt = (at: number) => {
    for (let k = text.indexOf('\n', counted); k >= 0 && k < at; k = text.indexOf('\n', k + 1)) row++;
    counted = at;
    return row;
  };
  for (const s of starts) {
    if (s - start < minChars) continue;
    chunks.push({ start, end: s, row: rowAt(start) });
    start = s;
  }
  chunks.push({ start, end: text.length, row: rowAt(start) });
  return chunks;
}

/** Where run `k` ends, as a point: the next run's first row, or the end of the text. */
export function chunkEnd(text: string, chunks: Chunk[], k: number): { row: number; column: number } {
  const next = chunks[k + 1];
  if (next) return { row: next.row, column: 0 };
  const c = chunks[k]!;
  let row = c.row;
  let lineStart = c.start;
  for (let i = text.indexOf('\n', c.start); i >= 0; i = text.indexOf('\n', i + 1)) { row++; lineStart = i + 1; }
  return { row, column: text.length - lineStart };
}
