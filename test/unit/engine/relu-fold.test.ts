// ReLU's backward folded into the product that makes its incoming gradient (linear_op.ts: gx =
// G·W behind a ReLU output nobody retains is made +0 where that output is ≤ 0, and ReLU's node
// passes it on as it came). The values must be those of ReLU's own backward, bit for bit: at the
// product's level against the product followed by ReLU's formula (sizes off the vector width,
// −0, NaN and ±Inf in the output), and in networks against the same network with every ReLU output
// retained (retain_grad() keeps the fold and the column skip out), including an output read twice,
// whose folded and unfolded gradients are summed before ReLU's backward sees them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packedGemm, _withGemmVariant, type GemmVariant } from '../../../src/engine/wasm/gemm';
import { torch, nn, Tensor } from '../../../src/engine';
import { lcgValues } from './lcg';
import { relaxedHere, rerunWithRelaxed } from './relaxedChild';

const variants: GemmVariant[] = relaxedHere ? ['plain', 'relaxed', 'relaxed-4x8'] : ['plain'];

function sameBits(got: Float32Array, want: Float32Array, what: string): void {
  assert.equal(got.length, want.length, what);
  for (let i = 0; i < got.length; i++) if (!Object.is(got[i], want[i])) assert.fail(`${what}: element ${i} is ${got[i]}, want ${want[i]}`);
}

for (const variant of variants) {
  test(`relu fold (${variant}): the masked product is the product then ReLU's backward, every size, −0/NaN/Inf in the output`, () => {
    _withGemmVariant(variant, () => {
      for (const [M, P, N] of [[5, 33, 7], [40, 64, 45], [64, 256, 64], [131, 70, 258]]) {
        const G = lcgValues(Float32Array, M * P, M + N, 2);
        const W = lcgValues(Float32Array, P * N, P, 2);
        // the ReLU output: about half ≤ 0 (as +0 and −0), dead columns, a NaN, an Inf
        const y = lcgValues(Float32Array, M * N, N, 1);
        for (let i = 0; i < y.length; i++) if (y[i] < 0) y[i] = i % 3 === 0 ? -0 : 0;
        for (let i = 0; i < M; i++) y[i * N + (N >> 1)] = 0;
        y[1] = NaN;
        y[2] = Infinity;
        const got = new Float32Array(M * N).fill(7);
        const want = new Float32Array(M * N).fill(9);
        assert.equal(packedGemm(G, false, W, false, M, P, N, got, null, y, true), true);
        assert.equal(packedGemm(G, false, W, false, M, P, N, want), true);
        for (let i = 0; i < want.length; i++) want[i] = y[i] <= 0 ? 0 : want[i];
        sameBits(got, want, `${M}×${P}×${N}`);
      }
    });
  });
}

/** The gradients of every parameter of a ReLU net after one backward, with or without every ReLU output retained. */
type Readers = 'no' | 'layer first' | 'product first';

function grads(retain: boolean, twoReaders: Readers): Float32Array[] {
  torch.manual_seed(9);
  const lins = Array.from({ length: 8 }, () => new nn.Linear(64, 64));
  const extra = new nn.Linear(64, 64);
  const x = torch.randn([48, 64]);
  let h: Tensor = x;
  for (let i = 0; i < lins.length; i++) {
    let a = lins[i].forward(h).relu();
    if (retain) a.retain_grad();
    // an output read by a layer and by a product with a constant: a folded gradient and one that
    // is not meet (summed in either order) before ReLU's backward
    if (twoReaders !== 'no' && i === 3) {
      const b = extra.forward(a).relu();
      if (retain) b.retain_grad();
      const c = a.mul(2);
      a = twoReaders === 'layer first' ? torch.add(b, c) : torch.add(c, b);
    }
    h = a;
  }
  h.sum().backward();
  return [...lins, extra].flatMap((l) => [l.weight, l.bias!]).map((p) => (p.grad ? p.grad.data as Float32Array : new Float32Array(0)));
}

test('relu fold: a ReLU MLP\'s gradients are those of the same MLP with every ReLU output retained (no fold, no skip)', () => {
  for (const twoReaders of ['no', 'layer first', 'product first'] as const) {
    const folded = grads(false, twoReaders);
    const plain = grads(true, twoReaders);
    folded.forEach((g, i) => sameBits(g, plain[i], `parameter ${i}, an output read twice: ${twoReaders}`));
    assert.ok(folded.some((g) => g.some((v) => v !== 0)), 'gradients flow');
  }
});

rerunWithRelaxed(__filename, /relu fold \(relaxed\)/);

test('linear: a leaf weight\'s gradient made in a reused buffer is added (or copied) into .grad at once — later backwards leave it alone', () => {
  torch.manual_seed(3);
  const a = new nn.Sequential(new nn.Linear(64, 64), new nn.Tanh(), new nn.Linear(64, 64));
  const b = new nn.Sequential(new nn.Linear(64, 64), new nn.ReLU(), new nn.Linear(64, 64));
  const x = torch.randn([32, 64]);
  const snapshot = (m: nn.Module): Float32Array[] => m.parameters().map((p) => (p.grad!.data as Float32Array).slice());
  a.forward(x).sum().backward(); // first time: .grad taken from the buffer (a copy)
  const first = snapshot(a);
  b.forward(x).sum().backward(); // writes the buffer again
  a.parameters().forEach((p, i) => sameBits(p.grad!.data as Float32Array, first[i], `a's parameter ${i} after b's backward`));
  // second time: added into .grad; twice the first, bit for bit (x + x is exact)
  a.forward(x).sum().backward();
  b.forward(x.mul(3)).sum().backward();
  a.parameters().forEach((p, i) => sameBits(p.grad!.data as Float32Array, first[i].map((v) => v + v), `a's parameter ${i} accumulated`));
  const grads = [...a.parameters(), ...b.parameters()].map((p) => p.grad!.data);
  assert.equal(new Set(grads).size, grads.length, 'every .grad has storage of its own');
});
