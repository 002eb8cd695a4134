// .gitignore rules (the usual subset: globs, `**`, `/`-anchored and folder-only patterns, `!`
// negation), with no file system: `check` (src/cli/files.ts) walks folders with them, the editor
// (src/vscode/crossFile.ts) filters the workspace's listing, so both skip the same files.

/** Folders never read besides hidden ones (a leading dot) and virtual environments: `check` and the editor's look skip the same. */
export const SKIPPED_FOLDERS: readonly string[] = ['node_modules', '__pycache__', 'site-packages'];

export interface IgnoreRule { re: RegExp; negate: boolean; dirOnly: boolean }
/** The rules of one .gitignore, and the folder it is in ('/'-separated, absolute). */
export interface IgnoreFile { base: string; rules: IgnoreRule[] }

function globToRe(glob: string): string {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') { re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*'; i += glob[i + 2] === '/' ? 2 : 1; } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') { const j = glob.indexOf(']', i); if (j > i) { re += glob.slice(i, j + 1); i = j; } else re += '\\['; }
    else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return re;
}

export function parseGitignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (let line of text.split(/\r?\n/)) {
    if (!line.trim() || line.startsWith('#')) continue;
    line = line.replace(/(?<!\\)\s+$/, '');
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    const body = globToRe(line);
    rules.push({ re: new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}$`), negate, dirOnly });
  }
  return rules;
}

/** Whether the last rule that matches `rel` (relative to each file's folder, '/'-separated) ignores it. */
export function ignoredByRules(files: ReadonlyArray<{ rules: IgnoreRule[]; rel: string | undefined }>, isDir: boolean): boolean {
  let ignored = false;
  for (const f of files) {
    if (!f.rel || f.rel.startsWith('..')) continue;
    for (const r of f.rules) if ((!r.dirOnly || isDir) && r.re.test(f.rel)) ignored = !r.negate;
  }
  return ignored;
}

/**
 * Whether a file ('/'-separated, absolute) is ignored by the .gitignore files above it: itself,
 * or any folder it is in between the files' folders and it (git does not look into an ignored folder).
 */
export function gitIgnored(files: readonly IgnoreFile[], path: string): boolean {
  const relOf = (p: string) => (f: IgnoreFile) => ({ rules: f.rules, rel: p.startsWith(f.base.replace(/\/+$/, '') + '/') ? p.slice(f.base.replace(/\/+$/, '').length + 1) : undefined });
  const parts = path.split('/');
  for (let i = 2; i < parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    if (dir && ignoredByRules(files.map(relOf(dir)), true)) return true;
  }
  return ignoredByRules(files.map(relOf(path)), false);
}
