// The findings' cache (findingsCache) parses each version whole, once, incrementally from the
// last, and reads that tree as runs of statements (Forest.wholeRuns): the analysis must answer as
// a fresh whole-file reading, every top-level node must lie inside one run (a node the parser
// grew across the text's cut points, recovering from an error, joins those runs), a run must be
// marked as holding an error exactly when one of its nodes does, and the version's one parse must
// serve every reader: the analysis, the expression patterns, AL601's lowering and the autograd
// follower (counted: one call into the parser per version).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePython, judgeUse, type Analysis } from '../../../src/python';
import { CHUNK_CHARS, setChunkChars } from '../../../src/python/cache';
import { splitTopLevel } from '../../../src/python/chunks';
import { Forest } from '../../../src/python/forest';
import { parse, parserCalls } from '../../../src/python/parser';
import { findingsCache, lintCachedFile, lintingCache } from '../../../src/lint';
import { forgetKeptVersions } from '../../../src/python/versions';
import { tenThousandLines } from '../../../bench/hover';
import { loadPython } from './setup';
import { rng } from '../rng';

const defaultChunk = CHUNK_CHARS;
before(loadPython);
after(() => setChunkChars(defaultChunk));

const strip = (a: unknown) => JSON.parse(JSON.stringify(a));
const corpus = () => readdirSync('test/corpus').filter((f) => f.endsWith('.py')).sort().map((f) => ({ name: f, src: readFileSync(join('test/corpus', f), 'utf8') }));

/** Broken lines that leave brackets and strings balanced: the text is still cut, the parser recovers. */
const BROKEN = ['x = = 1', 'h = torch.relu(h) +', 'def broken(self x):', 'class :', 'return return', 'else:', 'y = F.softmax(x dim=1)', 'def f(:\n    pass', 'lambda', '@', 'for in x:'];

function broken(src: string, r: () => number): string {
  const lines = src.split('\n');
  for (let n = 0; n < 3; n++) lines.splice(Math.floor(r() * lines.length), 0, BROKEN[Math.floor(r() * BROKEN.length)]!);
  return lines.join('\n');
}

test('a whole tree read as runs: every top-level node inside one run, errors marked where its nodes hold them', () => {
  const r = rng(2026);
  let merged = 0;
  let errorRuns = 0;
  for (const { name, src } of corpus()) {
    for (const text of [src, broken(src, r), broken(src, r)]) {
      const statements: number[] = [];
      const chunks = splitTopLevel(text, 1, statements);
      if (!chunks || chunks.length < 2) continue;
      const forest = Forest.wholeRuns(parse(text)!, text, chunks, statements);
      try {
        const runs = forest.chunks;
        assert.equal(runs[0]!.start, 0);
        assert.equal(runs[runs.length - 1]!.end, text.length);
        runs.forEach((c, k) => { if (k > 0) assert.equal(c.start, runs[k - 1]!.end, `${name}: runs tile the text`); });
        const hasError = runs.map(() => false);
        for (const n of forest.root(0).children) {
          const k = forest.chunkAt(n!.startIndex);
          assert.ok(n!.endIndex <= runs[k]!.end, `${name}: ${n!.type} at ${n!.startIndex} crosses run ${k}`);
          if (n!.hasError) hasError[k] = true;
        }
        assert.deepEqual(forest.runErrors(), hasError, `${name}: errors per run`);
        merged += chunks.length - runs.length;
        errorRuns += hasError.filter(Boolean).length;
      } finally {
        forest.delete();
      }
    }
  }
  assert.ok(errorRuns > 50 && merged > 0, `broken texts exercise the errors (${errorRuns} runs with errors, ${merged} cuts joined)`);
});

