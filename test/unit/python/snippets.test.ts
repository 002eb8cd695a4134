// The snippet table: every spelling and alias, parameters, roles, losses, notebook cells and
// the things that look like activations but are not PyTorch's. Each row names exactly the
// catalog ids expected, in source order, and the fields that matter for it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzePython, analyzeNotebook, type ActivationUse } from '../../../src/python';
import { loadPython } from './setup';
import { rows } from './snippet-rows';

before(loadPython);

test('the table has at least 80 snippets', () => {
  assert.ok(rows.length >= 80, `only ${rows.length} rows`);
});

for (const row of rows) {
  test(`snippet: ${row.name}`, () => {
    let found: Array<{ use: ActivationUse; cell?: number }>;
    let parseErrors = false;
    if (row.cells) {
      found = analyzeNotebook(row.cells).flatMap((a, cell) => a.uses.map((use) => ({ use, cell })));
    } else {
      const a = analyzePython(row.src!);
      parseErrors = a.parseErrors;
      found = a.uses.map((use) => ({ use }));
    }
    assert.deepEqual(found.map((f) => f.use.id), row.expect.map((e) => e[0]), `ids in ${JSON.stringify(row.src ?? row.cells)}`);
    row.expect.forEach(([, fields], i) => {
      const { use, cell } = found[i]!;
      for (const [key, want] of Object.entries(fields ?? {})) {
        const got = key === 'line' ? use.range.line : key === 'column' ? use.range.column : key === 'cell' ? cell : (use as unknown as Record<string, unknown>)[key];
        assert.deepEqual(got, want, `${use.id}.${key}`);
      }
    });
    if (row.parseErrors !== undefined) assert.equal(parseErrors, row.parseErrors);
  });
}

test('a whole realistic training script', () => {
  const src = readFileSync('test/fixtures/python/realistic.py', 'utf8');
  const a = analyzePython(src);
  assert.equal(a.parseErrors, false);
  assert.deepEqual(a.uses.map((u) => [u.range.line + 1, u.spelling, u.id, u.role]), [
    [18, 'nn.GELU', 'gelu', 'hidden'], // act=nn.GELU is built into the MLP's Sequential, before a Linear
    [41, 'attn.softmax', 'softmax', 'hidden'],
    [50, 'nn.ReLU', 'relu', 'hidden'],
    [59, 'F.leaky_relu', 'leaky_relu', 'hidden'],
    [62, 'F.log_softmax', 'log_softmax', 'output'],
    [67, 'torch.tanh', 'tanh', null],
    [80, 'torch.sigmoid', 'sigmoid', null],
    [81, 'fn.softplus', 'softplus', null],
  ]);
  // The model's activations train with the file's loss; the helpers and the code after training do not feed it.
  assert.deepEqual(a.uses.map((u) => u.loss), ['nll_loss', 'nll_loss', 'nll_loss', 'nll_loss', 'nll_loss', null, null, null]);
  assert.deepEqual(a.losses.map((l) => l.name), ['nll_loss']);
  assert.ok(a.imports.some((i) => i.local === 'np' && i.target === 'numpy'));
  assert.ok(a.imports.some((i) => i.local === 'fn' && i.target === 'torch.nn.functional'));
});
