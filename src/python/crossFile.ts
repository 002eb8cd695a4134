// Facts for findings that join two files: a model defined in one, trained in another. The
// importing side asks where the instances of an imported name go (flow.ts instanceFeeds); the
// defining side reads, per use, which importable names give its value (ends.ts). Plain data out.
import { baseHandOffsOf, blankMagics, helperFeedsOf, ownHandOffsOf, factoryExportsOf, handOffsOf, instanceFeedsOf, lossCallsOf } from './analysis';
import { FileReader } from './analyze';
import { dottedParts, MODULE_SELF_METHODS, type CallerLoss, type FactoryExport, type GivenArgs, type HandOff, type HelperFeed, type InstanceFeed, type LossCall, type LossHit } from './flow';
import { Forest } from './forest';
import { newImportEnv, readImport } from './imports';
import { parse, parsableText } from './parser';
import { resolvePath } from './names';
import { isModuleLoss } from './losses';
import type { Node } from 'web-tree-sitter';
import type { Analysis, SourceRange } from './types';
import { joinCellsForReading } from './joinCells';

export { outputEndsOf, type OutputEnd } from './ends';
export type { CallerFactory, CallerLoss, GivenArgs, HandOff, HelperFeed, InstanceFeed, LossCall, LossHit } from './flow';
export { wantOutputEnds } from './flow';

/** An instance feed placed in a notebook: the cell (0-based, among the cells given) and the loss's range in it. */
export interface PlacedFeed extends InstanceFeed {
  /** Cell index, for a notebook; absent for a file. */
  cell?: number;
}

/**
 * `ask` with a reader of a fresh parse of `text`; `fallback` where it cannot be read. `seed`: the
 * PyTorch names the file gets without importing them itself (from a `from model import *` of a
 * file that imports them: StarExports.torch), bound before the file's own imports are read.
 * `known`: imports of other files whose names hold a PyTorch object (ImportEnv.known).
 */
function withReader<T>(text: string, fallback: T, ask: (reader: FileReader) => T, seed?: ReadonlyMap<string, string>, known?: ReadonlyMap<string, string>): T {
  const { text: parsable, binary } = parsableText(text);
  if (binary) return fallback;
  const tree = parse(parsable);
  if (!tree) return fallback;
  const forest = Forest.whole(tree, parsable);
  const env = newImportEnv();
  if (seed) for (const [local, path] of seed) env.torch.set(local, path);
  if (known?.size) env.known = known;
  try {
    return ask(new FileReader(forest, parsable, env, undefined, false));
  } catch {
    return fallback;
  } finally {
    forest.delete();
  }
}

/** Feeds read from a fresh parse of `text` (one parse for every name); `seed` and `known` as withReader's (ImportEnv.known). */
export function feedsOfText(text: string, locals: readonly string[], seed?: ReadonlyMap<string, string>, known?: ReadonlyMap<string, string>): Map<string, InstanceFeed[]> {
  return withReader(text, new Map(), (reader) => new Map(locals.map((l) => [l, reader.instanceFeeds(l)])), seed, known);
}

/** Where the instances of each imported name are handed to other imported functions (from the analysis' tree while alive, else a parse). */
export function handOffs(analysis: Analysis, text: string, locals: readonly string[]): Map<string, HandOff[]> {
  return perLocal(locals, text, (local) => handOffsOf(analysis, local), (r, local) => r.handOffs(local));
}

/**
 * Where the instances of each of `names` (a star import's: no import of the file binds them) are
 * handed to functions of other files, from a fresh parse of `text` with the PyTorch names `seed`
 * binds, and the file's imports (to find those functions by).
 */
export function handOffsOfText(text: string, names: readonly string[], seed?: ReadonlyMap<string, string>): { found: Map<string, HandOff[]>; imports: Analysis['imports'] } {
  return withReader(text, { found: new Map(), imports: [] }, (reader) => ({ found: new Map(names.map((l) => [l, reader.handOffs(l)])), imports: reader.imports }), seed);
}

/** The file's model factories building each of `names` (a star import's: flow.ts factoryExports), from a fresh parse of `text`. */
export function factoryExportsOfText(text: string, names: readonly string[], seed?: ReadonlyMap<string, string>): Map<string, FactoryExport[]> {
  return withReader(text, new Map(), (reader) => new Map(names.map((l) => [l, reader.factoryExports(l)])), seed);
}

