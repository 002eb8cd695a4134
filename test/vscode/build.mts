// Bundles the extension-host suite for VS Code: index.ts and each suite/**/*.test.ts become
// CommonJS files under out/test/vscode/ (mocha and vscode stay external; VS Code provides
// `vscode`, mocha is resolved from node_modules at run time).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const OUT = join(ROOT, 'out', 'test', 'vscode');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : n.endsWith('.test.ts') ? [p] : [];
  });
}

/** Bundles into `outDir` (default out/test/vscode; it must lie inside the repo so `mocha` resolves). Returns index.js. */
export async function buildHostTests(outDir = OUT): Promise<string> {
  rmSync(outDir, { recursive: true, force: true });
  const src = join(ROOT, 'test', 'vscode');
  await esbuild.build({
    entryPoints: [join(src, 'index.ts'), ...walk(join(src, 'suite'))],
    outbase: src,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return join(outDir, 'index.js');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildHostTests().then((p) => console.log(`built ${p}`), (e) => { console.error(e); process.exit(1); });
}
