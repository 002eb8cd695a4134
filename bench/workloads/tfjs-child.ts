// TensorFlow.js timed in its own Node process (started by tfjs.ts `startTfjs`), as PyTorch is
// timed in its own Python process. In the bench's process, tfjs-core and its CPU backend leave
// ~23 MB of long-lived objects on the JavaScript heap; V8 then answers the other columns'
// large typed-array allocations with full mark-compact collections over that heap (measured:
// 5–8 per 30 engine calls of W2 relu f32 against none without tfjs loaded), which taxes
// whichever column allocates most — a cost of having tfjs loaded, not of the code under test.
//
// Protocol (one JSON object per line): the child prints {"tfjs": version}; then for each
// request {"key": "W2 relu f64", "n": 1000000, "opts": TimingOptions} it builds that row's
// workload, times it with the same timeSet as the parent, and prints {"ms", "value"?} or
// {"error"}.
import { createInterface } from 'node:readline';
import { timeSet, type TimingOptions } from '../lib/timing';
import { init, moons, randn, type Act, type Precision } from './data';
import * as tfw from './tfjs';

interface Request {
  key: string;
  n?: number;
  steps?: number;
  lr?: number;
  opts: TimingOptions;
}

function build(tf: tfw.Tf, r: Request): { run: () => unknown; dispose?: () => void } {
  const [w, what] = r.key.split(' ');
  if (w === 'W1' || w === 'W2') return { run: tfw.seedPlot(tf, what as Act, r.n ?? 1000) };
  if (w === 'W3') {
    const R = r.n ?? 1000;
    return tfw.softmaxWorkload(tf, randn(R * R, 1), randn(R * R, 2), R, R);
  }
  if (w === 'W4') {
    const { x, y } = moons();
    return { run: tfw.mlpWorkload(tf, x, y, init, r.steps ?? 200, r.lr ?? 0.5) };
  }
  throw new Error(`unknown workload ${r.key}`);
}

async function main(): Promise<void> {
  let tf: tfw.Tf;
  try {
    tf = await tfw.loadTf();
  } catch (e) {
    process.stdout.write(JSON.stringify({ error: e instanceof Error ? e.message : String(e) }) + '\n');
    return;
  }
  process.stdout.write(JSON.stringify({ tfjs: tf.version_core ?? '' }) + '\n');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    let reply: Record<string, unknown>;
    try {
      const r = JSON.parse(line) as Request;
      const w = build(tf, r);
      let value: unknown;
      let first = true;
      const fn = (): unknown => {
        const v = w.run();
        if (first) {
          value = v;
          first = false;
        }
        return v;
      };
      const cell = timeSet({ tfjs: fn }, r.opts).tfjs;
      w.dispose?.();
      reply = cell && 'ms' in cell ? { ms: cell.ms, ...(typeof value === 'number' ? { value } : {}) } : { error: cell && 'na' in cell ? cell.na : 'n/a' };
    } catch (e) {
      reply = { error: e instanceof Error ? e.message.split('\n')[0] : String(e) };
    }
    process.stdout.write(JSON.stringify(reply) + '\n');
  }
}

void main();
