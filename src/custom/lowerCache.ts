// A file lowered once per version without re-reading what did not change. Lowering walks every
// node of the tree through the parser's API; on a 10,000-line file that is a few hundred ms, paid
// again by the custom hover, the activation hover (which leaves an evaluable definition's inside to
// it) and AL601 for every version typed. Here the previous version's tree is edited and re-parsed
// incrementally (tree-sitter reuses what the edit did not touch), and each top-level statement
// whose text and position are unchanged keeps its lowered form: lowering a statement reads only
// its own subtree and text, and its positions are absolute (same text at the same row and column,
// same AST). A statement with a syntax error is lowered again (its tree may depend on what is
// around it). The result is what lowerModule gives on a fresh parse: a unit test holds it to that.
import type { Tree } from 'web-tree-sitter';
import { parse, parsableText } from '../python/parser';
import { diffEdit } from '../python/cache';
import { lowerModuleStatement, type ModuleAst, type Stmt } from '../interp';

interface Version {
  text: string;
  tree: Tree;
  /** Lowered top-level statements by `row:column:text`. */
  statements: Map<string, Stmt>;
  module: ModuleAst;
}

/** Versions kept (most recent first): a document being typed in, and one other. */
const KEEP = 2;
const kept: Version[] = [];

/** Length of the common prefix of a and b (how alike two versions are). */
function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function keep(v: Version): void {
  kept.unshift(v);
  while (kept.length > KEEP) kept.pop()!.tree.delete();
}

/** The module of `source`, lowered; the parser must be loaded (initPython). */
export function lowerSourceIncrementally(source: string): ModuleAst {
  const { text, binary } = parsableText(source);
  if (binary) return { body: [] };
  const same = kept.findIndex((v) => v.text === text);
  if (same >= 0) {
    const v = kept.splice(same, 1)[0]!;
    kept.unshift(v);
    return v.module;
  }
  // The kept version most like this text (a document's previous version shares most of it).
  let base: Version | undefined;
  let best = -1;
  for (const v of kept) {
    const p = commonPrefix(v.text, text);
    if (p > best) { best = p; base = v; }
  }
  let old: Tree | null = null;
  if (base && best > 0) {
    const edit = diffEdit(base.text, text);
    if (edit) { old = base.tree.copy(); old.edit(edit); }
  }
  let tree: Tree | null;
  try {
    tree = parse(text, old);
  } finally {
    old?.delete();
  }
  if (!tree) return { body: [] };
  const previous = base?.statements;
  const statements = new Map<string, Stmt>();
  const body: Stmt[] = [];
  for (const c of tree.rootNode.namedChildren) {
    if (!c || c.type === 'comment') continue;
    if (c.hasError) { body.push(lowerModuleStatement(c, text)); continue; }
    const p = c.startPosition;
    const key = `${p.row}:${p.column}:${text.slice(c.startIndex, c.endIndex)}`;
    let s = previous?.get(key);
    if (!s) s = lowerModuleStatement(c, text);
    statements.set(key, s);
    body.push(s);
  }
  const module: ModuleAst = { body };
  keep({ text, tree, statements, module });
  return module;
}

/** Frees the kept trees (tests; a window closing frees them with its worker or host anyway). */
export function forgetLoweredVersions(): void {
  while (kept.length) kept.pop()!.tree.delete();
}
