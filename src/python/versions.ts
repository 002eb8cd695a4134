// The last few texts parsed whole, kept with their trees so that the next version of a document is
// parsed incrementally (tree-sitter edits the kept tree and re-reads only what the edit touched)
// and the readers that need a whole-module tree share one parse per version: AL601's lowering
// (src/custom/lowerCache.ts) and the autograd follower (src/autograd/document.ts). Readers may
// keep what they derived from a version in its `memo`.
import type { Node, Tree } from 'web-tree-sitter';
import { diffEdit } from './cache';
import { parse } from './parser';
import { commonPrefix, commonSuffix } from './textDiff';
import { registerFileMemo } from './fileMemos';

export interface KeptVersion {
  /** Which version this is (increasing): what a reader holds to ask later whether it is still kept. */
  readonly serial: number;
  readonly text: string;
  readonly tree: Tree;
  /** What readers derived from this version (keyed by reader). */
  readonly memo: Record<string, unknown>;
}

/** Versions kept (most recent first): a document being typed in, its previous version, one other. */
const KEEP = 3;
let serials = 0;
const kept: KeptVersion[] = [];

/** Characters a and b share at their start and end (how alike two versions are). */
function unchanged(a: string, b: string): number {
  const i = commonPrefix(a, b);
  return i + commonSuffix(a, b, Math.min(a.length, b.length) - i);
}

/**
 * The kept version of `text` (already parsable: see parsableText), parsed now if new,
 * incrementally from the kept version most like it (`base`). Null when the parse was abandoned.
 */
export function keptVersion(text: string): { version: KeptVersion; base?: KeptVersion } | null {
  const same = kept.findIndex((v) => v.text === text);
  if (same >= 0) {
    const v = kept.splice(same, 1)[0]!;
    kept.unshift(v);
    return { version: v };
  }
  // Another file sharing little with this one (the CLI reads one file after another) is no base:
  // re-parsing from its tree would cost more than a fresh parse.
  let base: KeptVersion | undefined;
  let best = text.length / 2;
  for (const v of kept) {
    const u = unchanged(v.text, text);
    if (u > best) { best = u; base = v; }
  }
  let old: Tree | null = null;
  if (base) {
    const edit = diffEdit(base.text, text);
    if (edit) { old = base.tree.copy(); old.edit(edit); }
  }
  let tree: Tree | null;
  try {
    tree = parse(text, old);
  } finally {
    old?.delete();
  }
  if (!tree) return null;
  const version: KeptVersion = { serial: ++serials, text, tree, memo: {} };
  kept.unshift(version);
  while (kept.length > KEEP) kept.pop()!.tree.delete();
  return { version, base };
}

/**
 * Keeps a copy of `tree`, the whole parse of `text` made elsewhere (the analysis' cache), as that
 * text's version: its readers here then need no parse of their own. A text already kept stays as is.
 */
export function adoptVersion(text: string, tree: Tree): void {
  if (kept.some((v) => v.text === text)) return;
  kept.unshift({ serial: ++serials, text, tree: tree.copy(), memo: {} });
  while (kept.length > KEEP) kept.pop()!.tree.delete();
}

/** Whether `v`'s tree is still kept (not yet freed for newer versions). */
export function isKept(v: KeptVersion): boolean {
  return kept.includes(v);
}

/** Whether the version numbered `serial` is still kept. */
export function isKeptSerial(serial: number): boolean {
  return kept.some((v) => v.serial === serial);
}

/** The other kept versions, most recent first. */
export function otherVersions(than: KeptVersion): KeptVersion[] {
  return kept.filter((v) => v !== than);
}

/**
 * Hands `visit` the tree of `text` (already parsable), the one kept for this version. It stays
 * kept: `visit` must not delete or edit it (a copy may be).
 */
export function withKeptTree<T>(text: string, fallback: T, visit: (root: Node, tree: Tree) => T): T {
  const r = keptVersion(text);
  return r ? visit(r.version.tree.rootNode, r.version.tree) : fallback;
}

/** Frees the kept trees (tests). */
export function forgetKeptVersions(): void {
  while (kept.length) kept.pop()!.tree.delete();
}
registerFileMemo(forgetKeptVersions);
