// The findings worker (src/lint/workerCore.ts) in a real worker_threads thread, started as the
// extension starts it: the extension's own bundle (built as scripts/build.mjs builds
// dist/extension.js) evaluated in the worker with a stand-in for `vscode` (workerSource.ts). It
// must report exactly what the in-process lint reports (files, a notebook, every corpus file), in
// the host's language (its l10n bundle), and answer a request it cannot serve with an error.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as workerThreads from 'node:worker_threads';
import * as esbuild from 'esbuild';
import { treeSitterGlue } from '../../../scripts/esbuild-tree-sitter.mjs';
import { loadPython } from '../python/setup';
import { lintCachedFile, lintCachedNotebook, lintingCache } from '../../../src/lint';
import { bundleTranslate, type LintWorkerCommand, type LintWorkerEvent } from '../../../src/lint/workerCore';
import { workerScript } from '../../../src/lint/workerSource';

let bundle = '';
before(async () => {
  await loadPython();
  const out = await esbuild.build({ entryPoints: ['src/extension.ts'], bundle: true, platform: 'node', format: 'cjs', external: ['vscode'], target: 'es2022', plugins: [treeSitterGlue], write: false, outfile: 'dist/extension.js', logLevel: 'silent' });
  bundle = out.outputFiles[0]!.text;
});

const wasm = () => ({
  treeSitter: new Uint8Array(readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'))),
  python: new Uint8Array(readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'))),
});

function startWorker(): { ask(c: Extract<LintWorkerCommand, { cmd: 'lint' | 'links' }>): Promise<LintWorkerEvent>; post(c: LintWorkerCommand): void; stop(): Promise<number> } {
  const w = new workerThreads.Worker(workerScript(bundle), { eval: true });
  const waiting = new Map<number, (e: LintWorkerEvent) => void>();
  w.on('message', (e: LintWorkerEvent) => { waiting.get(e.id)?.(e); waiting.delete(e.id); });
  return {
    post: (c) => w.postMessage(c),
    ask: (c) => new Promise((resolve) => { waiting.set(c.id, resolve); w.postMessage(c); }),
    stop: () => w.terminate(),
  };
}

const notebookCells = (path: string): string[] =>
  (JSON.parse(readFileSync(path, 'utf8')) as { cells: Array<{ cell_type: string; source: string | string[] }> }).cells
    .filter((c) => c.cell_type === 'code').map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));

test('the worker reports exactly the in-process findings: corpus files, demo files and a notebook', async () => {
  const w = startWorker();
  try {
    w.post({ cmd: 'init', wasm: wasm() });
    const local = lintingCache(4);
    const files = [
      ...readdirSync('test/corpus').filter((f) => f.endsWith('.py')).map((f) => join('test/corpus', f)),
      ...readdirSync('demo').filter((f) => f.endsWith('.py')).map((f) => join('demo', f)),
    ];
    assert.ok(files.length >= 40, 'the corpus is there');
    let id = 0;
    let found = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const options = { showHints: true };
      const e = await w.ask({ cmd: 'lint', id: ++id, key: f, version: 1, text, options });
      assert.equal(e.type, 'findings', f);
      const expected = lintCachedFile(local, f, 1, text, options);
      found += expected.length;
      assert.deepEqual(e.type === 'findings' ? e.file : undefined, expected, f);
    }
    assert.ok(found > 0, 'some file has findings (a worker answering [] everywhere must fail)');
    const cells = notebookCells('demo/lint_mistakes.ipynb');
    const e = await w.ask({ cmd: 'lint', id: ++id, key: 'nb', version: 1, cells, options: {} });
    const expected = lintCachedNotebook(local, 'nb', 1, cells, {});
    assert.ok(expected.some((c) => c.length > 0));
    assert.deepEqual(e.type === 'findings' ? e.cells : undefined, expected);
  } finally {
    await w.stop();
  }
});

test("the worker's messages are in the host's language (its l10n bundle), English for a missing key", async () => {
  const bundle = JSON.parse(readFileSync('l10n/bundle.l10n.zh-cn.json', 'utf8')) as Record<string, string>;
  const text = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\nclass Net(nn.Module):\n    def forward(self, x):\n        return F.softmax(x, dim=1)\n\nmodel = Net()\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(model(x), y)\ny = torch.softmax(x)\n';
  const w = startWorker();
  try {
    w.post({ cmd: 'init', wasm: wasm() });
    const e = await w.ask({ cmd: 'lint', id: 1, key: 'zh', version: 1, text, options: {}, l10n: bundle });
    const expected = lintCachedFile(lintingCache(1), 'zh', 1, text, {}, bundleTranslate(bundle));
    assert.ok(expected.length >= 2 && expected.some((f) => /[\u4e00-\u9fff]/.test(f.message)), 'the findings are in Chinese');
    assert.deepEqual(e.type === 'findings' ? e.file : undefined, expected);
  } finally {
    await w.stop();
  }
  assert.equal(bundleTranslate({})('Scores: {0} is too large', 'x'), 'Scores: x is too large');
  assert.equal(bundleTranslate({ 'a {0}': '甲 {0}' })('a {0}', 7), '甲 7');
});

test('a worker that never got the parser answers each request with an error', async () => {
  const w = startWorker();
  try {
    const e = await w.ask({ cmd: 'lint', id: 5, key: 'k', version: 1, text: 'import torch\n', options: {} });
    assert.equal(e.type, 'error');
    assert.match(e.type === 'error' ? e.message : '', /no parser/);
  } finally {
    await w.stop();
  }
});

test('links in the worker (the editor\'s look through a workspace): the same as in process; the file index sent once, then named', async () => {
  const { linksOfSource } = await import('../../../src/lint/linksOf');
  const { ModuleIndex } = await import('../../../src/lint/join');
  const w = startWorker();
  w.post({ cmd: 'init', wasm: wasm() });
  const files = ['/w/model.py', '/w/train.py'];
  const text = 'import torch.nn as nn\nfrom model import Net\n\nnet = Net()\nloss_fn = nn.CrossEntropyLoss()\nfor x, y in []:\n    loss_fn(net(x), y).backward()\n';
  const first = await w.ask({ cmd: 'links', id: 1, path: '/w/train.py', source: { text }, index: { key: 'a', files, roots: ['/w'] } });
  const here = linksOfSource('/w/train.py', { text }, new ModuleIndex(files, ['/w']));
  assert.equal(first.type, 'links');
  assert.deepEqual(first.type === 'links' ? first.links : undefined, JSON.parse(JSON.stringify(here)));
  assert.equal(here?.feeds[0]?.module, '/w/model.py');
  assert.equal(here?.feeds[0]?.loss, 'CrossEntropyLoss');
  const again = await w.ask({ cmd: 'links', id: 2, path: '/w/train.py', source: { text }, index: { key: 'a', roots: ['/w'] } });
  assert.deepEqual(again, { ...first, id: 2 });
  const unknown = await w.ask({ cmd: 'links', id: 3, path: '/w/train.py', source: { text }, index: { key: 'b', roots: ['/w'] } });
  assert.equal(unknown.type, 'error');
  await w.stop();
});
