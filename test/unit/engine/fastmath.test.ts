// The float32 kernels (fastmath's tanh32 and exp32, erf.ts's erf32) against the float64 ones they shorten: over a sweep of
// float32 inputs from the smallest subnormal to the float32 saturation point, both signs, the
// float32 results are equal or one unit in the last place apart, and rarely apart at all;
// ±0, NaN and the 0.55 switch between its two formulas behave.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exp, exp32, tanh, tanh32 } from '../../../src/engine/fastmath';
import { erf, erf32, erfReference } from '../../../src/engine/erf';

const SAT32 = 8.664339742;

/**
 * Runs `f64` and `f32` on float32 inputs (bit patterns below `limit`, a prime `stride` through
 * them, both signs) and asserts their float32 roundings are equal or one ulp apart, rarely apart.
 */
function sweep(name: string, f64: (v: number) => number, f32: (v: number) => number, limit: number, stride: number): void {
  const f = new Float32Array(1);
  const bits = new Uint32Array(f.buffer);
  const r = new Float32Array(2);
  const rb = new Uint32Array(r.buffer);
  let count = 0;
  let apart = 0;
  for (let b = 0; b < limit; b += stride) {
    for (const sign of [0, 0x80000000]) {
      bits[0] = (b | sign) >>> 0;
      const v = f[0];
      r[0] = f64(v);
      r[1] = f32(v);
      count++;
      if (rb[0] !== rb[1]) {
        apart++;
        assert.equal(Math.abs(rb[0] - rb[1]), 1, `${name}(${v}) = ${r[1]}, float64 kernel ${r[0]}`);
      }
    }
  }
  assert.ok(count > 2_000_000);
  assert.ok(apart / count < 1e-4, `${apart} of ${count} one ulp apart`);
}

test('tanh32 rounds to the float64 kernel\'s float32 result, or one ulp from it', () => {
  // float32 bit patterns below the saturation point (0x410AA3D8)
  sweep('tanh32', tanh, tanh32, 0x410aa3d8, 1009);
});

test('tanh32 keeps ±0 and NaN, is odd, and is continuous across its 0.55 switch', () => {
  assert.ok(Object.is(tanh32(0), 0));
  assert.ok(Object.is(tanh32(-0), -0));
  assert.ok(Number.isNaN(tanh32(NaN)));
  for (const v of [1e-40, 1e-10, 0.3, 0.55, 0.5500001, 2, SAT32]) assert.equal(tanh32(-v), -tanh32(v));
  const below = Math.fround(tanh32(0.55));
  const above = Math.fround(tanh32(0.55 + 2 ** -40));
  assert.ok(Math.abs(below - above) <= 2 ** -24, `${below} vs ${above}`);
  assert.equal(Math.fround(tanh32(SAT32)), Math.fround(Math.tanh(SAT32)));
});

test('exp32 rounds to exp\'s float32 result, or one ulp from it, over the float32 range', () => {
  // every float32 input whose e^x is a finite nonzero float32 or rounds to one: |x| < 104
  sweep('exp32', exp, exp32, 0x42d00000, 997);
  assert.equal(exp32(Infinity), Infinity);
  assert.equal(exp32(-Infinity), 0);
  assert.ok(Number.isNaN(exp32(NaN)));
  assert.equal(exp32(0), 1);
});

test('erf32 rounds to erf\'s float32 result, or one ulp from it, up to where both are ±1', () => {
  // float32 inputs below 5 (0x40A00000): erf32 returns ±1 from 4 on, erf rounds to it there too
  sweep('erf32', erf, erf32, 0x40a00000, 211);
  // the piecewise part alone, densely: 1 ≤ |x| < 4 (0x3F800000 … 0x40800000)
  const f = new Float32Array(3);
  const bits = new Uint32Array(f.buffer);
  let apart = 0;
  let count = 0;
  for (let b = 0x3f800000; b < 0x40800000; b += 31) {
    bits[0] = b;
    f[1] = erf(f[0]);
    f[2] = erf32(f[0]);
    count++;
    if (bits[1] !== bits[2]) {
      apart++;
      assert.equal(Math.abs(bits[1] - bits[2]), 1, `erf32(${f[0]}) = ${f[2]}, erf ${f[1]}`);
    }
  }
  assert.ok(apart / count < 1e-4, `${apart} of ${count} one ulp apart`);
});

test('erf32 keeps ±0 and NaN, is odd, and is ±1 from 4 on', () => {
  assert.ok(Object.is(erf32(0), 0));
  assert.ok(Object.is(erf32(-0), -0));
  assert.ok(Number.isNaN(erf32(NaN)));
  for (const v of [1e-30, 0.5, 1, 1.7, 3.999, 4, 1e10, Infinity]) assert.equal(erf32(-v), -erf32(v));
  assert.equal(erf32(4), 1);
  assert.equal(erf32(-Infinity), -1);
  assert.equal(Math.fround(erf32(3.99)), Math.fround(erf(3.99)));
});

test('erf (float64) stays within 2e-15 relative of its series/continued-fraction reference on [−7, 7]', () => {
  let worst = 0;
  let at = 0;
  for (let x = -7; x <= 7; x += 0.000731) {
    const want = erfReference(x);
    const rel = Math.abs(erf(x) - want) / Math.max(Math.abs(want), 1e-300);
    if (rel > worst) [worst, at] = [rel, x];
  }
  assert.ok(worst < 2e-15, `worst relative error ${worst} at ${at}`);
  for (const v of [0, -0, 1, 6, Infinity]) assert.equal(erf(-v), -erf(v));
  assert.ok(Number.isNaN(erf(NaN)));
  assert.ok(Object.is(erf(-0), -0));
});
