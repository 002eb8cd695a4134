// The advice lines of a hover (built-in and custom activations), weighed as the Problems panel
// weighs the same codes: the user's `activationLens.lint.severity` overrides pick the icon and
// whether a line leads the hover or sits with the notes, and a code the user turned off with
// `lint.select` / `lint.ignore` stays as a quiet note (the explanation is still what they hovered for).
import type { Finding } from '../advice';
import { isEnabled, severityOf } from '../lint/select';
import type { FindingSeverity } from '../lint/types';
import { escapeMarkdown } from './escape';

/** The part of `activationLens.lint.*` that weighs advice. */
export interface AdviceWeights {
  select?: readonly string[];
  ignore?: readonly string[];
  severity?: Readonly<Record<string, string>>;
}

export interface WeighedAdvice { finding: Finding; severity: FindingSeverity }

const OWN_CODE = /^AL\d{3}$/;

export function weighAdvice(findings: readonly Finding[], weights: AdviceWeights | undefined): WeighedAdvice[] {
  return findings.map((finding) => {
    const own: FindingSeverity = finding.severity;
    if (!weights || !finding.code || !OWN_CODE.test(finding.code)) return { finding, severity: own };
    const severity = severityOf(finding.code, own, weights.severity);
    if (!isEnabled(finding.code, severity, { select: weights.select, ignore: weights.ignore, showHints: true })) return { finding, severity: 'info' };
    return { finding, severity };
  });
}

/** Errors and warnings lead the hover; info and hints go with the notes. */
export const leads = (w: WeighedAdvice) => w.severity === 'error' || w.severity === 'warning';

const ICON: Record<FindingSeverity, string> = { error: '$(error)', warning: '$(warning)', info: '$(lightbulb)', hint: '$(lightbulb)' };

export function adviceMarkdown(items: readonly WeighedAdvice[]): string {
  // The code (ours, never the user's text) is the one the Problems panel and `check` show.
  return items.map(({ finding: f, severity }) => `${ICON[severity]} ${f.code && OWN_CODE.test(f.code) ? '`' + f.code + '` ' : ''}${escapeMarkdown(f.message, 600)}`).join('  \n');
}
