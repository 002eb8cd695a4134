// Finds where names of interest occur, as a cheap first pass over the text. It only proposes
// positions: every one is then checked against the syntax tree (an occurrence inside a string
// or a comment is not an identifier there, so it is dropped). This keeps the analysis
// proportional to what matters in the file, not to the size of its tree.

import { changedSpan } from './textDiff';

const isIdentStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127;
export const isIdentPart = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57);
/** An ASCII letter, digit or underscore (Python's keywords and the names built only of them). */
export const isAsciiIdentPart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 48 && c <= 57);

export interface Occurrence {
  name: string;
  start: number;
}

/** Identifier-shaped tokens whose text is in `names`, at most `limit` of them, by position. */
export function scanIdentifiers(text: string, names: ReadonlySet<string>, limit: number): { found: Occurrence[]; capped: boolean } {
  return names.size <= SEARCH_NAMES ? searchIdentifiers(text, names, limit) : walkIdentifiers(text, names, limit);
}

/**
 * Up to this many names, each is looked for with indexOf (the engine's string search, fast from
 * the first call) rather than by reading the text a character at a time in JS.
 */
const SEARCH_NAMES = 24;

function identifierShaped(name: string): boolean {
  if (name.length === 0 || !isIdentStart(name.charCodeAt(0))) return false;
  for (let i = 1; i < name.length; i++) if (!isIdentPart(name.charCodeAt(i))) return false;
  return true;
}

function searchIdentifiers(text: string, names: ReadonlySet<string>, limit: number): { found: Occurrence[]; capped: boolean } {
  // A name that is not one identifier-shaped token can never be a whole token of the text.
  const list = [...names].filter(identifierShaped);
  const k = list.length;
  // Each hit as one number (position × k + which name), so one numeric sort orders them all.
  const keys: number[] = [];
  for (let j = 0; j < k; j++) {
    const name = list[j]!;
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
      if (i > 0 && isIdentPart(text.charCodeAt(i - 1))) continue; // inside a longer word
      const end = i + name.length;
      if (end < text.length && isIdentPart(text.charCodeAt(end))) continue;
      if (!isIdentStart(text.charCodeAt(i))) continue;
      keys.push(i * k + j);
    }
  }
  const sorted = Float64Array.from(keys).sort();
  const n = Math.min(sorted.length, limit);
  const found: Occurrence[] = new Array(n);
  for (let m = 0; m < n; m++) {
    const key = sorted[m]!;
    const j = key % k;
    found[m] = { name: list[j]!, start: ((key - j) / k) | 0 };
  }
  return { found, capped: sorted.length > limit };
}

/** Identifier-shaped tokens in `names` starting in [from, to) (`from` must not be inside a token). */
export function scanIdentifiersIn(text: string, names: ReadonlySet<string>, from: number, to: number): Occurrence[] {
  return walkIdentifiers(text, names, Number.POSITIVE_INFINITY, from, to).found;
}

function walkIdentifiers(text: string, names: ReadonlySet<string>, limit: number, from = 0, to = text.length): { found: Occurrence[]; capped: boolean } {
  const found: Occurrence[] = [];
  let maxLen = 0;
  // Length and first character of every name: most identifiers are ruled out without slicing
  // them out of the text (a string per identifier of the file was most of this pass's garbage).
  const shapes = new Set<number>();
  for (const n of names) { maxLen = Math.max(maxLen, n.length); shapes.add(n.length * 65536 + n.charCodeAt(0)); }
  const n = text.length;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (!isIdentPart(c)) { i++; continue; }
    const start = i;
    i++;
    while (i < n && isIdentPart(text.charCodeAt(i))) i++;
    if (!isIdentStart(c) || i - start > maxLen) continue; // a number, or too long to be a name we want
    if (!shapes.has((i - start) * 65536 + c)) continue;
    const name = text.slice(start, i);
    if (names.has(name)) {
      if (found.length >= limit) return { found, capped: true };
      found.push({ name, start });
    }
  }
  return { found, capped: false };
}

/** Word-bounded occurrences of the keyword `import`. */
export function scanKeyword(text: string, word: string, limit: number): number[] {
  const out: number[] = [];
  let i = word ? text.indexOf(word) : -1;
  while (i >= 0 && out.length < limit) {
    const before = i > 0 ? text.charCodeAt(i - 1) : 32;
    const after = i + word.length < text.length ? text.charCodeAt(i + word.length) : 32;
    if (!isIdentPart(before) && !isIdentPart(after)) out.push(i);
    i = text.indexOf(word, i + word.length);
  }
  return out;
}

const SPACE = 32, TAB = 9, BACKSLASH = 92, LF = 10, CR = 13, DOT = 46;

/**
 * Next index at or after `i` that is not blank: spaces, tabs, line breaks, backslash continuations
 * and comments skipped (inside brackets a call's `(` may stand on the next line). For text filters
 * whose hits the tree confirms.
 */
export function nextCodeChar(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === LF || c === CR || c === BACKSLASH) { i++; continue; }
    if (c === 35 /* # */) { const nl = text.indexOf('\n', i); i = nl < 0 ? n : nl + 1; continue; }
    break;
  }
  return i;
}

/** Next index at or after `i` that is not a space, a tab or a backslash line continuation. */
export function nextNonSpace(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB) { i++; continue; }
    if (c === BACKSLASH && text.charCodeAt(i + 1) === LF) { i += 2; continue; }
    if (c === BACKSLASH && text.charCodeAt(i + 1) === CR && text.charCodeAt(i + 2) === LF) { i += 3; continue; }
    break;
  }
  return i;
}

