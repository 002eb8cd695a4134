// The shape of a user's activation, measured on the engine's f and f′ over a grid: where it
// flattens, where its gradient is exactly 0, whether it is monotonic or a straight line. What the
// advice for a definition that equals no built-in is based on (src/advice/customShape.ts).
import type { CurveShape } from '../advice';
import { VANISHING as FLAT } from '../catalog/series';
/** A flat end or a dead zone must cover this share of the grid to count. */
const MIN_SHARE = 0.05;
const DEAD_SHARE = 0.01;

export function measureShape(s: { x: ArrayLike<number>; y: ArrayLike<number>; dy: ArrayLike<number> }): CurveShape | null {
  const n = s.x.length;
  if (n < 8) return null;
  // linspace's rounding puts "0" at -2e-16: what is zero on the grid's scale reads 0
  const scale = Math.abs(s.x[n - 1]! - s.x[0]!);
  const at = (i: number) => (Math.abs(s.x[i]!) < 1e-9 * scale ? 0 : s.x[i]!);
  for (let i = 0; i < n; i++) if (!Number.isFinite(s.y[i]!) || !Number.isFinite(s.dy[i]!)) return null;
  let yMin = Infinity, yMax = -Infinity, minAt = 0, up = true, down = true, gMax = 0, gMin = Infinity;
  for (let i = 0; i < n; i++) {
    const y = s.y[i]!, g = s.dy[i]!;
    if (y < yMin) { yMin = y; minAt = i; }
    if (y > yMax) yMax = y;
    gMax = Math.max(gMax, Math.abs(g));
    gMin = Math.min(gMin, Math.abs(g));
  }
  // rounding in f′ (1e-16 around a flat minimum) is not a change of direction
  const tol = 1e-9 * Math.max(gMax, 1e-300);
  for (let i = 0; i < n; i++) {
    if (s.dy[i]! < -tol) up = false;
    if (s.dy[i]! > tol) down = false;
  }
  const first = s.dy[0]!;
  let linear = true;
  for (let i = 1; i < n && linear; i++) if (Math.abs(s.dy[i]! - first) > 1e-9 * Math.max(Math.abs(first), 1e-12)) linear = false;

  let lo = 0;
  while (lo < n && Math.abs(s.dy[lo]!) < FLAT) lo++;
  let hi = n - 1;
  while (hi >= 0 && Math.abs(s.dy[hi]!) < FLAT) hi--;
  const flatBelow = lo >= MIN_SHARE * n && lo < n ? at(lo - 1) : null;
  const flatAbove = n - 1 - hi >= MIN_SHARE * n && hi >= 0 ? at(hi + 1) : null;

  let best: [number, number] | null = null, bestLen = 0;
  for (let i = 0; i < n; ) {
    if (s.dy[i] !== 0) { i++; continue; }
    let j = i;
    while (j + 1 < n && s.dy[j + 1] === 0) j++;
    if (j - i + 1 > bestLen) { bestLen = j - i + 1; best = [at(i), at(j)]; }
    i = j + 1;
  }
  return {
    range: [s.x[0]!, s.x[n - 1]!], yMin, yMax, flatBelow, flatAbove,
    deadZone: best && bestLen >= DEAD_SHARE * n ? best : null,
    monotonic: up || down, minimum: { x: at(minAt), y: yMin }, linear: linear && gMax > 0,
    minSlope: gMin, slopeAtStart: Math.abs(s.dy[0]!), slopeAtEnd: Math.abs(s.dy[n - 1]!),
  };
}
