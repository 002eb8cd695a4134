// What a position in the file means for custom activations: a definition's name, a use of one,
// or a spot inside a definition (whose torch.tanh is part of it, not a tanh layer of its own).
import type { SourceRange } from '../python/types';
import type { CustomFile, FoundDefinition } from './find';

export interface CustomHit {
  definition: FoundDefinition;
  /** The range hovered: the definition's name or the use. */
  range: SourceRange;
  at: 'definition' | 'use';
}

export function contains(r: SourceRange, line: number, column: number): boolean {
  const afterStart = r.line < line || (r.line === line && r.column <= column);
  const beforeEnd = r.endLine > line || (r.endLine === line && r.endColumn >= column);
  return afterStart && beforeEnd;
}

/** The definition a name at (line, column) belongs to; `cell` for a notebook's code cell (0-based among code cells). */
export function customAt(file: CustomFile, line: number, column: number, cell?: number): CustomHit | undefined {
  const sameCell = (c: number | undefined) => (cell ?? 0) === (c ?? 0);
  for (const d of file.definitions)
    if (sameCell(d.cell) && contains(d.nameRange, line, column)) return { definition: d, range: d.nameRange, at: 'definition' };
  for (const u of file.uses) {
    if (!sameCell(u.cell) || !contains(u.range, line, column)) continue;
    // the definition a name reads is the last one made before module level runs it; all share the name
    const defs = file.definitions.filter((d) => d.name === u.name);
    const def = defs[defs.length - 1];
    if (def) return { definition: def, range: u.range, at: 'use' };
  }
  return undefined;
}

/** The definition whose body holds (line, column), if any. */
export function definitionCovering(file: CustomFile, line: number, column: number, cell?: number): FoundDefinition | undefined {
  return file.definitions.find((d) => (cell ?? 0) === (d.cell ?? 0) && contains(d.range, line, column));
}
