// One analysis (issue 14): the hover and the side panel (AnalysisCache + useAt on the spot, read
// lazily) and `scan` (the CLI reading every use of the file) must never disagree about a use's
// role, loss, gate or loss range. Checked on every snippet row and every corpus file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync, rmSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { treeSitterGlue } from '../../../scripts/esbuild-tree-sitter.mjs';
import { analyzePython, analyzeNotebook, AnalysisCache, useAt, type ActivationUse } from '../../../src/python';
import { loadPython } from './setup';
import { rows } from './snippet-rows';
import { flowRows } from './flow-rows';

const CORPUS = 'test/corpus';

interface Case { name: string; src?: string; cells?: string[] }

function cases(): Case[] {
  const out: Case[] = [...rows, ...flowRows].map((r) => ({ name: r.name, src: r.src, cells: r.cells }));
  for (const f of readdirSync(CORPUS).sort()) {
    const text = readFileSync(join(CORPUS, f), 'utf8');
    if (f.endsWith('.py')) out.push({ name: f, src: text });
    else if (f.endsWith('.ipynb')) out.push({ name: f, cells: notebookCells(text) });
  }
  return out;
}

export function notebookCells(text: string): string[] {
  const nb = JSON.parse(text) as { cells: Array<{ cell_type: string; source: string | string[] }> };
  return nb.cells.filter((c) => c.cell_type === 'code').map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));
}

const facts = (u: ActivationUse | undefined) => u && { id: u.id, role: u.role, loss: u.loss, gate: u.gate ?? false, lossRange: u.lossRange ?? null };

let dir = '';
let cli = '';
before(async () => {
  await loadPython();
  dir = mkdtempSync(join(tmpdir(), 'activation-lens-one-'));
  cli = join(dir, 'dist', 'cli.js');
  mkdirSync(join(dir, 'dist', 'wasm'), { recursive: true });
  await esbuild.build({ entryPoints: ['src/cli.ts'], outfile: cli, bundle: true, platform: 'node', format: 'cjs', target: 'es2022', plugins: [treeSitterGlue], logLevel: 'silent' });
  copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(dir, 'dist', 'wasm', 'web-tree-sitter.wasm'));
  copyFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'), join(dir, 'dist', 'wasm', 'tree-sitter-python.wasm'));
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

test('hover and side panel (lazy, one spot) agree with the whole-file reading on every use of the corpus', () => {
  let n = 0;
  for (const c of cases()) {
    const cache = new AnalysisCache();
    if (c.src !== undefined) {
      const full = analyzePython(c.src);
      // A fresh cache per spot: each hover is the first one, reading only what it needs.
      for (const u of full.uses) {
        const lazy = new AnalysisCache().get('file:///a.py', 1, c.src);
        assert.deepEqual(facts(useAt(lazy, u.range.line, u.range.column)), facts(u), `${c.name} line ${u.range.line + 1}`);
        n++;
      }
      assert.deepEqual(cache.get('file:///b.py', 1, c.src).uses.map(facts), full.uses.map(facts), c.name);
    } else {
      const full = analyzeNotebook(c.cells!);
      const viaCache = cache.getNotebook('nb', 1, c.cells!);
      full.forEach((a, i) => a.uses.forEach((u) => {
        assert.deepEqual(facts(useAt(viaCache[i]!, u.range.line, u.range.column)), facts(u), `${c.name} cell ${i} line ${u.range.line + 1}`);
        n++;
      }));
    }
  }
  assert.ok(n > 300, `only ${n} uses compared`);
});

test('scan (the CLI) reports the same roles and losses as the editor on every file of the corpus', () => {
  const files: Array<{ path: string; c: Case }> = [];
  cases().forEach((c, i) => {
    const path = join(dir, `case${i}.${c.src !== undefined ? 'py' : 'ipynb'}`);
    writeFileSync(path, c.src !== undefined ? c.src : JSON.stringify({ cells: c.cells!.map((s) => ({ cell_type: 'code', source: s })) }));
    files.push({ path, c });
  });
  const r = spawnSync(process.execPath, [cli, 'scan', ...files.map((f) => f.path)], { cwd: dir, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { file: string; cell?: number; line: number; column: number; id: string; role: unknown; loss: unknown });
  for (const { path, c } of files) {
    const got = lines.filter((l) => l.file === path).map((l) => ({ cell: l.cell ?? null, line: l.line, column: l.column, id: l.id, role: l.role, loss: l.loss }));
    const want: unknown[] = [];
    if (c.src !== undefined) {
      const a = new AnalysisCache().get('file:///c.py', 1, c.src);
      for (const u of analyzePython(c.src).uses) {
        const h = useAt(a, u.range.line, u.range.column)!;
        want.push({ cell: null, line: u.range.line + 1, column: u.range.column + 1, id: h.id, role: h.role, loss: h.loss });
      }
    } else {
      const a = new AnalysisCache().getNotebook('nb', 1, c.cells!);
      a.forEach((cell, i) => cell.uses.forEach((u) => want.push({ cell: i + 1, line: u.range.line + 1, column: u.range.column + 1, id: u.id, role: u.role, loss: u.loss })));
    }
    assert.deepEqual(got, want, c.name);
  }
});
