// The parser's WebAssembly for the command line: next to dist/cli.js when bundled, else the packages.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PythonWasm } from '../python/parser';
import { earlyWasm } from './wasmEarly';

export class CliError extends Error {}

/**
 * The parser's WebAssembly for initPython: the loader's bytes and compiles where it started them
 * (cliLoader.ts), else the files read here.
 */
export function parserWasm(): PythonWasm {
  const runtime = earlyWasm('web-tree-sitter.wasm');
  const grammar = earlyWasm('tree-sitter-python.wasm');
  if (runtime && grammar) return { treeSitter: runtime.bytes, python: grammar.bytes, compiled: { treeSitter: runtime.module, python: grammar.module } };
  return { treeSitter: findWasm('web-tree-sitter.wasm'), python: findWasm('tree-sitter-python.wasm') };
}

export function findWasm(name: string): Uint8Array {
  const candidates = [join(__dirname, 'wasm', name), join(__dirname, '..', 'dist', 'wasm', name), join(__dirname, '..', '..', 'dist', 'wasm', name)];
  for (const pkg of ['web-tree-sitter', 'tree-sitter-python']) {
    try { candidates.push(require.resolve(`${pkg}/${name}`)); } catch { /* not installed: bundled copy only */ }
  }
  for (const c of candidates) if (existsSync(c)) return readFileSync(c);
  throw new CliError(`cannot find ${name} (looked in ${candidates.join(', ')})`);
}

import { notebookCodeCells, type NotebookJson } from '../lint/notebookJson';

export type { NotebookJson };

/** The notebook's code cells with their index among all cells; throws CliError on a file that is not a notebook. */
export function notebookCells(file: string, text: string): { nb: NotebookJson; cells: Array<{ index: number; source: string }> } {
  let nb: NotebookJson;
  try {
    nb = JSON.parse(text) as NotebookJson;
  } catch (e) {
    throw new CliError(`${file} is not a valid notebook: ${(e as Error).message}`);
  }
  const cells = notebookCodeCells(nb);
  if (!cells) throw new CliError(`${file} is not a valid notebook: no "cells" array`);
  return { nb, cells };
}

export function readError(file: string, e: unknown): CliError {
  const err = e as NodeJS.ErrnoException;
  const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.code === 'EACCES' ? 'permission denied' : err.message;
  return new CliError(`cannot read ${file}: ${why}`);
}
