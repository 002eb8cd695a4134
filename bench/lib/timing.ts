// Warm up, then time batches of calls and keep the median per-call time: batches keep
// microsecond workloads above timer resolution, the median ignores the other engineers'
// jobs that share this machine's two cores.
import type { Cell } from './types';

export interface TimingOptions {
  /** Wall-clock budget for the timed part, ms. */
  budgetMs?: number;
  /** Samples (batches) to aim for. */
  samples?: number;
  /** Minimum duration of one batch, ms. */
  batchMs?: number;
  /** Minimum warmup calls (JIT tiers, caches). */
  warmup?: number;
}

const now = (): number => performance.now();

export function time(fn: () => unknown, opts: TimingOptions = {}): Cell {
  const budget = opts.budgetMs ?? 400;
  const want = opts.samples ?? 15;
  const batchMs = opts.batchMs ?? 2;
  const warmup = opts.warmup ?? 3;
  try {
    // Warmup: batches until the per-call time stops improving (the optimising JIT on a busy
    // 2-core machine can take a few hundred ms to kick in), at least `warmup` calls.
    let t0 = now();
    fn();
    let calls = 1;
    let perCall = now() - t0;
    const cap = Math.max(budget, 400);
    let best = Infinity;
    let bestAt = t0;
    while (now() - t0 < cap) {
      const b = Math.max(1, Math.ceil(batchMs / Math.max(perCall, 1e-6)));
      const s = now();
      for (let i = 0; i < b; i++) fn();
      calls += b;
      perCall = (now() - s) / b;
      if (perCall < best * 0.95) {
        best = perCall;
        bestAt = now();
      } else if (now() - bestAt >= 100 && calls >= warmup) {
        break;
      }
    }
    const batch = Math.max(1, Math.ceil(batchMs / Math.max(perCall, 1e-6)));
    const samples: number[] = [];
    t0 = now();
    while (samples.length < want && (samples.length < 3 || now() - t0 < budget)) {
      const s = now();
      for (let i = 0; i < batch; i++) fn();
      samples.push((now() - s) / batch);
    }
    samples.sort((a, b) => a - b);
    return { ms: samples[samples.length >> 1], samples: samples.length };
  } catch (e) {
    return { na: e instanceof Error ? e.message.split('\n')[0].slice(0, 80) : String(e) };
  }
}

export function fmtMs(c: Cell | undefined): string {
  if (!c) return '';
  if ('na' in c) return 'n/a';
  const ms = c.ms;
  if (ms < 1) return `${(ms * 1000).toFixed(ms < 0.01 ? 2 : 1)} µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
