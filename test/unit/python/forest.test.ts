// A file cut into runs of top-level statements (chunks.ts), each parsed only when asked about
// (forest.ts), must answer exactly as the whole file parsed at once: the cut points are checked
// against the whole tree, and every hover answer, loss list and use list against analyzePython,
// on the demo files, a realistic script, the 10,000-line bench file and generated files that mix
// imports, rebindings, aliases, losses, Sequentials, strings that hold code, f-strings and
// continuations across statements.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzePython, AnalysisCache, useAt, lossNamesOf, type Analysis } from '../../../src/python';
import { parse } from '../../../src/python/parser';
import { splitTopLevel, topLevelStarts } from '../../../src/python/chunks';
import { CHUNK_CHARS, setChunkChars } from '../../../src/python/cache';
import { SAMPLE } from '../../../src/python/warmup';
import { tenThousandLines } from '../../../bench/hover';
import { loadPython } from './setup';

const defaultChunk = CHUNK_CHARS;
before(loadPython);
after(() => setChunkChars(defaultChunk));

const TRICKY = [
  // Code at column 0 inside strings, f-strings with nested fields and other quotes, bytes, raw strings.
  'import torch.nn.functional as F\nx = """\ndef fake():\n    return F.relu(x)\n"""\ny = F.tanh(x)\n',
  "import torch\ns = f\"{torch.relu(x)!r:>{width}} {d['k']} {{literal}}\"\nt = torch.sigmoid(x)\n",
  "import torch\nb = rb'\\'\\\\'\nc = r\"\\\"\"\nu = torch.tanh(b)\n",
  "import torch\nq = '''it's\nclass Fake:\n    pass\n'''\nz = torch.relu(q)\n",
  // Brackets and continuations spanning lines that start at column 0.
  'import torch\nm = torch.nn.Sequential(\ntorch.nn.ReLU(),\ntorch.nn.Linear(2, 2)\n)\nw = 1 + \\\n2\nv = torch.nn.Softmax(dim=1)\n',
  // Clauses at column 0 that continue a statement; decorators; comments with quotes.
  "import torch.nn as nn\ntry:\n    act = nn.ReLU()\nexcept ImportError:\n    act = nn.Tanh()\nelse:\n    pass\nfinally:\n    pass\nif a:\n    b = nn.GELU()\nelif c:\n    b = nn.SiLU()\nelse:\n    b = nn.Mish()\n# it's \"a comment\n@decorator\n\n@other(nn.Sigmoid())\ndef f():\n    return nn.Softmax(dim=-1)\n",
  // Imports after use, module-level rebinding, aliases, shadowing in functions.
  'def later(x):\n    return F.relu(x)\nimport torch\nimport torch.nn.functional as F\nG = torch.nn.functional\ny = G.gelu(x)\ndef own(F):\n    return F.relu(x)\n',
  'import torch.nn.functional as F\ny = F.relu(x)\nF = None\n',
  // Losses of several kinds, far from and near the outputs.
  'import torch.nn as nn\nimport torch.nn.functional as F\nclass A(nn.Module):\n    def forward(self, x):\n        return torch.sigmoid(self.fc(x))\n' +
    'crit = nn.BCELoss()\n' + 'x = 1\n'.repeat(20) + 'class B(nn.Module):\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=1)\nloss = F.cross_entropy(a, b)\nmse = nn.MSELoss()\n',
  // Sequential built from a list in another statement, and appended layers.
  'import torch.nn as nn\nlayers = [nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1), nn.Sigmoid()]\nlayers.append(nn.Tanh())\nmodel = nn.Sequential(*layers)\ncrit = nn.BCELoss()\n',
  // Broken code: the cut gives up or the answers still match.
  'import torch\ny = torch.relu(x\nz = torch.tanh(x)\n',
  "import torch\ns = 'unterminated\nz = torch.tanh(x)\n",
  'import torch\n)\nz = torch.tanh(x)\n',
  // Windows line ends, a BOM, tabs and form feeds.
  '\ufeffimport torch\r\nimport torch.nn as nn\r\n\r\nclass M(nn.Module):\r\n\tdef forward(self, x):\r\n\t\treturn torch.softmax(x, 1)\r\n\x0c\r\ny = nn.ReLU()\r\n',
];

