// What the panel draws, computed by the host through the catalog and the engine's autograd:
// the article's tanh figure, dead ReLU zones, every catalog activation on the article's range,
// and the softmax playground's printouts (the article's exact output).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTIVATIONS, defaultParams } from '../../../src/catalog';
import { ARTICLE_SCORES, DEFAULT_RANGE } from '../../../src/protocol';
import { seriesMessage, softmaxResult, traceLabel } from '../../../src/vscode/explorerData';
import { getActivation } from '../../../src/catalog';

test('tanh on the article\'s range: f = tanh(x), f\' = 1 − tanh²(x) from backward()', () => {
  const m = seriesMessage([{ id: 'tanh', params: {} }], DEFAULT_RANGE, 1);
  assert.equal(m.x.length, 1000);
  assert.equal(m.x[0], -20);
  assert.equal(m.x[999], 20);
  const tr = m.traces[0];
  for (let i = 0; i < 1000; i += 37) {
    assert.ok(Math.abs(tr.y[i]! - Math.tanh(m.x[i])) < 1e-12);
    assert.ok(Math.abs(tr.dy[i]! - (1 - Math.tanh(m.x[i]) ** 2)) < 1e-12);
  }
  // The article: the derivative is ~0 once |x| > 3 — two vanishing zones, no dead one.
  assert.equal(tr.dead.length, 0);
  assert.equal(tr.vanishing.length, 2);
  assert.ok(tr.vanishing[0][1] > -3.5 && tr.vanishing[0][1] < -2.5, String(tr.vanishing[0]));
});

test('ReLU is dead for x < 0; Leaky ReLU never is; parameters change the curve', () => {
  const m = seriesMessage([{ id: 'relu', params: {} }, { id: 'leaky_relu', params: { negative_slope: 0.2 } }], { min: -6, max: 6, points: 121 }, 2);
  const [relu, leaky] = m.traces;
  assert.equal(relu.dead.length, 1);
  assert.equal(relu.dead[0][0], -6);
  assert.ok(Math.abs(relu.dead[0][1]) < 0.1);
  assert.deepEqual(leaky.dead, []);
  assert.ok(Math.abs(leaky.y[0]! - -1.2) < 1e-12);
  assert.ok(Math.abs(leaky.dy[0]! - 0.2) < 1e-12);
  assert.equal(leaky.title, 'Leaky ReLU (negative_slope=0.2)');
  assert.equal(leaky.key, '1:leaky_relu');
});

test('every catalog activation computes on the article\'s range with finite values', () => {
  const t0 = performance.now();
  for (const a of ACTIVATIONS) {
    const m = seriesMessage([{ id: a.id, params: defaultParams(a) }], DEFAULT_RANGE, 1);
    const tr = m.traces[0];
    assert.equal(tr.y.length, 1000, a.id);
    assert.ok(tr.y.every((v) => v !== null) && tr.dy.every((v) => v !== null), `${a.id} has non-finite values`);
  }
  console.log(`all ${ACTIVATIONS.length} activations × 1000 points: ${(performance.now() - t0).toFixed(0)} ms`);
});

test('3 overlaid activations × 1000 points compute well within a redraw budget', () => {
  const traces = [{ id: 'tanh', params: {} }, { id: 'relu', params: {} }, { id: 'gelu', params: {} }];
  seriesMessage(traces, DEFAULT_RANGE, 0);
  const t0 = performance.now();
  const runs = 10;
  for (let i = 0; i < runs; i++) seriesMessage(traces, DEFAULT_RANGE, i);
  const ms = (performance.now() - t0) / runs;
  console.log(`host compute, 3 × 1000 points: ${ms.toFixed(2)} ms per update`);
  assert.ok(ms < 50, `${ms} ms`);
});

