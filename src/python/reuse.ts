// A version's verdicts kept for the next one: for each candidate use it verified, the use as the
// flow left it (before the file's loss is attached) and what following it read (reads.ts). The
// next version's reader takes a use over, moved by the edit, when the candidate's own run is
// unchanged and nothing its verdict read was; it follows the others again.
import { carry, movedRow, type Reads, type TextChange } from './reads';
import type { ActivationUse, LossUse, SourceRange } from './types';
import { copyOutputEnds } from './ends';
import type { WordIndex } from './wordIndex';
import type { Candidate, Scan } from './analyze';

export interface UseRecord {
  /** Where the candidate's name starts (its key says where it was proposed). */
  nameStart: number;
  /** The use as judged (null: the candidate is no use). */
  use: ActivationUse | null;
  /** Its loss is the file's, attached later (needsFileLoss). */
  open: boolean;
  /** The expression judged (PendingUse.expr), found again on demand. */
  exprStart: number;
  exprEnd: number;
  exprType: string;
  /** Null when the answer may not be reused. */
  reads: Reads | null;
}

/** A place where the text names a loss: the loss it is (null: none there), and whether it is in a model's own code. */
export interface LossRecord {
  loss: LossUse | null;
  inModel: boolean;
  /**
   * What deciding `inModel` read beyond the loss's own statement (the model a call judges, the
   * mentions of the name a module is held by); absent when it read nothing else. Taken over only
   * while nothing it read changed.
   */
  reads?: Reads;
}

/** One version's reading, as the next version sees it: plain data, no trees. */
export interface PriorReading {
  readonly text: string;
  /** Where each top-level statement starts; the runs of statements and whether each held a syntax error. */
  readonly statements: readonly number[];
  readonly runs: ReadonlyArray<{ start: number; end: number }>;
  readonly runErrors: ReadonlyArray<boolean | undefined>;
  /** What the whole file's names mean (imports, module-level rebindings): must be the same. */
  readonly fingerprint: string;
  /** By recordKey. Handed to one next version, which moves the records it takes over (in place). */
  readonly records: ReadonlyMap<number, UseRecord>;
  /** By where the loss's name starts. */
  readonly losses: ReadonlyMap<number, LossRecord>;
  /** Where its text has each word not after a dot: moved, not rebuilt, for the next version. */
  readonly words?: WordIndex;
  /** Its scans for the file's PyTorch names and for tensor method names, moved by the next version. */
  readonly scans?: { names?: Scan; methods?: Scan };
  /** Every candidate use it found (once all were), for the next version to take over outside the edit. */
  readonly candidates?: readonly Candidate[];
}

/** A record's key: the candidate's order key (where it was proposed) and its kind. */
export const recordKey = (kind: string, seq: number): number => seq * 2 + (kind === 'ref' ? 1 : 0);

/** Cuts the use loose from later changes (loss attachment, notebooks' cross-cell judging); parameters are never changed. */
export function snapshot(use: ActivationUse): ActivationUse {
  const copy = { ...use };
  copyOutputEnds(use, copy);
  return copy;
}

function moveRange(r: SourceRange, ch: TextChange): SourceRange {
  return { line: movedRow(ch, r.line), column: r.column, endLine: movedRow(ch, r.endLine), endColumn: r.endColumn };
}

/**
 * Moves the old version's record into the new one, in place (see carry), and says whether it still
 * holds. `exprStart`/`exprEnd` are moved by the caller (who knows the new offsets).
 */
export function carryRecord(rec: UseRecord, ch: TextChange, maxCost: number): boolean {
  if (!rec.reads || rec.reads.cost > maxCost || !carry(rec.reads, ch)) return false;
  const use = rec.use;
  if (use && ch.rowDelta !== 0) {
    use.range = moveRange(use.range, ch);
    if (use.callRange) use.callRange = moveRange(use.callRange, ch);
    if (use.lossRange) use.lossRange = moveRange(use.lossRange, ch);
  }
  return true;
}

/**
 * The use handed out for a record (its own copy: loss attachment changes it). Whether its loss is
 * the file's stays with the record (PendingUse.open): thousands of uses are taken over per edit, and
 * adding each to needsFileLoss cost more than reading them.
 */
export function useOf(rec: UseRecord): ActivationUse | null {
  return rec.use ? snapshot(rec.use) : null;
}
