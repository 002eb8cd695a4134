// Where the uses of a user-defined activation go (src/custom finds them by name): the role and the
// loss from the same flow that judges a built-in's use, the cells of a notebook read as one
// program (a model defined in one cell is trained in a later one). Plain data out.
import { CUSTOM, FileReader } from './analyze';
import { blankMagics } from './analysis';
import { Forest } from './forest';
import { newImportEnv } from './imports';
import { looksBinary, parse, MAX_PARSE_CHARS } from './parser';
import { keptVersion } from './versions';
import type { Role, SourceRange } from './types';
import { joinCellsForReading } from './joinCells';

export interface NameSpot {
  /** Index among the cells given (0 for a file). */
  cell: number;
  /** The name as written (positions within its cell). */
  range: SourceRange;
  /** A module class (`NewGELU()`, `act_layer=NewGELU`) rather than a function or lambda. */
  module: boolean;
}

export interface NameVerdict {
  role: Role | null;
  /** The loss the value reaches, as PyTorch names it. */
  loss: string | null;
  /** Where that loss is named, when it is in the spot's own cell. */
  lossRange?: SourceRange;
  /** Not at the output, its value multiplies another (a gate, if what it computes is a sigmoid). */
  gate?: boolean;
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/** One verdict per spot (null where the name is not where the spot says). Never throws on what the cells hold. */
export function judgeNames(cells: string[], spots: NameSpot[]): Array<NameVerdict | null> {
  const texts = cells.length === 1 ? cells : cells.map(blankMagics);
  const combined = cells.length === 1 ? texts[0]! : joinCellsForReading(texts);
  if (combined.length > MAX_PARSE_CHARS || spots.length === 0) return spots.map(() => null);
  // A file's tree is its version's one parse, kept (versions.ts): the findings' cache handed it over.
  const kept = cells.length === 1 && !looksBinary(combined) ? keptVersion(combined) : null;
  const tree = kept ? kept.version.tree.copy() : parse(combined);
  if (!tree) return spots.map(() => null);
  const forest = Forest.whole(tree, combined);
  try {
    const reader = new FileReader(forest, combined, newImportEnv());
    const starts = texts.map(lineStarts);
    const cellStart: number[] = [];
    const firstLine: number[] = [];
    for (let i = 0, at = 0, line = 0; i < texts.length; i++) {
      cellStart.push(at);
      firstLine.push(line);
      at += texts[i]!.length + 1;
      line += starts[i]!.length;
    }
    return spots.map((s) => {
      const ls = starts[s.cell]?.[s.range.line];
      if (ls === undefined || s.range.endLine !== s.range.line) return null;
      const base = cellStart[s.cell]! + ls;
      let use;
      try { use = reader.judgeName(base + s.range.column, base + s.range.endColumn, s.module, CUSTOM); } catch { return null; }
      if (!use) return null;
      const v: NameVerdict = { role: use.role, loss: use.loss };
      if (use.gate) v.gate = true;
      const r = use.lossRange;
      const first = firstLine[s.cell]!, end = first + starts[s.cell]!.length;
      if (r && r.line >= first && r.endLine < end) v.lossRange = { ...r, line: r.line - first, endLine: r.endLine - first };
      return v;
    });
  } finally {
    forest.delete();
  }
}
