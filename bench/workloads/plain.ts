// The JavaScript floor: each workload written by hand over typed arrays, forward and
// derivative spelled out, no graph, no dispatch. An engine cannot beat this by much; the
// targets say how close it must stay.
import type { Act, Precision } from './data';

type Arr = Float64Array | Float32Array;
const ctor = (p: Precision): Float64ArrayConstructor | Float32ArrayConstructor => (p === 'f64' ? Float64Array : Float32Array);

// Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): JavaScript has no erf; a floor may be cheap.
function erf(x: number): number {
  const s = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const p = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
  return s * (1 - p * Math.exp(-a * a));
}
const INV_SQRT2 = Math.SQRT1_2;
const INV_SQRT2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * y = f(x) and g = f'(x) written out by hand, one separate loop per activation so each
 * stays monomorphic for the JIT; returns Σy.
 */
type Kernel = (x: Arr, y: Arr, g: Arr) => number;
const KERNELS: Record<Act, Kernel> = {
  tanh(x, y, g) {
    let sum = 0;
    for (let i = 0; i < x.length; i++) {
      const t = Math.tanh(x[i]);
      y[i] = t;
      g[i] = 1 - t * t;
      sum += t;
    }
    return sum;
  },
  sigmoid(x, y, g) {
    let sum = 0;
    for (let i = 0; i < x.length; i++) {
      const s = 1 / (1 + Math.exp(-x[i]));
      y[i] = s;
      g[i] = s * (1 - s);
      sum += s;
    }
    return sum;
  },
  relu(x, y, g) {
    let sum = 0;
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      const r = v > 0 ? v : 0;
      y[i] = r;
      g[i] = v > 0 ? 1 : 0;
      sum += r;
    }
    return sum;
  },
  gelu(x, y, g) {
    let sum = 0;
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      const c = 0.5 * (1 + erf(v * INV_SQRT2));
      y[i] = v * c;
      g[i] = c + v * INV_SQRT2PI * Math.exp(-0.5 * v * v);
      sum += v * c;
    }
    return sum;
  },
  softplus(x, y, g) {
    let sum = 0;
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      if (v > 20) {
        y[i] = v;
        g[i] = 1;
        sum += v;
      } else {
        const e = Math.exp(v);
        const r = Math.log1p(e);
        y[i] = r;
        g[i] = e / (1 + e);
        sum += r;
      }
    }
    return sum;
  },
  mish(x, y, g) {
    let sum = 0;
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      const e = Math.exp(v);
      const sp = v > 20 ? v : Math.log1p(e);
      const t = Math.tanh(sp);
      const s = v > 20 ? 1 : e / (1 + e);
      y[i] = v * t;
      g[i] = t + v * s * (1 - t * t);
      sum += v * t;
    }
    return sum;
  },
};

/** W1/W2: x = linspace(-20, 20, n); y = f(x); Σy; dy/dx (allocations included, as for the engine). */
export function seedPlot(kind: Act, n: number, p: Precision): () => Arr {
  const C = ctor(p);
  const k = KERNELS[kind];
  return () => {
    const x = new C(n);
    const step = 40 / (n - 1);
    for (let i = 0; i < n; i++) x[i] = -20 + i * step;
    const y = new C(n);
    const g = new C(n);
    if (Number.isNaN(k(x, y, g))) throw new Error('NaN');
    return g;
  };
}

/** W3: loss = Σ softmax(X, dim=-1) ⊙ W over a r×c matrix; returns dloss/dX. */
export function softmaxWorkload(x: ArrayLike<number>, w: ArrayLike<number>, r: number, c: number, p: Precision, reuse = false): () => Arr {
  const C = ctor(p);
  const X = C.from(x);
  const W = C.from(w);
  // `reuse`: the same two output arrays every call, as a caching allocator would hand back: what
  // the loop costs without fresh memory (page faults on first touch of a new 8 MB array).
  const keptY = reuse ? new C(r * c) : null;
  const keptG = reuse ? new C(r * c) : null;
  return () => {
    const y = keptY ?? new C(r * c);
    const gx = keptG ?? new C(r * c);
    let loss = 0;
    for (let i = 0; i < r; i++) {
      const o = i * c;
      let m = -Infinity;
      for (let j = 0; j < c; j++) if (X[o + j] > m) m = X[o + j];
      let s = 0;
      for (let j = 0; j < c; j++) {
        const e = Math.exp(X[o + j] - m);
        y[o + j] = e;
        s += e;
      }
      const inv = 1 / s;
      let dot = 0;
      for (let j = 0; j < c; j++) {
        const v = y[o + j] * inv;
        y[o + j] = v;
        loss += v * W[o + j];
        dot += v * W[o + j];
      }
      for (let j = 0; j < c; j++) gx[o + j] = y[o + j] * (W[o + j] - dot);
    }
    if (Number.isNaN(loss)) throw new Error('NaN');
    return gx;
  };
}

