// `check` against Debian's flake8 on the same tree (≥100 realistic files, ≥10,000 lines), both as
// a user runs them (a fresh process over a folder, default options), side by side in rounds; and
// the work after the editor's debounce when a 10,000-line file changed by one line (the findings
// worker's cache: incremental re-parse + lint, what src/vscode/diagnostics.ts runs).
// Targets (issue 15): check ≤ 0.5× flake8; diagnostics update ≤ 50 ms after the debounce.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { bundleCli } from '../scripts/bundle-cli';
import { initPython } from '../src/python';
import { findingsCache, lintCachedFile } from '../src/lint';
import type { Cell, Section, SectionResult } from './lib/types';
import { checkTree } from './check-tree';
import { tenThousandLines } from './hover';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

function timeProcess(cmd: string, args: string[], cwd: string): { ms: number; status: number | null; out: string } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 256 << 20, timeout: 300_000 });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  return { ms, status: r.status, out: r.stdout };
}

export const section: Section = {
  id: 'check',
  async run(ctx): Promise<SectionResult> {
    const dir = mkdtempSync(join(tmpdir(), 'al-bench-check-'));
    const notes: string[] = [];
    const rows: SectionResult['rows'] = [];
    try {
      const tree = checkTree(120, 100);
      const lines = tree.reduce((n, f) => n + f.text.split('\n').length - 1, 0);
      for (const f of tree) { const p = join(dir, 'tree', f.name); mkdirSync(dirname(p), { recursive: true }); writeFileSync(p, f.text); }
      const cli = await bundleCli(dir, { minify: true });

      const flake8 = '/usr/bin/flake8';
      const rounds = ctx.quick ? 1 : 5;
      const ours: number[] = [];
      const theirs: number[] = [];
      let found = 0;
      let flakeErr = '';
      for (let r = 0; r < rounds; r++) {
        const a = timeProcess(process.execPath, [cli, 'check', '--format', 'json', 'tree'], dir);
        if (a.status !== 0 && a.status !== 1) throw new Error(`check exited ${a.status}`);
        found = a.out.split('\n').filter(Boolean).length;
        ours.push(a.ms);
        try {
          const b = timeProcess(flake8, ['tree'], dir);
          theirs.push(b.ms);
        } catch (e) {
          flakeErr = e instanceof Error ? e.message : String(e);
        }
        ctx.log(`round ${r + 1}: check ${a.ms.toFixed(0)} ms, flake8 ${theirs[r]?.toFixed(0) ?? 'n/a'} ms`);
      }
      const cell = (xs: number[], why: string): Cell => (xs.length ? { ms: median(xs), samples: xs.length } : { na: why });
      const c = cell(ours, 'check failed');
      const f = cell(theirs, flakeErr ? `flake8: ${flakeErr.slice(0, 60)} (apt-get install flake8)` : 'flake8 missing');
      rows.push({
        name: `check ${tree.length} files / ${lines} lines`,
        cells: { check: c, flake8: f },
        targets: [{ label: '≤0.5× flake8', ratio: 'ms' in c && 'ms' in f ? c.ms / f.ms : undefined, limit: 0.5 }],
      });
      notes.push(`check found ${found} findings in the tree; flake8 (Debian ${spawnSync(flake8, ['--version'], { encoding: 'utf8' }).stdout.split(' ')[0] || '?'}) runs with its defaults (pycodestyle + pyflakes, one process per core).`);

      // Diagnostics after an edit: the work a debounced update does.
      await initPython({ treeSitter: new Uint8Array(readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'))), python: new Uint8Array(readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'))) });
      const text = tenThousandLines();
      const cache = findingsCache(4);
      let version = 1;
      lintCachedFile(cache, 'file:///big.py', version, text);
      const at = text.indexOf('h = torch.tanh(h)', text.length >> 1);
      const samples: number[] = [];
      for (let i = 0; i < (ctx.quick ? 5 : 21); i++) {
        const edited = text.slice(0, at) + `h = torch.tanh(h) * ${i + 1}` + text.slice(at + 'h = torch.tanh(h)'.length);
        const t0 = performance.now();
        lintCachedFile(cache, 'file:///big.py', ++version, edited);
        samples.push(performance.now() - t0);
      }
      const m = median(samples);
      rows.push({ name: 'diagnostics after an edit, 10,000-line file', cells: { check: { ms: m, samples: samples.length }, flake8: { na: 'editor only' } }, targets: [{ label: '≤50 ms after the debounce', ratio: m / 50, limit: 1 }] });
      notes.push('The edit row: one line of a 10,000-line file changed, then AnalysisCache.get (incremental) + lint through the findings worker\'s cache (findingsCache: each version parsed whole once, incrementally, that tree shared by every reader), what src/vscode/diagnostics.ts has computed after its 300 ms debounce (in the extension, in its findings worker: the host thread stays free); median of the timed edits. The uses whose flow read nothing the edit changed keep their verdicts, and the autograd follower its result (see bench/README.md).');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return { title: '`check` vs flake8, and diagnostics after an edit', columns: ['check', 'flake8'], ratios: [['check/flake8', 'check', 'flake8']], rows, notes };
  },
};
