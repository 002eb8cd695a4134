// A file's custom activations read only as far as a hover needs. Every hover on a Python file asks
// whether the spot is inside a user-defined activation the engine can evaluate (the activation
// hover leaves such spots to the custom one) and whether it is a definition's name or a use of one;
// on a 10,000-line file, lowering the whole file for that took ~300 ms idle and 550–680 ms under
// load, before the first hover could show. Here the file is cut into its top-level statements
// (chunks.ts); the statement under the cursor is parsed and lowered, and so are the statements a
// name is looked up in — lazily, by name, as the interpreter resolves it (ModuleAst.statementsBinding).
// The answers are the whole file's: unit tests compare them with findCustom at every position of
// the corpus and the demo. What needs the whole file (a definition's report: the file's constants,
// every use's role) still reads it whole, once, when a custom hover is actually shown.
import { defineLazy } from '../lazyAccessor';
import { boundNames, lowerModuleStatement, type ModuleAst, type Stmt } from '../interp';
import { chunkEnd, chunkHolding, splitTopLevel, type Chunk } from '../python/chunks';
import { parsableText, parseRange } from '../python/parser';
import { scanIdentifiers } from '../python/scan';
import { collectUses, findCustom, findIn, type CustomFile, type FoundDefinition } from './find';
import { contains, customAt, definitionCovering, type CustomHit } from './lookup';
import type { SourceRange } from '../python/types';
import { freshMemo, registerFileMemo } from '../python/fileMemos';

/**
 * Lowered statements of chunks by `row:text` (a chunk's parse depends only on its own text and
 * row), read in this version of the text or carried from the previous one only: keys and
 * statements hold slices of their version's text, and V8 keeps the whole text alive behind a slice.
 */
let recent = new Map<string, Stmt[]>();
let previous = new Map<string, Stmt[]>();
let recentText = '';
registerFileMemo(() => { recent = freshMemo(recent); previous = freshMemo(previous); recentText = ''; });

