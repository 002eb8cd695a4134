// A version's verdicts kept for the next one: for each candidate use it verified, the use as the
// flow left it (before the file's loss is attached) and what following it read (reads.ts). The
// next version's reader takes a use over, moved by the edit, when the candidate's own run is
// unchanged and nothing its verdict read was; it follows the others again.
import { needsFileLoss } from './loss-attach';
import { carry, movedRow, type Reads, type RunChange } from './reads';
import type { Chunk } from './chunks';
import type { ActivationUse, SourceRange } from './types';

export interface UseRecord {
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

/** One version's reading, as the next version sees it: plain data, no trees. */
export interface PriorReading {
  readonly text: string;
  readonly chunks: readonly Chunk[];
  /** What the whole file's names mean (imports, module-level rebindings): must be the same. */
  readonly fingerprint: string;
  readonly records: ReadonlyMap<string, UseRecord>;
}

/** A record's key: the candidate's kind, its order key and where its name starts. */
export const recordKey = (kind: string, seq: number, nameStart: number): string => `${kind}:${seq}:${nameStart}`;

/** Cuts the use loose from later changes (loss attachment, notebooks' cross-cell judging). */
export function snapshot(use: ActivationUse): ActivationUse {
  const u: ActivationUse = { ...use, params: { ...use.params }, runtimeParams: [...use.runtimeParams] };
  return u;
}

function movedRange(r: SourceRange, ch: RunChange): SourceRange {
  return { line: movedRow(ch, r.line), column: r.column, endLine: movedRow(ch, r.endLine), endColumn: r.endColumn };
}

/**
 * The record of the old version carried into the new one, or null when it must be computed
 * again. `exprStart`/`exprEnd` are moved by the caller (who knows the new offsets).
 */
export function carryRecord(rec: UseRecord, ch: RunChange, maxCost: number): UseRecord | null {
  if (!rec.reads || rec.reads.cost > maxCost) return null;
  const reads = carry(rec.reads, ch);
  if (!reads) return null;
  let use: ActivationUse | null = null;
  if (rec.use) {
    use = snapshot(rec.use);
    use.range = movedRange(rec.use.range, ch);
    if (rec.use.callRange) use.callRange = movedRange(rec.use.callRange, ch);
    if (rec.use.lossRange) use.lossRange = movedRange(rec.use.lossRange, ch);
  }
  return { ...rec, use, reads };
}

/** The use handed out for a record (its own copy: loss attachment changes it). */
export function useOf(rec: UseRecord): ActivationUse | null {
  if (!rec.use) return null;
  const use = snapshot(rec.use);
  if (rec.open) needsFileLoss.add(use);
  return use;
}
