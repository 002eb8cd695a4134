// F.linear's float32 node (one AddmmBackward0 on the SIMD kernels, W read transposed in place)
// gives the values of the unfused ops it replaces (x.mm(W.t()) + b), forward and backward.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { torch, nn } from '../../../src/engine';
import { mm } from '../../../src/engine/ops/matmul';
import { t } from '../../../src/engine/ops/view';
import { add } from '../../../src/engine/ops/binary';

function close(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) <= 1e-5 * Math.max(1, Math.abs(b[i])), `${what}[${i}]: ${a[i]} vs ${b[i]}`);
}

for (const [M, K, N] of [[64, 32, 16], [200, 16, 16], [33, 70, 9], [256, 256, 256]]) {
  test(`linear ${M}×${K} · (${N}×${K})ᵀ + b, float32: same values and gradients as mm + t + add`, () => {
    torch.manual_seed(M + K + N);
    const x1 = torch.randn([M, K]).requires_grad_();
    const w1 = torch.randn([N, K]).requires_grad_();
    const b1 = torch.randn([N]).requires_grad_();
    const x2 = x1.detach().clone().requires_grad_();
    const w2 = w1.detach().clone().requires_grad_();
    const b2 = b1.detach().clone().requires_grad_();
    const y1 = nn.linear(x1, w1, b1);
    const y2 = add(mm(x2, t(w2)), b2);
    close(y1.data, y2.data, 'y');
    const gy = torch.randn([M, N]);
    y1.backward(gy);
    y2.backward(gy);
    close(x1.grad!.data, x2.grad!.data, 'grad x');
    close(w1.grad!.data, w2.grad!.data, 'grad W');
    close(b1.grad!.data, b2.grad!.data, 'grad b');
    if (M * K * N >= 4096) assert.equal(y1.grad_fn?.name(), 'AddmmBackward0');
  });
}
