// The model corpus (test/corpus/, issue 14): realistic files written for the tests, modelled on
// the shapes of public PyTorch code (no code copied). Each line with an activation says what it
// expects in a trailing comment: `# expect: <id> <role|-> <loss|-> [gate]`, several uses on a
// line separated by ` | `; a line without that comment must have no use.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePython, analyzeNotebook, type ActivationUse } from '../../../src/python';
import { loadPython } from './setup';

const CORPUS = 'test/corpus';

function expected(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const m = /#\s*expect:\s*(.*)$/.exec(line);
    if (!m) return;
    for (const e of m[1]!.split('|')) out.push(`${i + 1} ${e.trim().split(/\s+/).join(' ')}`);
  });
  return out;
}
const actual = (u: ActivationUse) => `${u.range.line + 1} ${u.id} ${u.role ?? '-'} ${u.loss ?? '-'}${u.gate ? ' gate' : ''}`;

before(loadPython);

const files = readdirSync(CORPUS).filter((f) => f.endsWith('.py') || f.endsWith('.ipynb')).sort();

test('the corpus has at least 40 model files', () => {
  assert.ok(files.length >= 40, `only ${files.length}`);
});

for (const f of files) {
  test(`corpus: ${f}`, () => {
    const text = readFileSync(join(CORPUS, f), 'utf8');
    if (f.endsWith('.py')) {
      const a = analyzePython(text);
      assert.equal(a.parseErrors, false, 'parses');
      assert.deepEqual(a.uses.map(actual), expected(text));
    } else {
      const nb = JSON.parse(text) as { cells: Array<{ cell_type: string; source: string | string[] }> };
      const cells = nb.cells.filter((c) => c.cell_type === 'code').map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));
      const got = analyzeNotebook(cells).flatMap((a, i) => a.uses.map((u) => `cell ${i} ${actual(u)}`));
      assert.deepEqual(got, cells.flatMap((c, i) => expected(c).map((e) => `cell ${i} ${e}`)));
    }
  });
}
