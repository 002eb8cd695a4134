// Issue 14: roles, losses and gates from where values flow, never from what things are called;
// nn.Identity only in an activation's slot; the whole call answers. One row per case the issue
// lists, positive and negative, in .py files and notebooks.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { analyzePython, analyzeNotebook, useAt, type ActivationUse } from '../../../src/python';
import { loadPython } from './setup';
import { flowRows } from './flow-rows';

const H = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n';

before(loadPython);

for (const row of flowRows) {
  test(`flow: ${row.name}`, () => {
    const found: Array<{ use: ActivationUse; cell?: number }> = row.cells
      ? analyzeNotebook(row.cells).flatMap((a, cell) => a.uses.map((use) => ({ use, cell })))
      : analyzePython(row.src!).uses.map((use) => ({ use }));
    assert.deepEqual(found.map((f) => f.use.id), row.expect.map((e) => e[0]), 'ids');
    row.expect.forEach(([, fields], i) => {
      const { use, cell } = found[i]!;
      for (const [key, want] of Object.entries(fields ?? {})) {
        const got = key === 'line' ? use.range.line : key === 'cell' ? cell : (use as unknown as Record<string, unknown>)[key];
        assert.deepEqual(got, want, `${use.id} #${i} .${key}`);
      }
    });
  });
}

test('flow: the cursor anywhere on a call finds its activation; the innermost call wins', () => {
  const src = H + 'y = F.relu(torch.sigmoid(x) + 1)\nz = nn.GELU()\n';
  const a = analyzePython(src);
  const at = (col: number, line = 3) => useAt(a, line, col)?.id;
  assert.equal(at(4), 'relu', 'the F');
  assert.equal(at(5), 'relu', 'the dot');
  assert.equal(at(30), 'relu', 'the + 1');
  assert.equal(at(32), 'relu', 'after the closing parenthesis');
  assert.equal(at(17), 'sigmoid', 'inside the inner call');
  assert.equal(at(26), 'sigmoid', 'the inner argument');
  assert.equal(at(0), undefined, 'the assigned name');
  assert.equal(at(5, 4), 'gelu', 'the nn of nn.GELU()');
});

test('the file loss attached to a use is the nearest one, the first listed on a tie (losses listed by line are searched by halves)', async () => {
  const { lossAttacher, needsFileLoss } = await import('../../../src/python/loss-attach');
  const { rng } = await import('../rng');
  const r = rng(42);
  for (let round = 0; round < 300; round++) {
    const lines = Array.from({ length: 1 + Math.floor(r() * 12) }, () => Math.floor(r() * 30)).sort((a, b) => a - b);
    // Each loss's range names its index, so which one was picked shows.
    const losses = lines.map((line, i) => ({ item: { name: 'CrossEntropyLoss', line, column: 0, range: { line, column: i, endLine: line, endColumn: i } }, line }));
    const attach = lossAttacher(losses);
    for (let line = -2; line < 33; line++) {
      const want = losses.reduce((best, l) => (Math.abs(l.line - line) < Math.abs(best.line - line) ? l : best), losses[0]!);
      const use = { id: 'softmax', role: 'output', loss: null } as unknown as ActivationUse;
      needsFileLoss.add(use);
      attach(use, line);
      assert.equal(use.lossRange?.column, want.item.range.column, `line ${line} among ${lines.join(',')}`);
    }
  }
});