const POOL = [
  'import torch\n', 'import torch.nn as nn\n', 'import torch.nn.functional as F\n', 'from torch.nn import ReLU, CrossEntropyLoss\n',
  'import numpy as np\n', 'F = np\n', 'F2 = torch.nn.functional\n', 'nn_ = torch.nn\n', 'def relu(x):\n    return x\n',
  'class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.body = nn.Sequential(nn.Linear(2, 8), nn.ReLU(inplace=True), nn.Linear(8, 3))\n        self.out = nn.Softmax(dim=1)\n\n    def forward(self, x):\n        h = F.gelu(self.body(x))\n        return self.out(h)\n',
  'class Head(nn.Module):\n    def forward(self, x):\n        x = torch.tanh(x)\n        return F.log_softmax(x, dim=-1)\n',
  'criterion = nn.CrossEntropyLoss()\n', 'loss = F.mse_loss(a, b)\n', 'bce = nn.BCELoss()\n', 'nll = F.nll_loss(p, t)\n', 'l2 = CrossEntropyLoss()\n',
  'layers = [nn.Linear(2, 3), nn.ReLU()]\nmodel = nn.Sequential(*layers)\n', 'x = """\ndef fake():\n    return F.relu(x)\n"""\n',
  "y = f\"{F.relu(x)!r:>10} {d['k']}\"\n", 'if cond:\n    act = nn.Tanh()\nelse:\n    act = nn.GELU()\n',
  'try:\n    import torch.nn.functional as F\nexcept ImportError:\n    F = None\n', '@torch.no_grad()\ndef ev(m, x):\n    return m(x).softmax(dim=-1)\n',
  'head = nn.Sequential(nn.Linear(4, 4), nn.Sigmoid())\n', 'out = torch.sigmoid(logits)  # a "comment\n', 'z = x \\\n    .relu()\n',
  'def g(F):\n    return F.relu(x)\n', "print('# not a comment', F.tanh(x))\n", 'p = F2.silu(x)\n', 'q = nn_.functional.elu(x)\n',
  'r = ReLU()\n', 's = x.sigmoid_()\n', 'with torch.no_grad():\n    t = F.softplus(x, beta=2)\n',
];

/** A seeded generator, so a failure names a file that can be rebuilt. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function generated(count: number): string[] {
  const out: string[] = [];
  for (let f = 0; f < count; f++) {
    const r = rng(f + 1);
    // Most files import first, as most modules do; the rest import anywhere or not at all.
    const parts: string[] = r() < 0.7 ? ['import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n'] : [];
    for (let k = 0; k < 14; k++) parts.push(POOL[Math.floor(r() * POOL.length)]!);
    out.push(parts.join(r() < 0.5 ? '' : '\n'));
  }
  return out;
}

const FILES = ['demo/activations_article.py', 'demo/classifier.py', 'demo/cnn.py', 'demo/mlp.py', 'demo/regression.py', 'test/fixtures/python/realistic.py'];
const corpus = (): Array<{ name: string; src: string }> => [
  ...FILES.map((f) => ({ name: f, src: readFileSync(f, 'utf8') })),
  { name: 'warm-up sample', src: SAMPLE },
  ...TRICKY.map((src, i) => ({ name: `tricky ${i}`, src })),
  ...generated(120).map((src, i) => ({ name: `generated ${i + 1}`, src })),
];

test('every cut point is where the whole tree starts a top-level statement', () => {
  let cuts = 0;
  let files = 0;
  for (const { name, src } of [...corpus(), { name: 'bench', src: tenThousandLines() }]) {
    const starts = topLevelStarts(src);
    const tree = parse(src)!;
    try {
      if (!starts) continue;
      files++;
      const tops = new Set(tree.rootNode.children.map((c) => c!.startIndex));
      for (const s of starts) {
        assert.ok(tops.has(s), `${name}: cut at ${s} (${JSON.stringify(src.slice(s, s + 30))}) is not a statement start`);
        cuts++;
      }
      // A decorated definition starts at its first decorator: never cut between them.
      for (const c of tree.rootNode.children) {
        if (c!.type !== 'decorated_definition') continue;
        const def = c!.childForFieldName('definition')!;
        assert.ok(!starts.includes(def.startIndex), `${name}: cut between a decorator and its definition`);
      }
    } finally {
      tree.delete();
    }
  }
  assert.ok(files >= 50 && cuts > 500, `the corpus exercises the cut (${files} files, ${cuts} cuts)`);
});

test('texts the lexical pass cannot be sure of are not cut', () => {
  for (const src of ["x = 'open\ny = 1\n", 'x = (\ny = 1\n', 'x = """never closed\ny = 1\n', 'x = 1)\ny = 2\n', "f'{a # c}'\ny = 1\n",
    'f"{d["k"]}"\ny = 1\n', 'x = 1 \\ y\nz = 2\n', 'abc"s"\ny = 1\n']) {
    assert.equal(topLevelStarts(src), null, JSON.stringify(src));
  }
  const chunks = splitTopLevel('a = 1\nb = 2\nc = 3\n', 6)!;
  assert.deepEqual(chunks.map((c) => [c.start, c.end, c.row]), [[0, 6, 0], [6, 12, 1], [12, 18, 2]]);
  assert.deepEqual(splitTopLevel('a = 1\nb = 2\nc = 3\n', 100)!.map((c) => [c.start, c.end]), [[0, 18]]);
});

const strip = (a: unknown) => JSON.parse(JSON.stringify(a));

/** What a hover on `src` says at (line, column) from a fresh cache (the first hover of the file). */
function firstHover(src: string, line: number, column: number): { use: unknown; names: string[]; analysis: Analysis } {
  const cache = new AnalysisCache();
  const analysis = cache.get('file:///t.py', 1, src);
  const use = useAt(analysis, line, column);
  return { use: strip(use ?? null), names: lossNamesOf(analysis), analysis };
}

