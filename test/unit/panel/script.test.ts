// "Copy script": the generated PyTorch + matplotlib script is valid Python, and with Debian's
// torch and matplotlib it runs headless and writes the image of the current view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTIVATIONS, defaultParams } from '../../../src/catalog';
import { defaultState } from '../../../src/protocol';
import { viewScript } from '../../../src/vscode/explorerScript';

const dir = mkdtempSync(join(tmpdir(), 'al-script-'));
const PY = '/usr/bin/python3';
const hasTorch = existsSync(PY) && spawnSync(PY, ['-c', 'import torch, matplotlib'], { encoding: 'utf8' }).status === 0;

test('the script for a compared view compiles (python3 -m py_compile)', () => {
  const state = defaultState([{ id: 'tanh', params: {} }, { id: 'leaky_relu', params: { negative_slope: 0.2, inplace: true } }, { id: 'gelu', params: { approximate: 'tanh' } }]);
  const src = viewScript(state);
  assert.match(src, /torch\.linspace\(-20, 20, 1000, requires_grad=True\)/);
  assert.match(src, /y\.sum\(\)\.backward\(\)/);
  assert.doesNotMatch(src, /inplace/);
  const file = join(dir, 'view.py');
  writeFileSync(file, src);
  const r = spawnSync('python3', ['-m', 'py_compile', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('every catalog activation in one view runs in real PyTorch and writes a PNG', { skip: hasTorch ? false : 'Debian python3-torch/matplotlib not installed', timeout: 120_000 }, () => {
  // All activations at once, at non-default parameters where they have some: one run covers every expression.
  const traces = ACTIVATIONS.map((a) => {
    const params = defaultParams(a);
    for (const p of a.params) if (p.kind === 'number' && !p.integer) params[p.name] = +(p.min + (p.max - p.min) * 0.3).toFixed(3);
    return { id: a.id, params };
  });
  const src = viewScript({ traces, range: { min: -6, max: 6, points: 301 } });
  const file = join(dir, 'all.py');
  const png = join(dir, 'all.png');
  writeFileSync(file, src);
  const r = spawnSync(PY, [file, '--save', png], { encoding: 'utf8', env: { ...process.env, MPLBACKEND: 'Agg' }, timeout: 110_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(statSync(png).size > 10_000);
  assert.deepEqual([...readFileSync(png).subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
});

test('one calling convention for the explorer\'s and the hover\'s scripts: --save out.png; headers name torch.tanh, not the deprecated F.tanh', async () => {
  const { plotScript } = await import('../../../src/render/plotScript');
  const view = viewScript(defaultState([{ id: 'tanh', params: {} }]));
  const hover = plotScript('tanh', {})!;
  for (const src of [view, hover]) {
    assert.match(src, /SAVE = sys\.argv\[sys\.argv\.index\('--save'\) \+ 1\] if '--save' in sys\.argv\[:-1\]/);
    assert.match(src, /--save out\.png/);
    assert.doesNotMatch(src, /sys\.argv\[1\]/);
    const header = src.split('\n').filter((l) => l.startsWith('#')).join('\n');
    assert.match(header, /torch\.tanh\(x\)\.sum\(\)\.backward\(\)/);
    assert.doesNotMatch(header, /F\.tanh/);
  }
});

test('the hover\'s "Copy plot script" link carries the hover\'s range, and the script plots it', async () => {
  const { renderHover } = await import('../../../src/render/hoverMarkdown');
  const { plotScript } = await import('../../../src/render/plotScript');
  const out = renderHover({ use: { id: 'relu', spelling: 'F.relu', role: null, loss: null, params: {}, runtimeParams: [] }, theme: 'dark', plotRange: [-3, 5] })!;
  const link = /command:activationLens\.copyPlotScript\?([^)]+)\)/.exec(out.markdown);
  assert.ok(link);
  const [args] = JSON.parse(decodeURIComponent(link[1]));
  assert.deepEqual(args.range, [-3, 5]);
  assert.match(plotScript('relu', args.params, undefined, { min: args.range[0], max: args.range[1] })!, /torch\.linspace\(-3, 5, 1000/);
});
