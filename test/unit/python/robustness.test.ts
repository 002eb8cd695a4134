// Hostile and huge inputs: no exception, no freeze, bounded output.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { analyzePython, analyzeNotebook, useAt, MAX_PARSE_CHARS, type Analysis } from '../../../src/python';
import { loadPython } from './setup';

before(loadPython);

const HEADER = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n';
const BLOCK = `class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 256)
        self.act = nn.LeakyReLU(negative_slope=0.1)
        self.out = nn.Softmax(dim=1)

    def forward(self, x):
        x = F.relu(self.fc1(x))  # F.relu in a comment
        h = torch.tanh(x) * 2 + x.sigmoid()
        return self.out(h)

`;

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

/** Every use is small whatever the input: no echo of huge source text. */
function assertSane(a: Analysis): void {
  assert.ok(Array.isArray(a.uses));
  for (const u of a.uses) {
    assert.ok(JSON.stringify(u).length < 4000, `use too large: ${JSON.stringify(u).slice(0, 200)}`);
    assert.ok(u.range.line >= 0 && u.range.column >= 0);
  }
}

test('a 5 MB file is read (up to the parse budget) without freezing', () => {
  const src = HEADER + BLOCK.repeat(Math.ceil(5_000_000 / BLOCK.length));
  assert.ok(src.length >= 5_000_000);
  const { value: a, ms } = timed(() => analyzePython(src));
  assertSane(a);
  assert.equal(a.truncated, true, 'beyond MAX_PARSE_CHARS the rest is skipped and says so');
  assert.ok(a.uses.length > 1000, `uses: ${a.uses.length} after ${ms} ms (parse abandoned at the budget?)`);
  const last = a.uses[a.uses.length - 1]!;
  assert.ok(last.range.line < src.slice(0, MAX_PARSE_CHARS).split('\n').length);
  assert.ok(ms < 30_000, `took ${ms} ms`);
  // Hover look-ups on the result are instant.
  const t = timed(() => { for (let i = 0; i < 1000; i++) useAt(a, last.range.line, last.range.column + 1); });
  assert.ok(t.ms < 200, `1000 look-ups took ${t.ms} ms`);
  assert.equal(useAt(a, last.range.line, last.range.column)?.id, last.id);
});

test('a 100,000-character line', () => {
  const long = 'y = F.relu(x) + ' + '1 + '.repeat(25_000) + 'torch.tanh(z)\n';
  assert.ok(long.length > 100_000);
  const { value: a, ms } = timed(() => analyzePython(HEADER + long));
  assertSane(a);
  assert.deepEqual(a.uses.map((u) => u.id), ['relu', 'tanh']);
  assert.ok(a.uses[1]!.range.column > 100_000);
  assert.ok(ms < 10_000, `took ${ms} ms`);
  const words = analyzePython(HEADER + 'x = ' + 'a'.repeat(100_000) + '\n');
  assertSane(words);
  assert.equal(words.uses.length, 0);
});

test('a huge literal is never echoed', () => {
  const a = analyzePython(HEADER + `m = nn.LeakyReLU(0.${'1'.repeat(100_000)})\ng = nn.GELU("${'x'.repeat(100_000)}")\n`);
  assertSane(a);
  assert.deepEqual(a.uses.map((u) => u.id), ['leaky_relu', 'gelu']);
  assert.equal(a.uses[0]!.params.negative_slope, undefined);
  assert.ok(String(a.uses[1]!.params.approximate).length <= 65);
});

test('binary-looking text', () => {
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  let bin = '';
  for (let i = 0; i < 300_000; i++) bin += String.fromCharCode(Math.floor(rand() * 256));
  const { value: a, ms } = timed(() => analyzePython(bin));
  assertSane(a);
  assert.equal(a.uses.length, 0);
  assert.equal(a.parseErrors, true);
  assert.ok(ms < 1000, `took ${ms} ms`);
  // Printable junk (no control characters) goes through the parser's error recovery.
  let junk = '';
  for (let i = 0; i < 100_000; i++) junk += String.fromCharCode(33 + Math.floor(rand() * 220));
  const j = timed(() => analyzePython(junk));
  assertSane(j.value);
  assert.ok(j.ms < 15_000, `took ${j.ms} ms`);
  // A little junk around real code: the code is still read.
  const mixed = analyzePython(HEADER + 'y = F.relu(x)\n' + '\u0001\uffff\ud800@$?'.repeat(5) + '\nz = torch.tanh(x)\n');
  assertSane(mixed);
  assert.deepEqual(mixed.uses.map((u) => u.id), ['relu', 'tanh']);
  assert.doesNotThrow(() => analyzeNotebook([bin.slice(0, 10_000), '\u0000'.repeat(5000), '', junk.slice(0, 5000)]));
});

