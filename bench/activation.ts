// The extension's activation, timed in a fresh Node process: loading the built bundle
// (dist/extension.js, what VS Code's extension host requires) and running activate() against a
// stand-in for the `vscode` API in which every registration succeeds at once. VS Code's own work
// around it (finding the extension, creating its host-side objects) is not in these numbers;
// the real-VS-Code suite logs activate() inside code-server as well.
//
// bench/activation-child.cjs is the measured process (plain Node, as the extension host loads
// the bundle: no TypeScript loader in the way); the hover section runs it several times and takes
// the median.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface ActivationBench { loadMs: number; activateMs: number; runs: number }

/** Median of `runs` fresh processes; builds the bundle first if it is missing. */
export function activationBench(runs = 5): ActivationBench {
  if (!existsSync('dist/extension.js')) {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8', timeout: 300_000 });
    if (b.status !== 0) throw new Error(`bench: npm run build failed: ${(b.stderr || b.stdout).slice(0, 400)}`);
  }
  const results: Array<{ load: number; activate: number; subscriptions: number }> = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['bench/activation-child.cjs'], { encoding: 'utf8', timeout: 60_000 });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    if (r.status !== 0 || !line.startsWith('{')) throw new Error(`bench: activation process failed: ${(r.stderr || r.stdout).slice(0, 400)}`);
    const one = JSON.parse(line) as { load: number; activate: number; subscriptions: number };
    if (one.subscriptions === 0) throw new Error('bench: activate() registered nothing');
    results.push(one);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  return { loadMs: median(results.map((r) => r.load)), activateMs: median(results.map((r) => r.activate)), runs };
}