test('softmax playground prints exactly what the article\'s PyTorch printed', () => {
  const r = softmaxResult({ scores: ARTICLE_SCORES, temperature: 1 });
  assert.equal(r.printout, 'tensor([0.0212, 0.0177, 0.0202, 0.0202, 0.0638, 0.0287, 0.0185, 0.0522, 0.0183,\n        0.7392])');
  assert.match(r.logPrintout, /^tensor\(\[-3\.8522, -4\.0322/);
  assert.ok(Math.abs(r.probs.reduce((a, b) => a + b, 0) - 1) < 1e-6);
  assert.equal(r.overflow.naive, 'tensor([nan, nan, nan])');
  assert.equal(r.overflow.stable, 'tensor([0.0900, 0.2447, 0.6652])');
  assert.match(r.code, /torch\.softmax\(scores, dim=0\)/);
});

test('temperature flattens or sharpens the distribution', () => {
  const hot = softmaxResult({ scores: ARTICLE_SCORES, temperature: 5 });
  const cold = softmaxResult({ scores: ARTICLE_SCORES, temperature: 0.5 });
  assert.ok(Math.max(...hot.probs) < 0.7392 && Math.max(...cold.probs) > 0.7392);
  assert.match(hot.code, /scores \/ 5/);
});

test('legend labels name only the changed parameters', () => {
  const spec = getActivation('softplus')!;
  assert.equal(traceLabel(spec, defaultParams(spec)), 'Softplus');
  assert.equal(traceLabel(spec, { ...defaultParams(spec), beta: 2 }), 'Softplus (beta=2)');
});

test('the summary follows the parameters, not the catalog defaults', () => {
  const range = { min: -6, max: 6, points: 1201 };
  const [elu1, elu25, hard] = seriesMessage([
    { id: 'elu', params: { alpha: 1 } }, { id: 'elu', params: { alpha: 2.5 } }, { id: 'hardtanh', params: { min_val: -2, max_val: 3 } },
  ], range, 1).traces.map((t) => t.summary!);
  // ELU reaches −α(1 − e⁻⁶) at x = −6: the floor moves with α.
  assert.ok(Math.abs(elu1.yMin! - -(1 - Math.exp(-6))) < 1e-12, String(elu1.yMin));
  assert.ok(Math.abs(elu25.yMin! - -2.5 * (1 - Math.exp(-6))) < 1e-12, String(elu25.yMin));
  assert.equal(elu1.yMax, 6);
  // Its largest slope is 1 for α = 1 (x ≥ 0), α·eˣ → 2.5 just left of 0 for α = 2.5.
  assert.equal(elu1.slope, 1);
  assert.ok(elu25.slope! > 2.45 && elu25.slope! <= 2.5 && elu25.slopeAt! < 0, JSON.stringify(elu25));
  // hardtanh(min_val=−2, max_val=3): output clamps to [−2, 3]; f' = 0 outside, on 4 + 3 of the 12 units.
  assert.equal(hard.yMin, -2);
  assert.equal(hard.yMax, 3);
  assert.ok(Math.abs(hard.dead - 7 / 12) < 0.01, String(hard.dead));
  assert.equal(hard.vanishing, 0);
});

test('tanh saturates: |f\'| < 0.01 on most of the article\'s range; the summary counts it', () => {
  const s = seriesMessage([{ id: 'tanh', params: {} }], DEFAULT_RANGE, 1).traces[0].summary!;
  assert.equal(s.slope, 1 - Math.tanh(s.slopeAt!) ** 2);
  assert.ok(Math.abs(s.slopeAt!) < 0.03);
  // 1 − tanh²(x) < 0.01 for |x| > 2.99; in float64 it is exactly 0 beyond |x| ≈ 19.06.
  const expected = (20 - 2.9932) * 2 / 40;
  assert.ok(Math.abs(s.vanishing + s.dead - expected) < 0.01, JSON.stringify(s));
  assert.ok(s.dead > 0 && s.dead < 0.1, String(s.dead));
});
