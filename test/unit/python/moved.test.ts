// What a version reads of its text is the previous version's moved by the edit, with only the
// edited part read anew: the flow's word index (wordIndex.ts), the scans for names (scan.ts's
// movedOccurrences) and the statement starts (chunks.ts's topLevelStarts with the previous
// version). Each must be exactly what a fresh pass over the new text gives, through random edits
// that put dots, words, brackets, strings, continuations and line starts right at the edit's ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitTopLevel, topLevelStarts } from '../../../src/python/chunks';
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

test('statement starts re-read from the edit on (the previous version\'s after it, moved) are a fresh pass\'s', () => {
  const r = rng(606);
  let synced = 0;
  for (const f of readdirSync('test/corpus').filter((f) => f.endsWith('.py')).sort()) {
    let text = readFileSync(join('test/corpus', f), 'utf8');
    let starts = topLevelStarts(text);
    for (let n = 0; n < 10; n++) {
      // edits that open and close brackets and strings, add decorators, clauses and continuations
      const piece = ['(', ')', '"""', "'", '@dec', 'else:', 'x = \\', '\n', 'def g():', '#', ''][Math.floor(r() * 11)]!;
      const next = r() < 0.5 ? edit(text, r) : (() => { const at = Math.floor(r() * text.length); return text.slice(0, at) + piece + text.slice(at + Math.floor(r() * 3)); })();
      const fresh = topLevelStarts(next);
      const moved = starts ? topLevelStarts(next, { text, statements: [0, ...starts] }) : fresh;
      assert.deepEqual(moved, fresh, `${f}, edit ${n}`);
      if (fresh && starts) synced++;
      text = next;
      starts = fresh;
    }
  }
  assert.ok(synced > 100, `versions re-read from the edit: ${synced}`);
});

test('statement starts on small texts of brackets and short lines, edited anywhere, are a fresh pass\'s', () => {
  // where a bracket opened by the edit swallows statements the previous version started
  const r = rng(707);
  // the edit's text has a line start where the previous version had one, but a bracket closes before it
  assert.equal(topLevelStarts('x\n)\na\n', { text: 'b\nb\na\n', statements: [0, 2, 4] }), null);
  const LINES = ['a = 1', 'b = (', ')', 'c = 2', '@d', 'def f():', '    pass', 'else:', '"""', 'x = [1,', '2]'];
  for (let n = 0; n < 3000; n++) {
    const text = Array.from({ length: 3 + Math.floor(r() * 8) }, () => LINES[Math.floor(r() * LINES.length)]).join('\n') + '\n';
    const starts = topLevelStarts(text);
    if (!starts) continue;
    const at = Math.floor(r() * text.length);
    const piece = ['(', ')', '1', 'a = 1\n', '\n', '[', '"""', 'a\n(', 'x\n)', '(\nd'][Math.floor(r() * 10)]!;
    // inserted, or written over as many characters (line starts then fall where the old ones were)
    const next = text.slice(0, at) + piece + text.slice(at + (r() < 0.5 ? piece.length : Math.floor(r() * 3)));
    assert.deepEqual(topLevelStarts(next, { text, statements: [0, ...starts] }), topLevelStarts(next), JSON.stringify([text, next]));
  }
});
