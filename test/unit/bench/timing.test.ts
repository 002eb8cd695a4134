// bench/lib/timing.ts: how the bench folds repeated rounds of one row into its cells.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { medianOfRounds } from '../../../bench/lib/timing';

test('medianOfRounds: each column the median of its rounds, samples added up', () => {
  const got = medianOfRounds([
    { engine: { ms: 9, samples: 7 }, pytorch: { ms: 4, samples: 0 } },
    { engine: { ms: 6, samples: 7 }, pytorch: { ms: 30, samples: 0 } },
    { engine: { ms: 7, samples: 5 }, pytorch: { ms: 5, samples: 0 } },
  ]);
  assert.deepEqual(got, { engine: { ms: 7, samples: 19 }, pytorch: { ms: 5, samples: 0 } });
});

test('medianOfRounds: an even count takes the mean of the middle two; one round is itself', () => {
  assert.deepEqual(medianOfRounds([{ a: { ms: 2, samples: 1 } }, { a: { ms: 6, samples: 1 } }]), { a: { ms: 4, samples: 2 } });
  assert.deepEqual(medianOfRounds([{ a: { ms: 3, samples: 4 } }]), { a: { ms: 3, samples: 4 } });
});

test('medianOfRounds: a column n/a in any round is n/a, with that round\'s reason', () => {
  const got = medianOfRounds([{ a: { ms: 1, samples: 1 } }, { a: { na: 'python exited' } }, { a: { ms: 2, samples: 1 } }]);
  assert.deepEqual(got, { a: { na: 'python exited' } });
});
