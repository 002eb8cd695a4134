// The findings read a large file's uses a slice at a time (warmUses), so the extension host's thread
// is free between slices; what they read must be what reading the file whole gives.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadPython } from './setup';
import { AnalysisCache, analyzePython, warmUses } from '../../../src/python';
import { tenThousandLines } from '../../../bench/hover';

before(loadPython);

test('a 10,000-line file warmed in 1 ms slices gives the uses, roles and losses of a whole read', () => {
  const text = tenThousandLines();
  const cache = new AnalysisCache(4);
  const lazy = cache.get('big', 1, text);
  let slices = 0;
  while (!warmUses(lazy, 1)) slices++;
  assert.ok(slices > 10, `the file was read in ${slices} slices: no slicing happened`);
  const whole = analyzePython(text);
  const view = (a: typeof whole) => a.uses.map((u) => [u.id, u.range.line, u.range.column, u.role, u.loss, u.gate ?? false]);
  assert.equal(lazy.uses.length, whole.uses.length);
  assert.deepEqual(view(lazy), view(whole));
  assert.equal(warmUses(lazy, 1), true, 'once read, it stays read');
});

test('a small file is read in one slice; an analysis read whole needs no warming', () => {
  const src = 'import torch.nn.functional as F\ny = F.relu(x)\n';
  const cache = new AnalysisCache(4);
  assert.equal(warmUses(cache.get('small', 1, src), 50), true);
  assert.equal(warmUses(analyzePython(src), 1), true);
});
