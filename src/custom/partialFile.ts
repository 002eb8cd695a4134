// A file's custom activations as the findings read them (src/lint/customProgram.ts), lowering only
// the top-level statements something asks for. Lowering walks every node through the parser's API
// and a training script's loops, data code and functions of several tensors are most of a file,
// while a finding needs only: the statements that may define an activation (a class, a function
// whose parameters allow one tensor, a lambda), those that use a defined name, and what the
// interpreter looks a name up in (ModuleAst.statementsBinding). Each of those sets is taken from
// the text or the tree generously, then decided on the lowered statement, so the definitions, uses
// and evaluations are findCustom's own: unit tests hold this to findCustom on the corpus and demo.
// The whole module (`module.body`) is lowered only when read: a report of an evaluable definition
// reads the file's constants.
import { defineLazy } from '../lazyAccessor';
import type { Node } from 'web-tree-sitter';
import { atOf, boundNames, type ModuleAst, type Stmt } from '../interp';
import { sketchClass } from './classSketch';
import { isIdentPart, scanIdentifiers } from '../python/scan';
import { isKept } from '../python/versions';
import { classCandidate, collectUses, findIn, laterDef, type CustomFile, type CustomUse, type FoundDefinition } from './find';
import { sketchCannotBuild } from './unbuildable';
import { keptStatements, lowerSourceIncrementally } from './lowerCache';
import { freshMemo, registerFileMemo } from '../python/fileMemos';

interface Top {
  /** Index among the module's top-level statements (comments left out). */
  index: number;
  start: number;
  end: number;
  /** It may lower to a def, a class or a lambda assignment (findIn decides). */
  mayDefine: boolean;
  /** The one name a def or class binds (boundNames), read from the tree; undefined for other statements. */
  defines?: string;
  /** Where that name is written: a def's or class's own name there is no name expression (no use). */
  nameStart?: number;
}

/** Parameter node types that make every later parameter keyword-only. */
const KW_ONLY_FROM = new Set(['list_splat_pattern', 'keyword_separator']);

/**
 * A function findIn cannot take for an activation: two parameters without defaults before any
 * keyword-only mark means two required tensors (find.ts's tensorParam wants exactly one).
 */
function twoRequired(fn: Node): boolean {
  const params = fn.childForFieldName('parameters');
  if (!params) return false;
  let required = 0;
  for (const p of params.namedChildren) {
    if (!p || p.type === 'comment') continue;
    if (KW_ONLY_FROM.has(p.type)) break;
    if (p.type === 'typed_parameter') {
      const inner = p.namedChildren.find((c) => c && c.type !== 'type');
      if (inner?.type === 'list_splat_pattern') break;
      if (inner?.type === 'dictionary_splat_pattern') continue;
      required++;
    } else if (p.type === 'identifier') required++;
    if (required >= 2) return true;
  }
  return false;
}

function mayDefine(c: Node, text: string): boolean {
  if (c.hasError) return true;
  switch (c.type) {
    // a module needs a def named forward (find.ts's classCandidate): a class not holding the word is none
    case 'class_definition': return holdsWord(text, 'forward', c.startIndex, c.endIndex);
    case 'function_definition': return !twoRequired(c);
    case 'decorated_definition': {
      const d = c.childForFieldName('definition');
      return !(d?.type === 'function_definition' && !d.hasError && twoRequired(d));
    }
    case 'expression_statement': return text.slice(c.startIndex, c.endIndex).includes('lambda');
    default: return false;
  }
}

/** The name a def or class statement binds, and where; undefined for any other statement or one with an error. */
function definedName(c: Node, text: string): { defines: string; nameStart: number } | undefined {
  if (c.hasError) return undefined;
  const d = c.type === 'decorated_definition' ? c.childForFieldName('definition') : c;
  if (d?.type !== 'function_definition' && d?.type !== 'class_definition') return undefined;
  const name = d.childForFieldName('name');
  return name ? { defines: text.slice(name.startIndex, name.endIndex), nameStart: name.startIndex } : undefined;
}

