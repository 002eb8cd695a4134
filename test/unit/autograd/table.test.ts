// The snippet table itself is checked against PyTorch: every positive snippet raises (or warns)
// PyTorch's text at the line it names, and every correct snippet runs clean under PyTorch 1.13.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PYTORCH_META, loadSnippets, pytorchEventAt } from './snippets';

const snippets = loadSnippets();

test('the fixture was written by PyTorch 1.13', () => {
  assert.match(PYTORCH_META.torch_version, /^1\.13/);
});

test('the table has positives for every finding, .py and notebooks, and negatives of both kinds', () => {
  for (const code of ['AL501', 'AL502', 'AL503', 'AL504', 'AL505', 'AL506']) {
    assert.ok(snippets.filter((s) => !s.notebook && s.expect.some((e) => e.code === code)).length >= 2, `${code}: .py positives`);
  }
  assert.ok(snippets.some((s) => s.notebook && s.expect.length > 0));
  assert.ok(snippets.some((s) => s.notebook && s.expect.length === 0));
  assert.ok(snippets.filter((s) => s.expect.length === 0 && !s.unknown).length >= 5);
  assert.ok(snippets.filter((s) => s.unknown).length >= 3);
});

for (const s of snippets) {
  if (s.expect.length) {
    test(`${s.name}: PyTorch raises or warns where the table says`, () => {
      for (const e of s.expect) assert.ok(pytorchEventAt(s, e), `${e.code} at cell ${e.cell} line ${e.line}: PyTorch said ${JSON.stringify(s.pytorch)}`);
    });
  } else if (!s.unknown) {
    test(`${s.name}: PyTorch runs it without an error or an autograd warning`, () => {
      assert.deepEqual(s.pytorch.errors, []);
      // F.tanh's deprecation is the activations' business, not autograd's.
      assert.deepEqual(s.pytorch.warnings.filter((w) => !/deprecated/.test(w.message)), []);
    });
  }
}
