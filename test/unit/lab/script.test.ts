// The copied "Copy as PyTorch" script, run headless under Debian's PyTorch (/usr/bin/python3):
// its loss curves must be the lab's, float32 within 1e-4 relative at every step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTrainConfig, type TrainConfig } from '../../../src/lab/config';
import { runTrain } from '../../../src/lab/trainer';
import { labScript } from '../../../src/render/labScript';

const PY = '/usr/bin/python3';

function runScript(configs: TrainConfig[]): Record<string, { losses: number[]; accuracy: number[] }> {
  assert.ok(existsSync(PY), `${PY} is missing: run scripts/install-system-deps.sh (python3-torch)`);
  const dir = mkdtempSync(join(tmpdir(), 'lab-script-'));
  const file = join(dir, 'race.py');
  writeFileSync(file, labScript(configs));
  const r = spawnSync(PY, [file, '--json'], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `the copied script failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, { losses: number[]; accuracy: number[] }>;
}

function worstRel(a: number[], b: number[]): { rel: number; at: number } {
  let rel = 0;
  let at = -1;
  for (let i = 0; i < b.length; i++) {
    const r = Math.abs(a[i] - b[i]) / Math.abs(b[i]);
    if (r > rel) [rel, at] = [r, i];
  }
  return { rel, at };
}

const RACES: Array<{ base: Partial<TrainConfig>; activations: string[] }> = [
  { base: { dataset: 'moons', depth: 2, width: 16, steps: 300, lr: 0.1, optimizer: 'sgd', seed: 3 }, activations: ['tanh', 'relu', 'sigmoid'] },
  { base: { dataset: 'spiral', depth: 3, width: 16, steps: 200, lr: 0.01, optimizer: 'adam', seed: 7, batchSize: 32, noise: 0.05, points: 300 }, activations: ['leaky_relu', 'gelu', 'elu', 'rrelu'] },
  { base: { dataset: 'xor', depth: 2, width: 8, steps: 150, lr: 0.3, optimizer: 'sgd', seed: 1, points: 120 }, activations: ['softplus', 'prelu', 'silu'] },
  { base: { dataset: 'circles', depth: 1, width: 12, steps: 150, lr: 0.05, optimizer: 'adam', seed: 11 }, activations: ['hardswish', 'mish'] },
  { base: { dataset: 'blobs', depth: 2, width: 16, steps: 100, lr: 0.1, optimizer: 'sgd', seed: 5, dtype: 'float64' }, activations: ['tanh', 'selu'] },
];

for (const race of RACES) {
  test(`copied script reproduces the lab: ${race.base.dataset}, ${race.activations.join('/')}, ${race.base.optimizer}, ${race.base.dtype ?? 'float32'}`, () => {
    const configs = race.activations.map((a) => checkTrainConfig({ ...race.base, activation: a }));
    const torchRuns = runScript(configs);
    const tol = configs[0].dtype === 'float32' ? 1e-4 : 1e-10;
    for (const cfg of configs) {
      const lab = runTrain(cfg);
      const ref = torchRuns[cfg.activation];
      assert.equal(ref.losses.length, cfg.steps);
      // same parameters and data: the first losses differ only by the forward's float rounding
      assert.ok(Math.abs(lab.losses[0] - ref.losses[0]) <= tol * 0.05 * ref.losses[0], `${cfg.activation}: first loss ${lab.losses[0]} vs ${ref.losses[0]}`);
      const { rel, at } = worstRel(lab.losses, ref.losses);
      assert.ok(rel <= tol, `${cfg.activation}: loss differs by ${rel.toExponential(2)} relative at step ${at} (lab ${lab.losses[at]}, PyTorch ${ref.losses[at]})`);
      assert.ok(lab.losses[lab.losses.length - 1] < lab.losses[0], `${cfg.activation} trained`);
    }
  });
}
