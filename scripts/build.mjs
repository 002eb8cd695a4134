// Bundles the extension (Node and browser hosts), the webview script and the CLI with esbuild.
import * as esbuild from 'esbuild';
import { mkdirSync, copyFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { treeSitterGlue } from './esbuild-tree-sitter.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'info', target: 'es2022', plugins: [treeSitterGlue] };

/** Each entry is one artefact users or tests load. */
const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', external: ['vscode'],
    define: { 'process.env.NODE_ENV': '"production"' } },
];
if (existsSync('webview/main.ts')) builds.push({ ...common, entryPoints: ['webview/main.ts'], outfile: 'dist/webview/main.js', platform: 'browser', format: 'iife',
  // Minified always: its parse time is part of the explorer's first paint.
  minify: true });
// The Activation Lab: its webview bundle (chart.js) and its training worker, one per host.
if (existsSync('webview/lab.ts')) builds.push(
  { ...common, entryPoints: ['webview/lab.ts'], outfile: 'dist/webview/lab.js', platform: 'browser', format: 'iife', minify: true },
  { ...common, entryPoints: ['src/lab/workerNode.ts'], outfile: 'dist/labWorker.js', platform: 'node', format: 'cjs' },
  { ...common, entryPoints: ['src/lab/workerWeb.ts'], outfile: 'dist/web/labWorker.js', platform: 'browser', format: 'iife' },
);
if (existsSync('webview/autograd/main.ts')) builds.push({ ...common, entryPoints: { autograd: 'webview/autograd/main.ts' }, outdir: 'dist/webview', platform: 'browser', format: 'iife', minify: true });
// The CLI: its bundle, and the bin that runs it with V8's code cache (src/cliLoader.ts).
if (existsSync('src/cli.ts')) builds.push(
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli-main.js', platform: 'node', format: 'cjs' },
  { ...common, entryPoints: ['src/cliLoader.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', banner: { js: '#!/usr/bin/env node' } },
);

// Assets that are loaded at run time rather than bundled (WebAssembly grammars).
function copyAssets() {
  mkdirSync('dist/wasm', { recursive: true });
  for (const [from, to] of [
    ['node_modules/web-tree-sitter/web-tree-sitter.wasm', 'dist/wasm/web-tree-sitter.wasm'],
    ['node_modules/tree-sitter-python/tree-sitter-python.wasm', 'dist/wasm/tree-sitter-python.wasm'],
  ]) if (existsSync(from)) copyFileSync(from, to);
}

// Formula SVGs are typeset from the catalog's TeX before bundling (the output is committed, so a
// failure here keeps the last good file rather than breaking the build).
const formulas = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-formulas.mjs'], { stdio: 'inherit' });
if (formulas.status !== 0) {
  if (!existsSync('src/render/formulas.generated.ts')) process.exit(formulas.status ?? 1);
  console.warn('build-formulas failed; keeping the committed src/render/formulas.generated.ts');
}
// The engine's SIMD kernels, assembled from their .wat source (also committed).
const kernels = spawnSync(process.execPath, ['scripts/build-wasm.mjs'], { stdio: 'inherit' });
if (kernels.status !== 0) {
  if (!existsSync('src/engine/wasm/kernels.generated.ts')) process.exit(kernels.status ?? 1);
  console.warn('build-wasm failed; keeping the committed src/engine/wasm/kernels.generated.ts');
}
copyAssets();
if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
