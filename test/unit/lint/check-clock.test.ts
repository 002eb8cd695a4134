// The autograd follower stops at a wall-clock backstop (FOLLOW_BUDGET.ms) as well as at its step,
// depth and element budgets. In the editor the backstop is short; `check` lifts it, so a file's
// AL5xx findings in CI do not depend on how loaded the runner is. Here the clock is made to run
// out at once: the editor's reading loses the finding, `check` still reports it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FOLLOW_BUDGET, setFollowClock } from '../../../src/autograd/follow';
import { check } from '../../../src/cli/check';
import { codes, lintSource } from './helpers';
import { loadPython } from '../python/setup';

before(loadPython);

const EDITOR_MS = FOLLOW_BUDGET.ms;
const dir = mkdtempSync(join(tmpdir(), 'al-check-clock-'));
after(() => { setFollowClock(EDITOR_MS); rmSync(dir, { recursive: true, force: true }); });

// A warm-up loop (a few thousand interpreter steps) before the mistake the follower must reach;
// each reading has its own count, as the follower keeps its result for statements that keep their text.
const SOURCE = (loops: number) => `import torch

acc = torch.zeros(3)
for i in range(${loops}):
    acc = acc + i
x = torch.linspace(-20, 20, 1000, requires_grad=True)
torch.tanh(x).backward()
`;

test('the follower reaches AL501 with the editor clock, not with a clock already spent', () => {
  assert.ok(codes(lintSource(SOURCE(300))).includes('AL501'));
  setFollowClock(0);
  try {
    assert.ok(!codes(lintSource(SOURCE(301))).includes('AL501'), 'a spent clock must stop the follower before the last line');
  } finally {
    setFollowClock(EDITOR_MS);
  }
});

test('check lifts the clock: the same AL501 however short the editor backstop is', async () => {
  const file = join(dir, 'slow.py');
  writeFileSync(file, SOURCE(302));
  setFollowClock(0);
  let out = '';
  const code = await check(['--format', 'json', file], (s) => { out += s; }, () => {});
  assert.equal(code, 1);
  const found = out.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { code: string }).code);
  assert.deepEqual(found, ['AL501']);
});
