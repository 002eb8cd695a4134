// A log chart axis always shows at least two labels: the race's loss spans less than a decade
// (0.69 → 0.3) and had a bare y axis when only powers of ten were labelled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logTickLabels } from '../../../src/render/logTicks';

// tick values as Chart.js 4's logarithmic scale generates them for a data range (min, max)
function chartTicks(min: number, max: number): number[] {
  const out: number[] = [];
  let exp = Math.floor(Math.log10(min));
  let sig = Math.floor(min / 10 ** exp);
  let v = min;
  while (v < max) {
    out.push(v);
    if (++sig >= 10) { exp++; sig = 1; }
    v = Number((sig * 10 ** exp).toPrecision(12));
  }
  out.push(max);
  return out;
}
function labels(min: number, max: number): string[] {
  const ticks = chartTicks(min, max);
  const m = logTickLabels(ticks);
  return ticks.filter((v) => m.has(v)).map((v) => m.get(v)!);
}

test('a loss within one decade gets labels (the race: 0.6931 → 0.2734)', () => {
  assert.deepEqual(labels(0.2734, 0.6931), ['0.3', '0.4', '0.5', '0.6']);
});

test('a range crossing one power of ten labels the 1-2-5 steps', () => {
  assert.deepEqual(labels(0.04, 0.6), ['0.05', '0.1', '0.2', '0.5']);
});

test('many decades label the powers of ten only (the depth view\'s gradient norms)', () => {
  assert.deepEqual(labels(1.5e-10, 860), ['1e-9', '1e-8', '1e-7', '1e-6', '1e-5', '1e-4', '1e-3', '1e-2', '1e-1', '1e0', '1e1', '1e2']);
});

test('a very narrow range still shows its ends', () => {
  assert.deepEqual(labels(0.6925, 0.6931).length, 2);
});

test('label text: plain for everyday magnitudes, exponent form for the whole axis otherwise', () => {
  assert.deepEqual(labels(3, 700), ['10', '100']);
  assert.deepEqual(labels(3e-5, 7e-5), ['3e-5', '4e-5', '5e-5', '6e-5', '7e-5']);
  assert.deepEqual(labels(2e-5, 3e-4), ['2e-5', '5e-5', '1e-4', '2e-4']);
});
