// `check` without --fix reads each file once (findingsCache with oneVersion): a use's value is
// followed only where a coded rule may hang on it, in the lint's order. The editor and `--fix`
// follow every use in the reader's order. The flow memoises per class and per file, so the two
// orders must still give the same findings: on every corpus and demo file, with hints, and on
// models whose outputs are asked for out of order (a relu's verdict warming the model a later
// sigmoid reaches, nested and mutually calling modules).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPython } from '../python/setup';
import { findingsCache, lintCachedFile, type Finding } from '../../../src/lint';

before(loadPython);

const show = (fs: Finding[]) => fs.map((f) => `${f.range.line + 1}:${f.range.column + 1} ${f.code} ${f.message}`);

function same(name: string, text: string): void {
  const opts = { showHints: true };
  const lazy = lintCachedFile(findingsCache(1, true), name, 1, text, opts);
  const eager = lintCachedFile(findingsCache(1, false), name, 1, text, opts);
  assert.deepEqual(show(lazy), show(eager), name);
}

const HEAD = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n';

test('corpus and demo files: the same findings read once as read for the editor', () => {
  let n = 0;
  for (const dir of ['test/corpus', 'demo']) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.py')).sort()) {
      same(join(dir, f), readFileSync(join(dir, f), 'utf8'));
      n++;
    }
  }
  assert.ok(n >= 60, `${n} files`);
});

test('models asked for out of order: nested, shared and mutually calling modules', () => {
  const block = (k: number) => `class Block${k}(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.fc = nn.Linear(d, d)
        self.act = nn.ReLU()

    def forward(self, x):
        return self.act(self.fc(x))
`;
  for (const depth of [1, 3, 8]) {
    const blocks = Array.from({ length: depth }, (_, k) => block(k)).join('\n');
    const chain = Array.from({ length: depth }, (_, k) => `Block${k}(d)`).join(', ');
    const text = `${HEAD}${blocks}
class Head(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.body = nn.Sequential(${chain})
        self.out = nn.Linear(d, 1)

    def forward(self, x):
        h = torch.relu(self.body(x))
        return torch.sigmoid(self.out(h))

    def embed(self, x):
        return F.softmax(self.body(x), dim=1)


class Twin(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.head = Head(d)

    def forward(self, a, b):
        return self.head(a) * torch.tanh(self.head.embed(b)).sum(1, keepdim=True)


model = Twin(16)
loss_fn = nn.BCELoss()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for a, b, y in []:
    p = model(a, b)
    loss = loss_fn(torch.sigmoid(p), y)
    loss.backward()
    opt.step()
`;
    same(`nested-${depth}.py`, text);
  }
});

test("a use without a code of its own is followed only until it is found hidden: the output's stays found", () => {
  // check follows F.relu, nn.GELU and nn.Tanh here only until their values are inside the model
  // (src/lint/lint.ts mayHaveCode); the last relu is the model's output and keeps its AL105.
  const text = `${HEAD}
class Reg(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.fc1 = nn.Linear(d, d)
        self.mid = nn.Sequential(nn.Linear(d, d), nn.GELU(), nn.Linear(d, d), nn.Tanh())
        self.fc2 = nn.Linear(d, 1)

    def forward(self, x):
        h = F.relu(self.fc1(x))
        h = self.mid(h)
        return F.relu(self.fc2(h))


model = Reg(4)
loss_fn = nn.MSELoss()
for x, y in []:
    loss = loss_fn(model(x), y)
    loss.backward()
`;
  same('hidden-then-output', text);
  const found = lintCachedFile(findingsCache(1, true), 'hidden-then-output', 1, text, { showHints: true });
  assert.deepEqual(found.map((f) => `${f.range.line + 1} ${f.code}`), ['16 AL105']);
});
