// `activation-lens lab train|depth|script`: the JSON the issue specifies, and refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../../src/cli';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

test('lab train --json: config with defaults filled, one loss and accuracy per step, params0 and data on request', async () => {
  const r = await run('lab', 'train', '--dataset', 'moons', '--activation', 'tanh', '--depth', '2', '--width', '16', '--steps', '30',
    '--lr', '0.1', '--optimizer', 'sgd', '--seed', '3', '--json', '--emit-params', '--emit-data');
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.deepEqual(j.config, { dataset: 'moons', activation: 'tanh', params: {}, depth: 2, width: 16, steps: 30, lr: 0.1, optimizer: 'sgd',
    seed: 3, dtype: 'float32', batchSize: null, noise: 0.1, points: 200 });
  assert.equal(j.losses.length, 30);
  assert.equal(j.accuracy.length, 30);
  assert.ok(j.accuracy.every((a: number) => a >= 0 && a <= 1));
  assert.deepEqual(j.params0.map((p: { name: string }) => p.name), ['0.weight', '0.bias', '2.weight', '2.bias', '4.weight', '4.bias']);
  assert.deepEqual(j.params0[0].shape, [16, 2]);
  assert.equal(j.params0[0].data.length, 32);
  assert.equal(j.data.x.length, 200);
  assert.equal(j.data.y.length, 200);
});

test('lab depth --json: one record per hidden layer with the four statistics, and the output layer\'s norm', async () => {
  const r = await run('lab', 'depth', '--activation', 'sigmoid', '--depth', '12', '--width', '64', '--batch', '128', '--seed', '5', '--json', '--emit-data');
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.deepEqual(j.config, { activation: 'sigmoid', params: {}, depth: 12, width: 64, batch: 128, seed: 5, init: 'default', dtype: 'float32' });
  assert.equal(j.layers.length, 12);
  assert.deepEqual(Object.keys(j.layers[0]).sort(), ['activationMean', 'activationStd', 'deadFraction', 'weightGradNorm']);
  assert.ok(j.outputWeightGradNorm > 0);
  assert.equal(j.input.length, 128 * 64);
});

test('hostile or unknown settings are refused with a clear message and exit status 2', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['lab', 'depth', '--depth', '1000000'], /depth must be a whole number from 1 to 50/],
    [['lab', 'train', '--width', '0'], /width must be a whole number from 1 to 512/],
    [['lab', 'train', '--lr', 'nan'], /learning rate must be a number above 0/],
    [['lab', 'train', '--dataset', 'mnist'], /Unknown dataset "mnist"/],
    [['lab', 'train', '--activation', 'swish'], /Unknown activation "swish"/],
    [['lab', 'train', '--param', 'negative_slope=x', '--activation', 'leaky_relu'], /negative_slope must be a number/],
    [['lab', 'train', '--batch-size', '500'], /batch size must be a whole number from 1 to 200/],
    [['lab', 'train', '--frobnicate', '1'], /unknown option '--frobnicate'/],
    [['lab', 'fly'], /unknown lab command 'fly'/],
  ];
  for (const [argv, want] of cases) {
    const r = await run(...argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.err, want, argv.join(' '));
  }
});

test('lab script prints a runnable PyTorch script for a race', async () => {
  const r = await run('lab', 'script', '--activations', 'tanh,leaky_relu', '--seed', '4');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /SEED = 4/);
  assert.match(r.out, /"leaky_relu": lambda: nn\.LeakyReLU\(negative_slope=0\.01\)/);
});