/** `name` occurs in the statement as a whole word (an identifier token, or a word in a string or comment). */
function mentions(text: string, name: string, t: Top): boolean {
  return holdsWord(text, name, t.start, t.end);
}

/** `name` occurs in text[start, end) as a whole word. */
function holdsWord(text: string, name: string, start: number, end: number): boolean {
  const span = text.slice(start, end);
  for (let i = span.indexOf(name); i >= 0; i = span.indexOf(name, i + 1)) {
    if (i > 0 && isIdentPart(span.charCodeAt(i - 1))) continue;
    if (i + name.length < span.length && isIdentPart(span.charCodeAt(i + name.length))) continue;
    return true;
  }
  return false;
}

/**
 * What a statement without syntax errors may define, by `column:text`: it is read from its own
 * subtree only, and a 10,000-line file has ~1,000 statements whose nodes cost a few ms to walk on
 * every version typed (the same reasoning as lowerCache.ts's kept statements). Kept from one
 * reading to the next only: a key is a slice of its version's text, and V8 keeps the whole text
 * alive behind a slice (a map filled over a session held every version typed).
 */
type Shape = { mayDefine: boolean; defines?: string; nameOffset?: number };
let shapes = new Map<string, Shape>();
let previousShapes = new Map<string, Shape>();
registerFileMemo(() => { shapes = freshMemo(shapes); previousShapes = freshMemo(previousShapes); });

function topOf(c: Node, index: number, text: string): Top {
  const start = c.startIndex;
  const end = c.endIndex;
  if (c.hasError) return { index, start, end, mayDefine: true };
  const key = `${c.startPosition.column}:${text.slice(start, end)}`;
  let shape = shapes.get(key);
  if (!shape) {
    shape = previousShapes.get(key);
    if (!shape) {
      const named = definedName(c, text);
      shape = { mayDefine: mayDefine(c, text), ...(named && { defines: named.defines, nameOffset: named.nameStart - start }) };
    }
    shapes.set(key, shape);
  }
  const top: Top = { index, start, end, mayDefine: shape.mayDefine };
  if (shape.defines !== undefined) { top.defines = shape.defines; top.nameStart = start + shape.nameOffset!; }
  return top;
}

/**
 * What findIn finds in a lowered top-level statement. A statement keeps its lowered form in later
 * versions of the file where its text and place are unchanged (lowerCache.ts), and findIn reads
 * nothing else: its definitions are found once, not again for every version typed (a 10,000-line
 * file's ~500 model classes, each a candidate to read). The definitions are never changed by
 * their readers.
 */
const foundIn = new WeakMap<Stmt, readonly FoundDefinition[]>();
function definitionsIn(s: Stmt): readonly FoundDefinition[] {
  let found = foundIn.get(s);
  if (!found) {
    const out: FoundDefinition[] = [];
    findIn([s], undefined, out);
    foundIn.set(s, (found = out));
  }
  return found;
}

export interface PartialCustomFile extends CustomFile {
  /** How many top-level statements were lowered (tests look at partiality through it). */
  readonly loweredCount: number;
}

/**
 * Whether a class is decided on its sketch before it is lowered (`check` without `--fix`: each file
 * is read once, and most model classes need never be lowered). The editor reads every version
 * typed: there a class's lowering is kept for the next version (lowerCache.ts), while a sketch
 * would be made again on each one (a 10,000-line file's edit took 54–57 ms instead of 36–39).
 */
let sketchFirst = false;
export function sketchClassesFirst(on: boolean): void {
  sketchFirst = on;
}

