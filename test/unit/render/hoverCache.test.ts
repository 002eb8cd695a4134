// The hover's cache (src/render/hoverCache.ts) keys a rendered hover by what its advice reads: two
// uses that differ only in a fact of the flow the advice weighs must not share a rendering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHoverCached } from '../../../src/render/hoverCache';
import { advise } from '../../../src/advice';
import { english } from '../../../src/i18n';
import type { HoverUse } from '../../../src/render/hoverMarkdown';

const base = (over: Partial<HoverUse>): HoverUse => ({ id: 'softmax', spelling: 'F.softmax', canonical: 'torch.nn.functional.softmax', role: 'output', loss: null, params: { dim: 1 }, runtimeParams: [], isCall: true, ...over });

// each row: a use, and the flag whose flip changes the advice
const ROWS: Array<[HoverUse, Partial<HoverUse>]> = [
  [base({ loss: 'nn.NLLLoss' }), { softmaxAgain: true }],
  [base({ id: 'sigmoid', spelling: 'torch.sigmoid', canonical: 'torch.sigmoid', params: {}, loss: 'nn.MSELoss' }), { binaryTargets: true }],
  [base({ id: 'log_softmax', spelling: 'F.log_softmax', canonical: 'torch.nn.functional.log_softmax', role: null, loss: 'F.kl_div' }), { klTarget: 'log-probabilities' }],
  [base({ loss: 'nn.BCELoss' }), { picked: true }],
  [base({ id: 'relu', spelling: 'F.relu', canonical: 'torch.nn.functional.relu', params: {}, loss: 'nn.NLLLoss' }), { normalizedAfter: true }],
];

test('a flag the advice weighs is part of the hover cache key', () => {
  for (const [use, flip] of ROWS) {
    const other = { ...use, ...flip };
    const a = advise({ use, fileLosses: [] }).map((f) => f.message).join('\n');
    const b = advise({ use: other, fileLosses: [] }).map((f) => f.message).join('\n');
    assert.notEqual(a, b, `the advice itself differs for ${JSON.stringify(flip)}`);
    const first = renderHoverCached({ use, theme: 'dark' }, english)!.markdown;
    const second = renderHoverCached({ use: other, theme: 'dark' }, english)!.markdown;
    assert.notEqual(first, second, `cached hover reused across ${JSON.stringify(flip)}`);
  }
});
