// An activation on a path an argument chooses, inside one file: a forward returning probabilities
// only when asked (`return_probs`), a head chosen by a constructor argument, a factory choosing the
// activation by name, a class defined twice as a notebook does. A loss claimed for the activation
// holds only down the branches the file's calls are known to take (flow.ts: a conditional
// reading; a flag __init__ stores on self is read as its parameter); an argument the file does not
// say claims nothing, unless every arm applies the same activation. Each row is read three ways
// that must agree: `check` (the CLI, in process), the findings worker's core (the editor's
// Problems) and the hover at each use.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '../../../src/cli/check';
import { renderHover } from '../../../src/render/hoverMarkdown';
import { AnalysisCache, lossNamesOf, type Analysis } from '../../../src/python';
import { createLintWorkerCore, type LintWorkerEvent } from '../../../src/lint/workerCore';
import type { Finding } from '../../../src/lint';
import { loadPython } from '../python/setup';

let root = '';
before(async () => {
  await loadPython();
  root = mkdtempSync(join(tmpdir(), 'al-branch-'));
});
after(() => { if (root) rmSync(root, { recursive: true, force: true }); });

/** The codes that hang on which loss the value reaches. */
const LOSS_CODES = new Set(['AL101', 'AL102', 'AL103', 'AL104', 'AL105', 'AL106', 'AL107']);
const HEAD = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n';

/** A classifier whose forward gives probabilities when its argument asks. */
const PROBS_NET = `${HEAD}class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x, return_probs=False):
        logits = self.fc2(F.relu(self.fc1(x)))
        if return_probs:
            return F.softmax(logits, dim=1)
        return logits
`;
/** A training loop over `model`, its batches fed as `feed` says. */
const LOOP = (feed: string) => `
model = Net()
criterion = nn.CrossEntropyLoss()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for x, y in [(torch.randn(4, 784), torch.randint(0, 10, (4,)))]:
    loss = criterion(${feed}, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
`;

/** A classifier whose last module a constructor argument chooses. */
const HEAD_NET = (build: string) => `${HEAD}class Classifier(nn.Module):
    def __init__(self, n_in, n_out, final_activation=None):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(n_in, 64), nn.ReLU(), nn.Linear(64, n_out))
        self.head = nn.Softmax(dim=1) if final_activation == "softmax" else nn.Identity()

    def forward(self, x):
        return self.head(self.body(x))


model = ${build}
loss_fn = nn.CrossEntropyLoss()
out = model(torch.randn(8, 20))
loss = loss_fn(out, torch.randint(0, 5, (8,)))
loss.backward()
`;

/** An MLP whose output activation a factory makes by name. */
const FACTORY = (build: string) => `${HEAD}def make_activation(name):
    if name == "relu":
        return nn.ReLU()
    if name == "softmax":
        return nn.Softmax(dim=-1)
    return nn.Identity()


class MLP(nn.Module):
    def __init__(self, out_act="none"):
        super().__init__()
        self.fc = nn.Linear(10, 3)
        self.act = make_activation(out_act)

    def forward(self, x):
        return self.act(self.fc(x))


net = ${build}
criterion = nn.CrossEntropyLoss()
loss = criterion(net(torch.randn(2, 10)), torch.tensor([0, 2]))
loss.backward()
`;

const PROBS_CLASS = `class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 3)

    def forward(self, x):
        return F.softmax(self.fc(x), dim=1)
`;
const LOGITS_CLASS = `class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 3)

    def forward(self, x):
        return self.fc(x)
`;
const TRAIN_NET = `net = Net()
criterion = nn.CrossEntropyLoss()
loss = criterion(net(torch.randn(2, 10)), torch.tensor([0, 2]))
loss.backward()
`;

/** A forward with a temperature: softmax on both arms. */
const TEMPERATURE = (call: string) => `${HEAD}import sys


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 3)

    def forward(self, x, t=None):
        if t is not None:
            return F.softmax(self.fc(x) / t, dim=1)
        return F.softmax(self.fc(x), dim=1)


model = Net()
loss = F.cross_entropy(${call}, torch.tensor([0, 1]))
`;

/** A forward that returns the logits early unless asked for probabilities. */
const EARLY = (call: string) => `${HEAD}class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 3)

    def forward(self, x, return_probs=False):
        logits = self.fc(x)
        if not return_probs:
            return logits
        return F.softmax(logits, dim=1)


model = Net()
loss = F.cross_entropy(${call}, torch.tensor([0, 1]))
`;

