// Which ticks of a logarithmic chart axis get a label. Powers of ten alone leave an axis bare when
// it spans less than a decade between two of them — a race's loss going 0.69 → 0.3 had no label at
// all — so the labelled set widens until at least two ticks carry one: powers of ten, then the
// 1-2-5 steps, then every whole step. Chart.js also ends the axis on the data's own extremes
// (0.6931…), which are never labelled unless nothing else is there.

const mantissa = (v: number): number => v / 10 ** Math.floor(Math.log10(v) + 1e-12);
const near = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9 * b;

const TIERS: Array<(m: number) => boolean> = [
  (m) => near(m, 1) || near(m, 10),
  (m) => [1, 2, 5, 10].some((k) => near(m, k)),
  (m) => near(m, Math.round(m)),
];

/** The tick values that get a label, chosen from all of the axis's tick values. */
export function labelledLogTicks(values: readonly number[]): Set<number> {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  for (const keep of TIERS) {
    const chosen = positive.filter((v) => keep(mantissa(v)));
    if (chosen.length >= 2) return new Set(chosen);
  }
  return new Set(positive);
}

/**
 * The axis's labels by tick value: plain for everyday magnitudes (0.2, 5, 300), exponent form
 * (1e-6) for all of them once any needs it, so one axis never mixes 0.001 with 1e-4.
 */
export function logTickLabels(values: readonly number[]): Map<number, string> {
  const chosen = [...labelledLogTicks(values)];
  const plain = chosen.every((v) => v >= 1e-3 && v < 1e4);
  return new Map(chosen.map((v) => {
    const m = mantissa(v);
    return [v, plain ? String(Number(v.toPrecision(2))) : v.toExponential(near(m, Math.round(m)) ? 0 : 1).replace('e+', 'e')];
  }));
}
