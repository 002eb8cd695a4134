// Applying fixes to a text: edits of several fixes at once, a fix skipped when its edits touch
// another's (the next round picks it up, as Ruff does), and rounds until nothing is left to fix.
import type { SourceRange } from '../python/types';
import { LineIndex } from './lines';
import type { Finding, Fix } from './types';

interface Placed { start: number; end: number; text: string }

/** Applies as many of `fixes` as do not overlap, in order; returns the text and the fixes applied. */
export function applyFixes(text: string, fixes: Fix[]): { text: string; applied: Fix[] } {
  const lines = new LineIndex(text);
  const at = (r: SourceRange) => ({ start: lines.offset(r.line, r.column), end: lines.offset(r.endLine, r.endColumn) });
  const taken: Placed[] = [];
  const applied: Fix[] = [];
  for (const f of fixes) {
    const placed = f.edits.map((e) => ({ ...at(e.range), text: e.text }));
    const clash = placed.some((p) => taken.some((q) => (p.start < q.end && q.start < p.end) || p.start === q.start || (p.start === p.end && p.start > q.start && p.start < q.end)));
    if (clash) continue;
    taken.push(...placed);
    applied.push(f);
  }
  taken.sort((a, b) => b.start - a.start);
  let out = text;
  for (const p of taken) out = out.slice(0, p.start) + p.text + out.slice(p.end);
  return { text: out, applied };
}

export interface FixOptions {
  unsafe?: boolean;
  /** The fixed text must still parse where the original did (the caller owns the parser). */
  parses?: (text: string) => boolean;
  maxRounds?: number;
}

export interface FixResult {
  text: string;
  /** Codes of the fixes applied, one entry per fix. */
  fixed: string[];
}

/** The fix of a finding that `check --fix` may apply under these options. */
export function fixFor(f: Finding, unsafe: boolean): Fix | undefined {
  return f.fixes.find((x) => !x.editorOnly && (x.applicability === 'safe' || unsafe));
}

/**
 * Lints, applies the fixes allowed, lints the result again, until a round fixes nothing. A round
 * whose result does not parse is retried one fix at a time; a fix that breaks the parse is dropped.
 */
export function fixAll(text: string, lintText: (text: string) => Finding[], options: FixOptions = {}): FixResult {
  const fixed: string[] = [];
  const banned = new Set<string>();
  const key = (f: Finding) => `${f.code}:${f.range.line}:${f.range.column}`;
  const parsedBefore = options.parses ? options.parses(text) : true;
  const ok = (t: string) => !options.parses || !parsedBefore || options.parses(t);
  let current = text;
  for (let round = 0; round < (options.maxRounds ?? 10); round++) {
    const candidates = lintText(current).filter((f) => !banned.has(key(f))).map((f) => ({ f, fix: fixFor(f, !!options.unsafe) })).filter((x): x is { f: Finding; fix: Fix } => !!x.fix);
    if (!candidates.length) break;
    const all = applyFixes(current, candidates.map((c) => c.fix));
    if (ok(all.text)) {
      current = all.text;
      for (const a of all.applied) fixed.push(candidates.find((c) => c.fix === a)!.f.code);
      continue;
    }
    const first = candidates[0]!;
    const one = applyFixes(current, [first.fix]);
    if (ok(one.text)) { current = one.text; fixed.push(first.f.code); } else banned.add(key(first.f));
  }
  return { text: current, fixed };
}