/** Training in a function of the file that hands its flag on to the model. */
const TRAIN_FN = (call: string) => `${PROBS_NET}

def train(model, loader, probs=False):
    for x, y in loader:
        loss = F.cross_entropy(model(x, return_probs=probs), y)
        loss.backward()


${call}
`;

/** A forward that tests a flag its constructor stored. */
const SELF_FLAG = (build: string) => `${HEAD}class Net(nn.Module):
    def __init__(self, return_probs=False):
        super().__init__()
        self.fc = nn.Linear(10, 3)
        self.return_probs = return_probs

    def forward(self, x):
        logits = self.fc(x)
        if self.return_probs:
            return F.softmax(logits, dim=1)
        return logits


model = ${build}
loss = F.cross_entropy(model(torch.randn(2, 10)), torch.tensor([0, 1]))
`;

/** A @staticmethod head (no `self` passed) with a flag. */
const STATIC_HEAD = (call: string) => `${HEAD}
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 3)

    @staticmethod
    def head(z, probs=False):
        if probs:
            return F.softmax(z, dim=1)
        return z

    def forward(self, x):
        return ${call}


model = Net()
loss = F.cross_entropy(model(torch.randn(2, 10)), torch.tensor([0, 1]))
`;

/** A model the file never builds, its sigmoid the output on both paths of its flag (two calls of one module). */
const DENOISER = `${HEAD}
class Denoiser(nn.Module):
    def __init__(self, d=64):
        super().__init__()
        self.fc = nn.Linear(d, d)
        self.squash = nn.Sigmoid()

    def forward(self, x, identity=False):
        if identity:
            return self.squash(x)
        return self.squash(self.fc(x))


def reconstruction_loss(model, x):
    return F.mse_loss(model(x), x)
`;