test('the findings cache answers as a fresh whole-file reading, on the corpus, broken and cut into single statements', () => {
  setChunkChars(1);
  const r = rng(7);
  try {
    for (const { name, src } of corpus()) {
      for (const text of [src, broken(src, r)]) {
        const full = analyzePython(text);
        const cache = findingsCache(1);
        const a = cache.get('k', 1, text);
        assert.deepEqual(strip(a.uses), strip(full.uses), `${name}: uses`);
        assert.deepEqual(strip(a.losses), strip(full.losses), `${name}: losses`);
        assert.equal(a.parseErrors, full.parseErrors, `${name}: parse errors`);
        cache.clear();
        // `check` reads each file at one version and keeps nothing for a next one: the same answers,
        // each use's role, loss and gate found when asked for (the lint asks where a finding may hang on them).
        const once = findingsCache(1, true);
        const b = once.get('k', 1, text);
        const withRoles = b.uses.filter((u) => u.role !== null || u.loss !== null);
        assert.ok(withRoles.length === 0, `${name}: one version: roles left until asked`);
        assert.deepEqual(strip(judged(b)), strip(full.uses), `${name}: uses, one version`);
        assert.deepEqual(strip(b.losses), strip(full.losses), `${name}: losses, one version`);
        once.clear();
      }
    }
  } finally {
    setChunkChars(defaultChunk);
  }
});

test('a cache of one version per file still reads a later version right, from nothing kept', () => {
  const { src } = corpus().find((c) => c.name.startsWith('01_'))!;
  const at = src.indexOf('\n', src.length >> 1) + 1;
  const next = src.slice(0, at) + 'x = F.softmax(x)\n' + src.slice(at);
  const once = findingsCache(1, true);
  judged(once.get('k', 1, src));
  assert.deepEqual(strip(judged(once.get('k', 2, next))), strip(analyzePython(next).uses));
  once.clear();
});

test('a use of a one-version reading asked for after its tree was released is judged from the text', () => {
  const { src } = corpus().find((c) => c.name.startsWith('01_'))!;
  const once = findingsCache(1, true);
  const a = once.get('a', 1, src);
  const uses = a.uses;
  once.get('b', 1, 'x = 1\n'); // the first file's tree is released
  for (const u of uses) judgeUse(a, u);
  assert.deepEqual(strip(uses), strip(analyzePython(src).uses));
  once.clear();
});

/** Every use of the analysis with its role found (judgeUse). */
function judged(a: Analysis): Analysis['uses'] {
  for (const u of a.uses) judgeUse(a, u);
  return a.uses;
}

test('one parse per version serves the analysis, the patterns, AL601 and the autograd follower', () => {
  // A file with its own activation (AL601 lowers it) and a training loop (the follower follows it).
  const own = 'def swish(x):\n    return x * torch.sigmoid(x)\n\n\nclass Act(nn.Module):\n    def forward(self, x):\n        return swish(x)\n\n\n';
  const loop = '\nmodel = Block0(4, 2)\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\nfor batch, labels in data:\n    loss = F.cross_entropy(model(batch), labels)\n    loss.backward()\n    opt.step()\n    print(loss.grad)\n';
  const src = tenThousandLines().replace('criterion = nn.CrossEntropyLoss()\n', 'criterion = nn.CrossEntropyLoss()\n' + own) + loop;
  assert.ok(/grad|backward/.test(src));
  forgetKeptVersions();
  const cache = findingsCache(2);
  const at = src.indexOf('h = torch.tanh(h)', src.length >> 1);
  let text = src;
  for (let v = 1; v <= 4; v++) {
    const before = parserCalls();
    const found = lintCachedFile(cache, 'big', v, text);
    assert.equal(parserCalls() - before, 1, `version ${v}: parses`);
    // the same findings as the hover's cache, which parses its runs and a whole tree besides
    forgetKeptVersions();
    const other = lintingCache(1);
    assert.deepEqual(lintCachedFile(other, 'big', 1, text), found, `version ${v}: findings`);
    other.clear();
    text = text.slice(0, at) + `h = torch.tanh(h) * ${v}` + text.slice(at + 'h = torch.tanh(h)'.length);
  }
  assert.ok(lintCachedFile(cache, 'big', 5, text).some((f) => f.code === 'AL601' || f.code.startsWith('AL5')), 'AL601 or the follower found something');
});
