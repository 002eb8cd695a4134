// A notebook's code cells read as one program: joined with line breaks, as the flow, the autograd
// follower and the cross-file links read them. Jupyter parses and runs each cell on its own, so a
// cell whose syntax is cut off (`data = prepare(x, conf`, a triple-quoted string left open) fails
// alone; joined, its open bracket would swallow every cell after it, and their models and losses
// with it. Such a cell is read as blank (its line breaks kept, so every position stays where it was).
import type { Node } from 'web-tree-sitter';
import { topLevelStarts } from './chunks';
import { parse } from './parser';

/** The text blanked: spaces, its line breaks kept. */
export function blankedCell(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

/**
 * Indices of the cells whose syntax runs on into the next one in `root`, the tree of `texts` joined
 * with line breaks: a top-level node starts in the cell and ends past the line break after it.
 */
export function cellsRunningOn(root: Node, texts: readonly string[]): number[] {
  const ends: number[] = [];
  let at = 0;
  for (const t of texts) { at += t.length; ends.push(at); at += 1; }
  const out: number[] = [];
  let i = 0;
  for (const c of root.children) {
    if (!c) continue;
    while (i < ends.length && ends[i]! < c.startIndex) i++;
    if (i < ends.length - 1 && c.endIndex > ends[i]! + 1 && !out.includes(i)) out.push(i);
  }
  return out;
}

/**
 * The cells joined with line breaks, each that runs on into the next blanked. A cell can run on
 * only if it ends inside a bracket, a string or a continuation (the top-level scan of chunks.ts is
 * not certain of it): only then is the joined text parsed to see, so a notebook whose cells all end
 * complete costs no parse here.
 */
export function joinCellsForReading(texts: readonly string[]): string {
  let cells = [...texts];
  let text = cells.join('\n');
  if (cells.length < 2 || cells.slice(0, -1).every((c) => topLevelStarts(c) !== null)) return text;
  for (let round = 0; round < 3; round++) {
    const tree = parse(text);
    if (!tree) return text;
    let leaking: number[];
    try {
      leaking = tree.rootNode.hasError ? cellsRunningOn(tree.rootNode, cells) : [];
    } finally {
      tree.delete();
    }
    if (leaking.length === 0) return text;
    cells = cells.map((c, i) => (leaking.includes(i) ? blankedCell(c) : c));
    text = cells.join('\n');
  }
  return text;
}
