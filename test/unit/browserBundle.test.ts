// The browser entry (dist/web/extension.js, run by vscode.dev's web-worker extension host) must
// not pull in a Node built-in: there is no fs, path, os or child_process in a web worker, and a
// bundle that needs one fails at activation there. Built here exactly as scripts/build.mjs does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import * as esbuild from 'esbuild';
import { treeSitterGlue } from '../../scripts/esbuild-tree-sitter.mjs';

const NODE = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

test('the browser bundle of the extension imports nothing but vscode (no Node built-in)', async () => {
  const out = await esbuild.build({
    entryPoints: ['src/extension.ts'], bundle: true, platform: 'browser', format: 'cjs', external: ['vscode'], target: 'es2022', plugins: [treeSitterGlue],
    define: { 'process.env.NODE_ENV': '"production"' }, write: false, metafile: true, logLevel: 'silent', outfile: 'dist/web/extension.js',
  }).catch((e: { errors?: Array<{ text: string }> }) => assert.fail(`the browser build failed: ${(e.errors ?? []).map((x) => x.text).join('; ')}`));
  const imports = Object.values(out.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path));
  assert.deepEqual([...new Set(imports)].filter((p) => p !== 'vscode'), [], 'the browser bundle imports something besides vscode');
  const nodeInputs = Object.values(out.metafile.inputs).flatMap((i) => i.imports.filter((x) => NODE.has(x.path)).map((x) => x.path));
  assert.deepEqual(nodeInputs, [], 'a module of the browser bundle imports a Node built-in');
  const code = out.outputFiles[0]!.text;
  const requires = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]).filter((m) => m !== 'vscode');
  assert.deepEqual(requires, []);
});

test('the browser bundle carries the findings worker\'s entry (the worker runs this same bundle)', async () => {
  const out = await esbuild.build({
    entryPoints: ['src/extension.ts'], bundle: true, platform: 'browser', format: 'cjs', external: ['vscode'], target: 'es2022', plugins: [treeSitterGlue],
    define: { 'process.env.NODE_ENV': '"production"' }, write: false, logLevel: 'silent', outfile: 'dist/web/extension.js',
  });
  assert.match(out.outputFiles[0]!.text, /runLintWorker/);
});
