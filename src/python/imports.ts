// The file's import table: which local names are PyTorch's, and what they stand for.
import type { Node } from 'web-tree-sitter';
import type { Forest } from './forest';
import { starImportNames } from './names';
import { scanKeyword } from './scan';
import type { ImportBinding } from './types';

/**
 * Names bound by imports, shared across the cells of a notebook (an alias imported in an earlier
 * cell counts in later ones). `torch` maps a local name to the PyTorch path it stands for.
 */
export interface ImportEnv {
  torch: Map<string, string>;
  /**
   * Local names bound by other imports (numpy as np, math, jax.nn…): never PyTorch's. Each with
   * what it imports (`models` → torchvision.models): torchvision's models are read by what they build.
   */
  other: Map<string, string>;
  /** Names rebound at module level by earlier cells: not PyTorch's any more. */
  moduleShadowed: Set<string>;
  /**
   * Read cell by cell (a notebook's cells in order): a cell with no import is no fragment, since a
   * later cell may import what it uses (Python then fails on it: not PyTorch code as written).
   */
  cells?: boolean;
  /**
   * Imports of other files of a run known to hold a PyTorch object (`from config import criterion`
   * where config.py builds `criterion = nn.BCELoss()`): the import's target → the PyTorch path the
   * name is read as (join.ts expandFroms). Absent in a file read on its own.
   */
  known?: ReadonlyMap<string, string>;
}

/**
 * The PyTorch names `from m import *` hands on where m is the user's own module: Python binds every
 * name m's imports bind in m's namespace, so with `import torch.nn as nn` in model.py, a file doing
 * `from model import *` calls `nn.CrossEntropyLoss()` and `F.softmax` without importing them itself.
 * Given the module as the import writes it, its names → PyTorch paths (crossFile.ts StarExports.torch),
 * or undefined where the module is not known. Set around the reading of one file by whoever knows
 * the other files (`check` across files, the editor's look through the workspace); absent, such a
 * star import binds nothing.
 */
export type StarTorch = (module: string) => ReadonlyMap<string, string> | undefined;
let starTorch: StarTorch | undefined;

/** `read()` with `given` answering star imports of the user's own modules (see StarTorch); the previous answerer is restored after. */
export function withStarTorch<T>(given: StarTorch | undefined, read: () => T): T {
  const was = starTorch;
  starTorch = given;
  try {
    return read();
  } finally {
    starTorch = was;
  }
}

/** What a StarTorch answered, as one process hands it to another: module as the import writes it → [name, PyTorch path] pairs. */
export type StarTorchEntries = ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, string]>]>;

/** A StarTorch answering from `entries` (undefined where there are none). */
export function starTorchFrom(entries: StarTorchEntries | undefined): StarTorch | undefined {
  if (!entries?.length) return undefined;
  const by = new Map(entries.map(([module, names]) => [module, new Map(names)] as const));
  return (module) => by.get(module);
}

export function newImportEnv(cells = false): ImportEnv {
  return { torch: new Map(), other: new Map(), moduleShadowed: new Set(), ...(cells ? { cells } : {}) };
}

const MAX_IMPORT_STATEMENTS = 5000;

const isTorch = (path: string) => path === 'torch' || path.startsWith('torch.');

function dotted(node: Node, source: string): string {
  // dotted_name children are identifiers; rebuild without whitespace or comments in between.
  if (node.type !== 'dotted_name') return source.slice(node.startIndex, node.endIndex);
  return node.namedChildren.filter((c) => c?.type === 'identifier').map((c) => source.slice(c!.startIndex, c!.endIndex)).join('.');
}

function bind(env: ImportEnv, out: ImportBinding[], local: string, target: string, at: Node): void {
  out.push({ local, target, line: at.startPosition.row, column: at.startPosition.column });
  const known = env.known?.get(target);
  if (known) {
    env.torch.set(local, known);
    env.other.delete(local);
    env.moduleShadowed.delete(local);
  } else if (isTorch(target)) {
    env.torch.set(local, target);
    env.other.delete(local);
    env.moduleShadowed.delete(local);
  } else {
    env.torch.delete(local);
    env.other.set(local, target);
  }
}

