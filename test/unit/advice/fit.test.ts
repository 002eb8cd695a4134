// Advice that fits the spot it is given for: Threshold's dead zone is below its threshold, a
// softmax outside any model is not "at the output", and it is compared with its sibling, not ReLU;
// what is zero on the plotted scale reads 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise, recommendedAlternative } from '../../../src/advice';
import { renderHover } from '../../../src/render/hoverMarkdown';
import { measuredRows } from '../../../src/render/measuredFacts';
import { english } from '../../../src/i18n';

const use = (id: string, params: Record<string, unknown> = {}, role: 'hidden' | 'output' | null = null) => ({ id, spelling: id, role, loss: null, params, runtimeParams: [] });

test('nn.Threshold(0.1, 20): the dead-unit advice names its threshold and value, not ReLU\'s x ≤ 0', () => {
  const msgs = advise({ use: use('threshold', { threshold: 0.1, value: 20 }) }).map((f) => f.message);
  const dead = msgs.find((m) => /dead/i.test(m));
  assert.ok(dead, msgs.join(' | '));
  assert.match(dead, /threshold \(0\.1\)/);
  assert.match(dead, /constant 20/);
  assert.doesNotMatch(dead, /x ≤ 0|dead ReLU/);
  assert.match(advise({ use: use('relu') }).map((f) => f.message).join(' '), /for x ≤ 0 the gradient is exactly 0/);
});

test('a lone torch.softmax(x, dim=1) outside a model: not called the output, compared with log_softmax, not ReLU', () => {
  const r = renderHover({ use: { ...use('softmax', { dim: 1 }), canonical: 'torch.softmax' }, theme: 'dark', sections: { graph: false } })!;
  assert.doesNotMatch(r.markdown, /At the output|output layer/);
  assert.doesNotMatch(r.markdown, /Compare with ReLU/);
  assert.match(r.markdown, /Compare with LogSoftmax/);
  assert.equal(recommendedAlternative('softmax', null, []), 'log_softmax');
  // In a model's output it still says so.
  assert.match(advise({ use: use('softmax', { dim: 1 }, 'output') }).map((f) => f.message).join(' '), /At the output/);
});

test('the measured largest slope "at x = 1.110e-16" reads "at x = 0"', () => {
  const plot = { range: { min: -20, max: 20, points: 1000 }, traces: [{ id: 'sigmoid', key: '0', title: 'Sigmoid', params: {}, y: [], dy: [], vanishing: [], dead: [],
    summary: { yMin: 0, yMax: 1, slope: 0.25, slopeAt: 1.1102230246251565e-16, vanishing: 0.5, dead: 0 } }] };
  const rows = measuredRows(plot, 'sigmoid', english)!.rows;
  assert.deepEqual(rows.find(([k]) => /Largest/.test(k))?.[1], '0.25 at x = 0');
});
