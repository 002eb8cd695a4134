// `node dist/cli.js scan …` end to end: the CLI is bundled exactly as scripts/build.mjs bundles it
// (into a temporary directory, with the wasm files beside it), then run on temporary files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { bundleCli } from '../../../scripts/bundle-cli';

let dir = '';
let cli = '';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'activation-lens-cli-'));
  cli = await bundleCli(dir);
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

function run(...args: string[]) {
  // Run from the temp dir so nothing can be found in the repository's node_modules by accident.
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  const lines = () => r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code: r.status, out: r.stdout, err: r.stderr, get lines() { return lines(); } };
}

function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const MODEL = `import torch
import torch.nn as nn
import torch.nn.functional as F

model = nn.Sequential(nn.Linear(4, 8), nn.LeakyReLU(0.2), nn.Linear(8, 3), nn.Softmax(dim=1))
loss_fn = nn.CrossEntropyLoss()
s = "F.relu(x)"  # torch.tanh(x)
y = F.gelu(x, approximate='tanh')
`;

test('scan prints one JSON object per activation, 1-based positions', () => {
  const file = write('model.py', MODEL);
  const r = run('scan', file);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  assert.deepEqual(r.lines, [
    { file, line: 5, column: 43, id: 'leaky_relu', spelling: 'nn.LeakyReLU', params: { negative_slope: 0.2 }, role: 'hidden', loss: 'CrossEntropyLoss' },
    { file, line: 5, column: 79, id: 'softmax', spelling: 'nn.Softmax', params: { dim: 1 }, role: 'output', loss: 'CrossEntropyLoss' },
    // Outside the model: its value is not seen going into the loss.
    { file, line: 8, column: 7, id: 'gelu', spelling: 'F.gelu', params: { approximate: 'tanh' }, role: null, loss: null },
  ]);
  // Keys in the documented order.
  assert.deepEqual(Object.keys(r.lines[0]!), ['file', 'line', 'column', 'id', 'spelling', 'params', 'role', 'loss']);
});

test('notebooks: code cells only, cell is 1-based, lines within the cell, aliases across cells', () => {
  const nb = {
    cells: [
      { cell_type: 'markdown', source: ['# F.relu(x) in markdown is not code\n'] },
      { cell_type: 'code', source: ['import torch\n', 'import torch.nn.functional as F\n'] },
      { cell_type: 'code', source: 'x = torch.linspace(-5, 5, 100)\ny = F.relu(x)\n' },
      { cell_type: 'code', source: ['p = torch.softmax(scores, dim=0)'] },
    ],
    metadata: {}, nbformat: 4, nbformat_minor: 5,
  };
  const file = write('demo.ipynb', JSON.stringify(nb));
  const r = run('scan', file);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(r.lines, [
    { file, cell: 3, line: 2, column: 7, id: 'relu', spelling: 'F.relu', params: {}, role: null, loss: null },
    { file, cell: 4, line: 1, column: 11, id: 'softmax', spelling: 'torch.softmax', params: { dim: 0 }, role: null, loss: null },
  ]);
});

test('unreadable files: clear message, non-zero exit, the other files still scanned', () => {
  const good = write('good.py', 'import torch\ntorch.tanh(x)\n');
  const missing = join(dir, 'missing.py');
  const badNb = write('bad.ipynb', '{not json');
  const r = run('scan', missing, good, badNb, dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines.map((l) => [l.file, l.id]), [[good, 'tanh']]);
  assert.match(r.err, /cannot read .*missing\.py: no such file/);
  assert.match(r.err, /bad\.ipynb is not a valid notebook/);
  assert.match(r.err, /is a directory/);
  if (process.getuid?.() !== 0) {
    const locked = write('locked.py', 'x = 1\n');
    chmodSync(locked, 0o000);
    assert.match(run('scan', locked).err, /permission denied/);
  }
});

test('bad usage exits 2 with the usage text; --help exits 0', () => {
  for (const args of [[], ['scan'], ['lint', 'x.py'], ['scan', '--frobnicate', 'x.py']]) {
    const r = run(...args);
    assert.equal(r.code, 2, `args ${JSON.stringify(args)}`);
    assert.match(r.err, /Usage: activation-lens scan FILE/);
    assert.equal(r.out, '');
  }
  const h = run('--help');
  assert.equal(h.code, 0);
  assert.match(h.out, /Usage: activation-lens scan FILE/);
  assert.match(run('scan', '-h').out, /"cell"/);
});

test('a closed pipe ends the scan quietly', () => {
  const many = write('many.py', 'import torch\n' + 'torch.tanh(x)\n'.repeat(20_000));
  const r = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${cli}" scan "${many}" "${many}" | head -n 1`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.stdout.split('\n').filter(Boolean).length, 1);
  assert.doesNotMatch(r.stderr, /EPIPE|Error/);
});

test('output to a full non-blocking pipe arrives whole (written to the descriptor, then by Node\'s stream after EAGAIN)', () => {
  // stdout is written with writeSync (src/cli/stdio.ts); a reader that made the pipe non-blocking
  // and reads late makes the write fail with EAGAIN, and Node's stream must write the rest
  const many = write('many2.py', 'import torch\n' + 'torch.tanh(x)\n'.repeat(20_000));
  const reader = [
    'import os, subprocess, sys, time',
    'r, w = os.pipe(); os.set_blocking(w, False)',
    'p = subprocess.Popen(sys.argv[1:], stdout=w); os.close(w)',
    'time.sleep(1.0)',
    'data = b""',
    'while True:',
    '    chunk = os.read(r, 65536)',
    '    if not chunk: break',
    '    data += chunk',
    'sys.stdout.write("%d %d" % (p.wait(), len(data)))',
  ].join('\n');
  const whole = spawnSync(process.execPath, [cli, 'scan', many], { cwd: dir, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
  assert.equal(whole.status, 0);
  assert.ok(whole.stdout.length > 1 << 20, 'more than a pipe holds');
  const r = spawnSync('/usr/bin/python3', ['-c', reader, process.execPath, cli, 'scan', many], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, `0 ${Buffer.byteLength(whole.stdout)}`, 'exit status 0 and every byte, none lost or doubled');
});

test('a file with no activations prints nothing and succeeds', () => {
  const r = run('scan', write('empty.py', ''), write('plain.py', 'import numpy as np\nnp.tanh(1)\n'));
  assert.equal(r.code, 0);
  assert.equal(r.out, '');
});
