// The file's own activations as one program (a file, or a notebook's cells read together), found
// and compared with the catalog once per text: AL601 at the definitions and the rows at their uses
// read the same reports (the comparison costs tens of milliseconds per definition).
import { cannotBuildWithoutArguments, evaluateDefinition, findCustomPartially, findCustomNotebook, reportDefinition, type CustomFile, type CustomReport, type FoundDefinition } from '../custom';
import { freshMemo, registerFileMemo } from '../python/fileMemos';

export interface CustomProgram {
  file: CustomFile;
  /** Its report, whose match says what it equals only (`close` is null: the hover seeks the nearest). */
  reportOf(d: FoundDefinition): CustomReport;
  /** A few points evaluate (what the hover decides on: src/vscode/customHover.ts). */
  evaluates(d: FoundDefinition): boolean;
  /** Its report is evaluable: reportOf(d).evaluable. */
  evaluable(d: FoundDefinition): boolean;
}

let notebooks = new Map<string, CustomProgram>();
/**
 * A file's program by its text itself: the string the lint's other memos key by too, so it is
 * hashed once (a key joined afresh was hashed anew by every lookup, the file's text each time).
 */
let files = new Map<string, CustomProgram>();
const MEMO_SIZE = 8;
registerFileMemo(() => { notebooks = freshMemo(notebooks); files = freshMemo(files); });

export function customProgram(cells: readonly string[]): CustomProgram {
  const single = cells.length === 1;
  const memo = single ? files : notebooks;
  const key = single ? cells[0]! : `${cells.length}\u0000${cells.join('\u0000')}`;
  const hit = memo.get(key);
  if (hit) return hit;
  // a file: only the statements a finding can need are lowered (partialFile.ts)
  const file = single ? findCustomPartially(cells[0]!) : findCustomNotebook([...cells]);
  const reports = new Map<FoundDefinition, CustomReport>();
  // the findings ask only whether a definition evaluates: a model the evaluation cannot build is
  // not run (unbuildable.ts), its reason being the hover's to show
  const unbuilt = new Map<FoundDefinition, boolean>();
  const cannotBuild = (d: FoundDefinition) => {
    let u = unbuilt.get(d);
    if (u === undefined) unbuilt.set(d, (u = cannotBuildWithoutArguments(file.module, d)));
    return u;
  };
  const reportOf = (d: FoundDefinition) => {
    let r = reports.get(d);
    // the findings report equality only (AL601, the advice at the uses): the nearest built-in of
    // one that equals none is the hover's to seek
    if (!r) reports.set(d, (r = reportDefinition(file, d, { close: false })));
    return r;
  };
  const program: CustomProgram = {
    file,
    reportOf,
    evaluates: (d) => !cannotBuild(d) && evaluateDefinition(file, d, { points: 9 }).ok,
    evaluable: (d) => !cannotBuild(d) && reportOf(d).evaluable,
  };
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value!);
  memo.set(key, program);
  return program;
}
