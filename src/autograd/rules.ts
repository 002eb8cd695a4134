// AL501–AL506 as records for the findings' rule table (src/lint/rules.ts), and the one function
// their checks share: the document's autograd findings, computed once for all six codes.
import type { Translate } from '../i18n';
import { analyzeAutograd, analyzeAutogradNotebook, worthFollowing } from './analyze';
import type { Finding, FindingSeverity } from './findingTypes';
import { emptyList, registerFileMemo } from '../python/fileMemos';

export interface AutogradRule {
  code: string;
  /** Ruff-style kebab-case name. */
  name: string;
  severity: FindingSeverity;
  fix: 'safe' | 'unsafe' | 'none';
  /** One line in English (the rule page's first line says the same). */
  summary: string;
}

export const AUTOGRAD_RULES: readonly AutogradRule[] = [
  { code: 'AL501', name: 'backward-non-scalar', severity: 'error', fix: 'unsafe', summary: '`backward()` without a gradient on a value that is not a scalar.' },
  { code: 'AL502', name: 'backward-without-grad', severity: 'error', fix: 'none', summary: '`backward()` on a value with no leaf requiring grad behind it.' },
  { code: 'AL503', name: 'requires-grad-integer', severity: 'error', fix: 'safe', summary: '`requires_grad=True` on an integer or bool tensor.' },
  { code: 'AL504', name: 'grad-of-non-leaf', severity: 'warning', fix: 'unsafe', summary: '`.grad` read on a non-leaf tensor.' },
  { code: 'AL505', name: 'numpy-of-requires-grad', severity: 'error', fix: 'safe', summary: 'NumPy or matplotlib given a tensor that requires grad.' },
  { code: 'AL506', name: 'inplace-on-leaf', severity: 'error', fix: 'none', summary: 'In-place op on a leaf that requires grad, outside `torch.no_grad()`.' },
];

/** The six checks of one lint run read the same document: the last few answers are kept. */
const memo: Array<{ texts: readonly string[]; t: Translate; findings: Finding[] }> = [];
/** The same texts in the same order (the checks of one run hand over the very same strings: compared at once). */
const sameTexts = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const MEMO = 4;
registerFileMemo(() => { emptyList(memo); });

/** Forgets the answers kept (tests compare with a fresh reading). */
export function forgetAutogradFindings(): void {
  memo.length = 0;
}

/**
 * The autograd findings of a file, or of a notebook cell followed after `previousCells` (the code
 * cells before it, in order). Never throws on what the code holds.
 */
export function autogradFindingsOf(text: string, previousCells: readonly string[] | undefined, t: Translate): Finding[] {
  const all = [...(previousCells ?? []), text];
  if (!worthFollowing(all.join('\n'))) return [];
  const hit = memo.find((m) => m.t === t && sameTexts(m.texts, all));
  if (hit) return hit.findings;
  let findings: Finding[];
  try {
    findings = previousCells?.length ? analyzeAutogradNotebook(all, t, true)[all.length - 1]!.findings : analyzeAutograd(text, t, true).findings;
  } catch {
    findings = [];
  }
  memo.unshift({ texts: all, t, findings });
  memo.length = Math.min(memo.length, MEMO);
  return findings;
}
