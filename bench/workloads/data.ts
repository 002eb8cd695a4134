// Deterministic inputs shared by every implementation (and mirrored in bench/pytorch_bench.py).

export const ACTIVATIONS = ['tanh', 'sigmoid', 'relu', 'gelu', 'softplus', 'mish'] as const;
export type Act = (typeof ACTIVATIONS)[number];
export type Precision = 'f64' | 'f32';
export const DTYPE: Record<Precision, 'float64' | 'float32'> = { f64: 'float64', f32: 'float32' };

/** Two interleaved moons, 256 points, label 0/1 (same formula as pytorch_bench.py). */
export function moons(n = 256): { x: number[][]; y: number[][] } {
  const x: number[][] = [];
  const y: number[][] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 2;
    const j = Math.floor(i / 2);
    const t = (Math.PI * j) / (n / 2 - 1);
    const nx = 0.1 * Math.sin(i * 7.3);
    const ny = 0.1 * Math.cos(i * 3.1);
    x.push(k === 0 ? [Math.cos(t) + nx, Math.sin(t) + ny] : [1 - Math.cos(t) + nx, 0.5 - Math.sin(t) + ny]);
    y.push([k]);
  }
  return { x, y };
}

/** Deterministic uniform(−1/√fan_in, 1/√fan_in) weights (golden-ratio sequence). */
export function init(rows: number, cols: number, salt: number): number[][] {
  const b = 1 / Math.sqrt(rows);
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => ((((r * cols + c + salt) * 0.6180339887498949) % 1) * 2 - 1) * b),
  );
}

/** Seeded standard normals (xorshift + Box–Muller), for the softmax workload. */
export function randn(n: number, seed: number): Float64Array {
  let s = seed >>> 0 || 1;
  const u = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 4294967296;
  };
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(u()));
    const a = 2 * Math.PI * u();
    out[i] = r * Math.cos(a);
    if (i + 1 < n) out[i + 1] = r * Math.sin(a);
  }
  return out;
}

export function rows(flat: ArrayLike<number>, r: number, c: number): number[][] {
  return Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => flat[i * c + j]));
}
