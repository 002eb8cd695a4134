// TensorFlow.js (tfjs-core + the pure-JS CPU backend) on the same workloads. It has no
// float64: every tfjs number here is float32, also on the rows labelled f64.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Act } from './data';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Tf = any;

export async function loadTf(): Promise<Tf> {
  // Required lazily (from the repository root) so a missing dev dependency costs only the tfjs column.
  const req = createRequire(join(process.cwd(), 'package.json'));
  const tf = req('@tensorflow/tfjs-core');
  // tfjs-core alone registers no gradients; the union bundle would, but we load only core + cpu.
  req('@tensorflow/tfjs-core/dist/register_all_gradients');
  req('@tensorflow/tfjs-backend-cpu');
  const t = tf.default?.tensor ? tf.default : tf;
  await t.setBackend('cpu');
  await t.ready();
  return t;
}

function act(tf: Tf, kind: Act, x: Tf): Tf {
  switch (kind) {
    case 'tanh': return tf.tanh(x);
    case 'sigmoid': return tf.sigmoid(x);
    case 'relu': return tf.relu(x);
    // tfjs-core has no gelu op: its exact-erf definition.
    case 'gelu': return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
    case 'softplus': return tf.softplus(x);
    case 'mish': return tf.mul(x, tf.tanh(tf.softplus(x)));
  }
}

export function seedPlot(tf: Tf, kind: Act, n: number): () => unknown {
  const grad = tf.grad((x: Tf) => tf.sum(act(tf, kind, x)));
  return () => {
    const g = tf.tidy(() => grad(tf.linspace(-20, 20, n)));
    g.dataSync();
    g.dispose();
  };
}

export function softmaxWorkload(tf: Tf, x: ArrayLike<number>, w: ArrayLike<number>, r: number, c: number): { run: () => unknown; dispose: () => void } {
  const X = tf.tensor2d(Float32Array.from(x), [r, c]);
  const W = tf.tensor2d(Float32Array.from(w), [r, c]);
  const grad = tf.grad((v: Tf) => tf.sum(tf.mul(tf.softmax(v), W)));
  return {
    run: () => {
      const g = tf.tidy(() => grad(X));
      g.dataSync();
      g.dispose();
    },
    dispose: () => {
      X.dispose();
      W.dispose();
    },
  };
}

export function mlpWorkload(tf: Tf, X: number[][], Y: number[][], init: (r: number, c: number, s: number) => number[][], steps: number, lr: number): () => number {
  const x = tf.tensor2d(X);
  const y = tf.tensor2d(Y);
  return () => {
    const vars = [
      tf.variable(tf.tensor2d(init(2, 32, 1))), tf.variable(tf.zeros([32])),
      tf.variable(tf.tensor2d(init(32, 32, 2))), tf.variable(tf.zeros([32])),
      tf.variable(tf.tensor2d(init(32, 1, 3))), tf.variable(tf.zeros([1])),
    ];
    const [w1, b1, w2, b2, w3, b3] = vars;
    let last = NaN;
    for (let s = 0; s < steps; s++) {
      const { value, grads } = tf.variableGrads(() => {
        const h1 = tf.tanh(tf.add(tf.matMul(x, w1), b1));
        const h2 = tf.tanh(tf.add(tf.matMul(h1, w2), b2));
        const z = tf.add(tf.matMul(h2, w3), b3);
        return tf.losses.sigmoidCrossEntropy(y, z);
      }, vars);
      tf.tidy(() => {
        for (const v of vars) v.assign(tf.sub(v, tf.mul(grads[v.name], lr)));
      });
      if (s === steps - 1) last = value.dataSync()[0];
      value.dispose();
      for (const k of Object.keys(grads)) grads[k].dispose();
    }
    for (const v of vars) v.dispose();
    return last;
  };
}

export interface TfjsChild {
  version: string;
  /** Times one row's workload in the child: ms per run (and the first run's value, if a number), or why not. */
  time(request: { key: string; n?: number; steps?: number; lr?: number; opts: unknown }): Promise<{ ms: number; value?: number } | string>;
  close(): void;
}

/** TensorFlow.js in its own Node process (tfjs-child.ts says why). */
export async function startTfjs(timeoutMs = 300_000): Promise<TfjsChild | string> {
  const { startLineChild } = await import('./child');
  const script = join(process.cwd(), 'bench', 'workloads', 'tfjs-child.ts');
  const child = await startLineChild(process.execPath, ['--import', 'tsx', script], timeoutMs, (stderr) => stderr.trim().split('\n').pop()?.slice(0, 100) || 'tfjs child exited');
  if (typeof child === 'string') return child;
  return {
    version: String(child.hello.tfjs),
    time: async (request) => {
      const a = await child.ask(request);
      if (a === null) return child.exited() ? 'tfjs child exited' : 'no answer';
      return typeof a.ms === 'number' ? { ms: a.ms, ...(typeof a.value === 'number' ? { value: a.value } : {}) } : String(a.error ?? 'n/a');
    },
    close: () => child.close(),
  };
}