/** The losses calls of each imported name give as arguments (flow.ts lossCalls; from the analysis' tree while alive, else a parse). */
export function lossCalls(analysis: Analysis, text: string, locals: readonly string[]): Map<string, LossCall[]> {
  return perLocal(locals, text, (local) => lossCallsOf(analysis, local), (r, local) => r.lossCalls(local));
}

/** The same from a fresh parse of `text`, with the PyTorch names `seed` binds (a star import's: StarExports.torch, .losses). */
export function lossCallsOfText(text: string, locals: readonly string[], seed?: ReadonlyMap<string, string>): Map<string, LossCall[]> {
  return withReader(text, new Map(), (reader) => new Map(locals.map((l) => [l, reader.lossCalls(l)])), seed);
}

/** The file's own model classes handed to the functions `imported` names (see flow.ts ownHandOffs). */
export function ownHandOffs(analysis: Analysis, text: string, imported: ReadonlySet<string>): HandOff[] {
  return ownHandOffsOf(analysis, imported) ?? withReader(text, [], (r) => r.ownHandOffs(imported));
}

/** The models the file's classes hand to the imported base classes `locals` by an attribute (see flow.ts baseHandOffs). */
export function baseHandOffs(analysis: Analysis, text: string, locals: ReadonlySet<string>): HandOff[] {
  return baseHandOffsOf(analysis, locals) ?? withReader(text, [], (r) => r.baseHandOffs(locals));
}

/**
 * Each local name's answer from the analysis' own tree while it is alive (`check` asks right after
 * linting the file), else from one parse of `text` for all the names it could not answer.
 */
function perLocal<T>(locals: readonly string[], text: string, alive: (local: string) => T | undefined, parsed: (reader: FileReader, local: string) => T): Map<string, T> {
  const out = new Map<string, T>();
  const missing: string[] = [];
  for (const local of locals) {
    const v = alive(local);
    if (v !== undefined) out.set(local, v);
    else missing.push(local);
  }
  if (missing.length) for (const [k, v] of withReader(text, new Map<string, T>(), (r) => new Map(missing.map((l) => [l, parsed(r, l)])))) out.set(k, v);
  return out;
}

/** The hand-offs of a notebook: its code cells read as one program. */
export function notebookHandOffs(cells: readonly string[], locals: readonly string[]): Map<string, HandOff[]> {
  // the losses a call gives (`fit(model, criterion, …)` with `criterion = nn.CrossEntropyLoss()` in a
  // cell) placed by cell, as notebookLossCalls places them (PlacedLossCall): 0-based among the cells given
  const program = cellProgram(cells);
  const placed = (h: HandOff): HandOff => (h.losses?.length ? { ...h, losses: h.losses.map((l) => { const { cell, range } = program.place(l.loss.range); return { arg: l.arg, loss: { ...l.loss, range }, cell } as CallerLoss & { cell: number }; }) } : h);
  return withReader(program.text, new Map<string, HandOff[]>(), (r) => new Map(locals.map((l) => [l, r.handOffs(l).map(placed)])));
}

/**
 * What the parameter `arg` of the module-level function `fn` in `text` does with a model (the
 * losses it reaches), and where that function hands it on to functions its file imports, with the
 * file's imports to find them by.
 */
export interface ParamLinks { feeds: InstanceFeed[]; handOffs: HandOff[]; imports: Analysis['imports'] }

export function paramLinksOfText(text: string, fn: string, arg: number | string, given?: GivenArgs, losses?: readonly CallerLoss[], asClass = false, asValue = false): ParamLinks {
  return withReader(text, { feeds: [], handOffs: [], imports: [] }, (reader) => {
    const handOffs: HandOff[] = [];
    const feeds = reader.paramFeeds(fn, arg, given, losses, handOffs, asClass, asValue);
    return { feeds, handOffs, imports: reader.imports };
  });
}

/** The loss the module-level function `fn` of `text` builds and returns (`def get_criterion(): return nn.BCELoss()`), or null. */
export function returnedLossOfText(text: string, fn: string): LossHit | null {
  return withReader(text, null, (reader) => reader.returnedLoss(fn));
}

