// Our engine on the workloads, through its public PyTorch-named API only.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Act, Precision } from './data';
import { DTYPE } from './data';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Engine = any;

/**
 * The engine as the extension runs it: esbuild bundles `src/engine` into one scope (as it does
 * for dist/extension.js), so calls between the engine's modules are plain function calls. Under
 * the TypeScript loader every cross-module call goes through a getter instead (`get
 * fastmath.ts` was 9% of a W4 profile once W1–W3 had run), which no user ever pays.
 * `BENCH_ENGINE=src` loads the TypeScript sources through that loader instead.
 */
export async function loadEngine(): Promise<Engine> {
  // Required at run time, not imported: the bench must run (with n/a rows) while the engine
  // is still partial or missing.
  const root = process.cwd();
  let target = './src/engine';
  if (process.env.BENCH_ENGINE !== 'src') {
    const esbuild = await import('esbuild');
    target = join(root, 'out', 'bench', 'engine.cjs');
    await esbuild.build({
      entryPoints: [join(root, 'src', 'engine', 'index.ts')],
      outfile: target,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'es2022',
      logLevel: 'warning',
    });
  }
  const e = createRequire(join(root, 'package.json'))(target);
  const engine = e.default?.torch ? e.default : e;
  if (!engine.torch || !engine.F) throw new Error('src/engine exports no torch/F');
  // Deprecation warnings (F.tanh, implicit softmax dim) are not part of the timing story.
  if (typeof engine.onWarning === 'function') engine.onWarning(() => {});
  return engine;
}

function act(E: Engine, kind: Act, x: any): any {
  const { torch, F } = E;
  switch (kind) {
    case 'tanh': return torch.tanh(x);
    case 'sigmoid': return torch.sigmoid(x);
    case 'relu': return torch.relu(x);
    default: return F[kind](x);
  }
}

export function seedPlot(E: Engine, kind: Act, n: number, p: Precision): () => any {
  const { torch } = E;
  return () => {
    const x = torch.linspace(-20, 20, n, { dtype: DTYPE[p], requires_grad: true });
    act(E, kind, x).sum().backward();
    return x.grad;
  };
}

/** Forget a leaf's gradient between runs, as PyTorch's `x.grad = None`; false if the engine forbids it. */
function canClearGrad(t: any): boolean {
  try {
    t.grad = null;
    return t.grad === null || t.grad === undefined;
  } catch {
    return false;
  }
}

export function softmaxWorkload(E: Engine, x: number[][], w: number[][], p: Precision): { run: () => any; note?: string } {
  const { torch, F } = E;
  const X = torch.tensor(x, { dtype: DTYPE[p], requires_grad: true });
  const W = torch.tensor(w, { dtype: DTYPE[p] });
  const clear = canClearGrad(X);
  return {
    run: () => {
      if (clear) X.grad = null;
      F.softmax(X, { dim: -1 }).mul(W).sum().backward();
      return X.grad;
    },
    note: clear ? undefined : 'engine: x.grad cannot be reset, gradients accumulate across runs',
  };
}

export function mlpWorkload(E: Engine, X: number[][], Y: number[][], init: (r: number, c: number, s: number) => number[][], steps: number, lr: number): () => number {
  const { torch, F } = E;
  const opts = { dtype: 'float32' };
  const x = torch.tensor(X, opts);
  const y = torch.tensor(Y, opts);
  return () => {
    const leaf = (data: unknown): any => torch.tensor(data, { ...opts, requires_grad: true });
    const params = [leaf(init(2, 32, 1)), leaf(new Array(32).fill(0)), leaf(init(32, 32, 2)), leaf(new Array(32).fill(0)), leaf(init(32, 1, 3)), leaf([0])];
    const [w1, b1, w2, b2, w3, b3] = params;
    const clear = canClearGrad(w1);
    let loss: any;
    for (let s = 0; s < steps; s++) {
      const h1 = torch.tanh(torch.matmul(x, w1).add(b1));
      const h2 = torch.tanh(torch.matmul(h1, w2).add(b2));
      loss = F.binary_cross_entropy_with_logits(torch.matmul(h2, w3).add(b3), y);
      loss.backward();
      // SGD on the raw buffers (what torch.no_grad(): p -= lr * p.grad does), then drop the grads.
      for (const p of params) {
        const d = p.data as Float32Array;
        const g = p.grad.data as Float32Array;
        for (let i = 0; i < d.length; i++) d[i] -= lr * g[i];
        if (clear) p.grad = null;
        else g.fill(0);
      }
    }
    return loss.item();
  };
}