/** W4: 2-32-32-1 tanh MLP, BCE-with-logits, full-batch SGD; returns the final loss. */
export function mlpWorkload(X: number[][], Y: number[][], init: (r: number, c: number, s: number) => number[][], steps: number, lr: number): () => number {
  const n = X.length;
  const x = Float64Array.from(X.flat());
  const t = Float64Array.from(Y.flat());
  const H = 32;
  return () => {
    const w1 = Float64Array.from(init(2, H, 1).flat());
    const w2 = Float64Array.from(init(H, H, 2).flat());
    const w3 = Float64Array.from(init(H, 1, 3).flat());
    const b1 = new Float64Array(H);
    const b2 = new Float64Array(H);
    const b3 = new Float64Array(1);
    const h1 = new Float64Array(n * H);
    const h2 = new Float64Array(n * H);
    const d2 = new Float64Array(n * H);
    const d1 = new Float64Array(n * H);
    const gw1 = new Float64Array(2 * H);
    const gw2 = new Float64Array(H * H);
    const gw3 = new Float64Array(H);
    const gb1 = new Float64Array(H);
    const gb2 = new Float64Array(H);
    let loss = 0;
    for (let step = 0; step < steps; step++) {
      gw1.fill(0); gw2.fill(0); gw3.fill(0); gb1.fill(0); gb2.fill(0);
      let gb3 = 0;
      loss = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < H; j++) h1[i * H + j] = Math.tanh(x[i * 2] * w1[j] + x[i * 2 + 1] * w1[H + j] + b1[j]);
        for (let j = 0; j < H; j++) {
          let a = b2[j];
          for (let k = 0; k < H; k++) a += h1[i * H + k] * w2[k * H + j];
          h2[i * H + j] = Math.tanh(a);
        }
        let z = b3[0];
        for (let k = 0; k < H; k++) z += h2[i * H + k] * w3[k];
        // BCE with logits, mean over the batch: max(z,0) − z·t + log1p(e^−|z|).
        loss += (Math.max(z, 0) - z * t[i] + Math.log1p(Math.exp(-Math.abs(z)))) / n;
        const dz = (1 / (1 + Math.exp(-z)) - t[i]) / n;
        gb3 += dz;
        for (let k = 0; k < H; k++) {
          gw3[k] += dz * h2[i * H + k];
          const hk = h2[i * H + k];
          d2[i * H + k] = dz * w3[k] * (1 - hk * hk);
        }
        for (let j = 0; j < H; j++) gb2[j] += d2[i * H + j];
        for (let k = 0; k < H; k++) {
          let a = 0;
          const hk = h1[i * H + k];
          for (let j = 0; j < H; j++) {
            gw2[k * H + j] += hk * d2[i * H + j];
            a += w2[k * H + j] * d2[i * H + j];
          }
          d1[i * H + k] = a * (1 - hk * hk);
        }
        for (let j = 0; j < H; j++) {
          gb1[j] += d1[i * H + j];
          gw1[j] += x[i * 2] * d1[i * H + j];
          gw1[H + j] += x[i * 2 + 1] * d1[i * H + j];
        }
      }
      for (let k = 0; k < 2 * H; k++) w1[k] -= lr * gw1[k];
      for (let k = 0; k < H * H; k++) w2[k] -= lr * gw2[k];
      for (let k = 0; k < H; k++) {
        w3[k] -= lr * gw3[k];
        b1[k] -= lr * gb1[k];
        b2[k] -= lr * gb2[k];
      }
      b3[0] -= lr * gb3;
    }
    return loss;
  };
}
