// `node dist/cli.js check` over a project whose models and training live in different files:
// text, json, sarif (validated by Microsoft's validator, related locations included), github,
// exit statuses, threads, and --fix --unsafe-fixes across files (then nothing left, and Python
// still compiles every file).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { bundleCli } from '../../../scripts/bundle-cli';
import { pyCompileError } from './helpers';

let dir = '';
let cli = '';
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'al-xfile-cli-'));
  cli = await bundleCli(dir);
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

function run(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, 'check', ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A small project: a classifier and a regressor in a package, trained by a script and a notebook beside it. */
function project(name: string): string {
  const root = join(dir, name);
  const files: Record<string, string> = {
    'src/__init__.py': '',
    'src/models/__init__.py': 'from .classifier import Classifier\nfrom .regressor import build_regressor\n',
    'src/models/classifier.py': `import torch
import torch.nn as nn
import torch.nn.functional as F


class Classifier(nn.Module):
    """Digits from 28x28 images."""

    def __init__(self, n_classes=10):
        super().__init__()
        self.conv = nn.Conv2d(1, 16, 3, padding=1)
        self.fc = nn.Linear(16 * 14 * 14, n_classes)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv(x)), 2)
        x = torch.flatten(x, 1)
        return F.softmax(self.fc(x), dim=1)
`,
    'src/models/regressor.py': `from torch import nn


def build_regressor(d_in):
    return nn.Sequential(nn.Linear(d_in, 32), nn.ReLU(), nn.Linear(32, 1), nn.Sigmoid())
`,
    'src/train.py': `import torch
from torch import nn

from .models import Classifier, build_regressor


def train(loader, epochs=1):
    model = Classifier()
    reg = build_regressor(8)
    criterion = nn.CrossEntropyLoss()
    mse = nn.MSELoss()
    opt = torch.optim.SGD(list(model.parameters()) + list(reg.parameters()), lr=0.01)
    for _ in range(epochs):
        for x, y, z, t in loader:
            opt.zero_grad()
            loss = criterion(model(x), y) + mse(reg(z), t)
            loss.backward()
            opt.step()
`,
  };
  for (const [f, text] of Object.entries(files)) {
    const p = join(root, f);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return root;
}

test('text, json, github: the model files get the findings, naming where the loss is; exit 1', () => {
  const root = project('formats');
  const t = run(root, '.');
  assert.equal(t.code, 1, t.err);
  assert.match(t.out, /^src\/models\/classifier\.py:17:18: AL101 CrossEntropyLoss applies log_softmax itself .* The model's output reaches CrossEntropyLoss in src\/train\.py:10\.$/m);
  assert.match(t.out, /^src\/models\/regressor\.py:5:79: AL105 Sigmoid at the output of a regression \(MSELoss\) .* The model's output reaches MSELoss in src\/train\.py:11\.$/m);
  assert.match(t.out, /^Found 2 findings \(1 warning, 1 info\)\.$/m);
  const rows = run(root, '--format', 'json', '.').out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(rows.map((r) => [r.file, r.line, r.code, (r.fix as { applicability?: string } | null)?.applicability ?? null]), [
    ['src/models/classifier.py', 17, 'AL101', 'unsafe'], ['src/models/regressor.py', 5, 'AL105', null],
  ]);
  assert.match(run(root, '--format', 'github', '.').out, /^::warning file=src\/models\/classifier\.py,line=17,col=18,endLine=17,endColumn=25,title=AL101::.*in src\/train\.py:10\.$/m);
  // --ignore the model file's code: nothing, exit 0
  const quiet = run(root, '--ignore', 'AL101,AL105', '.');
  assert.equal(quiet.code, 0, quiet.out);
});

test('threads: the summaries cross from the check threads and give the same lines', () => {
  const root = project('threads');
  const one = run(root, '--format', 'json', '.');
  const three = run(root, '--format', 'json', '--jobs', '3', '.');
  assert.equal(three.code, 1, three.err);
  assert.equal(three.out, one.out);
});

test('SARIF: the loss as a related location, accepted by @microsoft/sarif-multitool', () => {
  const root = project('sarif');
  const r = run(root, '--format', 'sarif', '.');
  assert.equal(r.code, 1, r.err);
  const doc = JSON.parse(r.out) as { runs: Array<{ results: Array<{ ruleId: string; relatedLocations?: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; message: { text: string } }> }> }> };
  const al101 = doc.runs[0]!.results.find((x) => x.ruleId === 'AL101')!;
  assert.equal(al101.relatedLocations?.[0]?.physicalLocation.artifactLocation.uri, 'src/train.py');
  assert.equal(al101.relatedLocations?.[0]?.physicalLocation.region.startLine, 10);
  assert.match(al101.relatedLocations![0]!.message.text, /^CrossEntropyLoss is named here/);
  const file = join(root, 'out.sarif');
  writeFileSync(file, r.out);
  const out = join(root, 'validation.sarif');
  const bin = require.resolve('@microsoft/sarif-multitool/bin.js');
  const v = spawnSync(process.execPath, [bin, 'validate', file, '--output', out], { encoding: 'utf8', timeout: 120_000 });
  assert.ok(existsSync(out), `validator wrote nothing: ${v.stdout}\n${v.stderr}`);
  const results = JSON.parse(readFileSync(out, 'utf8')).runs[0].results as Array<{ level?: string; ruleId: string; message: unknown }>;
  assert.deepEqual(results.filter((x) => (x.level ?? 'warning') === 'error').map((e) => `${e.ruleId} ${JSON.stringify(e.message)}`), []);
});

test('--fix alone leaves the unsafe cross-file fix; --fix --unsafe-fixes applies it, a second check finds nothing, Python compiles every file', () => {
  const root = project('fix');
  const before = readFileSync(join(root, 'src/models/classifier.py'), 'utf8');
  const safe = run(root, '--fix', '.');
  assert.equal(safe.code, 1, safe.err);
  assert.equal(readFileSync(join(root, 'src/models/classifier.py'), 'utf8'), before);
  const r = run(root, '--fix', '--unsafe-fixes', '.');
  assert.match(r.out, /^Fixed 1 in src\/models\/classifier\.py: AL101$/m);
  const after = readFileSync(join(root, 'src/models/classifier.py'), 'utf8');
  assert.match(after, /^ {8}return self\.fc\(x\)$/m);
  assert.doesNotMatch(after, /softmax/);
  // AL105 has no fix: still reported, exit 1
  assert.equal(r.code, 1, r.out + r.err);
  const again = run(root, '--format', 'json', '.');
  assert.deepEqual(again.out.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { code: string }).code), ['AL105']);
  for (const f of ['src/models/classifier.py', 'src/models/regressor.py', 'src/train.py']) assert.equal(pyCompileError(readFileSync(join(root, f), 'utf8')), null, f);
});
