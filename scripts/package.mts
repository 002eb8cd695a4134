// `npm run package`: production build, then the .vsix users install (made by @vscode/vsce).
// The tests install this very file into the real VS Code, so what users get is what is tested.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

function run(cmd: string, args: string[], what: string) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  return r.stdout + r.stderr;
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** 1.5 MB. */
export const MAX_VSIX_BYTES = 1.5 * 1024 * 1024;

/** Builds for production and writes the .vsix; returns its absolute path. */
export function packageVsix(out?: string): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const vsix = resolve(ROOT, out ?? `${pkg.name}-${pkg.version}.vsix`);
  run(process.execPath, ['scripts/build.mjs', '--production'], 'Production build');
  // A production build writes no source maps, but a dev build may have left some, and in
  // .vscodeignore a negation (`!dist/**`) always wins over an exclusion, so drop them here.
  for (const f of walk(join(ROOT, 'dist'))) if (f.endsWith('.map')) rmSync(f);
  // Everything is bundled by esbuild: no node_modules in the package. The README's images are in
  // the package (media/) and shown from it, so its relative links stay relative.
  // The command line (`check`, `eval`, `lab`: dist/cli.js and the bundle it runs) is the npm package's
  // `bin`, not the extension's: nothing in VS Code runs it, and it is a third of the .vsix. Set aside
  // while vsce packages, then put back (a clone's `node dist/cli.js` and `npm pack` keep it).
  // (beside dist/, on its file system: a rename across file systems fails)
  const aside = mkdtempSync(join(ROOT, '.cli-aside-'));
  const cliFiles = ['cli.js', 'cli-main.js'].filter((f) => existsSync(join(ROOT, 'dist', f)));
  for (const f of cliFiles) renameSync(join(ROOT, 'dist', f), join(aside, f));
  try {
    run(process.execPath, [join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix], 'vsce package');
  } finally {
    for (const f of cliFiles) renameSync(join(aside, f), join(ROOT, 'dist', f));
    rmSync(aside, { recursive: true, force: true });
  }
  // What users download: kept small (every real-VS-Code test run packages, so this guards each one).
  const size = statSync(vsix).size;
  if (size > MAX_VSIX_BYTES) throw new Error(`${vsix} is ${(size / 1024).toFixed(0)} KB, over the ${MAX_VSIX_BYTES / 1024} KB budget: see .vscodeignore and media/`);
  return vsix;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const t0 = Date.now();
    const out = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : undefined;
    const vsix = packageVsix(out);
    console.log(`Packaged ${relative(process.cwd(), vsix) || vsix} (${(statSync(vsix).size / 1024).toFixed(0)} KB) in ${Date.now() - t0} ms`);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
