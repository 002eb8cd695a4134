// `node dist/cli.js check …` end to end, bundled as scripts/build.mjs bundles it: formats, exit
// statuses, folders, notebooks, --fix, and SARIF that Microsoft's validator accepts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync, existsSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { bundleCli } from '../../../scripts/bundle-cli';

const note = (s: string) => process.stdout.write(`# ${s}\n`);

let dir = '';
let cli = '';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'activation-lens-check-'));
  cli = await bundleCli(dir);
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, 'check', ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
  return { code: r.status, out: r.stdout, err: r.stderr, json: () => r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

function write(name: string, text: string): string {
  const p = join(dir, name);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

const BAD = `import torch
import torch.nn as nn
import torch.nn.functional as F

model = nn.Sequential(nn.Linear(4, 3), nn.Softmax(dim=1))
criterion = nn.CrossEntropyLoss()
x = torch.randn(2, 4)
lp = torch.log(F.softmax(x, 1))
h = F.tanh(x)
`;
const CLEAN = 'import torch\n\nx = torch.softmax(torch.randn(2, 3), dim=-1)\n';

const notebook = (cells: Array<[string, string]>) => JSON.stringify({
  cells: cells.map(([type, src], i) => ({
    cell_type: type, metadata: { tags: [`t${i}`] }, source: src.split(/(?<=\n)/),
    ...(type === 'code' ? { execution_count: i + 1, outputs: [{ output_type: 'stream', name: 'stdout', text: ['ok\n'] }] } : {}),
  })),
  metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } }, nbformat: 4, nbformat_minor: 5,
}, null, 1) + '\n';

test('text: file:line:col: CODE [*] message, a summary, exit 1', () => {
  write('t/bad.py', BAD);
  const r = run('t/bad.py');
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /^t\/bad\.py:5:43: AL101 CrossEntropyLoss applies/m);
  assert.match(r.out, /^t\/bad\.py:8:6: AL301 \[\*\] log of a softmax/m);
  assert.match(r.out, /^t\/bad\.py:9:7: AL202 \[\*\]/m);
  assert.match(r.out, /^Found 3 findings \(2 warnings, 1 info\)\.$/m);
  assert.match(r.out, /^\[\*\] 2 fixable with the `--fix` option\.$/m);
});

test('no findings: exit 0', () => {
  write('t/clean.py', CLEAN);
  const r = run('t/clean.py');
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /All checks passed!/);
});

test('json: one object per line, 1-based, fix with applicability and edits', () => {
  write('j/bad.py', BAD);
  const rows = run('--format', 'json', 'j/bad.py').json();
  assert.deepEqual(rows.map((r) => r.code), ['AL101', 'AL301', 'AL202']);
  const al301 = rows[1]!;
  assert.deepEqual({ ...al301, message: undefined }, {
    file: 'j/bad.py', line: 8, column: 6, endLine: 8, endColumn: 32, code: 'AL301', severity: 'warning', message: undefined,
    fix: { applicability: 'safe', edits: [{ line: 8, column: 6, endLine: 8, endColumn: 32, text: 'F.log_softmax(x, 1)' }] },
  });
  assert.equal((rows[0]!.fix as { applicability: string }).applicability, 'unsafe');
});

test('notebooks: cell (1-based over all cells) and lines within the cell', () => {
  write('n/nb.ipynb', notebook([['markdown', '# title\n'], ['code', 'import torch\nimport torch.nn.functional as F\n'], ['code', 'x = torch.randn(2, 3)\np = F.softmax(x)\n']]));
  const rows = run('--format', 'json', 'n/nb.ipynb').json();
  assert.deepEqual(rows.map((r) => [r.code, r.cell, r.line, r.column]), [['AL201', 3, 2, 7]]);
  assert.match(run('n/nb.ipynb').out, /^n\/nb\.ipynb:cell 3:2:7: AL201 /m);
});

