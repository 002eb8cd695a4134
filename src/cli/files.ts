// Which files `check` reads under a folder: .py and .ipynb, skipping hidden folders,
// node_modules, __pycache__, virtual environments (a folder holding pyvenv.cfg, or a
// site-packages) and what .gitignore files ignore (src/lint/gitignore.ts, shared with the editor).
import { existsSync, readFileSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ignoredByRules, parseGitignore, SKIPPED_FOLDERS, type IgnoreFile } from '../lint/gitignore';

function ignoredBy(files: IgnoreFile[], path: string, isDir: boolean): boolean {
  return ignoredByRules(files.map((f) => ({ rules: f.rules, rel: relative(f.base, path).split(sep).join('/') })), isDir);
}

const SKIP = new Set(SKIPPED_FOLDERS);

function loadIgnore(dir: string): IgnoreFile | undefined {
  const p = join(dir, '.gitignore');
  try {
    return existsSync(p) ? { base: dir, rules: parseGitignore(readFileSync(p, 'utf8')) } : undefined;
  } catch {
    return undefined;
  }
}

/** .gitignore files above `dir`, up to the repository's root (a folder with .git). */
function ancestorsIgnores(dir: string): IgnoreFile[] {
  const out: IgnoreFile[] = [];
  let d = resolve(dir);
  for (;;) {
    const parent = dirname(d);
    if (existsSync(join(d, '.git')) || parent === d) break;
    d = parent;
    const f = loadIgnore(d);
    if (f) out.unshift(f);
  }
  return out;
}

export const isCheckable = (p: string) => /\.(py|ipynb)$/i.test(p);

/** The files under `root` to check, sorted; `root` itself when it is a file. */
export function collectFiles(root: string): string[] {
  const st = statSync(root);
  if (!st.isDirectory()) return [root];
  const out: string[] = [];
  // A folder linked from below itself (`ln -s .. up`) or twice: walked once, by its real path.
  const walked = new Set<string>();
  const walk = (dir: string, ignores: IgnoreFile[]) => {
    const real = realOf(dir);
    if (walked.has(real)) return;
    walked.add(real);
    const own = loadIgnore(dir);
    const here = own ? [...ignores, own] : ignores;
    let entries: Dirent[];
    try { entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)); } catch { return; }
    if (dir !== root && entries.some((d) => d.name === 'pyvenv.cfg')) return;
    for (const d of entries) {
      const n = d.name;
      const p = join(dir, n);
      // the entry's own type where it says (a stat per file was most of the walk); a link's target's
      let isDir: boolean;
      if (d.isDirectory()) isDir = true;
      else if (d.isFile()) isDir = false;
      else {
        try { isDir = statSync(p).isDirectory(); } catch { continue; }
      }
      if (isDir) {
        if (n.startsWith('.') || SKIP.has(n) || ignoredBy(here, p, true)) continue;
        if (existsSync(join(p, 'pyvenv.cfg'))) continue;
        walk(p, here);
      } else if (isCheckable(n) && !ignoredBy(here, p, false)) out.push(p);
    }
  };
  walk(root, ancestorsIgnores(root));
  return out;
}

// the system's realpath (one call) rather than Node's walk of the path, an lstat a component: a
// key for walking a folder once and checking a file once (~50 µs a file of a `check`)
const realOf = (p: string): string => { try { return realpathSync.native(p); } catch { return resolve(p); } };

/** The files in the order given, each real file once (a path given twice, or reached through a link). */
export function uniqueFiles(files: readonly string[]): string[] {
  const seen = new Set<string>();
  return files.filter((f) => { const r = realOf(f); if (seen.has(r)) return false; seen.add(r); return true; });
}