test('a file cut into single statements answers every hover, its losses and its uses exactly as the whole file', () => {
  setChunkChars(1);
  try {
    let checked = 0;
    let cutFiles = 0;
    for (const { name, src } of corpus()) {
      const full = analyzePython(src);
      const names = [...new Set(full.losses.map((l) => l.name))];
      for (const u of full.uses) {
        const h = firstHover(src, u.range.line, u.range.column);
        assert.deepEqual(h.use, strip(u), `${name}: hover at ${u.range.line}:${u.range.column}`);
        assert.deepEqual(h.names, names, `${name}: loss names`);
        checked++;
      }
      // Spots that are not uses stay empty; then the whole-file views agree too.
      const lines = src.split('\n');
      const cache = new AnalysisCache();
      const a = cache.get('file:///t.py', 1, src);
      if (cache.runs('file:///t.py')!.total > 1) cutFiles++;
      for (let line = 0; line < lines.length; line += 3) {
        for (let column = 0; column <= lines[line]!.length; column += 5) {
          // The whole-file reading's answer: the name, or the call around the spot.
          const want = useAt(full, line, column);
          assert.deepEqual(strip(useAt(a, line, column) ?? null), strip(want ?? null), `${name}: ${line}:${column}`);
        }
      }
      assert.deepEqual(strip(a.uses), strip(full.uses), `${name}: uses`);
      assert.deepEqual(strip(a.losses), strip(full.losses), `${name}: losses`);
      assert.deepEqual(strip(a.imports), strip(full.imports), `${name}: imports`);
      assert.equal(a.parseErrors, full.parseErrors, `${name}: parse errors`);
      cache.clear();
    }
    assert.ok(checked > 700 && cutFiles > 100, `hovers checked: ${checked}, files cut: ${cutFiles}`);
  } finally {
    setChunkChars(defaultChunk);
  }
});

test('the first hover on the 10,000-line bench file parses a few runs, not the file, and answers as the whole file', () => {
  const src = tenThousandLines();
  const full = analyzePython(src);
  const cache = new AnalysisCache();
  const analysis = cache.get('file:///bench.py', 1, src);
  const runs = () => cache.runs('file:///bench.py')!;
  assert.ok(runs().total > 20, `cut into ${runs().total} runs`);
  const target = full.uses.find((u) => u.spelling === 'F.softmax' && u.range.line > 5000)!;
  const use = useAt(analysis, target.range.line, target.range.column + 1);
  assert.deepEqual(strip(use), strip(target));
  assert.deepEqual(lossNamesOf(analysis), [...new Set(full.losses.map((l) => l.name))]);
  assert.ok(runs().parsed <= 4, `runs parsed for the first hover: ${runs().parsed} of ${runs().total}`);
  // Reading every use parses the rest, with the same answers.
  assert.deepEqual(strip(analysis.uses), strip(full.uses));
  assert.equal(runs().parsed, runs().total);
});

test('after an edit, runs before it are kept and the answers are those of the new text', () => {
  setChunkChars(200);
  try {
    const src = readFileSync('test/fixtures/python/realistic.py', 'utf8');
    const cache = new AnalysisCache();
    const a1 = cache.get('k', 1, src);
    void a1.uses; // every run parsed
    const lines = src.split('\n');
    const mid = lines.length >> 1;
    lines.splice(mid, 0, 'extra = torch.nn.functional.hardtanh(x, -2.0, 2.0)');
    const edited = lines.join('\n');
    const a2 = cache.get('k', 2, edited);
    const kept = cache.runs('k')!.parsed;
    assert.ok(kept > 0, 'runs before the edit were kept');
    const full = analyzePython(edited);
    const added = full.uses.find((u) => u.id === 'hardtanh')!;
    assert.deepEqual(strip(useAt(a2, added.range.line, added.range.column)), strip(added));
    assert.ok(cache.runs('k')!.parsed < cache.runs('k')!.total, 'the edit did not re-parse the whole file');
    assert.deepEqual(strip(a2.uses), strip(full.uses));
  } finally {
    setChunkChars(defaultChunk);
  }
});

test('runs moved by an edit read the new text: node.text of every statement after the edit is the edited file\'s', async () => {
  const { Forest } = await import('../../../src/python/forest');
  const { diffEdit } = await import('../../../src/python/cache');
  const src = readFileSync('test/fixtures/python/realistic.py', 'utf8');
  const lines = src.split('\n');
  lines.splice(3, 0, 'probs = torch.sigmoid(scores)');
  const edited = lines.join('\n');
  const before = Forest.lazy(src, splitTopLevel(src, 200)!);
  for (let k = 0; k < before.size; k++) before.root(k);
  const after = Forest.lazy(edited, splitTopLevel(edited, 200)!, { forest: before, text: src, edit: diffEdit(src, edited) });
  const moved = after.parsedCount;
  assert.ok(moved > 2, `runs after the edit were moved, not re-parsed (${moved})`);
  for (let k = 0; k < after.size; k++) {
    for (const n of after.root(k).namedChildren) {
      if (n) assert.equal(n.text, edited.slice(n.startIndex, n.endIndex), `run ${k}, statement at ${n.startPosition.row + 1}`);
    }
  }
  before.delete();
  after.delete();
});
