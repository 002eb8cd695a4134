// f and f' of a catalog activation over a grid, computed by the engine's autograd exactly as the
// article does: x = linspace(..., requires_grad=True); f(x).sum().backward(); x.grad.
import { torch } from '../engine';
import type { ActivationSpec, ParamValues } from './types';

export interface SeriesRequest {
  spec: ActivationSpec;
  params: ParamValues;
  min: number;
  max: number;
  points: number;
  dtype?: 'float32' | 'float64';
}

export interface Series {
  id: string;
  x: Float64Array;
  y: Float64Array;
  dy: Float64Array;
}

export const MAX_POINTS = 100_000;
export const MAX_ABS_RANGE = 1e6;

export function computeSeries(req: SeriesRequest): Series {
  const { spec, params, min, max, points } = req;
  if (!Number.isFinite(min) || !Number.isFinite(max)) throw new RangeError('range bounds must be finite numbers');
  if (!(min < max)) throw new RangeError('range minimum must be below its maximum');
  if (Math.abs(min) > MAX_ABS_RANGE || Math.abs(max) > MAX_ABS_RANGE) throw new RangeError(`range must stay within ±${MAX_ABS_RANGE}`);
  if (!Number.isInteger(points) || points < 2 || points > MAX_POINTS) throw new RangeError(`points must be an integer from 2 to ${MAX_POINTS}`);
  const x = torch.linspace(min, max, points, { dtype: req.dtype ?? 'float64', requires_grad: true });
  const y = spec.build(x, params);
  y.sum().backward();
  return { id: spec.id, x: Float64Array.from(x.data), y: Float64Array.from(y.data), dy: Float64Array.from(x.grad!.data) };
}

/** What a series says about this activation with these parameters, on this range. */
export interface SeriesSummary {
  /** Smallest and largest finite f(x) (null when none is finite). */
  yMin: number | null;
  yMax: number | null;
  /** Largest finite |f'(x)| and the first x reaching it. */
  maxSlope: { value: number; at: number } | null;
  /** Share of the points (0…1) where 0 < |f'| < `vanish`, and where f' is exactly 0. */
  vanishing: number;
  dead: number;
}

/** |f′| below this is a vanishing gradient: the zones, the facts and a custom curve's shape count it so. */
export const VANISHING = 0.01;

export function summarizeSeries(s: { x: ArrayLike<number>; y: ArrayLike<number>; dy: ArrayLike<number> }, vanish = VANISHING): SeriesSummary {
  let yMin = Infinity, yMax = -Infinity, slope = -Infinity, at = NaN, vanishing = 0, dead = 0;
  const n = s.x.length;
  for (let i = 0; i < n; i++) {
    const y = s.y[i];
    if (Number.isFinite(y)) {
      if (y < yMin) yMin = y;
      if (y > yMax) yMax = y;
    }
    const g = Math.abs(s.dy[i]);
    if (!Number.isFinite(g)) continue;
    if (g > slope) { slope = g; at = s.x[i]; }
    if (g === 0) dead++;
    else if (g < vanish) vanishing++;
  }
  return {
    yMin: yMin === Infinity ? null : yMin,
    yMax: yMax === -Infinity ? null : yMax,
    maxSlope: slope === -Infinity ? null : { value: slope, at },
    vanishing: n ? vanishing / n : 0,
    dead: n ? dead / n : 0,
  };
}