test('github: workflow commands with escaped properties', () => {
  write('g/bad,x.py', BAD);
  const r = run('--format', 'github', 'g/bad,x.py');
  assert.match(r.out, /^::warning file=g\/bad%2Cx\.py,line=5,col=43,endLine=5,endColumn=50,title=AL101::CrossEntropyLoss/m);
  assert.match(r.out, /^::notice file=.*title=AL202::/m);
});

test('folders: .py and .ipynb, skipping hidden folders, node_modules, venvs and .gitignore', () => {
  write('w/a.py', BAD);
  write('w/sub/b.py', BAD);
  write('w/.hidden/c.py', BAD);
  write('w/node_modules/d.py', BAD);
  write('w/env/pyvenv.cfg', 'home = /usr\n');
  write('w/env/lib/e.py', BAD);
  write('w/build/f.py', BAD);
  write('w/gen_g.py', BAD);
  write('w/keep_gen_h.py', BAD);
  write('w/.gitignore', 'build/\ngen_*.py\n');
  write('w/n.ipynb', notebook([['code', BAD]]));
  const files = [...new Set(run('--format', 'json', 'w').json().map((r) => r.file))].sort();
  assert.deepEqual(files, ['w/a.py', 'w/keep_gen_h.py', 'w/n.ipynb', 'w/sub/b.py']);
});

test('folders: links are followed to what they name (a folder walked, a file read), a broken one skipped, one real file checked once', () => {
  write('ln/real/a.py', BAD);
  write('ln/other/b.py', BAD);
  symlinkSync(join(dir, 'ln/other'), join(dir, 'ln/real/linked'));
  symlinkSync(join(dir, 'ln/other/b.py'), join(dir, 'ln/real/c.py'));
  symlinkSync(join(dir, 'ln/nowhere.py'), join(dir, 'ln/real/broken.py'));
  const r = run('--format', 'json', 'ln/real');
  assert.equal(r.err, '');
  // c.py and linked/b.py are one file (other/b.py): reported once, under the path met first
  assert.deepEqual([...new Set(r.json().map((x) => x.file))].sort(), ['ln/real/a.py', 'ln/real/c.py']);
});

test('exit 2 for a missing file, the others still checked; usage errors', () => {
  write('m/bad.py', BAD);
  const r = run('--format', 'json', 'm/missing.py', 'm/bad.py');
  assert.equal(r.code, 2);
  assert.match(r.err, /cannot read m\/missing\.py: no such file/);
  assert.equal(r.json().length, 3);
  assert.equal(run('--select', 'XY9', 'm/bad.py').code, 2);
  assert.match(run('--format', 'xml', 'm/bad.py').err, /--format must be/);
  assert.equal(run('--unsafe-fixes', 'm/bad.py').code, 2);
  assert.equal(run().code, 2);
  write('m/broken.ipynb', '{"cells": [');
  const b = run('m/broken.ipynb', 'm/bad.py');
  assert.equal(b.code, 2);
  assert.match(b.err, /m\/broken\.ipynb is not a valid notebook/);
});

test('--select / --ignore / --show-hints', () => {
  write('s/hid.py', 'import torch.nn as nn\n\nmodel = nn.Sequential(nn.Linear(4, 8), nn.Sigmoid(), nn.Linear(8, 3))\ncriterion = nn.CrossEntropyLoss()\n');
  assert.equal(run('s/hid.py').code, 0);
  assert.deepEqual(run('--format', 'json', '--show-hints', 's/hid.py').json().map((r) => r.code), ['AL401']);
  assert.deepEqual(run('--format', 'json', '--select', 'AL4', 's/hid.py').json().map((r) => r.code), ['AL401']);
  write('s/bad.py', BAD);
  assert.deepEqual(run('--format', 'json', '--select', 'AL3,AL2', '--ignore', 'AL202', 's/bad.py').json().map((r) => r.code), ['AL301']);
});

