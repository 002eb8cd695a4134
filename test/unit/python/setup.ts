// Loads the grammar the way the CLI does: the caller reads the wasm bytes and hands them over.
import { readFileSync } from 'node:fs';
import { initPython } from '../../../src/python';

export function loadPython(): Promise<void> {
  return initPython({
    treeSitter: readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm')),
    python: readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm')),
  });
}

/**
 * The bench's 10,000-line file, read once at version 1 by a fresh cache, and the same file with
 * `h = torch.tanh(h)` (half-way down) changed to `replacement`: an edit most uses do not see.
 */
export async function tenThousandEdited(replacement = 'h = torch.tanh(h) * 2') {
  const { tenThousandLines } = await import('../../../bench/hover');
  const { AnalysisCache } = await import('../../../src/python');
  const text = tenThousandLines();
  const cache = new AnalysisCache();
  void cache.get('k', 1, text).uses;
  const at = text.indexOf('h = torch.tanh(h)', text.length >> 1);
  const edited = text.slice(0, at) + replacement + text.slice(at + 'h = torch.tanh(h)'.length);
  return { text, cache, edited };
}
