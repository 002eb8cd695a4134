// Memos of what the readers of one file derive from its text (its lowered statements, AL601's
// program, the autograd follower's findings, the kept syntax trees…). The editor keeps the last few
// for the next version typed; `check` without `--fix` reads each file once, so it empties them all
// after each file (src/cli/check.ts). Kept across files, they outlived two young-generation
// collections and were promoted: on the bench tree (120 files) the old generation grew by ~15 MB
// of such garbage, each page of it a fresh one the kernel faults in. Emptying a memo never changes
// a finding: every one is keyed by the text it was derived from.

const forgetters: Array<() => void> = [];

/** `forget` empties one module's memos; called once, when that module loads. */
export function registerFileMemo(forget: () => void): void {
  forgetters.push(forget);
}

/** Empties every registered memo (between files in `check`; tests). */
export function forgetFileMemos(): void {
  for (const f of forgetters) f();
}

/**
 * Empties a memo kept across files and gives the one to keep in its place: each entry deleted,
 * then a new map (or set). Not `clear()`, and not a new map alone: the memo lives long and sits in
 * V8's old generation, and `clear()` (or dropping it) leaves its old table, entries and all, to the
 * next full collection, while the young-generation collector takes that dead table's pointers to
 * the file's young data as roots: the file's lowered statements and findings were copied twice and
 * promoted. Deleting each entry overwrites those pointers; the new map is young, and a table grown
 * while it lives is young too. (Bench tree, a scavenge forced after each file: ~40 KB survived each
 * file through clear(), ~12 KB with the entries deleted. A memo given one young collection per
 * round, 80 rounds of 8 entries: clear() 8.2 MB kept to the next full collection, entries deleted
 * 11.8, a new map 0.7, both 0.4.)
 */
export function freshMemo<M extends Map<unknown, unknown> | Set<unknown>>(memo: M): M {
  for (const k of memo.keys()) memo.delete(k);
  return (memo instanceof Map ? new Map() : new Set()) as M;
}

/** An array memo emptied as freshMemo empties a map: its slots overwritten before it is cut to nothing. */
export function emptyList(list: unknown[]): void {
  list.fill(undefined);
  list.length = 0;
}
