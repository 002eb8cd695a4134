// flattensToVectors (roles.ts): what tells a whole classifier named like a block (`VGG1Block`)
// from a building block, when nothing in the file builds it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flattensToVectors } from '../../../src/python/roles';

test('flattening a batch of feature maps into vectors, as a classifier does before its linear head', () => {
  for (const t of ['x = x.view(x.size(0), -1)', 'x.view(-1, 16 * 5 * 5)', 'torch.flatten(x, 1)', 'x.flatten(1)', 'nn.Flatten()',
    'x.reshape(len(x), -1)', 'x = x.view(x.shape[0], -1)', 'torch.flatten(x, start_dim=1)', 'out.view(batch_size, -1)']) {
    assert.ok(flattensToVectors(t), t);
  }
});

test('reshapes that keep more than two axes (attention heads, patches, channels) are not', () => {
  for (const t of ['q.view(B, T, self.n_head, C // self.n_head)', 'x.view(B, -1, self.heads, d)', 'x.flatten(2).transpose(1, 2)',
    'x.view(b, c, h * w)', 'nn.Flatten(2)', 'x.reshape(b, c, -1)', 'x.flatten()', 'torch.flatten(x)']) {
    assert.ok(!flattensToVectors(t), t);
  }
});
