// The names a file's import statements write, read from its raw text without a parse: the
// editor's cheap look at which files of a workspace may import a model file (src/vscode/crossFile.ts)
// before it analyses any. Works on a .py file and on a notebook's JSON as saved, where a cell's
// source is a list of lines or one string whose line breaks are escaped (`\n`).

/** A statement starts at the text's start (after a BOM), a line break (raw or JSON-escaped), `;`, or a JSON string's quote. */
const START = String.raw`(?:^\uFEFF?|[\n;"]|\\n)`;
/** Indentation, raw or JSON-escaped tabs. */
const INDENT = String.raw`(?:[ \t]|\\t)*`;
const GAP = String.raw`(?:[ \t]|\\t)+`;
/** `from X import names` (the names up to the line's end or a closing parenthesis), or `import names`. */
const STATEMENT = new RegExp(String.raw`${START}${INDENT}(?:from${GAP}([.\w]+)${GAP}import${GAP}?(\([^)]*\)?|[^\n;"\\]*)|import${GAP}([\w., \t]+))`, 'g');

const wordsIn = (s: string) => s.replace(/\\[nrt]/g, ' ').split(/[^\w]+/).filter(Boolean);

/**
 * Every dotted part of an imported module, and the names a `from` import takes (`from . import
 * net`, `from pkg import net` with `pkg` a namespace package: `net` may be the model file).
 * A superset of what the file imports: a word in a string or comment that looks like an import
 * counts too (the analysis decides later).
 */
export function importWords(text: string): Set<string> {
  const words = new Set<string>();
  for (let m = STATEMENT.exec(text); m; m = STATEMENT.exec(text)) {
    for (const w of wordsIn(m[1] ?? m[3] ?? '')) words.add(w);
    if (m[1] !== undefined) for (const w of wordsIn((m[2] ?? '').replace(/\bas\s+\w+/g, ''))) words.add(w);
  }
  STATEMENT.lastIndex = 0;
  return words;
}
