// The engine section of `npm run bench` (issue 2): W1 seed plot, W2 the same on a million
// points, W3 softmax over 1000×1000 with backward, W4 a two-moons MLP. Each row times our
// engine beside a hand-written loop, TensorFlow.js (CPU backend) and PyTorch (1 thread),
// all measured in this run, and marks the targets PASS/MISS.
import { medianOfRounds, timeSet, type TimingOptions } from '../lib/timing';
import { simdAvailable } from '../../src/engine/wasm/simd';
import type { Cell, Row, Section, SectionContext, SectionResult, Target } from '../lib/types';
import { ratio } from '../lib/types';
import { ACTIVATIONS, init, moons, randn, rows, type Precision } from '../workloads/data';
import * as eng from '../workloads/engine';
import * as plain from '../workloads/plain';
import { startPytorch } from '../workloads/pytorch';
import * as tfw from '../workloads/tfjs';

const PRECISIONS: Precision[] = ['f64', 'f32'];
const W4_STEPS = 200;
const W4_LR = 0.5;
/** Rounds for the workloads with a PyTorch target, W1, W3 and W4, both dtypes (see `measure`). */
const ROUNDS = 3;

function na(why: string): Cell {
  return { na: why };
}

type Maker = () => () => unknown;

/** Builds an implementation; a missing engine feature becomes one n/a cell, not a crash. */
function make(build: Maker): (() => unknown) | Cell {
  try {
    return build();
  } catch (e) {
    return na(e instanceof Error ? e.message.split('\n')[0].slice(0, 80) : String(e));
  }
}

/**
 * A fast wrong answer is no answer: the engine's W1 gradient must agree with the hand-written
 * derivative (the loop's erf is good to 1.5e-7, hence the looser gelu bound).
 */
function checkGrads(E: eng.Engine, kind: (typeof ACTIVATIONS)[number], p: Precision): string {
  try {
    const got = eng.seedPlot(E, kind, 1000, p)();
    const g: ArrayLike<number> = got.data ?? got.tolist();
    const want = plain.seedPlot(kind, 1000, p)();
    // float32: the loop builds its grid in float32 arithmetic, not with PyTorch's linspace, so x itself differs by an ulp.
    const tol = p === 'f32' ? 5e-6 : kind === 'gelu' ? 1e-6 : 1e-12;
    let worst = 0;
    for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(g[i] - want[i]) || (Number.isNaN(g[i]) ? Infinity : 0));
    return worst <= tol ? '' : `engine gradient differs from the hand-written derivative by ${worst.toExponential(2)}`;
  } catch (e) {
    return `gradient check failed: ${e instanceof Error ? e.message : String(e)}`;
  }
}

function target(row: Row, label: string, num: string, den: string, limit: number): Target {
  return { label, ratio: ratio(row, num, den), limit };
}

