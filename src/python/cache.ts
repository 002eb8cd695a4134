// Parsed trees and analyses per document version. A hover asks for the analysis of the version
// it sees; the same version returns the same object without touching the parser, and a new
// version is re-parsed incrementally from the previous tree (the changed span is found by
// comparing texts, so callers need not forward edit events).
import type { Tree, Edit as EditType } from 'web-tree-sitter';
import { analyzeLazily, analyzeNotebook, type LazyAnalysis } from './analysis';
import { splitTopLevel } from './chunks';
import { Forest } from './forest';
import { changedSpan } from './textDiff';
import { Edit, parse, parsableText } from './parser';
import type { Analysis } from './types';

/**
 * A reader of a version's tree besides the analysis (the lint's expression patterns): given to
 * the cache, it runs on the tree the analysis parsed, once per version, so nothing is parsed twice.
 */
/** `cell`: the index of the notebook cell the tree is of (undefined for a file). */
export type TreeVisitor = (tree: Forest, text: string, cell?: number) => unknown;

interface Entry {
  version: number;
  /** The visitor's result for this version, once asked for. */
  visited?: { value: unknown };
  text: string;
  /** The parsed file: cut into runs of statements parsed on demand, or one whole tree. */
  forest: Forest | null;
  lazy: LazyAnalysis;
}

/**
 * Size of the runs of top-level statements a file is cut into (see chunks.ts): a hover parses
 * the run it is in, the runs with imports and the few a loss or binding is checked in, not the
 * whole file. Smaller runs mean less parsed per hover and more calls into the parser in all.
 */
export let CHUNK_CHARS = 8192;
/** Tests cut files into single statements to exercise every cut. */
export function setChunkChars(n: number): void {
  CHUNK_CHARS = n;
}
interface NotebookEntry {
  version: number;
  analyses: Analysis[];
  /** The visitor's result per cell (index as in analyses); undefined for a cell that did not parse. */
  visited: unknown[];
}

/** Point after `text[0..index)`, in rows and UTF-16 columns. */
function pointAt(text: string, index: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) { row++; lineStart = i + 1; }
  return { row, column: index - lineStart };
}

/** Point at `index` in `text`, counting from `from` (at point `at`): only the span between is read. */
function pointAfter(text: string, from: number, at: { row: number; column: number }, index: number): { row: number; column: number } {
  let { row } = at;
  let lineStart = from - at.column;
  for (let i = text.indexOf('\n', from); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) { row++; lineStart = i + 1; }
  return { row, column: index - lineStart };
}

/** The single edit turning `a` into `b`: common prefix and suffix kept. */
export function diffEdit(a: string, b: string): EditType | null {
  if (a === b) return null;
  const { start, endA, endB } = changedSpan(a, b);
  const startPosition = pointAt(a, start);
  return new Edit({
    startIndex: start, oldEndIndex: endA, newEndIndex: endB,
    startPosition, oldEndPosition: pointAfter(a, start, startPosition, endA), newEndPosition: pointAfter(b, start, startPosition, endB),
  });
}

