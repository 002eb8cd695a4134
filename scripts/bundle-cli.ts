// The CLI bundled as scripts/build.mjs bundles it, into `<dir>/dist/cli.js` (+ cli-main.js) with the parser's wasm
// beside it: what the CLI tests and the `check` bench run (nothing found in the repository by accident).
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { treeSitterGlue } from './esbuild-tree-sitter.mjs';

export async function bundleCli(dir: string, options: { minify?: boolean } = {}): Promise<string> {
  const cli = join(dir, 'dist', 'cli.js');
  mkdirSync(join(dir, 'dist', 'wasm'), { recursive: true });
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'es2022', logLevel: 'silent', minify: !!options.minify } as const;
  const plugins: esbuild.Plugin[] = [treeSitterGlue];
  // the bin (dist/cli.js) runs the bundle (dist/cli-main.js) with V8's code cache: src/cliLoader.ts
  await esbuild.build({ ...common, plugins, entryPoints: ['src/cli.ts'], outfile: join(dir, 'dist', 'cli-main.js') });
  await esbuild.build({ ...common, plugins, entryPoints: ['src/cliLoader.ts'], outfile: cli, banner: { js: '#!/usr/bin/env node' } });
  for (const w of ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-python/tree-sitter-python.wasm']) {
    copyFileSync(require.resolve(w), join(dir, 'dist', 'wasm', w.split('/')[1]!));
  }
  return cli;
}
