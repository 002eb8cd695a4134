// Test inputs from a fixed linear congruential sequence, independent of the engine's RNG, so a
// failing comparison reproduces: n values uniform in (−scale, scale).
export function lcgValues<T extends Float32Array | Float64Array>(Ctor: new (n: number) => T, n: number, seed: number, scale: number): T {
  let s = seed >>> 0;
  const out = new Ctor(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = ((s / 2 ** 32) * 2 - 1) * scale;
  }
  return out;
}
