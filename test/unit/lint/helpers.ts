// Lints sources the way the editor and `check` do: through a linting AnalysisCache.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixAll, lintCachedFile, lintCachedNotebook, lintingCache, type Finding, type LintOptions } from '../../../src/lint';
import { parse } from '../../../src/python/parser';

let version = 0;
const cache = lintingCache(4);

export function lintSource(text: string, options: LintOptions = {}): Finding[] {
  return lintCachedFile(cache, 'test.py', ++version, text, options);
}

export function lintCells(cells: string[], options: LintOptions = {}): Finding[][] {
  return lintCachedNotebook(cache, 'test.ipynb', ++version, cells, options);
}

export const codes = (fs: Finding[]) => fs.map((f) => f.code);

export function parses(text: string): boolean {
  const tree = parse(text);
  if (!tree) return false;
  try { return !tree.rootNode.hasError; } finally { tree.delete(); }
}

export function fixSource(text: string, unsafe = false, options: LintOptions = {}): { text: string; fixed: string[] } {
  return fixAll(text, (t) => lintSource(t, options), { unsafe, parses });
}

/** Python's own compiler on the text: the fix must give code Python accepts. */
export function pyCompileError(text: string): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'al-lint-'));
  try {
    const f = join(dir, 'fixed.py');
    writeFileSync(f, text);
    const r = spawnSync('/usr/bin/python3', ['-m', 'py_compile', f], { encoding: 'utf8' });
    if (r.error) throw new Error(`cannot run /usr/bin/python3 (apt-get install python3): ${r.error.message}`);
    return r.status === 0 ? null : r.stderr;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
