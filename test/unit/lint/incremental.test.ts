// What the editor computes after an edit (the previous version's cache re-used: runs of statements
// kept, trees re-parsed incrementally, lowered statements kept for AL601 and AL5xx) must be exactly
// what a fresh reading of the new text gives: random realistic edits on every corpus file (cut into
// small runs so that edits fall before, inside and after runs) and on the 10,000-line bench file,
// each version's uses (roles, losses, gates), losses and findings deep-equal to a fresh cache's.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPython } from '../python/setup';
import { CHUNK_CHARS, setChunkChars } from '../../../src/python/cache';
import { findingsCache, lintCachedFile, lintingCache } from '../../../src/lint';
import type { AnalysisCache } from '../../../src/python';
import { forgetKeptVersions } from '../../../src/python/versions';
import { FOLLOW_BUDGET, forgetFollowedStatements, setFollowClock } from '../../../src/autograd/follow';
import { forgetAutogradFindings } from '../../../src/autograd/rules';
import { tenThousandLines } from '../../../bench/hover';
import { rng } from '../rng';

before(loadPython);
const chunkChars = CHUNK_CHARS;
// Readings are compared with each other: the follower's clock backstop must not end one of them
// early on a loaded machine (steps, depth and elements still bound it), as `check` lifts it too.
const followMs = FOLLOW_BUDGET.ms;
setFollowClock(10_000);
after(() => { setChunkChars(chunkChars); setFollowClock(followMs); });

const LINES = ['    h = torch.tanh(h) * 2', 'probs = torch.sigmoid(scores)', 'criterion = nn.BCELoss()', 'loss = criterion(torch.sigmoid(logits), y)',
  'def swish(x):', '    return x * torch.sigmoid(x)', 'x = (1 +', '        return F.log_softmax(x, dim=1)', 'import torch.nn.functional as F', 'out = F.softmax(out)'];

function edit(text: string, r: () => number): string {
  const lines = text.split('\n');
  const at = Math.floor(r() * lines.length);
  const kind = Math.floor(r() * 4);
  if (kind === 0) lines.splice(at, 0, LINES[Math.floor(r() * LINES.length)]!);
  else if (kind === 1 && lines.length > 1) lines.splice(at, 1);
  else if (kind === 2) lines[at] = lines[at]!.replace(/\b(relu|tanh|sigmoid|softmax|CrossEntropyLoss)\b/, (w) => ({ relu: 'gelu', tanh: 'sigmoid', sigmoid: 'tanh', softmax: 'log_softmax', CrossEntropyLoss: 'NLLLoss' } as Record<string, string>)[w]!);
  else lines[at] = lines[at]! + (r() < 0.5 ? '(' : ' * x');
  return lines.join('\n');
}

/** Lines that bind, call or build what other statements' verdicts read (indented like their neighbour). */
const BINDINGS = ['criterion = nn.MSELoss()', 'criterion = nn.CrossEntropyLoss()', 'model = Net()', 'act = nn.Sigmoid()', 'h = x', 'x = torch.relu(x)',
  'loss_fn = F.nll_loss', 'self.act = nn.Softmax(dim=1)', 'return x', 'out = model(x)', 'loss = criterion(out, y)', 'loss.backward()', 'self.head = nn.Linear(8, 2)'];
/** Syntax errors that leave brackets and strings balanced (the file is still cut into runs; the parser recovers around them). */
const BROKEN = ['x = = 1', 'h = torch.relu(h) +', 'def broken(self x):', 'class :', 'return return', 'else:', 'y = F.softmax(x dim=1)'];
const IMPORTS = ['import torch.nn.functional as F', 'from torch.nn.functional import relu, softmax', 'import numpy as np', 'from torch import nn', 'F = None'];

