// Reading a .py file or a notebook into the definitions it holds, for `custom` and `eval`.
import { readFileSync } from 'node:fs';
import { findCustom, findCustomNotebook, type CustomFile } from '../custom';
import { notebookCells, readError } from './wasm';

export interface LoadedFile {
  file: CustomFile;
  /** Notebook: the 1-based index among all cells of each code cell (the finder counts code cells). */
  cellNumbers: number[] | null;
}

export function loadCustomFile(path: string): LoadedFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw readError(path, e);
  }
  if (path.toLowerCase().endsWith('.ipynb')) {
    const { cells } = notebookCells(path, text);
    return { file: findCustomNotebook(cells.map((c) => c.source)), cellNumbers: cells.map((c) => c.index + 1) };
  }
  return { file: findCustom(text), cellNumbers: null };
}