type Row = [name: string, source: string, expected: string[]];
const ROWS: Row[] = [
  ['forward(x, return_probs=False): training calls model(x), inference asks for probabilities (silent)',
    `${PROBS_NET}${LOOP('model(x)')}probs = model(torch.randn(1, 784), return_probs=True)\n`, []],
  ['return_probs=True passed into CrossEntropyLoss', `${PROBS_NET}${LOOP('model(x, return_probs=True)')}`, ['14 AL101']],
  ['return_probs passed positionally', `${PROBS_NET}${LOOP('model(x, True)')}`, ['14 AL101']],
  ['return_probs=False passed explicitly (silent)', `${PROBS_NET}${LOOP('model(x, return_probs=False)')}`, []],
  ['return_probs from a module constant set to True', `${PROBS_NET}USE_PROBS = True\n${LOOP('model(x, return_probs=USE_PROBS)')}`, ['14 AL101']],
  ['return_probs from a module constant set to False (silent)', `${PROBS_NET}USE_PROBS = False\n${LOOP('model(x, return_probs=USE_PROBS)')}`, []],
  ['return_probs the file does not know (silent)', `${PROBS_NET}import sys\n${LOOP('model(x, return_probs=len(sys.argv) > 1)')}`, []],
  ['through nn.DataParallel, the wrapper called with return_probs=True', `${PROBS_NET}${LOOP('nn.DataParallel(model)(x, return_probs=True)')}`, ['14 AL101']],
  ['the flag handed on by a training function, default False (silent)', TRAIN_FN('train(Net(), [])'), []],
  ['the flag handed on by a training function, True', TRAIN_FN('train(Net(), [], probs=True)'), ['14 AL101']],
  ['an early return of the logits: default (silent)', EARLY('model(torch.randn(2, 10))'), []],
  ['an early return of the logits: return_probs=True', EARLY('model(torch.randn(2, 10), return_probs=True)'), ['14 AL101']],
  ['softmax on both arms, the temperature unknown: both found', TEMPERATURE('model(torch.randn(2, 10), t=float(sys.argv[1]))'), ['15 AL101', '16 AL101']],
  ['softmax on both arms, the default taken: the arm it takes', TEMPERATURE('model(torch.randn(2, 10))'), ['16 AL101']],
  ['the head chosen by a constructor argument, default Identity (silent)', HEAD_NET('Classifier(20, 5)'), []],
  ['the head chosen by a constructor argument, "softmax" given', HEAD_NET('Classifier(20, 5, final_activation="softmax")'), ['9 AL101']],
  ['the head chosen by a constructor argument, given positionally', HEAD_NET('Classifier(20, 5, "softmax")'), ['9 AL101']],
  ['an if/else in __init__ on a keyword', `${HEAD}class Net(nn.Module):
    def __init__(self, n_out, head=None):
        super().__init__()
        self.fc = nn.Linear(16, n_out)
        if head == "softmax":
            self.head = nn.Softmax(dim=1)
        else:
            self.head = nn.Identity()

    def forward(self, x):
        return self.head(self.fc(x))


net = Net(4, head="softmax")
F.cross_entropy(net(torch.randn(2, 16)), torch.tensor([0, 3])).backward()
`, ['10 AL101']],
  ['an activation factory, default "none" (silent)', FACTORY('MLP()'), []],
  ['an activation factory, "softmax" given', FACTORY('MLP(out_act="softmax")'), ['9 AL101']],
  ['an activation factory, "relu" given', FACTORY('MLP("relu")'), ['7 AL107']],
  ['a flag __init__ keeps on self, off by default (silent)', SELF_FLAG('Net()'), []],
  ['a flag __init__ keeps on self, set by the construction', SELF_FLAG('Net(return_probs=True)'), ['14 AL101']],
  ['a @staticmethod head called with its flag True', STATIC_HEAD('self.head(self.fc(x), True)'), ['14 AL101']],
  ['a @staticmethod head called without its flag (silent)', STATIC_HEAD('self.head(self.fc(x))'), []],
  ['a model built elsewhere, its sigmoid the output on both paths of its flag: the loss of the file still applies', DENOISER, ['10 AL105']],
  ['a class defined twice, the later one trained (silent)', `${HEAD}${PROBS_CLASS}\n\n# second try: logits out\n${LOGITS_CLASS}\n\n${TRAIN_NET}`, []],
  ['a class defined twice, the later one with softmax trained', `${HEAD}${LOGITS_CLASS}\n\n${PROBS_CLASS}\n\n${TRAIN_NET}`, ['20 AL101']],
  ['a class defined twice, each trained where it is live', `${HEAD}${PROBS_CLASS}\n\n${TRAIN_NET}\n\n${LOGITS_CLASS}\n\n${TRAIN_NET}`, ['11 AL101']],
  ['an unconditional softmax into CrossEntropyLoss', `${HEAD}${PROBS_CLASS}\n\n${TRAIN_NET}`, ['11 AL101']],
  ['a branch on an argument before the one return: still found', `${HEAD}class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(16, 4)

    def forward(self, x, mask=None):
        if mask is not None:
            x = x * mask
        return F.softmax(self.fc(x), dim=1)


net = Net()
F.cross_entropy(net(torch.randn(2, 16)), torch.tensor([0, 3])).backward()
`, ['13 AL101']],
  ['the training under a branch of its own function: still found', `${HEAD}${PROBS_CLASS}

def run(model, mode):
    x, y = torch.randn(2, 10), torch.tensor([0, 1])
    if mode == "train":
        return F.cross_entropy(model(x), y)
    return model(x).argmax(1)


run(Net(), input())
`, ['11 AL101']],
  ['sigmoid for BCELoss chosen by a flag the training leaves off (silent)', `${HEAD}class Scorer(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 1)

    def forward(self, x, prob=False):
        z = self.fc(x)
        return torch.sigmoid(z) if prob else z


scorer = Scorer()
bce = nn.BCEWithLogitsLoss()
bce(scorer(torch.randn(4, 8)), torch.rand(4, 1)).backward()
`, []],
  ['sigmoid chosen by a flag the training sets, into BCELoss', `${HEAD}class Scorer(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 1)

    def forward(self, x, prob=False):
        z = self.fc(x)
        return torch.sigmoid(z) if prob else z


scorer = Scorer()
bce = nn.BCELoss()
bce(scorer(torch.randn(4, 8), prob=True), torch.rand(4, 1)).backward()
`, ['12 AL103']],
];

interface JsonRow { file: string; cell?: number; line: number; code: string }
async function checkRows(path: string): Promise<JsonRow[]> {
  let out = '';
  await check(['--format', 'json', path], (s) => { out += s; }, () => {});
  return out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as JsonRow);
}

