import { readFileSync } from 'node:fs';
import { initPython } from './src/python';
import { findingsCache, lintCachedFile } from './src/lint';
import { keepFollowForNextVersion } from './src/autograd/follow';
import { sketchClassesFirst } from './src/custom';
(async () => {
  await initPython({ treeSitter: new Uint8Array(readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'))), python: new Uint8Array(readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'))) });
  keepFollowForNextVersion(false); sketchClassesFirst(true);
  const triv = process.env.TEXT ? readFileSync(process.env.TEXT, 'utf8') : 'import torch\n\n\ndef f(y):\n    return torch.softmax(y, dim=1)\n';
  const n = +(process.env.N ?? 6000);
  for (let i = 0; i < n; i++) { const c = findingsCache(1, true); lintCachedFile(c, 'k', i, triv + `# ${i}\n`); c.clear(); }
  const t0 = performance.now();
  for (let i = 0; i < n; i++) { const c = findingsCache(1, true); lintCachedFile(c, 'k', i, triv + `# ${i + n}\n`); c.clear(); }
  console.log('per file', ((performance.now() - t0) / n * 1000).toFixed(1), 'µs');
})();
