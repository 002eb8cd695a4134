// How a `check` thread is told from the main thread without loading node:worker_threads: that
// module loads Node's worker and stream internals (~10 M instructions, 2–3 ms, of every start of
// the bin and of the second Node it starts for `check`), and only a check thread needs it.

/** The argument `check` starts its threads with (the Worker's `argv`: process.argv[2] there). */
export const CHECK_THREAD_ARG = '--activation-lens-check-thread';

/**
 * Whether this is a check thread. The argument alone could be typed by a user: it is then
 * confirmed by worker_threads, which is loaded only in that case.
 */
export function inCheckThread(): boolean {
  if (process.argv[2] !== CHECK_THREAD_ARG) return false;
  return !(require('node:worker_threads') as typeof import('node:worker_threads')).isMainThread;
}
