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
 * Empties a memo kept across files by deleting each entry: not `clear()`, and not a new Map in its
 * place. The memo lives long and sits in V8's old generation; `clear()` leaves its old table as it
 * was (entries and all) until the next full collection, and the young-generation collector takes
 * that dead table's pointers to the file's young data as roots: the file's lowered statements and
 * findings would be copied twice and promoted. A deleted entry points at nothing. (Bench tree, a
 * scavenge forced after each file: ~40 KB survived each file through clear(), ~12 KB now.)
 */
export function emptyMemo(memo: Map<unknown, unknown> | Set<unknown>): void {
  for (const k of memo.keys()) memo.delete(k);
}

/** An array memo emptied as emptyMemo empties a map: its slots overwritten before it is cut to nothing. */
export function emptyList(list: unknown[]): void {
  list.fill(undefined);
  list.length = 0;
}
