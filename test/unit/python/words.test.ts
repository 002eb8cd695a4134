// wordsNotAfterDot (one pass over the text) finds for every name exactly what the flow's former
// per-name search found: the name's occurrences with no identifier character on either side and
// no dot before them (spaces and backslash continuations skipped), in order, capped per name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDotAt, isIdentPartAt, prevNonSpace, wordsNotAfterDot } from '../../../src/python/scan';
import { tenThousandLines } from '../../../bench/hover';

/** The search the flow ran per name before the index (src/python/flow.ts, names()). */
function searched(src: string, name: string, cap: number): number[] {
  const at: number[] = [];
  for (let i = src.indexOf(name); i >= 0 && at.length < cap; i = src.indexOf(name, i + name.length)) {
    if ((i > 0 && isIdentPartAt(src, i - 1)) || isIdentPartAt(src, i + name.length) || isDotAt(src, prevNonSpace(src, i))) continue;
    at.push(i);
  }
  return at;
}

test('every word of the corpus, the demo files, tricky spellings and the 10,000-line file: the same positions as the per-name search', () => {
  const tricky = 'self.h = h\nh .h\nh. h\nx = a \\\n  .h + h1 + _h + h_ + 1h + h\n"h" # h\nλh = hλ + h\nsum(h)\nh';
  const texts = [
    ...['test/corpus', 'demo'].flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.py')).map((f) => readFileSync(join(d, f), 'utf8'))),
    tricky, tenThousandLines(),
  ];
  let checked = 0;
  for (const src of texts) {
    const index = wordsNotAfterDot(src, 20_000);
    const names = new Set(src.match(/[A-Za-z_λ][A-Za-z0-9_λ]*/g) ?? []);
    for (const name of names) {
      assert.deepEqual(index.get(name) ?? [], searched(src, name, 20_000), name);
      checked++;
    }
  }
  assert.ok(checked > 1000);
  // the cap keeps the first ones
  assert.deepEqual(wordsNotAfterDot('h h h h', 2).get('h'), [0, 2]);
});
