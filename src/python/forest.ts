// A file's syntax tree as runs of top-level statements (see chunks.ts), each parsed only when
// something asks about a position inside it. Every run is parsed from the file's own text with
// tree-sitter's included ranges, so its nodes carry the file's offsets, rows and columns and are
// the nodes a parse of the whole file would give for those statements. A file that cannot be cut
// is one run: the whole tree. A reader that needs every run anyway (the findings) parses the file
// whole instead, incrementally from the last version (a fraction of a run's fresh parse), and
// reads that one tree as the runs (`wholeRuns`): the runs then only say how far an edit reaches.
import type { Edit, Node, Tree } from 'web-tree-sitter';
import { chunkEnd, chunkHolding, type Chunk } from './chunks';
import { parseRange } from './parser';
import { commonPrefix } from './textDiff';

export class Forest {
  private readonly trees: Array<Tree | null>;
  private readonly roots: Array<Node | null>;
  private readonly statements: Array<Node[] | null>;
  private deleted = false;
  /** One tree read as the runs (wholeRuns): whether each run holds a syntax error. */
  private wholeErrors: boolean[] | undefined;

  /**
   * Where each top-level statement starts (0 first), with the comments and blank lines up to the
   * next: the units an edit changes or not (reads.ts). One unit for a forest made whole.
   */
  readonly statementStarts: readonly number[];

  private constructor(private readonly text: string, readonly chunks: Chunk[], trees: Array<Tree | null>, statements?: readonly number[]) {
    this.statementStarts = statements?.length ? statements : [0];
    this.trees = trees;
    this.roots = trees.map(() => null);
    this.statements = trees.map(() => null);
  }

  /** A tree of the whole text, already parsed. The forest owns it from now on. */
  static whole(tree: Tree, text: string): Forest {
    return new Forest(text, [{ start: 0, end: text.length, row: 0 }], [tree]);
  }

  /**
   * A tree of the whole text, already parsed, read as runs of its top-level statements: the
   * runs where an edit's reach is judged (reads.ts), the tree the nodes come from. Where the
   * parser recovered from an error, a top-level node may not end where the text's cut says a
   * statement does: runs such a node crosses are one run, holding an error. The forest owns `tree`.
   */
  static wholeRuns(tree: Tree, text: string, chunks: Chunk[], statements: readonly number[]): Forest {
    let runs = chunks;
    let errors: boolean[] = chunks.map(() => false);
    const root = tree.rootNode;
    if (root.hasError && chunks.length > 1) {
      const merged: Chunk[] = [];
      errors = [];
      let k = 0;
      const cursor = root.walk();
      try {
        // Each run, grown over the runs a top-level node reaches into.
        let open: Chunk = { ...chunks[0]! };
        let openError = false;
        const close = () => { merged.push(open); errors.push(openError); };
        if (cursor.gotoFirstChild()) {
          do {
            const start = cursor.startIndex;
            const end = Math.max(start + 1, cursor.endIndex);
            while (k + 1 < chunks.length && chunks[k + 1]!.start <= start) {
              k++;
              if (chunks[k]!.start >= open.end) { close(); open = { ...chunks[k]! }; openError = false; }
            }
            while (k + 1 < chunks.length && chunks[k + 1]!.start < end) { k++; open.end = chunks[k]!.end; }
            if (cursor.currentNode.hasError) openError = true;
          } while (cursor.gotoNextSibling());
        }
        while (k + 1 < chunks.length) {
          k++;
          if (chunks[k]!.start >= open.end) { close(); open = { ...chunks[k]! }; openError = false; }
        }
        close();
      } finally {
        cursor.delete();
      }
      runs = merged;
    }
    const f = new Forest(text, runs, [tree], statements);
    f.wholeErrors = errors;
    return f;
  }

  /**
   * Runs parsed on demand. Runs of `previous` (the forest of an earlier version of the text)
   * that lie wholly inside the common prefix of both texts and start and end at the same offsets
   * are the same statements at the same positions: their trees are shared (copied), not re-parsed.
   */
  static lazy(text: string, chunks: Chunk[], previous?: { forest: Forest; text: string; edit?: Edit | null }, statements?: readonly number[]): Forest {
    const trees: Array<Tree | null> = chunks.map(() => null);
    const old = previous?.forest;
    const edit = previous?.edit;
    if (old && !old.deleted && edit) {
      // Runs after the edit hold the same statements as before, moved by it: their trees are
      // copied and moved (tree-sitter's edit shifts every node after the edited span), not
      // re-parsed. A run's tree depends only on its own text and where it starts.
      const delta = edit.newEndIndex - edit.oldEndIndex;
      const readNewText = (index: number) => text.slice(index);
      const oldAt = new Map(old.chunks.map((o, j) => [o.start, j]));
      for (let k = chunks.length - 1; k >= 0; k--) {
        const c = chunks[k]!;
        if (c.start < edit.newEndIndex) break;
        const j = oldAt.get(c.start - delta);
        if (j === undefined || old.chunks[j]!.end + delta !== c.end) break;
        const t = old.trees[j];
        if (!t) continue;
        const moved = t.copy();
        moved.edit(edit);
        // A copy reads node text through the callback of the text it was parsed from: moved
        // nodes must read the new text at their new offsets (node.text was the old text's).
        // (one function, made beside the loop: a function written as the value assigned to a
        // property is allocated in V8's old generation, where it would hold the text past its use)
        (moved as unknown as { textCallback: (index: number) => string }).textCallback = readNewText;
        trees[k] = moved;
      }
    }
    if (old && !old.deleted) {
      const same = commonPrefix(previous.text, text);
      for (let k = 0; k < chunks.length && k < old.chunks.length; k++) {
        const c = chunks[k]!;
        const o = old.chunks[k]!;
        // The next run's first characters decide where this one ends: keep a margin.
        if (c.start !== o.start || c.end !== o.end || c.end + 16 > same) break;
        const t = old.trees[k];
        if (t && !trees[k]) trees[k] = t.copy();
      }
    }
    return new Forest(text, chunks, trees, statements);
  }

