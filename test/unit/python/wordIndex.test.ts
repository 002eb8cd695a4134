// A version's word index is the previous one moved by the edit (wordIndex.ts), and so are its
// scans for names (scan.ts's movedOccurrences): every list must be what a fresh pass over the new text gives, through chains of edits that put dots,
// words, continuations and blank lines right before, inside and after the changed statements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitTopLevel } from '../../../src/python/chunks';
import { textChange, type Version } from '../../../src/python/reads';
import { movedOccurrences, scanIdentifiers, wordsNotAfterDot } from '../../../src/python/scan';
import { WORD_CAP, WordIndex } from '../../../src/python/wordIndex';
import { rng } from '../rng';

function version(text: string): Version | null {
  const statements: number[] = [];
  const runs = splitTopLevel(text, 1, statements);
  return runs ? { text, statements, runs, errors: () => false } : null;
}

const PIECES = ['x.', '.relu', 'foo', ' \\\n  y', '\n', '    z = a.b\n', 'class K:\n    pass\n', 'self.', '#.', 'F.softmax(x)', 'a.\\\nb', ''];

function edit(text: string, r: () => number): string {
  const lines = text.split('\n');
  const at = Math.floor(r() * lines.length);
  const piece = PIECES[Math.floor(r() * PIECES.length)]!;
  switch (Math.floor(r() * 4)) {
    case 0: lines.splice(at, 0, piece); break;
    case 1: lines.splice(at, 1 + Math.floor(r() * 3)); break;
    case 2: lines[at] = (lines[at] ?? '') + piece; break;
    default: { const l = lines[at] ?? ''; const c = Math.floor(r() * (l.length + 1)); lines[at] = l.slice(0, c) + piece + l.slice(c); }
  }
  return lines.join('\n');
}

test('a word index moved through random edits lists every word as a fresh pass does', () => {
  const r = rng(404);
  const files = readdirSync('test/corpus').filter((f) => f.endsWith('.py')).sort().slice(0, 20);
  let moved = 0;
  for (const f of files) {
    let text = readFileSync(join('test/corpus', f), 'utf8');
    let index = WordIndex.of(text);
    let v = version(text);
    for (let n = 0; n < 12; n++) {
      const next = edit(text, r);
      const w = version(next);
      const ch = v && w ? textChange(v, w) : null;
      const m = ch ? index.moved(ch, next) : null;
      if (m) moved++;
      index = m ?? WordIndex.of(next);
      const fresh = wordsNotAfterDot(next, WORD_CAP);
      for (const [word, at] of fresh) assert.deepEqual(index.get(word), at, `${f}, edit ${n}: ${word}`);
      for (const word of wordsNotAfterDot(text, WORD_CAP).keys()) if (!fresh.has(word)) assert.deepEqual(index.get(word), [], `${f}, edit ${n}: ${word} is gone`);
      text = next;
      v = w;
    }
  }
  assert.ok(moved > 100, `indexes moved: ${moved}`);
});

test('a scan for names moved through random edits finds what a fresh scan finds', () => {
  const r = rng(505);
  const names = new Set(['x', 'relu', 'foo', 'F', 'softmax', 'self', 'K', 'ab', 'z']);
  let moved = 0;
  for (const f of readdirSync('test/corpus').filter((f) => f.endsWith('.py')).sort().slice(0, 20)) {
    let text = readFileSync(join('test/corpus', f), 'utf8');
    let found = scanIdentifiers(text, names, Infinity).found;
    for (let n = 0; n < 12; n++) {
      // edits that glue words together, split them and put names right at the edit's ends
      const next = r() < 0.5 ? edit(text, r) : (() => { const at = Math.floor(r() * text.length); const cut = Math.floor(r() * 4); return text.slice(0, at) + ['', 'x', 'elu', 'r', ' ', 'foo('][Math.floor(r() * 6)] + text.slice(at + cut); })();
      found = movedOccurrences(found, text, next, names);
      moved++;
      assert.deepEqual(found, scanIdentifiers(next, names, Infinity).found, `${f}, edit ${n}`);
      text = next;
    }
  }
  assert.ok(moved > 100);
});
