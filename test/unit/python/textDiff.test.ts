// The block-wise prefix/suffix comparison must find exactly where two texts part, wherever that
// is relative to its blocks (first character, a block boundary, inside the last small block, one
// text a prefix of the other): held to a character loop on random edits of texts of every size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedSpan, commonPrefix, commonSuffix } from '../../../src/python/textDiff';
import { rng } from '../rng';

function naive(a: string, b: string): { start: number; endA: number; endB: number } {
  const max = Math.min(a.length, b.length);
  let start = 0;
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) { endA--; endB--; }
  return { start, endA, endB };
}

test('changedSpan equals a character-by-character comparison on random edits', () => {
  const r = rng(15);
  const alphabet = 'ab \n(x)é';
  for (let n = 0; n < 3000; n++) {
    const len = [0, 1, 15, 16, 17, 1023, 4096, 4097, 20_000][Math.floor(r() * 9)]!;
    let a = '';
    for (let i = 0; i < len; i++) a += alphabet[Math.floor(r() * alphabet.length)];
    const at = Math.floor(r() * (a.length + 1));
    const cut = Math.floor(r() * 3 * (r() < 0.5 ? 1 : 40));
    const ins = r() < 0.3 ? '' : a.slice(Math.floor(r() * a.length)).slice(0, Math.floor(r() * 50)) + 'b';
    // sometimes the same text, sometimes the old text repeated around the edit (the ends alike)
    const b = r() < 0.05 ? a : a.slice(0, at) + ins + a.slice(Math.min(a.length, at + cut));
    assert.deepEqual(changedSpan(a, b), naive(a, b), `len ${len} at ${at}`);
    assert.equal(commonPrefix(a, b), naive(a, b).start);
  }
});

test('the suffix never runs into the prefix, and the limit bounds it', () => {
  assert.deepEqual(changedSpan('aaaa', 'aaaaaa'), { start: 4, endA: 4, endB: 6 });
  assert.deepEqual(changedSpan('x'.repeat(5000), 'x'.repeat(5001)), { start: 5000, endA: 5000, endB: 5001 });
  assert.equal(commonSuffix('abcxyz', 'qqxyz', 2), 2);
  assert.equal(commonSuffix('abcxyz', 'qqxyz'), 3);
});