  get size(): number {
    return this.chunks.length;
  }

  /** How many runs have been parsed (tests and the bench look at laziness through it). */
  get parsedCount(): number {
    if (this.wholeErrors) return this.chunks.length;
    return this.trees.filter((t) => t !== null).length;
  }

  /** Index of the run holding offset `index` (the last run starting at or before it). */
  chunkAt(index: number): number {
    return chunkHolding(this.chunks, index, 'start');
  }

  /** The root (a `module` node spanning the run) of run `k`, parsing it if needed. */
  root(k: number): Node {
    let r = this.roots[k];
    if (r) return r;
    if (this.deleted) throw new Error('Activation Lens: the syntax tree of this version was released');
    if (this.wholeErrors) return (this.roots[0] ??= this.trees[0]!.rootNode);
    let t = this.trees[k];
    if (!t) {
      const c = this.chunks[k]!;
      t = parseRange(this.text, c.start, c.end, c.row, this.endRow(k));
      if (!t) throw new Error('Activation Lens: the Python parser gave up on this file');
      this.trees[k] = t;
    }
    r = t.rootNode;
    this.roots[k] = r;
    return r;
  }

  private endRow(k: number): { row: number; column: number } {
    return chunkEnd(this.text, this.chunks, k);
  }

  /**
   * The smallest node spanning [start, end): found in the run holding `start`. A range running
   * past that run spans two top-level statements, which only the module does: the run's root
   * (a `module` node) answers then.
   */
  descendantForIndex(start: number, end: number = start): Node | null {
    if (this.wholeErrors) return this.root(0).descendantForIndex(start, end);
    const k = this.chunkAt(start);
    const root = this.root(k);
    if (end > this.chunks[k]!.end) return root;
    return root.descendantForIndex(start, end);
  }

  /** The module's statement (or comment) starting last at or before `index` within its run, if any. */
  statementAt(index: number): Node | undefined {
    const k = this.wholeErrors ? 0 : this.chunkAt(index);
    let list = this.statements[k];
    if (!list) this.statements[k] = list = this.root(k).children.filter((c): c is Node => !!c);
    let lo = 0;
    let hi = list.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.startIndex <= index) { best = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return best < 0 ? undefined : list[best];
  }

  /** Whether run `k` holds a syntax error; undefined when it is not parsed and `parse` is false. */
  errorIn(k: number, parse: boolean): boolean | undefined {
    if (this.wholeErrors) return this.wholeErrors[k];
    if (!parse && !this.trees[k]) return undefined;
    return this.root(k).hasError;
  }

  /** Whether each run parsed so far holds a syntax error (undefined: not parsed). */
  runErrors(): Array<boolean | undefined> {
    if (this.wholeErrors) return [...this.wholeErrors];
    return this.trees.map((t) => (t ? t.rootNode.hasError : undefined));
  }

  /** Parses every run not parsed yet. */
  parseAll(): void {
    if (this.wholeErrors) return;
    for (let k = 0; k < this.chunks.length; k++) this.root(k);
  }

  /** Does any run hold a syntax error? Parses them all. */
  get hasError(): boolean {
    if (this.wholeErrors) return this.root(0).hasError;
    this.parseAll();
    return this.roots.some((r) => r!.hasError);
  }

  /** The single tree of a forest made by `whole` or `wholeRuns`, for incremental re-parsing; null for a cut one. */
  get wholeTree(): Tree | null {
    if (this.wholeErrors) return this.trees[0] ?? null;
    return this.chunks.length === 1 && this.chunks[0]!.start === 0 && this.chunks[0]!.end === this.text.length ? this.trees[0] ?? null : null;
  }

  delete(): void {
    if (this.deleted) return;
    this.deleted = true;
    for (const t of this.trees) t?.delete();
    this.trees.fill(null);
    this.roots.fill(null);
    this.statements.fill(null);
  }
}
