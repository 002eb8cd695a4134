// A saved notebook's code cells, read from its JSON (nbformat 4: a cell's source is a list of
// lines or one string): `check` and the editor's look at unopened notebooks read them alike.

export interface NotebookJson { cells?: Array<{ cell_type?: string; source?: string | string[] } | null> }

/** The code cells with their index among all cells; undefined when `nb` is not a notebook (no "cells" array). */
export function notebookCodeCells(nb: unknown): Array<{ index: number; source: string }> | undefined {
  if (!nb || typeof nb !== 'object' || !Array.isArray((nb as NotebookJson).cells)) return undefined;
  const cells: Array<{ index: number; source: string }> = [];
  (nb as NotebookJson).cells!.forEach((c, index) => {
    if (c?.cell_type !== 'code') return;
    const src = Array.isArray(c.source) ? c.source.join('') : typeof c.source === 'string' ? c.source : '';
    cells.push({ index, source: src });
  });
  return cells;
}