export function findCustomPartially(source: string): PartialCustomFile {
  let kept = keptStatements(source);
  const first = kept;
  if (!first) return { module: { body: [] }, definitions: [], uses: [], sources: [source], notebook: false, loweredCount: 0 };
  const text = first.text;
  previousShapes = shapes;
  shapes = new Map();
  const tops: Top[] = first.nodes().map((c, index) => topOf(c, index, text));
  const lowered: Array<Stmt | undefined> = new Array(tops.length);
  const lower = (t: Top): Stmt => {
    let s = lowered[t.index];
    if (s) return s;
    // other files' trees may have replaced this version's meanwhile: then it is asked for again
    if (!kept || !isKept(kept.version)) kept = keptStatements(source);
    if (!kept) throw new Error('Activation Lens: the Python parser gave up on this file');
    s = lowered[t.index] = kept.lower(kept.nodes()[t.index]!);
    return s;
  };
  /** The statements holding one of `names` as a whole word (other than their own def or class name when `usesOnly`), in order. */
  const holding = (names: ReadonlySet<string>, usesOnly = false): Top[] => {
    const out: Top[] = [];
    let k = 0;
    for (const o of scanIdentifiers(text, names, Number.POSITIVE_INFINITY).found) {
      while (k < tops.length && tops[k]!.end <= o.start) k++;
      const t = tops[k];
      if (!t || t.start > o.start || out[out.length - 1] === t || (usesOnly && t.nameStart === o.start)) continue;
      out.push(t);
    }
    return out;
  };

  let uses: CustomUse[] | undefined;
  const binding = new Map<string, Stmt[]>();
  let whole: ModuleAst | undefined;
  const statementsBinding = (name: string): Stmt[] => {
    let out = binding.get(name);
    // a def or class binds its own name only: the others need not even be searched for the word
    if (!out) binding.set(name, (out = tops.filter((t) => (t.defines === undefined || t.defines === name) && mentions(text, name, t)).map(lower).filter((s) => boundNames(s).includes(name))));
    return out;
  };
  // lazy, without holding the file past its end: lazyAccessor.ts
  const module = {} as ModuleAst;
  defineLazy(module, 'body', () => (whole ??= lowerSourceIncrementally(source)).body);
  module.statementsBinding = statementsBinding;
  /** No statement after `t` binds the name it defines: its statement is the last module.statementsBinding returns. */
  const bindsLast = (t: Top, name: string): boolean => {
    for (let i = tops.length - 1; i > t.index; i--) {
      const u = tops[i]!;
      if (u.defines !== undefined ? u.defines === name : mentions(text, name, u) && boundNames(lower(u)).includes(name)) return false;
    }
    return true;
  };
  /**
   * A class statement's definition decided on its sketch (classSketch.ts), as findIn would find it
   * and cannotBuildWithoutArguments decide it on the lowered class: null where the class is no
   * candidate; undefined where the lowered class must tell.
   */
  const sketched = (t: Top): FoundDefinition | null | undefined => {
    const name = t.defines;
    const node = name === undefined ? undefined : first.nodes()[t.index]!;
    const sketch = node && sketchClass(node, text);
    if (!sketch) return undefined;
    const candidate = classCandidate(sketch);
    if (!candidate) return null;
    if (!sketch.returnsAtTop(candidate.forward) || !bindsLast(t, name!)) return undefined;
    const stmt = () => lower(t);
    const forward = () => classCandidate((stmt() as Stmt & { k: 'class' }).cls)!.forward;
    const nameNode = node.childForFieldName('name')!;
    return sketchCannotBuild(module, name!, sketch, (fn) => sketch.bodyOf(fn),
      () => laterDef(name!, atOf(nameNode), atOf(node), candidate.params, stmt, forward, candidate.input, undefined));
  };

  const definitions: FoundDefinition[] = [];
  for (const t of tops) {
    if (!t.mayDefine) continue;
    const d = sketchFirst ? sketched(t) : undefined;
    if (d) definitions.push(d);
    else if (d === undefined) definitions.push(...definitionsIn(lower(t)));
  }
  // lazy, without holding the file past its end: lazyAccessor.ts
  const file = { module, definitions } as { module: ModuleAst; definitions: FoundDefinition[]; uses: CustomUse[]; sources: string[]; notebook: boolean; loweredCount: number };
  defineLazy(file, 'uses', () => {
    if (!uses) {
      const names = new Set(definitions.map((d) => d.name));
      // a class whose name is the only mention of a defined name in it holds no use: not walked
      collectUses(names.size ? holding(names, true).map(lower) : [], names, undefined, (uses = []));
    }
    return uses;
  });
  file.sources = [source];
  file.notebook = false;
  defineLazy(file, 'loweredCount', () => lowered.filter((s) => s).length);
  return file;
}
