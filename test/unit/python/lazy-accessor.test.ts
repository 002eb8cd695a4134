// Lazy own accessors that do not tie a file's data to V8's old generation (src/lazyAccessor.ts),
// and a guard over the analysis' sources against the two ways found to tie it there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import * as esbuild from 'esbuild';
import { defineLazy, settleLazy } from '../../../src/lazyAccessor';

/** What `script` (run in a child Node with --expose-gc, given `mode`) prints: the heap it grew by, in MB. */
function heapGrowth(script: string, mode: string): number {
  const r = spawnSync(process.execPath, ['--expose-gc', '-e', script, mode], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return Number(r.stdout.trim()) / 1e6;
}

test('defineLazy: an own enumerable, configurable accessor, read when asked, per object', () => {
  let calls = 0;
  const a: Record<string, unknown> = { first: 1, uses: null, last: 3 };
  const b: Record<string, unknown> = { uses: null };
  defineLazy(a, 'uses', () => { calls++; return ['a']; });
  defineLazy(b, 'uses', () => ['b']);
  assert.equal(calls, 0, 'nothing read at definition');
  const d = Object.getOwnPropertyDescriptor(a, 'uses')!;
  assert.equal(typeof d.get, 'function');
  assert.equal(d.enumerable, true);
  assert.equal(d.configurable, true);
  assert.deepEqual(Object.keys(a), ['first', 'uses', 'last'], 'the place of the property is kept');
  assert.deepEqual(a.uses, ['a']);
  assert.deepEqual(b.uses, ['b'], 'each object reads its own');
  assert.deepEqual({ ...a }, { first: 1, uses: ['a'], last: 3 }, 'a spread reads it');
  assert.equal(calls, 2);
  assert.deepEqual(Object.getOwnPropertySymbols(a).map((s) => Object.getOwnPropertyDescriptor(a, s)!.enumerable), [false], 'its bookkeeping is not enumerable');
});

test('defineLazy: without a setter an assignment fails as a getter-only accessor does; with one, the setter runs; settleLazy makes it data', () => {
  'use strict';
  const o: Record<string, unknown> = {};
  defineLazy(o, 'x', () => 1);
  assert.throws(() => { o.x = 2; }, TypeError);
  let set: unknown;
  defineLazy(o, 'y', () => 1, (v) => { set = v; });
  o.y = 5;
  assert.equal(set, 5);
  settleLazy(o, 'x', 7);
  assert.deepEqual(Object.getOwnPropertyDescriptor(o, 'x'), { value: 7, writable: true, enumerable: true, configurable: true });
  o.x = 8;
  assert.equal(o.x, 8);
  const arr: unknown[] = new Array(2);
  defineLazy(arr, 0, () => 'zero');
  defineLazy(arr, 1, () => 'one');
  assert.deepEqual([...arr], ['zero', 'one'], 'array elements, read in order');
});

test('a lazy accessor does not keep what its getter reads alive through young collections (a native getter does)', async () => {
  const out = await esbuild.build({ entryPoints: ['src/lazyAccessor.ts'], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent' });
  const script = `const lazy = (() => { const module = { exports: {} }; const exports = module.exports; ${out.outputFiles[0]!.text}; return module.exports; })();
const { defineLazy } = lazy;
const mode = process.argv[1];
function round() {
  const data = []; for (let i = 0; i < 2000; i++) data.push({ a: i, b: [i, i + 1] });
  const o = { imports: 1, uses: null };
  if (mode === 'lazy') defineLazy(o, 'uses', () => data);
  else Object.defineProperty(o, 'uses', { get: () => data, enumerable: true, configurable: true });
  return o;
}
let keep;
for (let k = 0; k < 5; k++) { keep = round(); keep = null; gc({ type: 'minor' }); }
gc();
const before = process.memoryUsage().heapUsed;
for (let k = 0; k < 40; k++) { keep = round(); keep = null; gc({ type: 'minor' }); gc({ type: 'minor' }); }
console.log(process.memoryUsage().heapUsed - before);`;
  // 40 rounds of ~100 KB each: all of it promoted and kept to the next full collection, or none
  const native = heapGrowth(script, 'native');
  const lazy = heapGrowth(script, 'lazy');
  assert.ok(native > 3, `a native getter's closure is kept (the mechanism this guards against): ${native.toFixed(2)} MB`);
  assert.ok(lazy < 1.5, `a lazy accessor's closure is not: ${lazy.toFixed(2)} MB`);
});

/** The sources the analysis runs (per file, in `check` and the editor). */
const ANALYSIS = ['src/python', 'src/custom', 'src/interp', 'src/lint', 'src/autograd', 'src/advice', 'src/cli'];
/** Run once per process: not per file. */
const ONCE = new Set(['src/lint/worker.ts']);

test('the analysis assigns no function written in place to a property, and its object literals have no accessors', () => {
  const files: string[] = [];
  const walk = (d: string) => { for (const f of readdirSync(d)) { const p = join(d, f); if (statSync(p).isDirectory()) walk(p); else if (p.endsWith('.ts')) files.push(p); } };
  for (const d of ANALYSIS) walk(d);
  const found: string[] = [];
  for (const f of files) {
    if (ONCE.has(f.split('\\').join('/'))) continue;
    const sf = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.ES2022, true);
    const strip = (e: ts.Expression): ts.Expression => {
      while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
      return e;
    };
    const at = (n: ts.Node) => `${f}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
    const visit = (n: ts.Node): void => {
      // V8's parser allocates such a function in the old generation (it guesses a method): it then
      // holds what its scope holds through every young collection
      if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
        const l = strip(n.left);
        const r = strip(n.right);
        if ((ts.isPropertyAccessExpression(l) || ts.isElementAccessExpression(l)) && (ts.isArrowFunction(r) || ts.isFunctionExpression(r))) found.push(`${at(n)} assigns a function written in place to a property`);
      }
      // an accessor's pair of functions is allocated in the old generation: defineLazy instead
      if ((ts.isGetAccessor(n) || ts.isSetAccessor(n)) && ts.isObjectLiteralExpression(n.parent)) found.push(`${at(n)} an object literal's accessor`);
      if (ts.isPropertyAssignment(n) && (n.name.getText() === 'get' || n.name.getText() === 'set') && ts.isObjectLiteralExpression(n.parent)
        && ts.isCallExpression(n.parent.parent) && /defineProperty/.test(n.parent.parent.expression.getText())) found.push(`${at(n)} Object.defineProperty with an accessor`);
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  assert.deepEqual(found, []);
});

test('freshMemo: a memo kept across files, emptied after each, keeps nothing through young collections (clear() keeps it)', async () => {
  const out = await esbuild.build({ entryPoints: ['src/python/fileMemos.ts'], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent' });
  // as in check: a memo made when its module loads (old by the time files are read), filled by each
  // file and emptied after it, one young collection per file
  const script = `const memos = (() => { const module = { exports: {} }; const exports = module.exports; ${out.outputFiles[0]!.text}; return module.exports; })();
const mode = process.argv[1];
let memo = new Map();
for (let i = 0; i < 64; i++) memo.set('k' + i, i);
gc(); gc();
function file() {
  for (let i = 0; i < 8; i++) { const data = []; for (let j = 0; j < 250; j++) data.push({ a: j, b: [j, j + 1] }); memo.set('file' + i, data); }
  if (mode === 'fresh') memo = memos.freshMemo(memo); else memo.clear();
}
for (let k = 0; k < 5; k++) { file(); gc({ type: 'minor' }); }
gc();
const before = process.memoryUsage().heapUsed;
for (let k = 0; k < 80; k++) { file(); gc({ type: 'minor' }); }
console.log(process.memoryUsage().heapUsed - before);`;
  const cleared = heapGrowth(script, 'clear');
  const fresh = heapGrowth(script, 'fresh');
  assert.ok(cleared > 3, `clear() leaves the old table's entries to the young collector: ${cleared.toFixed(2)} MB`);
  assert.ok(fresh < 1.5, `freshMemo does not: ${fresh.toFixed(2)} MB`);
  const set = new Set([1, 2]);
  const next = (await import('../../../src/python/fileMemos')).freshMemo(set);
  assert.ok(next instanceof Set && next.size === 0 && set.size === 0 && next !== set, 'a set gives an empty set, the old one emptied');
});

test('the memos kept across files are emptied entry by entry and replaced (fileMemos.ts freshMemo, emptyList)', () => {
  const files: string[] = [];
  const walk = (d: string) => { for (const f of readdirSync(d)) { const p = join(d, f); if (statSync(p).isDirectory()) walk(p); else if (p.endsWith('.ts')) files.push(p); } };
  for (const d of ANALYSIS) walk(d);
  const found: string[] = [];
  let forgetters = 0;
  for (const f of files) {
    const sf = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && n.expression.getText() === 'registerFileMemo' && n.arguments[0] && (ts.isArrowFunction(n.arguments[0]) || ts.isFunctionExpression(n.arguments[0]))) {
        forgetters++;
        const body = n.arguments[0].body.getText();
        if (/\.clear\(\)|=\s*new (Map|Set)\b|\.length\s*=\s*0/.test(body)) found.push(`${f}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}: ${body.replace(/\s+/g, ' ')}`);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  assert.ok(forgetters >= 8, `the forgetters were found (${forgetters})`);
  assert.deepEqual(found, []);
});