test('deep nesting', () => {
  const deep = HEADER + 'y = ' + '('.repeat(5000) + 'F.relu(x)' + ')'.repeat(5000) + '\nz = ' + '['.repeat(5000) + '\n';
  const { value: a, ms } = timed(() => analyzePython(deep));
  assertSane(a);
  assert.ok(ms < 10_000, `took ${ms} ms`);
});

test('half-typed code: every prefix of a model parses without throwing', () => {
  const src = HEADER + BLOCK + 'model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Softmax(dim=1))\nloss = nn.CrossEntropyLoss()\n';
  let withErrors = 0;
  for (let cut = 0; cut <= src.length; cut += 7) {
    const a = analyzePython(src.slice(0, cut));
    assertSane(a);
    if (a.parseErrors) withErrors++;
  }
  assert.ok(withErrors > 10, 'tree-sitter recovered from errors in many prefixes');
  const full = analyzePython(src);
  assert.equal(full.parseErrors, false);
  assert.deepEqual(full.uses.map((u) => u.id), ['leaky_relu', 'softmax', 'relu', 'tanh', 'sigmoid', 'relu', 'softmax']);
});

test('empty and whitespace sources', () => {
  for (const s of ['', '\n', '   ', '\r\n\r\n', '\t']) {
    const a = analyzePython(s);
    assert.deepEqual(a.uses, []);
    assert.equal(useAt(a, 0, 0), undefined);
  }
});

test('looksBinary: the search that answers for text without control characters gives the count\'s answer', async () => {
  const { looksBinary } = await import('../../../src/python/parser');
  // the definition, counted character by character over the first 8 KB
  const counted = (s: string): boolean => {
    const n = Math.min(s.length, 8192);
    let control = 0;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === 0) return true;
      if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
    }
    return n > 0 && control / n > 0.1;
  };
  const code = 'import torch\r\n\tx = torch.relu(y)  # \u00e9\u4e2d\f\n'.repeat(300);
  const cases = ['', 'x', code, code.slice(0, 8191), code.slice(0, 8193)];
  // every character at the edges of what is counted, alone, in code, and in a short run
  for (let c = 0; c < 0x30; c++) {
    const ch = String.fromCharCode(c);
    cases.push(ch, ch.repeat(20), 'x = 1\n' + ch + '\n', code.slice(0, 8191) + ch, code.slice(0, 8192) + ch, ch + code);
  }
  for (const ch of ['\ufffd', '\ufffe', '\ud800', '\u007f', '\u0085']) cases.push(ch, ch.repeat(50) + 'x', code.slice(0, 8000) + ch.repeat(900));
  // around the 10% share
  for (const k of [818, 819, 820, 821]) cases.push('\u0001'.repeat(k) + 'a'.repeat(8192 - k), '\ufffd'.repeat(k) + 'b'.repeat(8192 - k) + '\u0001'.repeat(5000));
  for (const s of cases) assert.equal(looksBinary(s), counted(s), JSON.stringify(s.slice(0, 40)));
  assert.equal(looksBinary('a\u0000'), true);
  assert.equal(looksBinary('\u0001'.repeat(900) + 'a'.repeat(7292)), true);
  assert.equal(looksBinary(code), false);
});

test('parsableText: the same text gives the same answer, another text its own', async () => {
  const { parsableText, MAX_PARSE_CHARS: max } = await import('../../../src/python/parser');
  const long = 'x = 1\n'.repeat(Math.ceil(max / 6) + 10);
  const a = parsableText(long);
  assert.equal(a.truncated, true);
  assert.ok(a.text.length <= max && a.text.endsWith('\n'));
  assert.deepEqual(parsableText('y = 2\n'), { text: 'y = 2\n', truncated: false, binary: false });
  assert.deepEqual(parsableText(long), a);
  assert.deepEqual(parsableText('\u0000abc'), { text: '', truncated: true, binary: true });
  assert.deepEqual(parsableText('y = 2\n'), { text: 'y = 2\n', truncated: false, binary: false });
});
