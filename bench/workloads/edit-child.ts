// The check section's edit row, run as the extension runs it: this file is bundled by esbuild with
// the build's tree-sitter glue plugin (scripts/esbuild-tree-sitter.mjs), minified as the packaged
// extension is, and run on the extension host's oldest Node (bench/check.ts). It does what the
// findings worker does after the debounce when one line of a 10,000-line file changed:
// AnalysisCache.get (incremental re-parse) + lint through findingsCache (src/lint/workerCore.ts).
// argv: the runtime's wasm, the grammar's wasm, the number of timed edits. Prints the samples (ms) as JSON.
import { readFileSync } from 'node:fs';
import { initPython } from '../../src/python';
import { findingsCache, lintCachedFile } from '../../src/lint';
import { tenThousandLines } from './tenThousandLines';

async function main(): Promise<void> {
  const [treeSitter, python, count] = process.argv.slice(2);
  await initPython({ treeSitter: new Uint8Array(readFileSync(treeSitter!)), python: new Uint8Array(readFileSync(python!)) });
  const text = tenThousandLines();
  const cache = findingsCache(4);
  let version = 1;
  lintCachedFile(cache, 'file:///big.py', version, text);
  const at = text.indexOf('h = torch.tanh(h)', text.length >> 1);
  const samples: number[] = [];
  for (let i = 0; i < Number(count); i++) {
    const edited = text.slice(0, at) + `h = torch.tanh(h) * ${i + 1}` + text.slice(at + 'h = torch.tanh(h)'.length);
    const t0 = performance.now();
    lintCachedFile(cache, 'file:///big.py', ++version, edited);
    samples.push(performance.now() - t0);
  }
  process.stdout.write(JSON.stringify(samples) + '\n');
}

main().catch((e: unknown) => { process.stderr.write(`${(e as Error).stack ?? String(e)}\n`); process.exit(1); });
