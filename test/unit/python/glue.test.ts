// The patched tree-sitter glue (scripts/esbuild-tree-sitter.mjs) reads nodes' symbols, ends and
// error flags from the runtime's memory and finds field ids in a map: it must answer exactly what
// the package's own glue answers. glue-walk.ts, bundled once with the patches and once without,
// prints every node of the corpus, the demo and a file of non-ASCII text with CRLF line ends (and
// cut, garbled and edited copies of each); the two outputs must be the same, line for line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { treeSitterGlue } from '../../../scripts/esbuild-tree-sitter.mjs';

const UNICODE = [
  '# -*- coding: utf-8 -*-\r\n',
  'import torch.nn as nn\r\n',
  'class Réseau(nn.Module):  # 网络 🚀\r\n',
  '    def forward(self, données):\r\n',
  '        s = "πρόβλεψη 😀 " + f"{données!r:>4}"\r\n',
  '        return nn.functional.softmax(données, dim=-1)  # ∑\r\n',
  'x = [1, 2,\r\n',
].join('');

let dir = '';
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'activation-lens-glue-'));
  const common = { entryPoints: ['test/unit/python/glue-walk.ts'], bundle: true, platform: 'node' as const, format: 'cjs' as const, target: 'es2022', logLevel: 'silent' as const };
  await esbuild.build({ ...common, outfile: join(dir, 'patched.js'), plugins: [treeSitterGlue] });
  await esbuild.build({ ...common, outfile: join(dir, 'plain.js') });
  writeFileSync(join(dir, 'unicode.py'), UNICODE);
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

function run(bundle: string, files: string[]): string[] {
  const r = spawnSync(process.execPath, [join(dir, bundle), require.resolve('web-tree-sitter/web-tree-sitter.wasm'), require.resolve('tree-sitter-python/tree-sitter-python.wasm'), ...files], { encoding: 'utf8', maxBuffer: 1 << 30, timeout: 300_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n');
}

test('the patched glue answers what the package glue answers for every node (symbols, ends, errors, fields)', () => {
  const py = (d: string) => readdirSync(d).filter((f) => f.endsWith('.py')).sort().map((f) => join(d, f));
  const files = [...py('test/corpus'), ...py('demo'), join(dir, 'unicode.py')];
  const patched = run('patched.js', files);
  const plain = run('plain.js', files);
  assert.equal(patched.at(-2), '# fast true', 'the patched glue read the memory');
  assert.equal(plain.at(-2), '# fast false');
  assert.ok(plain.length > 100_000, `${plain.length} lines`);
  const flags = (l: string) => /^\d+ \d+ \S+ \d+-\d+ \d+:\d+-\d+:\d+ (E?M?N?) /.exec(l)?.[1] ?? '';
  assert.ok(plain.some((l) => l.includes(' ERROR ')) && plain.some((l) => flags(l).includes('M')), 'the garbled copies give ERROR and MISSING nodes');
  assert.ok(plain.some((l) => flags(l) === 'EN' && !l.includes(' ERROR ')), 'nodes with an error inside');
  for (let i = 0; i < plain.length - 2; i++) if (patched[i] !== plain[i]) assert.fail(`line ${i + 1}: ${patched[i]} instead of ${plain[i]}`);
  assert.equal(patched.length, plain.length);
});
