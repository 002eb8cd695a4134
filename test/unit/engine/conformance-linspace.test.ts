// torch.linspace must be bit-for-bit PyTorch's (the charts and every fixture grid start
// from it): PyTorch fills the first half as start + i·step and the second half as
// end − (steps − 1 − i)·step, in the tensor's dtype.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Enc, dec, decAll, fmt, loadFixture, torch, values } from './conformance-support';

interface Case { start: Enc; end: Enc; steps: number; dtype: 'float32' | 'float64'; values: Enc[] }
const file = loadFixture<{ meta: { torch_version: string }; cases: Case[] }>('linspace.json');

for (const c of file.cases) {
  const [start, end] = [dec(c.start), dec(c.end)];
  // Non-finite bounds are covered by conformance-errors (an error is accepted there).
  if (!Number.isFinite(start) || !Number.isFinite(end)) continue;
  test(`conformance: torch.linspace(${fmt(start)}, ${fmt(end)}, ${c.steps}, ${c.dtype}) is bit-identical to PyTorch`, () => {
    const got = values(torch.linspace(start, end, c.steps, { dtype: c.dtype }));
    const want = decAll(c.values);
    assert.equal(got.length, want.length, 'length');
    const bad = want.map((w, i) => (Object.is(got[i], w) ? '' : `[${i}] got ${fmt(got[i])}, PyTorch ${fmt(w)}`)).filter(Boolean);
    assert.deepEqual(bad.slice(0, 10), [], `${bad.length} differing element(s)`);
  });
}