/** Where the instances of each imported name go in a file (from the analysis' tree while alive, else a parse). */
/** The file's model factories building each imported name (flow.ts factoryExports). */
export function factoryExports(analysis: Analysis, text: string, locals: readonly string[]): Map<string, FactoryExport[]> {
  return perLocal(locals, text, (local) => factoryExportsOf(analysis, local), (r, local) => r.factoryExports(local));
}

/** The outputs of each imported name's models handed to imported functions (flow.ts helperFeeds; from the analysis' tree while alive, else a parse). */
export function helperFeeds(analysis: Analysis, text: string, locals: readonly string[]): Map<string, HelperFeed[]> {
  return perLocal(locals, text, (local) => helperFeedsOf(analysis, local), (r, local) => r.helperFeeds(local));
}

export function instanceFeeds(analysis: Analysis, text: string, locals: readonly string[]): Map<string, InstanceFeed[]> {
  return perLocal(locals, text, (local) => instanceFeedsOf(analysis, local), (r, local) => r.instanceFeeds(local));
}

/**
 * What `from it import *` gives an importer: `names`, the names a module binds at its top level
 * (classes, functions, assigned names, also under `if`/`try`), and `torch`, those of them its own
 * imports bind to PyTorch (`import torch.nn as nn`, `from torch.nn import functional as F`, a
 * `from torch.nn import *`): local name → PyTorch path. Python binds every imported name in the
 * module's namespace, so a star import hands them on; names starting with `_` are left out, and
 * a literal `__all__` lists the only names given (Python 3: `from m import *` with
 * `import torch.nn as nn` in m makes `nn` torch.nn; with `__all__ = ['Net']` it does not).
 */
export interface StarExports {
  names: string[];
  torch: Map<string, string>;
  /**
   * Those of the names the module binds, last, to a PyTorch loss module it builds at its top level
   * (`criterion = nn.BCELoss()` in a settings module): name → the loss class's PyTorch path. The
   * importer calls the instance as the loss (`criterion(net(x), y)`).
   */
  losses?: Map<string, string>;
}

/** The PyTorch path of a dotted callee (`nn.BCELoss`) as the imports read so far bind its first name. */
function calleePath(fn: Node | null, text: string, env: ReturnType<typeof newImportEnv>): string | null {
  const parts = fn && (fn.type === 'identifier' || fn.type === 'attribute') ? dottedParts(fn, text) : null;
  if (!parts) return null;
  const [root, ...rest] = parts;
  const base = env.torch.get(root!);
  return base ? [base, ...rest].join('.') : null;
}

