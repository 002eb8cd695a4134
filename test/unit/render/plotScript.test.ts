// The copied plot script is valid Python for every activation, carries the call's parameters,
// and, with Debian's torch + matplotlib, really draws a PNG.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plotScript, pythonExpression } from '../../../src/render/plotScript';
import { ACTIVATIONS, getActivation, defaultParams } from '../../../src/catalog';

const PY = '/usr/bin/python3';
const hasPython = existsSync(PY) && spawnSync(PY, ['-c', 'import torch, matplotlib'], { encoding: 'utf8' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'alens-plotscript-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('every catalog activation gets a script that compiles (py_compile)', { skip: !existsSync(PY) && 'no python3' }, () => {
  const files: string[] = [];
  for (const a of ACTIVATIONS) {
    const f = join(dir, `plot_${a.id}.py`);
    writeFileSync(f, plotScript(a.id, {})!);
    files.push(f);
  }
  const r = spawnSync(PY, ['-m', 'py_compile', ...files], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('the script follows the article: linspace(-20, 20, 1000), requires_grad, .sum().backward(), two subplots', () => {
  const s = plotScript('tanh', {})!;
  assert.match(s, /torch\.linspace\(-20, 20, 1000\)/);
  assert.match(s, /torch\.linspace\(-20, 20, 1000, requires_grad=True\)/);
  assert.match(s, /f\(x\)\.sum\(\)\.backward\(\)/);
  assert.match(s, /plt\.subplots\(1, 2/);
  assert.match(s, /axes\[1\]\.plot\(x\.detach\(\), x\.grad\)/);
  assert.match(s, /return torch\.tanh\(x\)/, 'torch.tanh, not the deprecated F.tanh');
});

test('parameters from the call reach the script; invalid or hostile ones fall back to defaults', () => {
  assert.match(plotScript('leaky_relu', { negative_slope: 0.2, inplace: true })!, /F\.leaky_relu\(x, negative_slope=0\.2\)/);
  assert.match(plotScript('gelu', { approximate: 'tanh' })!, /F\.gelu\(x, approximate="tanh"\)/);
  const evil = plotScript('gelu', { approximate: "none')\nimport os; os.system('echo pwned')#", negative_slope: 'x' })!;
  assert.ok(!evil.includes('pwned'));
  assert.match(evil, /F\.gelu\(x, approximate="none"\)/);
  assert.equal(plotScript('not_there', {}), undefined);
});

test('the expression covers every spelling family', () => {
  assert.equal(pythonExpression(getActivation('identity')!, {}), 'torch.nn.Identity()(x)');
  assert.match(pythonExpression(getActivation('softmax')!, defaultParams(getActivation('softmax')!)), /F\.softmax\(torch\.stack/);
  assert.match(pythonExpression(getActivation('prelu')!, { init: 0.1 }), /F\.prelu\(x, torch\.tensor\(\[0\.1\]\)\)/);
});

test('with Debian\'s torch + matplotlib the script runs and writes a PNG', { skip: !hasPython && 'no torch/matplotlib in /usr/bin/python3', timeout: 120_000 }, () => {
  // Each run imports torch (seconds on a small machine): one activation per way of saving.
  for (const [id, params] of [['leaky_relu', { negative_slope: 0.2 }]] as const) {
    const f = join(dir, `run_${id}.py`);
    const png = join(dir, `${id}.png`);
    writeFileSync(f, plotScript(id, params)!);
    const r = spawnSync(PY, [f, '--save', png], { encoding: 'utf8', env: { ...process.env, MPLBACKEND: 'Agg', MPLCONFIGDIR: dir }, timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(png) && statSync(png).size > 5000, `${id}: PNG written`);
  }
  // The environment variable works too.
  const f = join(dir, 'run_env.py');
  const png = join(dir, 'env.png');
  writeFileSync(f, plotScript('softmax', { dim: 1 })!);
  const r = spawnSync(PY, [f], { encoding: 'utf8', env: { ...process.env, MPLBACKEND: 'Agg', MPLCONFIGDIR: dir, ACTIVATION_LENS_SAVE: png }, timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(png));
});
