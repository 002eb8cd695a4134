// A change the engine refuses never becomes the panel's state: the host keeps the state before
// (what "Copy script" writes and a reload restores) and tells the webview to go back to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTIVATIONS } from '../../../src/catalog';
import { catalogIndex, defaultState, validateToWebview } from '../../../src/protocol';
import { acceptState } from '../../../src/vscode/explorerData';
import { viewScript } from '../../../src/vscode/explorerScript';

const index = catalogIndex(ACTIVATIONS);

test('Hardtanh with min_val 2 > max_val 1 is refused with the engine\'s reason and the state before stays', () => {
  const before = defaultState([{ id: 'hardtanh', params: { min_val: -1, max_val: 1 } }]);
  const next = { ...before, traces: [{ id: 'hardtanh', params: { min_val: 2, max_val: 1 } }] };
  const r = acceptState(before, next, 7);
  assert.equal(r.ok, false);
  assert.match((r as { error: string }).error, /min_val|max_val/);
  // What the host then sends is a valid message carrying the state to go back to.
  const msg = validateToWebview({ type: 'refused', message: (r as { error: string }).error, state: before }, index);
  assert.ok(msg.ok && msg.value.type === 'refused' && msg.value.state?.traces[0].params.min_val === -1);
  assert.match(viewScript(before), /min_val=-1/);
});

test('an accepted change computes only what changed: the series for traces or range, the printout for softmax', () => {
  const before = defaultState([{ id: 'tanh', params: {} }]);
  const moreRange = acceptState(before, { ...before, range: { min: -3, max: 3, points: 50 } }, 3);
  assert.ok(moreRange.ok && moreRange.series?.seq === 3 && moreRange.series.x.length === 50 && !moreRange.softmax);
  const scores = acceptState(before, { ...before, softmax: { scores: [1, 2, 3], temperature: 1 } }, 4);
  assert.ok(scores.ok && !scores.series && scores.softmax?.printout === 'tensor([0.0900, 0.2447, 0.6652])');
  const same = acceptState(before, before, 5);
  assert.ok(same.ok && !same.series && !same.softmax);
});
