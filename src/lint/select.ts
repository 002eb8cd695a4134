// Which codes are on, as Ruff decides it: the most specific selector wins (`--select AL101
// --ignore AL1` keeps AL101), a code or a prefix (`AL3`) or ALL; by default every rule is on
// except the hints, which need --show-hints or a selector naming them.
import type { FindingSeverity } from './types';

export interface Selection {
  select?: readonly string[];
  ignore?: readonly string[];
  showHints?: boolean;
}

const specificity = (selector: string, code: string): number => {
  const s = selector.trim().toUpperCase();
  if (s === 'ALL') return 0;
  return s && code.startsWith(s) ? s.length : -1;
};

const best = (selectors: readonly string[] | undefined, code: string) => Math.max(-1, ...(selectors ?? []).map((s) => specificity(s, code)));

export function isEnabled(code: string, severity: FindingSeverity, sel: Selection): boolean {
  const chosen = sel.select && sel.select.length ? best(sel.select, code) : severity === 'hint' && !sel.showHints ? -1 : 0;
  if (chosen < 0) return false;
  return chosen > best(sel.ignore, code);
}

/** The severity a code is shown with: the most specific override, else its own. */
export function severityOf(code: string, own: FindingSeverity, overrides: Readonly<Record<string, string>> | undefined): FindingSeverity {
  let score = -1;
  let out = own;
  for (const [k, v] of Object.entries(overrides ?? {})) {
    const s = specificity(k, code);
    if (s > score && (v === 'error' || v === 'warning' || v === 'info' || v === 'hint')) { score = s; out = v; }
  }
  return out;
}

/** Selectors that match no known code (the CLI reports them as usage errors). */
export function unknownSelectors(selectors: readonly string[], codes: readonly string[]): string[] {
  return selectors.filter((s) => s.trim().toUpperCase() !== 'ALL' && !codes.some((c) => c.startsWith(s.trim().toUpperCase())));
}
