// wordsNotAfterDot (one pass over the text) finds for every name exactly what the per-name search
// wordStartsNotAfterDot finds (the flow uses both, by how many names a file is asked about): the
// name's occurrences with no identifier character on either side and no dot before them (spaces
// and backslash continuations skipped), in order, capped per name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wordsNotAfterDot, wordStartsNotAfterDot as searched } from '../../../src/python/scan';
import { tenThousandLines } from '../../../bench/hover';

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
  assert.deepEqual(searched('h h h h', 'h', 2), [0, 2]);
});
