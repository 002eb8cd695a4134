// Loads the grammar the way the CLI does: the caller reads the wasm bytes and hands them over.
import { readFileSync } from 'node:fs';
import { initPython } from '../../../src/python';

export function loadPython(): Promise<void> {
  return initPython({
    treeSitter: readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm')),
    python: readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm')),
  });
}
