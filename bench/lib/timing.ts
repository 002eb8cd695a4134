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
  /** Longest warm-up, ms (default max(budget, 400)): room for `warmup` calls of a slow workload. */
  warmupMs?: number;
  /**
   * timeSet only, for rows that allocate tens of MB per call: before each timed call, the
   * implementation first runs untimed `settle` calls (at most `settleMs` of them, default 3 and
   * 300 ms). An interleaved neighbour's allocations reshape the process heap, and the first calls
   * after that pay for memory the allocator had just returned to the system — which none of
   * them meets when it runs on its own, and PyTorch, in its own process, never does. Samples
   * stay interleaved (a round of each in turn), so load from other jobs still hits all alike.
   */
  isolate?: boolean;
  settle?: number;
  settleMs?: number;
}

const now = (): number => performance.now();

export function time(fn: () => unknown, opts: TimingOptions = {}): Cell {
  const budget = opts.budgetMs ?? 400;
  const want = opts.samples ?? 15;
  const batchMs = opts.batchMs ?? 2;
  const warmup = opts.warmup ?? 3;
  try {
    const perCall = warm(fn, budget, batchMs, warmup, opts.warmupMs);
    const batch = Math.max(1, Math.ceil(batchMs / Math.max(perCall, 1e-6)));
    const samples: number[] = [];
    // Slow workloads (a call over half the budget) settle for 2 samples: the run must stay short.
    const minSamples = Math.min(want, perCall > budget / 2 ? 2 : 3);
    const t0 = now();
    while (samples.length < want && (samples.length < minSamples || now() - t0 < budget)) {
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

/**
 * Times several implementations of one workload with their samples interleaved (a batch of
 * each in turn), so load from other jobs on this shared machine hits them alike and their
 * ratios stay meaningful even when the absolute times drift.
 */
export function timeSet(fns: Record<string, (() => unknown) | Cell>, opts: TimingOptions = {}): Record<string, Cell> {
  const budget = opts.budgetMs ?? 400;
  const want = opts.samples ?? 15;
  const batchMs = opts.batchMs ?? 2;
  const warmup = opts.warmup ?? 3;
  const out: Record<string, Cell> = {};
  const live: { name: string; fn: () => unknown; batch: number; perCall: number; samples: number[] }[] = [];
  for (const [name, f] of Object.entries(fns)) {
    if (typeof f !== 'function') {
      out[name] = f;
      continue;
    }
    try {
      const perCall = warm(f, budget, batchMs, warmup, opts.warmupMs);
      live.push({ name, fn: f, perCall, batch: Math.max(1, Math.ceil(batchMs / Math.max(perCall, 1e-6))), samples: [] });
    } catch (e) {
      out[name] = { na: e instanceof Error ? e.message.split('\n')[0].slice(0, 80) : String(e) };
    }
  }
  const slow = live.some((l) => l.perCall > budget / 2);
  const minSamples = Math.min(want, slow ? 2 : 3);
  const t0 = now();
  const limit = budget * Math.max(1, live.length);
  const settle = opts.isolate ? opts.settle ?? 3 : 0;
  const settleMs = opts.settleMs ?? 300;
  for (let s = 0; s < want && (s < minSamples || now() - t0 < limit); s++) {
    for (const l of live) {
      if (out[l.name]) continue;
      try {
        // a call longer than the settling budget settles nothing more: skip (tfjs at W4, 1 s)
        if (l.perCall <= settleMs) for (let i = 0, end = now() + settleMs; i < settle && now() < end; i++) l.fn();
        const st = now();
        for (let i = 0; i < l.batch; i++) l.fn();
        l.samples.push((now() - st) / l.batch);
      } catch (e) {
        out[l.name] = { na: e instanceof Error ? e.message.split('\n')[0].slice(0, 80) : String(e) };
      }
    }
  }
  for (const l of live) {
    if (out[l.name]) continue;
    // BENCH_SAMPLES=1 prints every sample (ms), in the order taken
    if (process.env.BENCH_SAMPLES) console.log(`    ${l.name}: ${l.samples.map((v) => v.toPrecision(3)).join(' ')}`);
    const xs = [...l.samples].sort((a, b) => a - b);
    out[l.name] = { ms: xs[xs.length >> 1], samples: xs.length };
  }
  return out;
}

/** Warmup until the per-call time stops improving; returns the last per-call estimate. */
function warm(fn: () => unknown, budget: number, batchMs: number, warmup: number, warmupMs?: number): number {
  const t0 = now();
  fn();
  let calls = 1;
  let perCall = now() - t0;
  const cap = warmupMs ?? Math.max(budget, 400);
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
  return perCall;
}

/** Per column, the median of the rounds' times (samples added up); a column n/a in any round is n/a. */
export function medianOfRounds(rounds: Record<string, Cell>[]): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  for (const key of Object.keys(rounds[0] ?? {})) {
    const cells = rounds.map((r) => r[key]);
    const bad = cells.find((c) => !c || 'na' in c);
    if (bad) {
      out[key] = bad;
      continue;
    }
    const ms = cells.map((c) => (c as { ms: number }).ms).sort((a, b) => a - b);
    const mid = ms.length >> 1;
    out[key] = {
      ms: ms.length % 2 ? ms[mid] : (ms[mid - 1] + ms[mid]) / 2,
      samples: cells.reduce((a, c) => a + (c as { samples: number }).samples, 0),
    };
  }
  return out;
}
