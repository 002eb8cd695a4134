// The exported PNG's text: every title fits its chart, six legend entries wrap into rows inside
// the image instead of running into each other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitText, legendRows } from '../../../src/render/exportLayout';

const measure = (s: string) => [...s].length * 7;

test('a title longer than its chart is cut with an ellipsis to fit; a short one is kept', () => {
  assert.equal(fitText(measure, 'Function f(x)', 400), 'Function f(x)');
  const cut = fitText(measure, 'Leaky ReLU (negative_slope=0.3), ReLU, Tanh, GELU (approximate=tanh), SiLU, Softplus — Function f(x)', 300);
  assert.ok(measure(cut) <= 300 && cut.endsWith('…'), cut);
});

test('six compared activations: legend rows within the width, no two entries overlapping', () => {
  const titles = ['Leaky ReLU (negative_slope=0.3)', 'ReLU', 'Tanh', 'GELU (approximate=tanh)', 'Softplus (beta=2, threshold=20)', 'Hardtanh (min_val=-2, max_val=2)'];
  const o = { mark: 22, gap: 8, lineHeight: 18 };
  const { items, rows } = legendRows(measure, titles, 700, o);
  assert.equal(items.length, 6);
  assert.ok(rows >= 2);
  for (const it of items) assert.ok(it.x + o.mark + o.gap + measure(it.text) <= 700, it.text);
  for (const a of items) for (const b of items) {
    if (a === b || a.row !== b.row) continue;
    const [l, r] = a.x < b.x ? [a, b] : [b, a];
    assert.ok(l.x + o.mark + o.gap + measure(l.text) < r.x, `${l.text} overlaps ${r.text}`);
  }
});