/** The findings worker's core (the editor's findings) in process. */
function workerFindings(text: string | undefined, cells?: string[]): Promise<LintWorkerEvent> {
  return new Promise((resolve) => {
    const handle = createLintWorkerCore(resolve);
    const wasm = {
      treeSitter: new Uint8Array(readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'))),
      python: new Uint8Array(readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'))),
    };
    handle({ cmd: 'init', wasm });
    handle(cells ? { cmd: 'lint', id: 1, key: 'k', version: 1, cells, options: {} } : { cmd: 'lint', id: 1, key: 'k', version: 1, text, options: {} });
  });
}

const lossCodes = (fs: Finding[], at: (f: Finding) => string) => fs.filter((f) => LOSS_CODES.has(f.code)).map((f) => `${at(f)} ${f.code}`).sort();
const hoverCodes = (a: Analysis, fileLosses: string[], at: (line: number) => string) => a.uses.flatMap((u) => {
  const md = renderHover({ use: u, fileLosses, theme: 'light' })?.markdown ?? '';
  return [...md.matchAll(/`(AL\d{3})`/g)].map((m) => m[1]!).filter((c) => LOSS_CODES.has(c)).map((c) => `${at(u.range.line)} ${c}`);
});

let n = 0;
for (const [name, source, expected] of ROWS) {
  test(`argument branch: ${name}`, async () => {
    const file = join(root, `row${++n}.py`);
    writeFileSync(file, source);
    const cli = (await checkRows(file)).filter((r) => LOSS_CODES.has(r.code)).map((r) => `${r.line} ${r.code}`).sort();
    assert.deepEqual(cli, [...expected].sort(), 'check');
    const e = await workerFindings(source);
    assert.equal(e.type, 'findings');
    assert.deepEqual(lossCodes(e.type === 'findings' ? e.file! : [], (f) => String(f.range.line + 1)), cli, 'the findings worker');
    const a = new AnalysisCache().get('h.py', 1, source);
    assert.deepEqual(hoverCodes(a, lossNamesOf(a), (l) => String(l + 1)).sort(), cli, 'the hover');
  });
}

type NotebookRow = [name: string, cells: string[], expected: string[]];
const NB_ROWS: NotebookRow[] = [
  ['a notebook defines Net again in a later cell and trains that one (silent)', [HEAD, PROBS_CLASS, `# logits out: CrossEntropyLoss does the softmax\n${LOGITS_CLASS}`, TRAIN_NET], []],
  ['a notebook defines Net again with softmax and trains it', [HEAD, LOGITS_CLASS, PROBS_CLASS, TRAIN_NET], ['3:7 AL101']],
  ['a notebook trains with model(x); a later cell asks for probabilities (silent)', [PROBS_NET, LOOP('model(x)'), 'probs = model(torch.randn(1, 784), return_probs=True)\n'], []],
  ['a notebook trains with model(x, return_probs=True)', [PROBS_NET, LOOP('model(x, return_probs=True)')], ['1:14 AL101']],
];

for (const [name, cells, expected] of NB_ROWS) {
  test(`argument branch: ${name}`, async () => {
    const file = join(root, `row${++n}.ipynb`);
    const nb = { cells: cells.map((c) => ({ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: c.split(/(?<=\n)/) })), metadata: {}, nbformat: 4, nbformat_minor: 5 };
    writeFileSync(file, JSON.stringify(nb));
    const cli = (await checkRows(file)).filter((r) => LOSS_CODES.has(r.code)).map((r) => `${r.cell}:${r.line} ${r.code}`).sort();
    assert.deepEqual(cli, [...expected].sort(), 'check');
    const e = await workerFindings(undefined, cells);
    assert.equal(e.type, 'findings');
    const worker = (e.type === 'findings' ? e.cells! : []).flatMap((fs, i) => lossCodes(fs, (f) => `${i + 1}:${f.range.line + 1}`)).sort();
    assert.deepEqual(worker, cli, 'the findings worker');
    const analyses = new AnalysisCache().getNotebook('n.ipynb', 1, cells);
    const fileLosses = [...new Set(analyses.flatMap((a) => a.losses.map((l) => l.name)))];
    assert.deepEqual(analyses.flatMap((a, i) => hoverCodes(a, fileLosses, (l) => `${i + 1}:${l + 1}`)).sort(), cli, 'the hover');
  });
}