export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();
  private readonly notebooks = new Map<string, NotebookEntry>();
  /** How many parses this cache ran (full or incremental): lets tests and the bench see reuse. */
  parses = 0;

  /**
   * `whole`: every version is parsed whole (incrementally from the last), for readers that read
   * every run anyway (the findings): one parse per version, which the visitor can hand on. A
   * hover's cache parses runs on demand instead, so a first hover on a large file parses little.
   * `oneVersion`: each document is read at one version only (`check` without `--fix`): what the
   * flow's answers read is not kept for a next version (a later version is still read right).
   */
  constructor(private readonly capacity = 16, private readonly visitor?: TreeVisitor, private readonly whole = false, private readonly oneVersion = false) {}

  /** The analysis of document `key` at `version`; `text` is only read when the version is new. */
  get(key: string, version: number, text: string | (() => string)): Analysis {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      this.touch(this.entries, key, hit);
      return hit.lazy.analysis;
    }
    // The previous version's analysis keeps working, from its text, once its tree is gone.
    hit?.lazy.release();
    // Its verdicts stand where the edit changed nothing they read (reuse.ts).
    const prior = hit?.lazy.reading?.();
    const source = typeof text === 'function' ? text() : text;
    const { text: parsable, truncated, binary } = parsableText(source);
    this.parses++;
    let forest: Forest | null = null;
    const oldTree = hit?.forest?.wholeTree ?? null;
    const statements: number[] = [];
    const chunks = binary ? null : splitTopLevel(parsable, CHUNK_CHARS, statements, hit?.forest ? { text: hit.text, statements: hit.forest.statementStarts } : undefined);
    if (binary) forest = null;
    else if (chunks && chunks.length > 1 && !this.whole) {
      // Cut into runs: only what a question needs is parsed. Runs before an edit are kept.
      forest = Forest.lazy(parsable, chunks, hit?.forest ? { forest: hit.forest, text: hit.text, edit: diffEdit(hit.text, parsable) } : undefined, statements);
    } else {
      // One run (or a text that cannot be cut with certainty), or a reader of every run: the
      // whole tree, re-parsed incrementally from the previous one when there is one.
      let old: Tree | null = null;
      if (oldTree) {
        if (hit!.text === parsable) old = oldTree;
        else {
          const edit = diffEdit(hit!.text, parsable);
          if (edit) { oldTree.edit(edit); old = oldTree; }
        }
      }
      const tree = parse(parsable, old);
      forest = !tree ? null : chunks && chunks.length > 1 ? Forest.wholeRuns(tree, parsable, chunks, statements) : Forest.whole(tree, parsable);
    }
    hit?.forest?.delete();
    const lazy = analyzeLazily(forest, parsable, truncated, prior, !this.oneVersion);
    this.touch(this.entries, key, { version, text: parsable, forest, lazy });
    this.evict();
    return lazy.analysis;
  }

  /** Per-cell analyses of notebook `key` (see analyzeNotebook); re-analysed when its version changes. */
  getNotebook(key: string, version: number, cells: string[] | (() => string[])): Analysis[] {
    const hit = this.notebooks.get(key);
    if (hit && hit.version === version) {
      this.touch(this.notebooks, key, hit);
      return hit.analyses;
    }
    this.parses++;
    const visited: unknown[] = [];
    const visitor = this.visitor;
    const analyses = analyzeNotebook(typeof cells === 'function' ? cells() : cells, visitor ? (i, forest, text) => { visited[i] = visitor(forest, text, i); } : undefined);
    this.touch(this.notebooks, key, { version, analyses, visited });
    this.evict();
    return analyses;
  }

  /**
   * The visitor's result for the version of document `key` that `get` last returned: computed on
   * that version's tree the first time it is asked for. Undefined without a visitor or a tree.
   */
  visit(key: string): unknown {
    const e = this.entries.get(key);
    if (!e || !this.visitor) return undefined;
    if (e.visited) return e.visited.value;
    if (!e.forest) return undefined;
    let value: unknown;
    try { value = this.visitor(e.forest, e.text); } catch { value = undefined; }
    e.visited = { value };
    return value;
  }

  /** The visitor's results per cell of notebook `key`, as of the last `getNotebook`. */
  visitNotebook(key: string): unknown[] | undefined {
    return this.notebooks.get(key)?.visited;
  }

  /** How much of document `key` has been parsed: runs parsed and runs in all (tests and the bench look at laziness through it). */
  runs(key: string): { parsed: number; total: number } | undefined {
    const f = this.entries.get(key)?.forest;
    return f ? { parsed: f.parsedCount, total: f.size } : undefined;
  }

  /** How many candidate uses of document `key` were taken over from its previous version, and how many read anew. */
  verdicts(key: string): { reused: number; read: number } | undefined {
    const c = this.entries.get(key)?.lazy.counts;
    return c ? { ...c } : undefined;
  }

  /** Forget a closed document and free its tree. */
  delete(key: string): void {
    const e = this.entries.get(key);
    e?.lazy.release();
    e?.forest?.delete();
    this.entries.delete(key);
    this.notebooks.delete(key);
  }

  clear(): void {
    for (const e of this.entries.values()) { e.lazy.release(); e.forest?.delete(); }
    this.entries.clear();
    this.notebooks.clear();
  }

  get size(): number {
    return this.entries.size + this.notebooks.size;
  }

  private touch<T>(map: Map<string, T>, key: string, value: T): void {
    map.delete(key);
    map.set(key, value);
  }

  private evict(): void {
    while (this.entries.size > this.capacity) {
      const [key, e] = this.entries.entries().next().value as [string, Entry];
      e.lazy.release();
      e.forest?.delete();
      this.entries.delete(key);
    }
    while (this.notebooks.size > this.capacity) this.notebooks.delete(this.notebooks.keys().next().value as string);
  }
}
