// Seeded, deterministic generator (mulberry32 + Box–Muller). It does not reproduce
// PyTorch's Mersenne Twister streams; it only makes runs repeatable.
let state = 0x2545f491;
let spare: number | null = null;

export function manual_seed(seed: number): void {
  state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  spare = null;
}

/** Uniform in [0, 1). */
export function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Standard normal. */
export function normal(): number {
  if (spare !== null) {
    const s = spare;
    spare = null;
    return s;
  }
  let u = 0;
  while (u === 0) u = random();
  const v = random();
  const m = Math.sqrt(-2 * Math.log(u));
  spare = m * Math.sin(2 * Math.PI * v);
  return m * Math.cos(2 * Math.PI * v);
}
