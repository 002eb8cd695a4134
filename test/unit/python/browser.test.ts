// The browser extension host (vscode.dev) has no `process`, `require` or `fs`: bundle src/python
// for the browser as esbuild does for dist/web/extension.js and run it in a bare V8 context.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vm from 'node:vm';
import * as esbuild from 'esbuild';
import { treeSitterGlue } from '../../../scripts/esbuild-tree-sitter.mjs';

test('src/python runs in a browser-like context with caller-supplied wasm bytes', async () => {
  const out = await esbuild.build({
    stdin: { contents: "export * from './src/python';", resolveDir: process.cwd(), loader: 'ts' },
    bundle: true, platform: 'browser', format: 'iife', globalName: 'ActivationLensPython', target: 'es2022', plugins: [treeSitterGlue],
    define: { 'process.env.NODE_ENV': '"production"' }, write: false, logLevel: 'silent',
  });
  const code = out.outputFiles[0]!.text;
  assert.doesNotMatch(code, /require\("fs"\)/, 'no fs in the browser bundle');
  const sandbox: Record<string, unknown> = { WebAssembly, TextDecoder, TextEncoder, console, performance, setTimeout, clearTimeout, URL, queueMicrotask };
  sandbox.self = sandbox;
  const ctx = vm.createContext(sandbox);
  vm.runInContext(code, ctx);
  assert.equal(vm.runInContext('typeof process + typeof require', ctx), 'undefinedundefined');
  const api = sandbox.ActivationLensPython as typeof import('../../../src/python');
  await api.initPython({
    treeSitter: new Uint8Array(readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'))),
    python: new Uint8Array(readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'))),
  });
  const a = api.analyzePython('import torch.nn.functional as F\ny = F.relu(x)\nz = x.sigmoid()\n');
  assert.deepEqual(JSON.parse(JSON.stringify(a.uses.map((u) => [u.id, u.spelling, u.range.line, u.range.column]))), [['relu', 'F.relu', 1, 6], ['sigmoid', 'x.sigmoid', 2, 6]]);
  const cells = api.analyzeNotebook(['from torch import nn', 'm = nn.Softmax(dim=1)']);
  assert.equal(cells[1]!.uses[0]!.id, 'softmax');
});
