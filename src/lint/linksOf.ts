// One file's links (join.ts) from its text or a saved notebook's code cells: computed in the
// findings worker for the editor's look through a workspace (src/vscode/crossFile.ts), or in
// process where no worker runs. Trees are dropped as soon as the links are out.
import { AnalysisCache, analyzeNotebook, lossNamesOf } from '../python';
import { fileLinks, notebookLinks, type FileLinks, type ModuleIndex } from './join';

export type LinkSource = { text: string } | { cells: string[]; cellIndex: number[] };

const cache = new AnalysisCache(2, undefined, true, true);

/** The links of `path`, or undefined when it cannot be read as Python (never throws). */
export function linksOfSource(path: string, source: LinkSource, index: ModuleIndex): FileLinks | undefined {
  try {
    if ('cells' in source) return notebookLinks(path, source.cells, source.cellIndex, analyzeNotebook(source.cells), index);
    const key = `links:${path}`;
    const analysis = cache.get(key, 1, source.text);
    try {
      return fileLinks(path, source.text, analysis, lossNamesOf(analysis), index);
    } finally {
      cache.delete(key);
    }
  } catch {
    return undefined;
  }
}
