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
import { lintCachedFile, lintingCache } from '../../../src/lint';
import { forgetKeptVersions } from '../../../src/python/versions';
import { forgetFollowedStatements } from '../../../src/autograd/follow';
import { tenThousandLines } from '../../../bench/hover';
import { rng } from '../rng';

before(loadPython);
const chunkChars = CHUNK_CHARS;
after(() => setChunkChars(chunkChars));

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

/** A fresh reading: a new cache, and nothing kept from earlier texts. */
function fresh(text: string) {
  forgetKeptVersions();
  forgetFollowedStatements();
  const cache = lintingCache(1);
  const findings = lintCachedFile(cache, 'fresh', 1, text, { showHints: true });
  const a = cache.get('fresh', 1, text);
  return { uses: a.uses, losses: a.losses, findings };
}

function check(name: string, start: string, versions: number, seed: number): number {
  const r = rng(seed);
  const cache = lintingCache(2);
  let text = start;
  lintCachedFile(cache, name, 0, text, { showHints: true });
  let findings = 0;
  for (let v = 1; v <= versions; v++) {
    text = edit(text, r);
    const got = lintCachedFile(cache, name, v, text, { showHints: true });
    const a = cache.get(name, v, text);
    const incremental = { uses: a.uses, losses: a.losses, findings: got };
    const want = fresh(text);
    findings += want.findings.length;
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
