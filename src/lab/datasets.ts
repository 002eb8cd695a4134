// The race's 2-D toy datasets, drawn from a private torch.Generator seeded with the run's seed,
// in float64 with PyTorch's own draws (rand, randn) and elementwise arithmetic in the order the
// copied script writes it (src/render/labScript.ts), then cast to the run's dtype. Half the
// points (the first n // 2) are class 0, except XOR, whose class is the sign of x·y.
import { torch, type Generator } from '../engine';
import type { DatasetName, LabDType } from './config';

export interface Dataset {
  /** n × 2, row-major, already rounded to the dtype */
  x: Float32Array | Float64Array;
  /** n labels, 0 or 1 */
  y: Float32Array | Float64Array;
  n: number;
  dtype: LabDType;
}

function draw(kind: 'rand' | 'randn', shape: number[], g: Generator): Float64Array {
  return (kind === 'rand' ? torch.rand : torch.randn)(shape, { generator: g, dtype: 'float64' }).data as Float64Array;
}

/** Draws from `g` (a Generator seeded with the run's seed); the mini-batch order continues from it. */
export function makeDataset(name: DatasetName, points: number, noise: number, g: Generator, dtype: LabDType): Dataset {
  const n = points;
  const n0 = Math.floor(n / 2);
  const x0 = new Float64Array(n);
  const x1 = new Float64Array(n);
  const label = new Float64Array(n);
  for (let i = n0; i < n; i++) label[i] = 1;
  if (name === 'moons' || name === 'circles' || name === 'spiral') {
    const u = draw('rand', [n], g);
    for (let i = 0; i < n; i++) {
      const first = i < n0;
      if (name === 'moons') {
        const t = u[i] * Math.PI;
        const c = Math.cos(t);
        const s = Math.sin(t);
        x0[i] = (first ? c : 1 - c) - 0.5;
        x1[i] = (first ? s : 0.5 - s) - 0.25;
      } else if (name === 'circles') {
        const t = u[i] * (2 * Math.PI);
        const r = first ? 1.0 : 0.5;
        x0[i] = r * Math.cos(t);
        x1[i] = r * Math.sin(t);
      } else {
        const a = u[i] * (3 * Math.PI) + (first ? 0 : Math.PI);
        x0[i] = u[i] * Math.cos(a);
        x1[i] = u[i] * Math.sin(a);
      }
    }
  } else if (name === 'xor') {
    const p = draw('rand', [n, 2], g);
    for (let i = 0; i < n; i++) {
      x0[i] = p[2 * i] * 2 - 1;
      x1[i] = p[2 * i + 1] * 2 - 1;
      label[i] = x0[i] * x1[i] > 0 ? 1 : 0;
    }
  } else {
    const b = draw('randn', [n, 2], g);
    for (let i = 0; i < n; i++) {
      const c = i < n0 ? -1 : 1;
      x0[i] = b[2 * i] * 0.4 + c;
      x1[i] = b[2 * i + 1] * 0.4 + c;
    }
  }
  const e = draw('randn', [n, 2], g);
  const Arr = dtype === 'float32' ? Float32Array : Float64Array;
  const x = new Arr(2 * n);
  const y = new Arr(n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = x0[i] + e[2 * i] * noise;
    x[2 * i + 1] = x1[i] + e[2 * i + 1] * noise;
    y[i] = label[i];
  }
  return { x, y, n, dtype };
}

/** Half the side of the square the heatmap covers: the data's reach plus a margin. */
export function extentOf(d: Dataset): number {
  let m = 0;
  for (let i = 0; i < d.x.length; i++) m = Math.max(m, Math.abs(d.x[i]));
  return Math.ceil(m * 1.15 * 4) / 4;
}