export const section: Section = {
  id: 'engine',
  async run(ctx): Promise<SectionResult> {
    const notes: string[] = [];
    const torch = await startPytorch(ctx.quick);
    if (typeof torch === 'string') notes.push(`PyTorch: n/a (${torch})`);
    else notes.push(`PyTorch ${torch.version}, torch.set_num_threads(1), a subprocess timing each row right after the JavaScript columns`);
    let E: eng.Engine | undefined;
    try {
      E = await eng.loadEngine();
    } catch (e) {
      notes.push(`engine: n/a (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
    }
    if (E) notes.push(process.env.BENCH_ENGINE === 'src' ? 'engine: the TypeScript sources through the tsx loader (BENCH_ENGINE=src)' : 'engine: src/engine bundled by esbuild into out/bench/engine.cjs, as the extension ships it');
    if (E) notes.push(`engine float32 matrix products: ${simdAvailable() ? 'WebAssembly SIMD kernels' : 'JavaScript kernels (WebAssembly SIMD unavailable)'}`);
    const tf = await tfw.startTfjs();
    if (typeof tf === 'string') notes.push(`TensorFlow.js: n/a (${tf})`);
    else notes.push(`TensorFlow.js ${tf.version} cpu backend, in its own Node process (bench/workloads/tfjs-child.ts) right after the engine and the loop: float32 only, so its f64 rows are float32`);
    const tfLoss: string[] = [];
    const torchCell = async (key: string): Promise<Cell> => {
      if (typeof torch === 'string') return na(torch);
      const r = await torch.time(key);
      return typeof r === 'number' ? { ms: r, samples: 0 } : na(r);
    };
    /**
     * engine and loop timed together (interleaved), then tfjs and PyTorch, each in its own process.
     * With `rounds` > 1 (W1, W3, W4: the workloads with a PyTorch target) the engine, the loop
     * and PyTorch are timed that many times in turn and each cell is the median of its rounds:
     * this VM's speed drifts by tens of percent within a minute, and a single PyTorch timing
     * taken after the JavaScript ones left the ratio to whichever phase each side met. tfjs is
     * timed once.
     */
    const measure = async (
      key: string,
      engine: (E: eng.Engine) => () => unknown,
      loop: Maker,
      tfjs: { n?: number; steps?: number; lr?: number },
      o: TimingOptions,
      rounds = 1,
    ): Promise<Record<string, Cell>> => {
      const fns = { engine: E ? make(() => engine(E)) : na('engine not loaded'), loop: make(loop) };
      const n = typeof torch === 'string' || ctx.quick ? 1 : rounds;
      const taken: Record<string, Cell>[] = [];
      let tfjsCell: Cell = na('not timed');
      for (let r = 0; r < n; r++) {
        const js = timeSet(fns, o);
        if (r === 0) {
          if (typeof tf === 'string') tfjsCell = na(tf);
          else {
            const t = await tf.time({ key, ...tfjs, opts: o });
            tfjsCell = typeof t === 'string' ? na(t) : { ms: t.ms, samples: 0 };
            if (typeof t !== 'string' && t.value !== undefined) tfLoss.push(t.value.toFixed(4));
          }
        }
        taken.push({ ...js, pytorch: await torchCell(key) });
      }
      return { ...medianOfRounds(taken), tfjs: tfjsCell };
    };

    const out: Row[] = [];
    const big = ctx.quick ? 100_000 : 1_000_000;
    const wanted = (w: string): boolean => !ctx.only?.length || ctx.only.some((o) => w.startsWith(o) || o.startsWith(w));

    // The engine is shared code (tensor creation, graph, sum, backward): the first row would also
    // pay for JIT-compiling all of it, and on a loaded machine the per-row warm-up can stop before
    // the optimised code lands. Run every W1 workload for a while first, as a session would have.
    if (E && wanted('W1')) {
      for (let round = 0; round < 2; round++) {
        for (const kind of ACTIVATIONS) for (const p of PRECISIONS) {
          const fn = eng.seedPlot(E, kind, 1000, p);
          const end = performance.now() + 40;
          while (performance.now() < end) fn();
        }
      }
    }

    // W1: the seed's plot, 1000 points.
    for (const kind of wanted('W1') ? ACTIVATIONS : []) {
      for (const p of PRECISIONS) {
        const name = `W1 ${kind} ${p}`;
        const o: TimingOptions = { budgetMs: ctx.quick ? 120 : 250, samples: 15 };
        const row: Row = {
          name,
          cells: await measure(name, (E) => eng.seedPlot(E, kind, 1000, p), () => plain.seedPlot(kind, 1000, p), { n: 1000 }, o, ROUNDS),
          targets: [],
        };
        if (p === 'f64') row.targets.push(target(row, '≤1.5× PyTorch', 'engine', 'pytorch', 1.5));
        row.targets.push(target(row, '<tfjs', 'engine', 'tfjs', 1));
        out.push(row);
        if (E) {
          const bad = checkGrads(E, kind, p);
          if (bad) notes.push(`${name}: ${bad}`);
        }
      }
    }
    ctx.log('W1 done');

    // W2: the same on a million points.
    for (const kind of wanted('W2') ? ACTIVATIONS : []) {
      for (const p of PRECISIONS) {
        const name = `W2 ${kind} ${p}`;
        // a million points: 4–8 MB per array, so settling calls before each sample, as W3
        const o: TimingOptions = { budgetMs: 600, samples: 5, batchMs: 0, warmup: 5, warmupMs: 1000, isolate: true, settle: 3 };
        const row: Row = {
          name,
          cells: await measure(name, (E) => eng.seedPlot(E, kind, big, p), () => plain.seedPlot(kind, big, p), { n: big }, o),
          targets: [],
        };
        row.targets.push(target(row, '≤1.5× loop', 'engine', 'loop', 1.5));
        row.targets.push(target(row, '<tfjs', 'engine', 'tfjs', 1));
        out.push(row);
      }
    }
    if (ctx.quick) notes.push(`--quick: W2 on ${big} points, W4 for 50 steps (PyTorch likewise)`);
    ctx.log('W2 done');

    // W3: softmax over (1000, 1000), backward of (softmax(X) ⊙ W).sum().
    const R = wanted('W3') ? 1000 : 0;
    const xs = randn(R * R, 1);
    const ws = randn(R * R, 2);
    // The nested number[][] inputs are built for each workload and dropped once its tensors hold
    // the data. Kept alive through the timing (16 MB of JavaScript arrays, which PyTorch's process
    // has no counterpart for), they made each engine call 2 ms slower, but only beside the
    // interleaved loop and its 16 MB of zeroed arrays per call: V8 then marked the larger heap
    // over and over. Phases in one process (bench/README.md): 6.9–7.1 ms without them, 9.1–9.3
    // with them; without the loop, 7.0–7.2 and 7.0–7.4.
    for (const p of wanted('W3') ? PRECISIONS : []) {
      const name = `W3 softmax ${p}`;
      // Each sample after untimed settling calls: see TimingOptions.isolate. PyTorch warms up
      // 20 calls: the first calls of a process that allocates 8 MB arrays find the heap still
      // growing, whatever the implementation.
      const o: TimingOptions = { budgetMs: 800, samples: 7, batchMs: 0, warmup: 10, warmupMs: 1500, isolate: true, settle: 3 };
      let engineNote: string | undefined;
      const row: Row = {
        name,
        cells: await measure(
          name,
          (E) => {
            const w = eng.softmaxWorkload(E, rows(xs, R, R), rows(ws, R, R), p);
            engineNote = w.note;
            return w.run;
          },
          () => plain.softmaxWorkload(xs, ws, R, R, p),
          { n: R },
          o,
          ROUNDS,
        ),
        targets: [],
      };
      if (engineNote) notes.push(engineNote);
      // The floor under this row: the same loop without fresh output memory, timed beside the loop as written.
      const floor = timeSet({ fresh: plain.softmaxWorkload(xs, ws, R, R, p), reused: plain.softmaxWorkload(xs, ws, R, R, p, true) }, o);
      const fresh = floor.fresh && 'ms' in floor.fresh ? floor.fresh.ms : NaN;
      const reused = floor.reused && 'ms' in floor.reused ? floor.reused.ms : NaN;
      const torchMs = row.cells.pytorch && 'ms' in row.cells.pytorch ? row.cells.pytorch.ms : NaN;
      notes.push(`${name}: the hand-written loop takes ${fresh.toFixed(1)} ms with two fresh 8 MB output arrays per call (as every engine call allocates its results), ${reused.toFixed(1)} ms writing into the same two arrays each time` +
        (Number.isFinite(torchMs) ? `; PyTorch ${torchMs.toFixed(1)} ms (its allocator hands back memory freed by the previous call): loop/PyTorch ${(fresh / torchMs).toFixed(1)}× fresh, ${(reused / torchMs).toFixed(1)}× reused` : ''));
      if (p === 'f64') row.targets.push(target(row, '≤2× PyTorch', 'engine', 'pytorch', 2));
      row.targets.push(target(row, '<tfjs', 'engine', 'tfjs', 1));
      out.push(row);
    }
    ctx.log('W3 done');

    // W4: 2-32-32-1 tanh MLP, 256 two-moons points, full-batch SGD, float32.
    if (wanted('W4')) {
      const steps = ctx.quick ? 50 : W4_STEPS;
      const { x, y } = moons();
      const o: TimingOptions = { budgetMs: 3000, samples: 5, batchMs: 0, warmup: 3, warmupMs: 1500, isolate: true, settle: 1 };
      const losses: string[] = [];
      const withLoss = (label: string, fn: () => number): (() => number) => {
        let first = true;
        return () => {
          const l = fn();
          if (first) {
            losses.push(`${label} ${l.toFixed(4)}`);
            first = false;
          }
          return l;
        };
      };
      const row: Row = {
        name: 'W4 mlp f32',
        cells: await measure(
          'W4 mlp f32',
          (E) => withLoss('engine', eng.mlpWorkload(E, x, y, init, steps, W4_LR)),
          () => withLoss('loop(f64)', plain.mlpWorkload(x, y, init, steps, W4_LR)),
          { steps, lr: W4_LR },
          o,
          ROUNDS,
        ),
        targets: [],
      };
      row.targets.push(target(row, '≤2× PyTorch', 'engine', 'pytorch', 2));
      row.targets.push(target(row, '<tfjs', 'engine', 'tfjs', 1));
      out.push(row);
      if (tfLoss.length) losses.push(`tfjs ${tfLoss[tfLoss.length - 1]}`);
      if (typeof torch !== 'string') {
        const l = await torch.value('W4 mlp final loss');
        losses.push(`pytorch ${typeof l === 'number' ? l.toFixed(4) : l}`);
      }
      notes.push(`W4 final training loss (sanity check, should agree): ${losses.join(', ')}`);
    }
    ctx.log('W4 done');
    if (typeof torch !== 'string') torch.close();
    if (typeof tf !== 'string') tf.close();

    return {
      title: 'engine (issue 2): median time per run; ratios measured in this run',
      columns: ['engine', 'loop', 'tfjs', 'pytorch'],
      ratios: [
        ['eng/loop', 'engine', 'loop'],
        ['eng/tfjs', 'engine', 'tfjs'],
        ['eng/torch', 'engine', 'pytorch'],
      ],
      rows: out,
      notes,
    };
  },
};
