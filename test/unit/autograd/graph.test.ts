// The computation graph read from the engine, as PyTorch names it, and drawn as text and SVG.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { F, torch, type Tensor } from '../../../src/engine';
import { chainText, graphOf, leavesOf, treeLines } from '../../../src/autograd/graph';
import { graphSvg } from '../../../src/render/autogradGraph';
import { linePlotSvg } from '../../../src/render/plot';
import { checkXml } from '../render/xml';

const named = (pairs: Array<[Tensor, string]>) => (t: Tensor) => pairs.find(([u]) => u === t)?.[1] ?? null;

test('the article\'s graph: SumBackward0 → TanhBackward0 → AccumulateGrad (x), with shapes and dtypes', () => {
  const x = torch.linspace(-20, 20, 1000, { requires_grad: true });
  const g = graphOf(F.tanh(x).sum(), named([[x, 'x']]));
  assert.equal(chainText(g), 'SumBackward0 \u2192 TanhBackward0 \u2192 AccumulateGrad (x)');
  assert.deepEqual(g.nodes.map((n) => [n.name, n.shape, n.dtype]), [['SumBackward0', [], 'float32'], ['TanhBackward0', [1000], 'float32'], ['AccumulateGrad', [1000], 'float32']]);
  assert.deepEqual(g.root, { shape: [], dtype: 'float32', isLeaf: false, requiresGrad: true });
  assert.deepEqual(leavesOf(g).map((l) => l.leaf), [{ label: 'x', requiresGrad: true }]);
});

test('a two-layer expression: a DAG, a leaf reached twice listed once, inputs without grad skipped', () => {
  const w = torch.tensor([[0.5, -1], [2, 0.25], [1, 1]], { requires_grad: true });
  const b = torch.tensor([0.1, -0.2], { requires_grad: true });
  const inp = torch.ones([4, 3]);
  const out = torch.relu(inp.matmul(w).add(b)).mul(w.sum()).mean();
  const g = graphOf(out, named([[w, 'w'], [b, 'b']]));
  assert.equal(chainText(g), null);
  assert.equal(g.nodes.filter((n) => n.name === 'AccumulateGrad').length, 2);
  assert.deepEqual(treeLines(g), [
    'MeanBackward0',
    '  \u2514 MulBackward0',
    '    \u2514 ReluBackward0',
    '      \u2514 AddBackward0',
    '        \u2514 MmBackward0',
    '          \u2514 AccumulateGrad (w)',
    '        \u2514 AccumulateGrad (b)',
    '    \u2514 SumBackward0',
    '      \u2514 AccumulateGrad (w)',
  ]);
  const svg = graphSvg(g, 'dark', 'graph')!;
  const names = checkXml(svg);
  assert.equal(names.filter((n) => n === 'rect').length, 1 + g.nodes.length);
  assert.equal((svg.match(/class="edge"/g) ?? []).length, g.nodes.reduce((s, n) => s + n.inputs.length, 0));
  assert.equal((svg.match(/class="node leaf"/g) ?? []).length, 2);
});

test('a tensor that does not require grad has an empty graph; a leaf that does is its own AccumulateGrad', () => {
  assert.deepEqual(graphOf(torch.ones([3]).sum()).nodes, []);
  assert.equal(graphSvg(graphOf(torch.ones([3])), 'light', 't'), null);
  const x = torch.ones([2], { requires_grad: true });
  assert.equal(chainText(graphOf(x, () => 'x')), 'AccumulateGrad (x)');
});

test('leaf names from the user\'s code are XML-escaped in the SVG', () => {
  const x = torch.ones([2], { requires_grad: true });
  const svg = graphSvg(graphOf(x.sum(), () => '<b>&"x'), 'light', 'a<b')!;
  checkXml(svg);
  assert.match(svg, /AccumulateGrad \(&lt;b&gt;&amp;&quot;x\)/);
});

test('the x.grad plot: one panel, the vanishing zones of tanh′ shaded', () => {
  const x = torch.linspace(-20, 20, 1000, { requires_grad: true });
  F.tanh(x).sum().backward();
  const svg = linePlotSvg(x.detach().data, x.grad!.data, { theme: 'light', label: 'x.grad', title: 'x.grad' });
  checkXml(svg);
  assert.match(svg, /x\.grad/);
  assert.ok((svg.match(/class="zone-vanishing"/g) ?? []).length >= 2);
});
