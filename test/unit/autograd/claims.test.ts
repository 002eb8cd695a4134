// The hover's and the autograd view's claims against PyTorch: for every backward() in the
// snippet table, the view's examples and demo/activations_article.py, the follower's graph has
// PyTorch's grad_fn names and edges (breadth first, as scripts/gen-autograd-fixtures.py walked
// next_functions) and each leaf's gradient is PyTorch's.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadPython } from '../python/setup';
import { analyzeAutograd, analyzeAutogradNotebook } from '../../../src/autograd/analyze';
import { AUTOGRAD_EXAMPLES } from '../../../src/autograd/examples';
import { chainText } from '../../../src/autograd/graph';
import type { BackwardFact } from '../../../src/autograd/follow';
import { loadSnippets } from './snippets';

before(loadPython);

interface PyBackward { line: number; cell?: number; shape: number[]; requires_grad: boolean; graph: Array<{ name: string; inputs: number[] }>; grads: Array<Array<number | string> | null> }
const fixture = JSON.parse(readFileSync('test/fixtures/autograd/pytorch.json', 'utf8')) as { cases: Record<string, { backwards: PyBackward[] }> };

const dec = (v: number | string) => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : Number(v));

function compare(ours: BackwardFact[], theirs: PyBackward[], what: string): void {
  // PyTorch records each call; the follower each line once (a function called twice ran the same code)
  const seen = new Set<string>();
  const unique = theirs.filter((b) => { const k = `${b.cell ?? 0}:${b.line}`; if (seen.has(k)) return false; seen.add(k); return true; });
  assert.ok(unique.length > 0, `${what}: PyTorch ran no backward()`);
  for (const b of unique) {
    const o = ours.find((x) => x.line === b.line - 1);
    assert.ok(o, `${what}: no backward() followed at line ${b.line}`);
    assert.deepEqual(o.graph.nodes.map((n) => [n.name, n.inputs]), b.graph.map((n) => [n.name, n.inputs]), `${what} line ${b.line}: graph`);
    assert.deepEqual(o.root.shape, b.shape);
    assert.equal(o.root.requiresGrad, b.requires_grad);
    if (o.error) continue;
    assert.equal(o.gradients.length, b.grads.length, `${what}: leaves`);
    o.gradients.forEach((g, i) => {
      if (g.grad === null) return; // random numbers: the engine's stream is not PyTorch's, nothing is claimed
      const want = b.grads[i]!.map(dec);
      assert.equal(g.grad!.length, want.length);
      for (let k = 0; k < want.length; k++) {
        const tol = 1e-6 * Math.max(1, Math.abs(want[k]!));
        assert.ok(Math.abs(g.grad![k]! - want[k]!) <= tol, `${what} ${g.label}.grad[${k}] = ${g.grad![k]}, PyTorch ${want[k]}`);
      }
    });
  }
}

test('demo/activations_article.py: the graph SumBackward0 → TanhBackward0 → AccumulateGrad (x), and x.grad = PyTorch\'s tanh′ at the 1000 points', () => {
  const cell = analyzeAutograd(readFileSync('demo/activations_article.py', 'utf8'));
  const b = cell.follow.backwards.find((x) => x.line === 16)!;
  assert.equal(chainText(b.graph), 'SumBackward0 \u2192 TanhBackward0 \u2192 AccumulateGrad (x)');
  assert.equal(b.gradients[0]!.label, 'x');
  compare(cell.follow.backwards, fixture.cases['demo/activations_article.py']!.backwards, 'demo');
  assert.deepEqual(cell.findings, []);
});

for (const e of AUTOGRAD_EXAMPLES) {
  test(`the autograd view's example "${e.id}" against PyTorch`, () => {
    compare(analyzeAutograd(e.code).follow.backwards, fixture.cases[`example:${e.id}`]!.backwards, e.id);
  });
}

test('every backward() of the snippet table against PyTorch', () => {
  let n = 0;
  for (const s of loadSnippets()) {
    const theirs = fixture.cases[s.name]!.backwards ?? [];
    if (!theirs.length || s.unknown) continue;
    if (s.notebook) {
      const cells = analyzeAutogradNotebook(s.cells);
      for (const [i, c] of cells.entries()) {
        const mine = theirs.filter((b) => b.cell === i);
        if (mine.length) compare(c.follow.backwards, mine, `${s.name} cell ${i}`);
      }
    } else compare(analyzeAutograd(s.cells[0]).follow.backwards, theirs, s.name);
    n++;
  }
  assert.ok(n >= 12, `compared ${n} snippets`);
});

test('after torch.randn the follower claims no gradient values', () => {
  const b = analyzeAutograd('import torch\nw = torch.randn(3, requires_grad=True)\n(w * 2).sum().backward()\n').follow.backwards[0]!;
  assert.equal(b.gradients[0]!.grad, null);
  assert.deepEqual(b.gradients[0]!.shape, [3]);
});
