// Lowering a new version from the previous one (src/custom/lowerCache.ts) must give exactly what
// lowering a fresh parse gives: random realistic edits (typing a line, deleting one, changing a
// word, breaking and mending the syntax, undoing) on every corpus file and on a generated
// 10,000-line file, each version compared deep-equal with lowerModule on its own parse, and the
// definitions and uses findCustom reports with them; and the autograd follower, which reads the
// same kept tree, finds what it finds on a fresh parse.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPython } from '../python/setup';
import { parse, parsableText } from '../../../src/python/parser';
import { lowerModule } from '../../../src/interp';
import { forgetLoweredVersions, lowerSourceIncrementally } from '../../../src/custom/lowerCache';
import { findCustom } from '../../../src/custom';
import { tenThousandLines } from '../../../bench/hover';
import { analyzeAutograd } from '../../../src/autograd/analyze';
import { forgetFollowedStatements } from '../../../src/autograd/follow';
import { forgetKeptVersions } from '../../../src/python/versions';
import { rng } from '../rng';

before(loadPython);

function fresh(source: string) {
  const { text } = parsableText(source);
  const tree = parse(text)!;
  try { return lowerModule(tree.rootNode, text); } finally { tree.delete(); }
}

const SNIPPETS = ['    h = torch.tanh(h) * 2\n', 'def swish(x):\n    return x * torch.sigmoid(x)\n', 'x = (1 +\n', ')\n', '        return F.gelu(x)\n', 'class Act(nn.Module):\n    def forward(self, x):\n        return x.clamp(min=0)\n', '# a comment\n', '"""doc\n', 'y = lambda t: t.relu()\n'];

/** One edit of the kinds a person makes, at a random line. */
function edit(text: string, r: () => number): string {
  const lines = text.split('\n');
  const at = Math.floor(r() * lines.length);
  const kind = Math.floor(r() * 5);
  if (kind === 0) lines.splice(at, 0, ...SNIPPETS[Math.floor(r() * SNIPPETS.length)]!.replace(/\n$/, '').split('\n'));
  else if (kind === 1 && lines.length > 1) lines.splice(at, 1);
  else if (kind === 2) lines[at] = lines[at]!.replace(/\b(relu|tanh|sigmoid|x|h|self)\b/, (w) => (w === 'relu' ? 'gelu' : w + '2'));
  else if (kind === 3) lines[at] = lines[at]! + (r() < 0.5 ? '(' : ' + 1');
  else lines[at] = ' ' + lines[at]!;
  return lines.join('\n');
}

function check(name: string, start: string, steps: number, seed: number): number {
  const r = rng(seed);
  let text = start;
  const history = [text];
  let compared = 0;
  for (let i = 0; i < steps; i++) {
    // Now and then back to an earlier version (undo), else a new edit.
    text = r() < 0.15 ? history[Math.floor(r() * history.length)]! : edit(text, r);
    history.push(text);
    assert.deepEqual(lowerSourceIncrementally(text), fresh(text), `${name}, version ${i + 1}`);
    compared++;
  }
  return compared;
}

test('every corpus file, edited at random: each version lowered from the previous equals a fresh lowering', () => {
  forgetLoweredVersions();
  const files = readdirSync('test/corpus').filter((f) => f.endsWith('.py'));
  let n = 0;
  files.forEach((f, i) => { n += check(f, readFileSync(join('test/corpus', f), 'utf8'), 12, 1000 + i); });
  assert.ok(n >= files.length * 12);
});

test('a 10,000-line file, edited at random, and findCustom on it: the same as from a fresh parse', () => {
  forgetLoweredVersions();
  const r = rng(7);
  let text = tenThousandLines();
  for (let i = 0; i < 6; i++) {
    text = edit(text, r);
    assert.deepEqual(lowerSourceIncrementally(text), fresh(text), `version ${i + 1}`);
  }
  const viaCache = findCustom(text);
  forgetLoweredVersions();
  const again = findCustom(text);
  assert.deepEqual(viaCache.definitions, again.definitions);
  assert.deepEqual(viaCache.uses, again.uses);
  assert.ok(again.definitions.length > 0);
});

test('two documents in turn, and a notebook\'s cells, share the kept versions without mixing them up', () => {
  forgetLoweredVersions();
  const a = readFileSync('test/corpus/01_dcgan.py', 'utf8');
  const b = readFileSync('test/corpus/02_vae_mlp.py', 'utf8');
  for (const t of [a, b, a + '\nz = 1\n', b.replace('relu', 'gelu'), a, '', 'x = (\n', b]) assert.deepEqual(lowerSourceIncrementally(t), fresh(t));
});

test('the autograd follower on the kept (incrementally parsed) tree, with the statements it lowered for the previous version: the same findings and facts as on a fresh parse', () => {
  const files = readdirSync('test/corpus').filter((f) => f.endsWith('.py')).map((f) => readFileSync(join('test/corpus', f), 'utf8'))
    .filter((t) => /backward|grad/.test(t));
  assert.ok(files.length >= 5);
  const article = 'import torch\nimport torch.nn.functional as F\nx = torch.linspace(-20, 20, 1000, requires_grad=True)\nF.tanh(x).sum().backward()\nprint(x.grad.numpy())\ny = torch.ones(3, requires_grad=True)\n(y * 2).backward()\n';
  let findings = 0;
  [...files, article, tenThousandLines()].forEach((start, k) => {
    // The article and the long file keep their own seeds (those they had with 30 corpus files): a
    // file added to the corpus must not change which edits they get.
    const r = rng(k < files.length ? 50 + k : 80 + k - files.length);
    let text = start;
    forgetKeptVersions();
    analyzeAutograd(text);
    for (let i = 0; i < 4; i++) {
      text = edit(text, r);
      const shared = analyzeAutograd(text);
      forgetKeptVersions();
      forgetFollowedStatements();
      const fresh = analyzeAutograd(text);
      findings += fresh.findings.length;
      assert.deepEqual(shared, fresh, `file ${k}, version ${i + 1}`);
      // carry on from a kept previous version, as a document being typed does
      forgetKeptVersions();
      analyzeAutograd(text);
    }
  });
  assert.ok(findings > 0, 'some version has autograd findings');
});

test('findCustom looks for uses only in the statements whose text names a definition: the same uses as walking every statement', async () => {
  const { collectUses } = await import('../../../src/custom/find');
  const dirs = ['test/corpus', 'demo', 'test/fixtures/custom', 'test/fixtures/python'].filter((d) => { try { return readdirSync(d).length > 0; } catch { return false; } });
  const files = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.py')).map((f) => join(d, f)));
  let uses = 0;
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    // Each file as written, and with a use written on a decorator line and after the last statement.
    for (const text of [src, src + '\n@swish\ndef wrapped(x):\n    return x\n\ny = GELU()(x)\n']) {
      const found = findCustom(text);
      const all: typeof found.uses = [];
      collectUses(found.module.body, new Set(found.definitions.map((d) => d.name)), undefined, all);
      assert.deepEqual(found.uses, all, f);
      uses += all.length;
    }
  }
  assert.ok(files.length > 30 && uses > 0, `${files.length} files, ${uses} uses`);
});