/** Previous index before `i` that is not a space, a tab or a backslash line continuation; -1 at the start. */
export function prevNonSpace(text: string, i: number): number {
  let j = i - 1;
  while (j >= 0) {
    const c = text.charCodeAt(j);
    if (c === SPACE || c === TAB) { j--; continue; }
    if (c === LF && text.charCodeAt(j - 1) === BACKSLASH) { j -= 2; continue; }
    if (c === LF && text.charCodeAt(j - 1) === CR && text.charCodeAt(j - 2) === BACKSLASH) { j -= 3; continue; }
    break;
  }
  return j;
}

export const isDotAt = (text: string, i: number) => i >= 0 && text.charCodeAt(i) === DOT;

export const isIdentPartAt = (text: string, i: number) => isIdentPart(text.charCodeAt(i));

export const isIdentStartAt = (text: string, i: number) => isIdentStart(text.charCodeAt(i));

/** Start of the identifier-shaped token ending just before `end` (exclusive), or -1. */
export function tokenStartBefore(text: string, end: number): number {
  let j = end - 1;
  if (j < 0 || !isIdentPart(text.charCodeAt(j))) return -1;
  while (j > 0 && isIdentPart(text.charCodeAt(j - 1))) j--;
  return isIdentStart(text.charCodeAt(j)) ? j : -1;
}

/**
 * The dotted name starting at an identifier: `torch . nn.Softmax` → ['torch', 'nn', 'Softmax'],
 * with where its last part starts and ends. A proposal only: the tree confirms it.
 */
export function dottedNameAt(text: string, start: number, end: number, maxParts = 32): { parts: string[]; lastStart: number; lastEnd: number } {
  const parts = [text.slice(start, end)];
  let lastStart = start;
  let lastEnd = end;
  while (parts.length < maxParts) {
    const dot = nextNonSpace(text, lastEnd);
    if (!isDotAt(text, dot)) break;
    const s = nextNonSpace(text, dot + 1);
    if (s >= text.length || !isIdentStart(text.charCodeAt(s))) break;
    let e = s + 1;
    while (e < text.length && isIdentPart(text.charCodeAt(e))) e++;
    parts.push(text.slice(s, e));
    lastStart = s;
    lastEnd = e;
  }
  return { parts, lastStart, lastEnd };
}

/** Where the last part of the dotted name starting at an identifier starts (dottedNameAt's lastStart, without building the parts). */
export function lastPartAt(text: string, start: number, end: number, maxParts = 32): number {
  let lastStart = start;
  let lastEnd = end;
  for (let parts = 1; parts < maxParts; parts++) {
    const dot = nextNonSpace(text, lastEnd);
    if (!isDotAt(text, dot)) break;
    const s = nextNonSpace(text, dot + 1);
    if (s >= text.length || !isIdentStart(text.charCodeAt(s))) break;
    let e = s + 1;
    while (e < text.length && isIdentPart(text.charCodeAt(e))) e++;
    lastStart = s;
    lastEnd = e;
  }
  return lastStart;
}

/**
 * Where `name` (an identifier) occurs in the text as a whole word with no dot before it (a member
 * name), in order, at most `cap`: the engine's string search, for a file asked about few names.
 */
export function wordStartsNotAfterDot(text: string, name: string, cap: number): number[] {
  const at: number[] = [];
  // a name a broken statement leaves empty (`for in x:`) is no word: searching for it found the same place for ever
  if (!name) return at;
  for (let i = text.indexOf(name); i >= 0 && at.length < cap; i = text.indexOf(name, i + name.length)) {
    if ((i > 0 && isIdentPart(text.charCodeAt(i - 1))) || isIdentPart(text.charCodeAt(i + name.length)) || isDotAt(text, prevNonSpace(text, i))) continue;
    at.push(i);
  }
  return at;
}

/**
 * Where each identifier-shaped word of the text starts, unless a dot comes before it (a member
 * name), in order, at most `cap` per word: one pass over the text instead of one search of the
 * whole text per name looked up (a file of 400 classes asked where each class is called).
 * Only words starting in [from, to) when given (a word may run past `to`).
 */
export function wordsNotAfterDot(text: string, cap: number, from = 0, to = text.length): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const n = text.length;
  for (let i = from; i < to; i++) {
    if (!isIdentPart(text.charCodeAt(i))) continue;
    const start = i;
    while (i + 1 < n && isIdentPart(text.charCodeAt(i + 1))) i++;
    if (isDotAt(text, prevNonSpace(text, start))) continue;
    const word = text.slice(start, i + 1);
    let at = out.get(word);
    if (!at) out.set(word, (at = []));
    if (at.length < cap) at.push(start);
  }
  return out;
}

/**
 * `old` (a scan of `oldText` for `names`, by position) as a scan of `text` would give it: the
 * tokens around the changed span are scanned anew, the others kept, moved by the edit's length.
 * A token's match depends only on its own characters and the ones beside it.
 */
export function movedOccurrences(old: readonly Occurrence[], oldText: string, text: string, names: ReadonlySet<string>): Occurrence[] {
  const { start, endB } = changedSpan(oldText, text);
  let from = start;
  while (from > 0 && isIdentPart(text.charCodeAt(from - 1))) from--;
  let to = endB;
  while (to < text.length && isIdentPart(text.charCodeAt(to))) to++;
  const delta = text.length - oldText.length;
  const out: Occurrence[] = [];
  let k = 0;
  while (k < old.length && old[k]!.start < from) out.push(old[k++]!);
  for (const o of walkIdentifiers(text, names, Number.POSITIVE_INFINITY, from, to).found) out.push(o);
  while (k < old.length && old[k]!.start < to - delta) k++;
  if (delta === 0) while (k < old.length) out.push(old[k++]!);
  else for (; k < old.length; k++) out.push({ name: old[k]!.name, start: old[k]!.start + delta });
  return out;
}
