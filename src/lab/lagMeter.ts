// How late a short timer fires on this thread: the extension host's event-loop lag while a race
// runs (issue 17 wants it under 50 ms). Read by `activationLens.lab.testInfo` and by the lab
// bench, which runs a race in the real VS Code and reads the line `report()` gives.

export interface LagStats { samples: number; p99Ms: number; maxMs: number }

const TICK_MS = 20;
const KEEP = 30_000; // ten minutes of ticks; beyond that only the max is kept up to date
const now = (): number => globalThis.performance?.now() ?? Date.now();

export class LagMeter {
  private timer: ReturnType<typeof setInterval> | undefined;
  private lags: number[] = [];
  private max = 0;

  get running(): boolean {
    return this.timer !== undefined;
  }

  start(): void {
    if (this.timer) return;
    let last = now();
    this.timer = setInterval(() => {
      const t = now();
      const lag = Math.max(0, t - last - TICK_MS);
      last = t;
      this.max = Math.max(this.max, lag);
      if (this.lags.length < KEEP) this.lags.push(lag);
    }, TICK_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  stats(): LagStats {
    const s = [...this.lags].sort((a, b) => a - b);
    return { samples: s.length, p99Ms: s.length ? s[Math.min(s.length - 1, Math.floor(s.length * 0.99))] : 0, maxMs: this.max };
  }

  /** One log line; the lab bench parses it (bench/labLag.ts). */
  report(): string {
    const s = this.stats();
    return `[Activation Lens] lab race: host event-loop lag p99 ${s.p99Ms.toFixed(1)} ms, max ${s.maxMs.toFixed(1)} ms, ${s.samples} ticks of ${TICK_MS} ms`;
  }
}

/** Parses `report()`'s line. */
export function parseLagReport(line: string): LagStats | undefined {
  const m = /lag p99 ([\d.]+) ms, max ([\d.]+) ms, (\d+) ticks/.exec(line);
  return m ? { p99Ms: Number(m[1]), maxMs: Number(m[2]), samples: Number(m[3]) } : undefined;
}
