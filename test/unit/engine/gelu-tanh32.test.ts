// float32 gelu(approximate='tanh') backward follows PyTorch 1.13's operation order (its fused
// multiply-adds included): the old per-step double rounding was off by up to 8e-4 relative near
// x ≈ −3, where left_derivative and right_derivative cancel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { torch, F } from '../../../src/engine';

const fx = JSON.parse(readFileSync('test/fixtures/lab/gelu.json', 'utf8')) as { x: number[]; grad: number[] };

test('gelu tanh backward, float32: PyTorch\'s bits except where float32 tanh itself differs by an ulp', () => {
  const x = torch.tensor(fx.x).requires_grad_();
  F.gelu(x, 'tanh').sum().backward();
  const g = x.grad!.data;
  let exact = 0;
  let worst = 0;
  for (let i = 0; i < fx.grad.length; i++) {
    if (Object.is(g[i], fx.grad[i])) exact++;
    else worst = Math.max(worst, Math.abs(g[i] - fx.grad[i]) / Math.abs(fx.grad[i]));
  }
  assert.ok(worst <= 5e-6, `worst relative difference ${worst}`);
  assert.ok(exact >= fx.grad.length * 0.995, `${exact} of ${fx.grad.length} exact`);
});