/** Reads one `import …` / `from … import …` statement into `env` (and `out`). */
export function readImport(stmt: Node, source: string, env: ImportEnv, out: ImportBinding[]): void {
  if (stmt.type === 'import_statement') {
    for (const n of stmt.childrenForFieldName('name')) {
      if (!n) continue;
      if (n.type === 'aliased_import') {
        const name = n.childForFieldName('name');
        const alias = n.childForFieldName('alias');
        if (name && alias) bind(env, out, source.slice(alias.startIndex, alias.endIndex), dotted(name, source), alias);
      } else if (n.type === 'dotted_name') {
        // `import torch.nn.functional` binds `torch`; the rest is reached through attributes.
        const first = n.namedChild(0);
        if (first) bind(env, out, source.slice(first.startIndex, first.endIndex), source.slice(first.startIndex, first.endIndex), first);
      }
    }
    return;
  }
  // import_from_statement
  const moduleNode = stmt.childForFieldName('module_name');
  if (!moduleNode) return;
  // A relative import keeps its dots and path (`.models.net`): the user's own code, found by `check` across files.
  const module = moduleNode.type === 'dotted_name' ? dotted(moduleNode, source) : source.slice(moduleNode.startIndex, moduleNode.endIndex).replace(/\s+/g, '');
  if (stmt.namedChildren.some((c) => c?.type === 'wildcard_import')) {
    const names = starImportNames(module);
    for (const name of names) bind(env, out, name, `${module}.${name}`, moduleNode);
    // The user's own module: which names it binds is known only from that file (`check` across files).
    if (names.length === 0 && !isTorch(module)) {
      out.push({ local: '*', target: `${module}.*`, line: moduleNode.startPosition.row, column: moduleNode.startPosition.column });
      // the PyTorch names that file's imports bind, where it is known (StarTorch)
      let given: ReadonlyMap<string, string> | undefined;
      try { given = starTorch?.(module); } catch { given = undefined; }
      if (given) for (const [local, path] of given) if (isTorch(path)) bind(env, out, local, path, moduleNode);
    }
    return;
  }
  for (const n of stmt.childrenForFieldName('name')) {
    if (!n) continue;
    let name: Node | null = n;
    let alias: Node | null = null;
    if (n.type === 'aliased_import') { name = n.childForFieldName('name'); alias = n.childForFieldName('alias'); }
    if (!name) continue;
    const imported = dotted(name, source);
    const local = alias ?? name;
    bind(env, out, source.slice(local.startIndex, local.endIndex), `${module}.${imported}`, local);
  }
}

/** Reads every import statement of the tree into `env`, in source order. */
export function readImports(forest: Forest, source: string, env: ImportEnv): ImportBinding[] {
  const out: ImportBinding[] = [];
  const seen = new Set<number>();
  for (const at of scanKeyword(source, 'import', MAX_IMPORT_STATEMENTS)) {
    const kw = forest.descendantForIndex(at, at + 6);
    if (!kw || kw.type !== 'import') continue;
    const stmt = kw.parent;
    if (!stmt || (stmt.type !== 'import_statement' && stmt.type !== 'import_from_statement') || seen.has(stmt.id)) continue;
    seen.add(stmt.id);
    readImport(stmt, source, env, out);
  }
  if (out.length === 0 && !env.cells && env.torch.size === 0 && env.other.size === 0 && FRAGMENT_NAMES.test(source)) assumeTorchNames(env);
  return out;
}

/**
 * Code with no import at all that reads `torch.…`, `nn.…` or `F.…` (a lesson's step stored without
 * its first lines, code cut from a notebook) cannot run on its own: those names come from imports it
 * does not show, and these are what PyTorch code means by them. They are assumed, as an import of
 * them would bind them (a name the code binds itself still shadows them), and nothing else is:
 * no import statement is added to the file's table (a fix that needs `import torch` still adds it).
 */
const FRAGMENT_NAMES = /(^|[^\w.])(torch|nn|F)\s*\./;
const ASSUMED: ReadonlyArray<readonly [string, string]> = [['torch', 'torch'], ['nn', 'torch.nn'], ['F', 'torch.nn.functional']];
function assumeTorchNames(env: ImportEnv): void {
  for (const [local, path] of ASSUMED) env.torch.set(local, path);
}