export function starExports(text: string): StarExports {
  const { text: parsable, binary } = parsableText(text);
  if (binary) return { names: [], torch: new Map() };
  const tree = parse(parsable);
  if (!tree) return { names: [], torch: new Map() };
  const names = new Set<string>();
  const env = newImportEnv();
  const losses = new Map<string, string>();
  let all: Set<string> | undefined;
  // A fallback bound where an import failed (`except ImportError: nn = None`) leaves the import's name as it was.
  const rebind = (s: string, fallback: boolean) => { if (!fallback) env.torch.delete(s); losses.delete(s); if (!s.startsWith('_')) names.add(s); };
  let inExcept = 0;
  const nameOf = (n: Node | null) => { if (n?.type === 'identifier') rebind(parsable.slice(n.startIndex, n.endIndex), inExcept > 0); };
  const listed = (n: Node | null): Set<string> | undefined => {
    if (!n || (n.type !== 'list' && n.type !== 'tuple')) return undefined;
    const out = new Set<string>();
    for (const e of n.namedChildren) {
      if (e?.type !== 'string') return undefined;
      const m = /^[rRuU]?(['"])([A-Za-z_][A-Za-z0-9_]*)\1$/.exec(parsable.slice(e.startIndex, e.endIndex));
      if (!m) return undefined;
      out.add(m[2]!);
    }
    return out;
  };
  const visit = (block: Node, depth: number) => {
    for (const s of block.namedChildren) {
      if (!s) continue;
      const def = s.type === 'decorated_definition' ? s.childForFieldName('definition') : s;
      if (def?.type === 'class_definition' || def?.type === 'function_definition') nameOf(def.childForFieldName('name'));
      else if (s.type === 'import_statement' || s.type === 'import_from_statement') {
        // Imported names other than PyTorch's are not followed as models (they are defined elsewhere).
        readImport(s, parsable, env, []);
      } else if (s.type === 'expression_statement') {
        const a = s.namedChild(0);
        if (a?.type !== 'assignment') continue;
        const left = a.childForFieldName('left');
        if (left?.type === 'identifier' && parsable.slice(left.startIndex, left.endIndex) === '__all__') all = listed(a.childForFieldName('right')) ?? all;
        else {
          nameOf(left);
          // `criterion = nn.BCELoss()` at the top level (not under an `if` or `try`: that one may not run)
          const right = a.childForFieldName('right');
          const path = depth === 0 && left?.type === 'identifier' && right?.type === 'call' ? calleePath(right.childForFieldName('function'), parsable, env) : null;
          const resolved = path ? resolvePath(path) : null;
          if (resolved?.what === 'loss' && isModuleLoss(resolved.name)) losses.set(parsable.slice(left!.startIndex, left!.endIndex), `torch.nn.${resolved.name}`);
        }
      } else if (s.type === 'if_statement' && /__name__/.test(parsable.slice(s.startIndex, s.childForFieldName('condition')?.endIndex ?? s.startIndex))) continue; // runs only as a script
      else if (depth < 3 && (s.type === 'if_statement' || s.type === 'try_statement' || s.type === 'else_clause' || s.type === 'elif_clause' || s.type === 'except_clause' || s.type === 'block')) {
        if (s.type === 'except_clause') inExcept++;
        try { visit(s, depth + 1); } finally { if (s.type === 'except_clause') inExcept--; }
      }
    }
  };
  try {
    visit(tree.rootNode, 0);
  } finally {
    tree.delete();
  }
  const torch = new Map([...env.torch].filter(([local]) => !local.startsWith('_') && (!all || all.has(local))));
  const given = new Map([...losses].filter(([local]) => !local.startsWith('_') && (!all || all.has(local))));
  return { names: [...names].filter((n) => (!all || all.has(n)) && !torch.has(n) && !given.has(n)), torch, ...(given.size ? { losses: given } : {}) };
}

/**
 * A notebook's code cells as one program (`text`), and where a range of that program lies: the cell
 * (0-based, among the cells given) and the range within it.
 */
function cellProgram(cells: readonly string[]): { text: string; place(range: SourceRange): { cell: number; range: SourceRange } } {
  const texts = cells.map(blankMagics);
  const firstLines: number[] = [];
  let line = 0;
  for (const t of texts) { firstLines.push(line); line += t.split('\n').length; }
  const cellOf = (row: number) => { let i = 0; while (i + 1 < firstLines.length && firstLines[i + 1]! <= row) i++; return i; };
  return {
    text: joinCellsForReading(texts),
    place: (r) => {
      const cell = cellOf(r.line);
      return { cell, range: { ...r, line: r.line - firstLines[cell]!, endLine: r.endLine - firstLines[cell]! } };
    },
  };
}

/** The same for a notebook: its code cells read as one program, top to bottom; ranges per cell. */
export function notebookInstanceFeeds(cells: readonly string[], locals: readonly string[], seed?: ReadonlyMap<string, string>, known?: ReadonlyMap<string, string>): Map<string, PlacedFeed[]> {
  const program = cellProgram(cells);
  const out = new Map<string, PlacedFeed[]>();
  for (const [local, feeds] of feedsOfText(program.text, locals, seed, known)) {
    out.set(local, feeds.map((f) => {
      const { cell, range } = program.place(f.loss.range);
      return { ...f, loss: { ...f.loss, range }, cell };
    }));
  }
  return out;
}

/** A call's loss arguments placed in a notebook: the cell (0-based, among the cells given) and the range in it. */
export interface PlacedLossCall { path: string[]; losses: Array<CallerLoss & { cell?: number }>; method?: string }

/** The losses calls of each imported name give as arguments in a notebook (its code cells read as one program), placed by cell. */
export function notebookLossCalls(cells: readonly string[], locals: readonly string[]): Map<string, PlacedLossCall[]> {
  const program = cellProgram(cells);
  const out = new Map<string, PlacedLossCall[]>();
  for (const [local, calls] of lossCallsOfText(program.text, locals)) {
    out.set(local, calls.map((c) => ({
      path: c.path,
      losses: c.losses.map((l) => {
        const { cell, range } = program.place(l.loss.range);
        return { arg: l.arg, loss: { ...l.loss, range }, cell };
      }),
      ...(c.method ? { method: c.method } : {}),
    })));
  }
  return out;
}

/**
 * Module-level model instances built from imported names (`net = Detector(12)`, also
 * `net = models.Detector(12).to(device)`, in a settings module others import): the name, the local
 * import it calls (`ctor`) and the attributes after it. Only a name bound once at the top level,
 * by such an assignment outside any `if`/`try`/`def`: what another binding would leave, the text
 * does not say.
 */
export function moduleInstances(text: string, locals: readonly string[]): Array<{ name: string; ctor: string; path: string[] }> {
  const wanted = new Set(locals);
  if (!locals.some((l) => text.includes(l))) return [];
  const { text: parsable, binary } = parsableText(text);
  if (binary) return [];
  const tree = parse(parsable);
  if (!tree) return [];
  const slice = (n: Node) => parsable.slice(n.startIndex, n.endIndex);
  const bound = new Map<string, number>();
  const found = new Map<string, { name: string; ctor: string; path: string[] }>();
  const count = (n: string) => bound.set(n, (bound.get(n) ?? 0) + 1);
  try {
    for (const s of tree.rootNode.namedChildren) {
      if (!s) continue;
      const def = s.type === 'decorated_definition' ? s.childForFieldName('definition') : s;
      if (def?.type === 'class_definition' || def?.type === 'function_definition') { const n = def.childForFieldName('name'); if (n) count(slice(n)); continue; }
      if (s.type === 'import_statement' || s.type === 'import_from_statement') {
        // the names it binds: `import a.b` binds a, `import a as b` and `from m import a as b` bind b
        for (const n of s.childrenForFieldName('name')) {
          if (!n) continue;
          const alias = n.type === 'aliased_import' ? n.childForFieldName('alias') : null;
          count(alias ? slice(alias) : slice(n.type === 'aliased_import' ? n.childForFieldName('name') ?? n : n).split('.')[0]!);
        }
        continue;
      }
      // any other statement binding a name at the top level (a loop, a with, an if or try block) counts as another binding of it
      if (s.type !== 'expression_statement') { for (const n of s.descendantsOfType('identifier')) if (n && wantedName(n)) count(slice(n)); continue; }
      const a = s.namedChild(0);
      if (a?.type !== 'assignment' && a?.type !== 'augmented_assignment') continue;
      const left = a.childForFieldName('left');
      if (left?.type !== 'identifier') { for (const n of left?.descendantsOfType('identifier') ?? []) if (n) count(slice(n)); continue; }
      const name = slice(left);
      count(name);
      if (a.type !== 'assignment') continue;
      // `Ctor(…)` or `mod.Ctor(…)`, then `.to(device)`, `.cuda()`…
      let v = a.childForFieldName('right');
      for (let i = 0; v?.type === 'call' && i < 4; i++) {
        const fn = v.childForFieldName('function');
        if (!fn) break;
        const parts = dottedParts(fn, parsable);
        if (parts && wanted.has(parts[0]!)) { found.set(name, { name, ctor: parts[0]!, path: parts.slice(1) }); break; }
        if (fn.type !== 'attribute' || !MODULE_SELF_METHODS.has(slice(fn.childForFieldName('attribute') ?? fn))) break;
        v = fn.childForFieldName('object');
      }
    }
  } finally {
    tree.delete();
  }
  return [...found.values()].filter((f) => bound.get(f.name) === 1);

  function wantedName(n: Node): boolean {
    const p = n.parent;
    return !!p && (p.type === 'pattern_list' || p.type === 'tuple_pattern' || p.type === 'for_statement' || p.type === 'as_pattern_target' || p.type === 'assignment');
  }
}