const DEF_OR_CLASS = /^(?:async[ \t]+def|def|class)[ \t]+([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)[ \t]*[(:]/;

/**
 * Whether a run of whole top-level statements holding the word `name` may bind it. Every top-level
 * statement begins at column 0; one beginning with `def`, `class` or a decorator binds only the
 * name it defines. A line at column 0 that is something else (an import, an assignment — or a line
 * inside a string or brackets, a harmless extra) makes the run a candidate, read exactly after.
 */
function mayBind(text: string, chunk: Chunk, name: string): boolean {
  for (let i = chunk.start; i < chunk.end; ) {
    let eol = text.indexOf('\n', i);
    if (eol < 0 || eol > chunk.end) eol = chunk.end;
    const c = text.charCodeAt(i);
    // blank, indented, comment, closing bracket, string: no statement binding a name starts there
    const skip = i === eol || c === 32 || c === 9 || c === 13 || c === 12 || c === 35 || c === 41 || c === 93 || c === 125 || c === 34 || c === 39;
    if (!skip && c !== 64 /* @ */) {
      const m = DEF_OR_CLASS.exec(text.slice(i, Math.min(eol, i + 200)));
      if (!m || m[1] === name) return true;
    }
    i = eol + 1;
  }
  return false;
}

export class LazyCustomFile {
  private readonly text: string;
  private readonly chunks: Chunk[] | null;
  private readonly lowered: Array<Stmt[] | undefined>;
  private readonly defs: Array<FoundDefinition[] | undefined>;
  private readonly binding = new Map<string, Stmt[]>();
  private readonly defined = new Map<string, FoundDefinition[]>();
  private whole: CustomFile | undefined;
  /** The module as the interpreter reads it: names resolved by reading only the statements that may bind them. */
  readonly module: ModuleAst;

  constructor(private readonly source: string) {
    const { text, binary } = parsableText(source);
    this.text = text;
    // A text that cannot be cut with certainty (an open bracket while typing) is read whole.
    this.chunks = binary ? null : splitTopLevel(text, 1);
    this.lowered = new Array(this.chunks?.length ?? 0);
    this.defs = new Array(this.chunks?.length ?? 0);
    const self = this;
    // lazy, without holding the file past its end: lazyAccessor.ts
    const module = {} as ModuleAst;
    defineLazy(module, 'body', () => self.file.module.body);
    if (this.chunks) {
      const statementsBinding = (name: string) => this.statementsBinding(name);
      module.statementsBinding = statementsBinding;
    }
    this.module = module;
  }

  /** The whole file (findCustom), read on first use. */
  get file(): CustomFile {
    return (this.whole ??= findCustom(this.source));
  }

  /** How many statements runs were lowered (tests look at laziness through it). */
  get loweredCount(): number {
    return this.lowered.filter((l) => l).length;
  }

  private statements(k: number): Stmt[] {
    let out = this.lowered[k];
    if (out) return out;
    const cs = this.chunks!;
    const c = cs[k]!;
    if (this.text !== recentText) {
      previous = recent;
      recent = new Map();
      recentText = this.text;
    }
    const key = `${c.row}:${this.text.slice(c.start, c.end)}`;
    out = recent.get(key) ?? previous.get(key);
    if (out) recent.set(key, out);
    else {
      const tree = parseRange(this.text, c.start, c.end, c.row, chunkEnd(this.text, cs, k));
      if (!tree) throw new Error('Activation Lens: the Python parser gave up on this file');
      try {
        out = [];
        for (const n of tree.rootNode.namedChildren) if (n && n.type !== 'comment') out.push(lowerModuleStatement(n, this.text));
      } finally {
        tree.delete();
      }
      recent.set(key, out);
    }
    this.lowered[k] = out;
    return out;
  }

  private definitionsIn(k: number): FoundDefinition[] {
    let out = this.defs[k];
    if (!out) findIn(this.statements(k), undefined, (out = []));
    this.defs[k] = out;
    return out;
  }

  /** The run holding `line` (the last one starting at or before it). */
  private chunkAtLine(line: number): number {
    return chunkHolding(this.chunks!, line, 'row');
  }

  /** Runs that may bind `name`, in order: those holding the word, less those whose statements all define other names. */
  private candidates(name: string): number[] {
    const out: number[] = [];
    const cs = this.chunks!;
    let k = 0;
    for (const o of scanIdentifiers(this.text, new Set([name]), Number.POSITIVE_INFINITY).found) {
      while (k + 1 < cs.length && cs[k + 1]!.start <= o.start) k++;
      if (out[out.length - 1] === k) continue;
      if (mayBind(this.text, cs[k]!, name)) out.push(k);
    }
    return out;
  }

  /** The top-level statements binding `name`, in order (ModuleAst.statementsBinding). */
  statementsBinding(name: string): Stmt[] {
    let out = this.binding.get(name);
    if (!out) {
      out = [];
      for (const k of this.candidates(name)) for (const s of this.statements(k)) if (boundNames(s).includes(name)) out.push(s);
      this.binding.set(name, out);
    }
    return out;
  }

  private definitionsNamed(name: string): FoundDefinition[] {
    let out = this.defined.get(name);
    if (!out) {
      out = [];
      for (const k of this.candidates(name)) for (const d of this.definitionsIn(k)) if (d.name === name) out.push(d);
      this.defined.set(name, out);
    }
    return out;
  }

  /** As lookup.ts's definitionCovering on the whole file. */
  definitionCovering(line: number, column: number): FoundDefinition | undefined {
    if (!this.chunks) return definitionCovering(this.file, line, column);
    return this.definitionsIn(this.chunkAtLine(line)).find((d) => contains(d.range, line, column));
  }

  /** As lookup.ts's customAt on the whole file: a definition's name, or a use of a defined name. */
  customAt(line: number, column: number): CustomHit | undefined {
    if (!this.chunks) return customAt(this.file, line, column);
    const k = this.chunkAtLine(line);
    for (const d of this.definitionsIn(k)) if (contains(d.nameRange, line, column)) return { definition: d, range: d.nameRange, at: 'definition' };
    const names: { name: string; range: SourceRange }[] = [];
    collectUses(this.statements(k), { has: () => true }, undefined, names);
    for (const u of names) {
      if (!contains(u.range, line, column)) continue;
      const defs = this.definitionsNamed(u.name);
      const def = defs[defs.length - 1];
      if (def) return { definition: def, range: u.range, at: 'use' };
    }
    return undefined;
  }
}
