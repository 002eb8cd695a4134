// Findings on the corpus files written from real public code read for issue 15 (a trainer class
// holding the model, loss modules named like anything, distillation through variables): the
// codes and lines `check --show-hints` must report, and nothing else.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPython } from '../python/setup';
import { lintSource } from './helpers';

before(loadPython);

const EXPECT: Record<string, string[]> = {
  '44_trainer_class.py': ['16 AL103'],
  '45_smoothing_losses.py': [],
  '46_kd_targets.py': ['30 AL106', '37 AL301'],
  '47_dropout_before_head.py': ['22 AL107'],
  '48_lightning_predict_step.py': [],
  '49_td3_actor_scaled.py': [],
  '50_focal_weights.py': ['35 AL104'],
};

for (const [file, want] of Object.entries(EXPECT)) {
  test(`corpus findings: ${file}`, () => {
    const text = readFileSync(join('test/corpus', file), 'utf8');
    assert.deepEqual(lintSource(text, { showHints: true }).map((f) => `${f.range.line + 1} ${f.code}`), want);
  });
}
