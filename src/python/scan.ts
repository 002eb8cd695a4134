// Finds where names of interest occur, as a cheap first pass over the text. It only proposes
// positions: every one is then checked against the syntax tree (an occurrence inside a string
// or a comment is not an identifier there, so it is dropped). This keeps the analysis
// proportional to what matters in the file, not to the size of its tree.

const isIdentStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127;
const isIdentPart = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57);

export interface Occurrence {
  name: string;
  start: number;
}

/** Identifier-shaped tokens whose text is in `names`, at most `limit` of them. */
export function scanIdentifiers(text: string, names: ReadonlySet<string>, limit: number): { found: Occurrence[]; capped: boolean } {
  const found: Occurrence[] = [];
  let maxLen = 0;
  for (const n of names) maxLen = Math.max(maxLen, n.length);
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isIdentPart(c)) { i++; continue; }
    const start = i;
    i++;
    while (i < n && isIdentPart(text.charCodeAt(i))) i++;
    if (!isIdentStart(c) || i - start > maxLen) continue; // a number, or too long to be a name we want
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
  let i = text.indexOf(word);
  while (i >= 0 && out.length < limit) {
    const before = i > 0 ? text.charCodeAt(i - 1) : 32;
    const after = i + word.length < text.length ? text.charCodeAt(i + word.length) : 32;
    if (!isIdentPart(before) && !isIdentPart(after)) out.push(i);
    i = text.indexOf(word, i + word.length);
  }
  return out;
}