test('--fix applies safe fixes, --unsafe-fixes the rest; a second check finds nothing fixed again', () => {
  const f = write('f/bad.py', BAD);
  const r = run('f/bad.py', '--fix');
  assert.match(r.out, /Fixed 2 in f\/bad\.py: AL301, AL202/);
  const once = readFileSync(f, 'utf8');
  assert.match(once, /lp = F\.log_softmax\(x, 1\)\nh = torch\.tanh\(x\)/);
  assert.match(once, /nn\.Softmax\(dim=1\)/);
  assert.deepEqual(run('--format', 'json', 'f/bad.py').json().map((x) => x.code), ['AL101']);
  run('f/bad.py', '--fix', '--unsafe-fixes');
  assert.match(readFileSync(f, 'utf8'), /nn\.Sequential\(nn\.Linear\(4, 3\), nn\.Identity\(\)\)/);
  assert.equal(run('f/bad.py').code, 0);
  const py = spawnSync('/usr/bin/python3', ['-m', 'py_compile', f], { encoding: 'utf8' });
  assert.equal(py.status, 0, py.stderr);
});

test('--fix on a notebook: valid JSON, only the sources change', () => {
  const f = write('fn/nb.ipynb', notebook([['markdown', 'F.tanh(x) in prose\n'], ['code', 'import torch\nimport torch.nn.functional as F\n'], ['code', 'x = torch.randn(3)\ny = F.tanh(x)\nz = torch.log(torch.sigmoid(x))\n']]));
  const before = JSON.parse(readFileSync(f, 'utf8'));
  const r = run('fn/nb.ipynb', '--fix');
  assert.match(r.out, /Fixed 2 in fn\/nb\.ipynb/);
  const raw = readFileSync(f, 'utf8');
  const after = JSON.parse(raw);
  assert.deepEqual(after.cells[2].source, ['x = torch.randn(3)\n', 'y = torch.tanh(x)\n', 'z = F.logsigmoid(x)\n']);
  for (const k of ['metadata', 'nbformat', 'nbformat_minor']) assert.deepEqual(after[k], before[k]);
  after.cells.forEach((c: Record<string, unknown>, i: number) => {
    const b = before.cells[i];
    assert.deepEqual({ ...c, source: null }, { ...b, source: null });
  });
  assert.match(raw, /^\{\n "cells"/);
  assert.equal(run('fn/nb.ipynb').code, 0);
});

test('hostile file names and text: JSON and SARIF escape them', () => {
  const name = 'h/we"ird\\name.py';
  write(name, BAD);
  const r = run('--format', 'json', name);
  assert.equal(r.json()[0]!.file, name);
  const s = JSON.parse(run('--format', 'sarif', name).out);
  assert.equal(s.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'h/we%22ird%5Cname.py');
});

test('a 5 MB file is checked without freezing: read up to the parse budget, findings in that part', () => {
  // Mostly ordinary code, an activation mistake now and then: what a huge generated module looks like.
  const block = (i: number) => `def step_${i}(batch, weights):\n    total = 0.0\n${'    total = total + batch[0] * weights[1] - 0.5\n'.repeat(40)}    return torch.log(torch.softmax(total, dim=1))\n\n\n`;
  const parts = ['import torch\n\n'];
  let size = 0;
  for (let i = 0; size < 5e6; i++) { const b = block(i); parts.push(b); size += b.length; }
  write('big/big.py', parts.join(''));
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', 'big/big.py'], { cwd: dir, encoding: 'utf8', timeout: 170_000, maxBuffer: 64 << 20 });
  assert.equal(r.status, 1, r.stderr || String(r.error));
  const rows = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { code: string; line: number });
  assert.ok(rows.length > 100 && rows.every((x) => x.code === 'AL301'), `${rows.length} findings`);
  // Only the first MAX_PARSE_CHARS (1,000,000) are read: findings stop there.
  assert.ok(Math.max(...rows.map((x) => x.line)) < 30_000);
  note(`5 MB file: ${Date.now() - t0} ms, ${rows.length} findings`);
});

