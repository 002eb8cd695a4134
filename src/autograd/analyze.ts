// A Python file or a notebook → its autograd spellings, what the follower found, and the
// findings, per cell. One parse per call; the tree is freed before returning. A notebook's code
// cells are followed as one module in order (a cell's tensors are the next cell's), then every
// line is mapped back to its cell.
import type { Translate } from '../i18n';
import { english } from '../i18n';
import { newImportEnv } from '../python/imports';
import type { SourceRange } from '../python/types';
import { withTreeLazily } from './document';
import type { Finding } from './findingTypes';
import { autogradFindings } from './findings';
import { followModule, type FollowResult } from './follow';
import { findAutogradSpellings, type AutogradSpelling } from './spellings';
import { joinCellsForReading } from '../python/joinCells';

export interface AutogradCell {
  spellings: AutogradSpelling[];
  findings: Finding[];
  /** Lines are the cell's own (0-based). */
  follow: FollowResult;
}

const EMPTY: FollowResult = { events: [], backwards: [], spots: [], skipped: [] };
const emptyCell = (): AutogradCell => ({ spellings: [], findings: [], follow: EMPTY });

/**
 * Longest text followed (about 12,000 lines): beyond it the hover still teaches each spelling, but
 * the engine's facts and the findings are not computed (a second parse and a follow on every edit
 * of a generated file would cost more than they could tell).
 */
export const MAX_FOLLOW_CHARS = 500_000;

/** Whether following could find anything: a tensor requires grad only where the code says so. */
export function worthFollowing(source: string): boolean {
  return source.length <= MAX_FOLLOW_CHARS && /grad|backward|Parameter/.test(source);
}

/** IPython's `%magic` and `!shell` lines are not Python: kept as comments of the same length. */
function pythonOf(cell: string): string {
  return cell.replace(/^([ \t]*)[%!]/gm, '$1#');
}

function lineCount(s: string): number {
  let n = 1;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * `findingsOnly` (the lint's): a finding comes only from an event the follower saw, so without one
 * the spellings, and the imports they are read with, are left unread (the cell's are then empty).
 */
function analyzeJoined(text: string, t: Translate, findingsOnly = false): AutogradCell | null {
  const env = newImportEnv();
  return withTreeLazily(text, null, (root, parsed, imports) => {
    const spellingsOf = () => {
      imports(env);
      return findAutogradSpellings(root, parsed, env.torch);
    };
    if (!worthFollowing(parsed)) return { spellings: findingsOnly ? [] : spellingsOf(), findings: [], follow: EMPTY };
    const follow = followModule(root, parsed);
    const spellings = !findingsOnly || follow.events.length ? spellingsOf() : [];
    return { spellings, findings: autogradFindings(follow, spellings, root, parsed, t), follow };
  });
}

export function analyzeAutograd(source: string, t: Translate = english, findingsOnly = false): AutogradCell {
  return analyzeJoined(source, t, findingsOnly) ?? emptyCell();
}

const shift = (r: SourceRange, by: number): SourceRange => ({ ...r, line: r.line - by, endLine: r.endLine - by });

export function analyzeAutogradNotebook(cells: readonly string[], t: Translate = english, findingsOnly = false): AutogradCell[] {
  const starts: number[] = [];
  let line = 0;
  for (const c of cells) {
    starts.push(line);
    line += lineCount(c);
  }
  // a cell cut off mid-statement is read as blank (python/joinCells.ts)
  const all = analyzeJoined(joinCellsForReading(cells.map(pythonOf)), t, findingsOnly);
  if (!all) return cells.map(emptyCell);
  return cells.map((_, i) => {
    const from = starts[i]!;
    const to = i + 1 < starts.length ? starts[i + 1]! : Infinity;
    const inCell = (l: number) => l >= from && l < to;
    const byLine = <T extends { line: number }>(xs: T[]) => xs.filter((x) => inCell(x.line)).map((x) => ({ ...x, line: x.line - from }));
    return {
      spellings: all.spellings.filter((s) => inCell(s.range.line)).map((s) => ({ ...s, range: shift(s.range, from), exprRange: shift(s.exprRange, from) })),
      findings: all.findings.filter((f) => inCell(f.range.line)).map((f) => ({
        ...f, range: shift(f.range, from),
        // a fix's edits stay in the finding's cell (a retain_grad() line goes before a backward() of the same cell only)
        fixes: f.fixes.filter((x) => x.edits.every((e) => inCell(e.range.line))).map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, range: shift(e.range, from) })) })),
      })),
      follow: {
        events: byLine(all.follow.events).map((e) => (e.lastBackwardLine !== undefined ? { ...e, lastBackwardLine: e.lastBackwardLine - from } : e)),
        backwards: byLine(all.follow.backwards),
        spots: byLine(all.follow.spots),
        skipped: byLine(all.follow.skipped),
      },
    };
  });
}