/** Edits that change what verdicts elsewhere read: bindings, class and function names, imports, text moved. */
function readEdit(text: string, r: () => number): string {
  const lines = text.split('\n');
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const at = Math.floor(r() * lines.length);
  const indent = (lines[at] ?? '').match(/^\s*/)![0];
  switch (Math.floor(r() * 7)) {
    case 6: return insideModel(text, r);
    case 0: lines.splice(at, 0, indent + pick(r() < 0.8 ? BINDINGS : BROKEN)); break;
    case 1: { // rename a class or function, where it is defined or where one occurrence is
      const names = [...text.matchAll(/^\s*(?:class|def) (\w+)/gm)].map((m) => m[1]!);
      if (names.length === 0) break;
      const name = pick(names);
      const hits = lines.map((l, i) => (new RegExp(`\\b${name}\\b`).test(l) ? i : -1)).filter((i) => i >= 0);
      const i = pick(hits);
      lines[i] = lines[i]!.replace(new RegExp(`\\b${name}\\b`), r() < 0.5 ? name + 'X' : pick(names));
      break;
    }
    case 2: lines.splice(r() < 0.7 ? 0 : at, 0, pick(IMPORTS)); break;
    case 3: { // move a few lines elsewhere
      const n = 1 + Math.floor(r() * 8);
      const moved = lines.splice(at, n);
      lines.splice(Math.floor(r() * (lines.length + 1)), 0, ...moved);
      break;
    }
    case 4: { // the tree changes, no word does: a product becomes a sum, an argument moves out of a call
      const i = lines.findIndex((l, k) => k >= at && /[*+@]|\(\w+\)/.test(l));
      if (i >= 0) lines[i] = r() < 0.5 ? lines[i]!.replace(/ ([*+@]) /, (_, o: string) => (o === '+' ? ' * ' : ' + ')) : lines[i]!.replace(/\((\w+)\)/, ' $1');
      break;
    }
    default: { // a loss or an activation swapped, or a line deleted
      const i = lines.findIndex((l, k) => k >= at && /Loss\(|loss\(|softmax|sigmoid|relu/.test(l));
      if (i >= 0 && r() < 0.7) lines[i] = lines[i]!.replace(/(CrossEntropyLoss|NLLLoss|BCELoss|MSELoss|cross_entropy|nll_loss|softmax|sigmoid|relu)/, (w) => pick(['CrossEntropyLoss', 'NLLLoss', 'BCELoss', 'BCEWithLogitsLoss', 'MSELoss', 'log_softmax', 'sigmoid', 'relu', 'tanh'].filter((x) => x !== w)));
      else lines.splice(at, 1);
    }
  }
  return lines.join('\n');
}

/** A line added inside a model's method (or an activation there swapped): what follows moves, its text unchanged. */
function insideModel(text: string, r: () => number): string {
  const lines = text.split('\n');
  const defs = lines.map((l, i) => (/^\s+def \w+\(self/.test(l) ? i : -1)).filter((i) => i >= 0);
  if (defs.length === 0) return text;
  const i = defs[Math.floor(r() * defs.length)]!;
  const body = lines[i]!.match(/^\s*/)![0] + '    ';
  if (r() < 0.7) lines.splice(i + 1, 0, body + (r() < 0.5 ? 'self.seen = True' : 'x = torch.relu(x)'));
  else lines[i + 1] = lines[i + 1]!.replace(/\b(relu|tanh|sigmoid)\b/, 'gelu');
  return lines.join('\n');
}

/**
 * Both caches: the hover's (runs parsed on demand, kept across versions) and the findings worker's
 * (each version parsed whole, incrementally, read as runs). Each is held to a fresh reading of its own kind.
 */
const KINDS: Array<[string, (capacity: number) => AnalysisCache]> = [['runs', lintingCache], ['whole', findingsCache]];

/** A fresh reading: a new cache, and nothing kept from earlier texts. */
function fresh(text: string, make: (capacity: number) => AnalysisCache) {
  forgetKeptVersions();
  forgetFollowedStatements();
  forgetAutogradFindings();
  const cache = make(1);
  const findings = lintCachedFile(cache, 'fresh', 1, text, { showHints: true });
  const a = cache.get('fresh', 1, text);
  return { uses: a.uses, losses: a.losses, findings };
}

function check(name: string, start: string, versions: number, seed: number, change = edit, counted: (f: { code: string }) => boolean = () => true): number {
  let n = 0;
  for (const [kind, make] of KINDS) n += checkWith(make, `${name} (${kind})`, start, versions, seed, change, counted);
  return n;
}

function checkWith(make: (capacity: number) => AnalysisCache, name: string, start: string, versions: number, seed: number, change: typeof edit, counted: (f: { code: string }) => boolean): number {
  const r = rng(seed);
  const cache = make(2);
  let text = start;
  lintCachedFile(cache, name, 0, text, { showHints: true });
  let findings = 0;
  for (let v = 1; v <= versions; v++) {
    text = change(text, r);
    const got = lintCachedFile(cache, name, v, text, { showHints: true });
    const a = cache.get(name, v, text);
    const incremental = { uses: a.uses, losses: a.losses, findings: got };
    const want = fresh(text, make);
    findings += want.findings.filter(counted).length;
    assert.deepEqual(incremental, want, `${name}, version ${v}`);
  }
  return findings;
}

test('every corpus file, cut into small runs, edited at random: each version equals a fresh reading', () => {
  setChunkChars(300);
  try {
    let findings = 0;
    const files = readdirSync('test/corpus').filter((f) => f.endsWith('.py'));
    files.forEach((f, i) => { findings += check(f, readFileSync(join('test/corpus', f), 'utf8'), 5, 300 + i); });
    assert.ok(findings > 0, 'some versions have findings');
  } finally {
    setChunkChars(chunkChars);
  }
});

test('the 10,000-line bench file edited at random: each version equals a fresh reading', () => {
  assert.ok(check('big.py', tenThousandLines(), 3, 99) >= 0);
});

/** More seeds locally: INCREMENTAL_SEEDS=40 npm run test:unit -- incremental */
const SEEDS = Number(process.env.INCREMENTAL_SEEDS ?? 1);

test('corpus files joined in fours, cut into small runs, edited where other statements read (bindings, names, imports, moved text): each version equals a fresh reading', () => {
  // Several models, losses and loops in one file: most verdicts read runs the edit did not touch
  // and are taken over from the previous version; the edits change what some of them read.
  setChunkChars(300);
  try {
    const files = readdirSync('test/corpus').filter((f) => f.endsWith('.py')).sort();
    let findings = 0;
    for (let s = 0; s < SEEDS; s++) {
      for (let i = 0; i + 4 <= files.length; i += 4) {
        const joined = files.slice(i, i + 4).map((f) => readFileSync(join('test/corpus', f), 'utf8')).join('\n');
        findings += check(`joined-${i}`, joined, 8, 7000 + 97 * s + i, readEdit);
      }
    }
    assert.ok(findings > 0, 'some versions have findings');
  } finally {
    setChunkChars(chunkChars);
  }
});

test('autograd snippets after a model, edited inside the model and elsewhere: the AL5xx findings of each version equal a fresh reading', () => {
  // The follower keeps what it found while the statements it follows are the same text at the same
  // place (an edit inside a model's class): a line added there moves them, and their findings.
  setChunkChars(300);
  try {
    const dir = 'test/fixtures/autograd/snippets';
    const snippets = readdirSync(dir).filter((f) => f.endsWith('.py')).sort();
    const models = readdirSync('test/corpus').filter((f) => f.endsWith('.py')).sort();
    let al5 = 0;
    for (let s = 0; s < SEEDS; s++) {
      for (let i = 0; i + 3 <= snippets.length; i += 3) {
        const text = [models[i % models.length]!, ...snippets.slice(i, i + 3).map((f) => join(dir, f))]
          .map((f) => readFileSync(f.includes('/') ? f : join('test/corpus', f), 'utf8')).join('\n');
        al5 += check(`autograd-${i}`, text, 8, 9000 + 97 * s + i, (t, r) => (r() < 0.6 ? insideModel(t, r) : readEdit(t, r)), (f) => f.code.startsWith('AL5'));
      }
    }
    assert.ok(al5 > 0, 'some versions have AL5xx findings');
  } finally {
    setChunkChars(chunkChars);
  }
});

test('a model method called on an instance elsewhere: a call added in a new statement, or taken out, changes its softmax\'s loss, each version as a fresh reading', () => {
  // No call of the policy head anywhere (its callers are elsewhere: nothing read), then one more
  // statement that calls it on the instance and hands its value to a loss.
  const uncalled = readFileSync(join('test/corpus', '61_policy_heads_no_forward.py'), 'utf8').replaceAll('net.policy(', 'policy_of(net, ');
  const called = uncalled.replace('opt = torch.optim.Adam(net.parameters(), lr=3e-4)\n', '$&first = F.nll_loss(net.policy(start), target)\n');
  assert.notEqual(called, uncalled);
  let n = 0;
  check('61_policy_heads_no_forward.py (a call added)', uncalled, 4, 1, () => (n++ % 2 === 0 ? called : uncalled));
  const verdict = (text: string) => { const u = fresh(text, findingsCache).uses.find((x) => x.range.line === 19); return [u?.role ?? null, u?.loss ?? null]; };
  assert.deepEqual(verdict(uncalled), [null, null]);
  assert.deepEqual(verdict(called), [null, 'nll_loss']);
});

test('a loss wrapped by a module of the file: its inner loss edited between CrossEntropyLoss and NLLLoss, each version as a fresh reading', () => {
  const ce = `import torch
import torch.nn as nn
import torch.nn.functional as F


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(16, 5)

    def forward(self, x):
        return F.softmax(self.fc(x), dim=1)


class Wrapped(nn.Module):
    def __init__(self):
        super().__init__()
        self.inner = nn.CrossEntropyLoss()

    def forward(self, pred, target):
        return self.inner(pred, target)


model = Classifier()
criterion = Wrapped()
for x, y in []:
    criterion(model(x), y).backward()
`;
  const nll = ce.replace('nn.CrossEntropyLoss()', 'nn.NLLLoss()');
  assert.notEqual(nll, ce);
  let n = 0;
  check('a wrapped loss edited', ce, 4, 1, () => (n++ % 2 === 0 ? nll : ce));
  const found = (text: string) => fresh(text, findingsCache).findings.map((f) => f.code);
  assert.ok(found(ce).includes('AL101'), `CrossEntropyLoss inside: ${found(ce)}`);
  assert.ok(found(nll).includes('AL102') && !found(nll).includes('AL101'), `NLLLoss inside: ${found(nll)}`);
});
