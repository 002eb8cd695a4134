// The hover's lazy reading of custom activations (src/custom/lazyFile.ts) must answer what the
// whole file answers: at every position of every corpus and demo file (and of edited versions,
// some with syntax errors), the definition covering it, the definition or use under it, and
// whether that definition evaluates (and to what) are those of findCustom on the whole text.
// And it must be lazy: a hover at the end of the 10,000-line file lowers a few statements.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPython } from '../python/setup';
import { customAt, definitionCovering, evaluateDefinition, findCustom, LazyCustomFile, type CustomFile, type FoundDefinition } from '../../../src/custom';
import { tenThousandLines } from '../../../bench/hover';
import { editedVariants } from './editedVariants';

before(loadPython);

const sources = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.py')).map((f) => ({ name: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));

/** What a definition is, without the lowered statement (compared separately, deep). */
const shape = (d: FoundDefinition | undefined) => d && { name: d.name, kind: d.kind, nameRange: d.nameRange, range: d.range, params: d.params, input: d.input, stmt: d.stmt };

function evaluation(file: Pick<CustomFile, 'module'>, d: FoundDefinition) {
  const r = evaluateDefinition(file, d, { points: 9 });
  return r.ok ? { ok: true, y: Array.from(r.value.y), dy: Array.from(r.value.dy), learned: r.value.learned } : { ok: false, reason: r.reason.message };
}

const seen = { evaluable: 0, hits: 0 };

/** Compares the lazy answers with the whole file's at every position; returns how many positions. */
function compare(name: string, text: string): number {
  const whole = findCustom(text);
  const lazy = new LazyCustomFile(text);
  const evaluated = new Map<FoundDefinition, unknown>();
  const lines = text.split('\n');
  let n = 0;
  lines.forEach((l, line) => {
    for (let column = 0; column <= l.length; column++) {
      const where = `${name}:${line + 1}:${column}`;
      const dw = definitionCovering(whole, line, column);
      const dl = lazy.definitionCovering(line, column);
      assert.deepEqual(shape(dl), shape(dw), `covering at ${where}`);
      if (dw && dl && !evaluated.has(dw)) {
        evaluated.set(dw, true);
        const e = evaluation(lazy, dl);
        assert.deepEqual(e, evaluation(whole, dw), `evaluation of ${dw.name} at ${where}`);
        if (e.ok) seen.evaluable++;
      }
      const hw = customAt(whole, line, column);
      const hl = lazy.customAt(line, column);
      assert.deepEqual(hl && { at: hl.at, range: hl.range, d: shape(hl.definition) }, hw && { at: hw.at, range: hw.range, d: shape(hw.definition) }, `hit at ${where}`);
      if (hw) seen.hits++;
      n++;
    }
  });
  return n;
}

/** The evaluable definitions PyTorch checked (test/fixtures/custom), each source a file. */
const fixtures = (JSON.parse(readFileSync('test/fixtures/custom/definitions.json', 'utf8')) as { definitions: { name: string; source: string; notebook: unknown }[] }).definitions
  .filter((d) => !d.notebook).map((d, i) => ({ name: `fixture ${i} (${d.name})`, text: d.source }));

test('every position of every corpus, demo and fixture file: the lazy reading answers as the whole file does', () => {
  const files = [...sources('test/corpus'), ...sources('demo'), ...fixtures];
  let n = 0;
  for (const f of files) n += compare(f.name, f.text);
  // 103 files, 68,550 positions, 57 definitions evaluated, 1,646 positions on a name or a use
  assert.ok(files.length >= 80 && n > 50_000 && seen.evaluable >= 20 && seen.hits >= 500, `${files.length} files, ${n} positions, ${JSON.stringify(seen)}`);
});

test('edited versions (a definition rebound, a constant moved, a broken line): still the whole file\'s answers', () => {
  editedVariants().forEach((v, i) => compare(`variant ${i}`, v));
});

test('a hover at the end of the 10,000-line file lowers only the statements it needs', () => {
  const text = tenThousandLines();
  const lines = text.split('\n');
  const line = lines.map((l) => l.includes('F.softmax(h, dim=-1)')).lastIndexOf(true);
  const lazy = new LazyCustomFile(text);
  const d = lazy.definitionCovering(line, 20);
  assert.ok(d && d.kind === 'module', 'inside a Block module');
  const r = evaluateDefinition(lazy, d, { points: 9 });
  assert.equal(r.ok, false, 'Block needs its constructor arguments');
  assert.equal(lazy.customAt(line, 20), undefined);
  assert.ok(lazy.loweredCount <= 5, `lowered ${lazy.loweredCount} statements`);
  assert.deepEqual(evaluation(lazy, d), evaluation(findCustom(text), findCustom(text).definitions.find((w) => w.name === d.name && w.range.line === d.range.line)!));
});