test('SARIF 2.1.0 passes @microsoft/sarif-multitool validate', () => {
  write('v/bad.py', BAD);
  write('v/nb.ipynb', notebook([['code', BAD]]));
  const r = run('--format', 'sarif', 'v');
  assert.equal(r.code, 1, r.err);
  const doc = JSON.parse(r.out);
  assert.equal(doc.version, '2.1.0');
  assert.deepEqual(doc.runs[0].tool.driver.rules.map((x: { id: string }) => x.id).slice(0, 3), ['AL101', 'AL102', 'AL103']);
  assert.ok(doc.runs[0].results.every((x: { ruleId: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }) => /^AL\d{3}$/.test(x.ruleId) && x.locations[0]!.physicalLocation.region.startLine >= 1));
  const file = write('v/out.sarif', r.out);
  const bin = require.resolve('@microsoft/sarif-multitool/bin.js');
  assert.ok(existsSync(bin));
  const out = join(dir, 'v', 'validation.sarif');
  const v = spawnSync(process.execPath, [bin, 'validate', file, '--output', out], { encoding: 'utf8', timeout: 120_000 });
  assert.ok(existsSync(out), `validator wrote nothing: ${v.stdout}\n${v.stderr}`);
  const results = JSON.parse(readFileSync(out, 'utf8')).runs[0].results as Array<{ level?: string; ruleId: string; message: { text?: string; arguments?: string[] } }>;
  const errors = results.filter((x) => (x.level ?? 'warning') === 'error');
  assert.deepEqual(errors.map((e) => `${e.ruleId} ${JSON.stringify(e.message)}`), []);
});

test('the uses of a file\'s own activations: the rows of the table at the use, in a file and across a notebook\'s cells', () => {
  write('c/heads.py', readFileSync(join(__dirname, '../../corpus/51_custom_heads.py'), 'utf8'));
  const rows = run('--format', 'json', '--select', 'AL1', 'c/heads.py').json();
  assert.deepEqual(rows.map((r) => [r.code, r.line, r.column, r.endColumn]), [['AL103', 47, 16, 24], ['AL104', 54, 24, 30], ['AL105', 65, 22, 32], ['AL107', 78, 16, 31]]);
  assert.match(String(rows[0]!.message), /^logistic \(your own activation\) equals Sigmoid: /);
  write('c/nb.ipynb', readFileSync(join(__dirname, '../../corpus/52_custom_notebook.ipynb'), 'utf8'));
  assert.deepEqual(run('--format', 'json', '--select', 'AL1', 'c/nb.ipynb').json().map((r) => [r.code, r.cell, r.line]), [['AL103', 3, 8], ['AL105', 3, 14]]);
});

test('--jobs: a tree checked in threads gives the same lines in the same order as one thread, --fix too; a bad --jobs is refused', () => {
  const { readdirSync } = require('node:fs') as typeof import('node:fs');
  const corpus = readdirSync('test/corpus').filter((f) => /\.(py|ipynb)$/.test(f));
  assert.ok(corpus.length >= 16);
  for (const tree of ['jobs1', 'jobs3']) for (const f of corpus) write(`${tree}/${f}`, readFileSync(join('test/corpus', f), 'utf8'));
  const one = run('--format', 'json', '--jobs', '1', 'jobs1');
  const auto = run('--format', 'json', 'jobs1');
  const three = run('--format', 'json', '--jobs', '3', 'jobs1');
  assert.equal(one.code, 1, one.err);
  assert.ok(one.json().length > 20, `${one.json().length} findings`);
  assert.equal(auto.out, one.out);
  assert.equal(three.out, one.out);
  assert.equal(three.err, one.err);
  // --fix in threads writes each file as one thread would
  const fixedOne = run('--fix', '--format', 'json', '--jobs', '1', 'jobs1');
  const fixedThree = run('--fix', '--format', 'json', '--jobs', '3', 'jobs3');
  assert.equal(fixedThree.out.replaceAll('jobs3', 'jobs1'), fixedOne.out);
  for (const f of corpus) assert.equal(readFileSync(join(dir, 'jobs3', f), 'utf8'), readFileSync(join(dir, 'jobs1', f), 'utf8'), f);
  const bad = run('--jobs', 'many', 'jobs1');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--jobs needs a whole number from 1 to 64 \(got 'many'\)/);
});
