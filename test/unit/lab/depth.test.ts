// The depth experiment against PyTorch (test/fixtures/lab/depth.json): the same network, input
// and backward give the same per-layer statistics, and the textbook picture holds — sigmoid's
// weight gradients fall by orders of magnitude with depth, ReLU with He init stays within one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkDepthConfig } from '../../../src/lab/config';
import { runDepth } from '../../../src/lab/depth';

interface Layer { activationMean: number; activationStd: number; deadFraction: number; weightGradNorm: number }
interface Case { activation: string; depth: number; width: number; batch: number; seed: number; init: string; dtype: 'float32' | 'float64'; layers: Layer[]; outputWeightGradNorm: number }
const fx = JSON.parse(readFileSync('test/fixtures/lab/depth.json', 'utf8')) as { cases: Case[] };

function close(a: number, b: number, rel: number, abs: number, what: string): void {
  assert.ok(Math.abs(a - b) <= Math.max(rel * Math.abs(b), abs), `${what}: ${a} vs PyTorch ${b}`);
}

for (const c of fx.cases) {
  test(`depth: ${c.activation} ${c.depth}×${c.width}, batch ${c.batch}, init ${c.init}, ${c.dtype} — PyTorch's statistics`, () => {
    const r = runDepth(checkDepthConfig({ ...c, layers: undefined, outputWeightGradNorm: undefined }));
    assert.equal(r.layers.length, c.depth);
    // float32: PyTorch sums in float32 (and its matmul in its own order), the engine in double
    const rel = c.dtype === 'float32' ? 2e-4 : 1e-10;
    r.layers.forEach((l, i) => {
      const w = c.layers[i];
      close(l.activationMean, w.activationMean, rel * 10, rel * Math.abs(w.activationStd) * 10, `layer ${i + 1} mean`);
      close(l.activationStd, w.activationStd, rel, 0, `layer ${i + 1} std`);
      assert.equal(l.deadFraction, w.deadFraction, `layer ${i + 1} dead`);
      close(l.weightGradNorm, w.weightGradNorm, rel, 0, `layer ${i + 1} |grad W|`);
    });
    close(r.outputWeightGradNorm, c.outputWeightGradNorm, rel, 0, 'output |grad W|');
  });
}

test('sigmoid\'s gradient norms fall by orders of magnitude with depth; ReLU with He init stays within one order', () => {
  const sig = runDepth(checkDepthConfig({ activation: 'sigmoid', depth: 30, width: 64, batch: 64, seed: 1, init: 'xavier_normal' }));
  const relu = runDepth(checkDepthConfig({ activation: 'relu', depth: 30, width: 64, batch: 64, seed: 1, init: 'kaiming_normal' }));
  const ratio = (ls: { weightGradNorm: number }[]) => {
    const g = ls.map((l) => l.weightGradNorm);
    return Math.max(...g) / Math.min(...g);
  };
  assert.ok(sig.layers[0].weightGradNorm < sig.layers[29].weightGradNorm / 1e3, `sigmoid: first ${sig.layers[0].weightGradNorm}, last ${sig.layers[29].weightGradNorm}`);
  assert.ok(ratio(relu.layers) < 10, `ReLU + He: max/min gradient norm ${ratio(relu.layers)}`);
});
