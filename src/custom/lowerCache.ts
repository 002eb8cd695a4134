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
import { parsableText, parseRange } from '../python/parser';
import { forgetKeptVersions, isKeptSerial, keptVersion, otherVersions, type KeptVersion } from '../python/versions';
import type { Node } from 'web-tree-sitter';
import { lowerModuleStatement, type LaterBodies, type ModuleAst, type Stmt } from '../interp';

interface Lowered {
  /** Lowered top-level statements by `row:column:text` (all of them once `module` is set). */
  statements: Map<string, Stmt>;
  module?: ModuleAst;
}

const lowered = (v: KeptVersion | undefined) => v?.memo.lowered as Lowered | undefined;

function loweredOf(version: KeptVersion): Lowered {
  let l = lowered(version);
  if (!l) version.memo.lowered = l = { statements: new Map() };
  return l;
}

/**
 * Lowers the top-level statements of a kept version, one at a time, each at most once per
 * version: what this version already lowered, else what the version it was parsed from (or the
 * latest other one) lowered at the same place with the same text.
 */
export class KeptStatements {
  private readonly own: Map<string, Stmt>;
  private readonly previous: Map<string, Stmt> | undefined;

  constructor(readonly version: KeptVersion, base: KeptVersion | undefined, readonly text: string) {
    this.own = loweredOf(version).statements;
    const others = [base, ...otherVersions(version)].map(lowered).filter((l) => l && l.statements.size);
    this.previous = others[0]?.statements;
  }

  private tops: Node[] | undefined;

  /** The module's top-level statement nodes (comments left out), in order; valid while the version is kept. */
  nodes(): Node[] {
    return (this.tops ??= this.version.tree.rootNode.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment'));
  }

  lower(c: Node): Stmt {
    if (c.hasError) return lowerModuleStatement(c, this.text);
    const p = c.startPosition;
    const start = c.startIndex;
    const end = c.endIndex;
    const key = `${p.row}:${p.column}:${this.text.slice(start, end)}`;
    let s = this.own.get(key) ?? this.previous?.get(key);
    if (!s) s = lowerModuleStatement(c, this.text, p.column === 0 ? laterBodies(this.version, start, end, p.row) : undefined);
    this.own.set(key, s);
    return s;
  }
}

/**
 * Method bodies of a statement read from `version`'s tree while it is kept, else from a parse of
 * the statement's own lines (an error-free statement at column 0 parses alone as it does in its
 * file: the same holds lazyFile.ts's runs). Only the version's number is held: a statement outlives
 * its version in later versions' tables, and must not keep every earlier version's table alive.
 * (A WeakRef did so for as long as the task that made it ran: `check`'s whole run is one task, so
 * every file's version, tree and memo stayed until the end, ~15 MB promoted on the bench tree.)
 */
function laterBodies(version: KeptVersion, start: number, end: number, row: number): LaterBodies {
  const serial = version.serial;
  const text = version.text;
  return {
    alive: () => isKeptSerial(serial),
    reread: (read) => {
      // the statement's lines, through the newline ending its last one
      const eol = text.indexOf('\n', end);
      const to = eol < 0 ? text.length : eol + 1;
      let rows = row;
      let lineStart = start;
      for (let i = text.indexOf('\n', start); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) { rows++; lineStart = i + 1; }
      const tree = parseRange(text, start, to, row, { row: rows, column: to - lineStart });
      const statement = tree?.rootNode.namedChildren.find((n) => n && n.type !== 'comment' && n.startIndex === start);
      try {
        if (!statement) throw new Error('Activation Lens: the Python parser gave up on this file');
        return read(statement);
      } finally {
        tree?.delete();
      }
    },
  };
}

/** The kept version of `source` (parsable text), with its lowering; null for binary or abandoned text. */
export function keptStatements(source: string): KeptStatements | null {
  const { text, binary } = parsableText(source);
  if (binary) return null;
  const r = keptVersion(text);
  return r ? new KeptStatements(r.version, r.base, text) : null;
}

/** The module of `source`, lowered; the parser must be loaded (initPython). */
export function lowerSourceIncrementally(source: string): ModuleAst {
  const k = keptStatements(source);
  if (!k) return { body: [] };
  const done = loweredOf(k.version);
  if (done.module) return done.module;
  const module: ModuleAst = { body: k.nodes().map((c) => k.lower(c)) };
  done.module = module;
  return module;
}

/** Frees the kept trees (tests). */
export function forgetLoweredVersions(): void {
  forgetKeptVersions();
}
