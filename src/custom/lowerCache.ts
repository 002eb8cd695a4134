// A file lowered once per version without re-reading what did not change. Lowering walks every
// node of the tree through the parser's API; on a 10,000-line file that is a few hundred ms, paid
// again by the custom hover, the activation hover (which leaves an evaluable definition's inside to
// it) and AL601 for every version typed. Here the version's tree comes from src/python/versions.ts
// (parsed incrementally from the previous version, shared with the autograd follower), and each
// top-level statement whose text and position are unchanged keeps its lowered form: lowering a
// statement reads only its own subtree and text, and its positions are absolute (same text at the
// same row and column, same AST). A statement with a syntax error is lowered again (its tree may
// depend on what is around it). The result is what lowerModule gives on a fresh parse: a unit test
// holds it to that.
import { parsableText } from '../python/parser';
import { forgetKeptVersions, keptVersion, otherVersions, type KeptVersion } from '../python/versions';
import { lowerModuleStatement, type ModuleAst, type Stmt } from '../interp';

interface Lowered {
  /** Lowered top-level statements by `row:column:text`. */
  statements: Map<string, Stmt>;
  module: ModuleAst;
}

const lowered = (v: KeptVersion | undefined) => v?.memo.lowered as Lowered | undefined;

/** The module of `source`, lowered; the parser must be loaded (initPython). */
export function lowerSourceIncrementally(source: string): ModuleAst {
  const { text, binary } = parsableText(source);
  if (binary) return { body: [] };
  const r = keptVersion(text);
  if (!r) return { body: [] };
  const { version } = r;
  const done = lowered(version);
  if (done) return done.module;
  // The statements of the version this one was parsed from, else of the latest one lowered.
  const previous = (lowered(r.base) ?? otherVersions(version).map(lowered).find((l) => l))?.statements;
  const statements = new Map<string, Stmt>();
  const body: Stmt[] = [];
  for (const c of version.tree.rootNode.namedChildren) {
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
  version.memo.lowered = { statements, module } satisfies Lowered;
  return module;
}

/** Frees the kept trees (tests). */
export function forgetLoweredVersions(): void {
  forgetKeptVersions();
}
