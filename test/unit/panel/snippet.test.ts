// The softmax playground's PyTorch snippet runs in real PyTorch and prints what the playground
// shows: scores written as floats (integer literals make a Long tensor, which softmax refuses).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { softmaxResult } from '../../../src/vscode/explorerData';

interface Case { scores: number[]; code: string; printout?: string; error?: string }
const fixture = JSON.parse(readFileSync('test/fixtures/torch/snippets.json', 'utf8')) as { cases: Case[] };

test('integer scores: the snippet writes floats, the one PyTorch runs, and the printout is PyTorch\'s', () => {
  const ran = fixture.cases.filter((c) => c.printout !== undefined);
  assert.ok(fixture.cases.some((c) => /not implemented for 'Long'/.test(c.error ?? '')), 'the fixture records why integer literals fail');
  assert.ok(ran.length >= 4);
  for (const c of ran) {
    const r = softmaxResult({ scores: c.scores, temperature: 1 });
    assert.equal(r.code, c.code);
    assert.equal(r.printout, c.printout);
  }
  assert.match(softmaxResult({ scores: [1, 2, 3], temperature: 2 }).code, /torch\.tensor\(\[1\.0, 2\.0, 3\.0\]\)/);
});
