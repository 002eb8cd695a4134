// advise(): one activation use (+ the losses of its file) in, findings out.
import type { Translate } from '../i18n';
import { english } from '../i18n';
import { getActivation } from '../catalog';
import type { ActivationSpec } from '../catalog/types';
import type { ActivationUse } from '../python/types';
import { lossClassName, lossKind, type LossKind } from './losses';
import { RULES, type AdviceUse, type RuleContext, type Severity } from './rules';

export { RULES, SOFTMAX_FAMILY, PROBABILITY_OUT, softmaxWithoutDimFails, type AdviceUse, type Severity } from './rules';
export { lossKind, lossClassName, type LossKind } from './losses';

export interface Finding {
  key: string;
  /** Stable code (AL101…) when the advice is also reported as a finding (Problems panel, `check`). */
  code?: string;
  severity: Severity;
  /** Markdown-safe text in the user's language; contains no text from the user's source. */
  message: string;
  /** Catalog id this finding recommends instead, if any. */
  alternative?: string;
}

export interface AdviceInput {
  use: AdviceUse;
  /** Every loss the file uses, as written (not used for advice: see context()). */
  fileLosses?: string[];
  /** Catalog record; looked up by id when omitted. */
  spec?: ActivationSpec;
}

function context(input: AdviceInput): RuleContext {
  const { use } = input;
  const spec = input.spec ?? getActivation(use.id);
  // Only the loss this value reaches counts: the python layer already falls back to the file's loss
  // where the flow is open (a model never called in the file), and a value whose flow was followed to
  // no loss (a GAN generator's output, a sampling softmax) gets no loss advice.
  const linked = use.loss ? [use.loss] : [];
  const written = linked;
  const losses: RuleContext['losses'] = [];
  for (const w of written) {
    const kind = lossKind(w);
    const name = lossClassName(w);
    if (kind && name && !losses.some((l) => l.name === name)) losses.push({ kind, name });
  }
  return {
    use, spec, role: use.role, losses, lossLinked: linked.length > 0,
    has: (kind: LossKind) => losses.find((l) => l.kind === kind),
  };
}

/** What the advice reads of an analysed use: the hover, the side panel and the lint pass the same fields. */
export function adviceUseOf(use: ActivationUse): AdviceUse {
  return {
    id: use.id, role: use.role, loss: use.loss, params: use.params, runtimeParams: use.runtimeParams, spelling: use.spelling, canonical: use.canonical,
    deprecation: use.deprecation, inPlace: use.inPlace, gate: use.gate, isCall: use.isCall, logTaken: use.logTaken, reconstructs: use.reconstructs, generates: use.generates, rescaled: use.rescaled, binaryTargets: use.binaryTargets, shared: use.shared,
    softmaxAgain: use.softmaxAgain, klTarget: use.klTarget, picked: use.picked, normalizedAfter: use.normalizedAfter,
  };
}

/** Findings for one use, warnings first, each key at most once. */
export function advise(input: AdviceInput, t: Translate = english): Finding[] {
  const c = context(input);
  const out: Finding[] = [];
  for (const r of RULES) {
    if (!fires(r, c)) continue;
    const alternative = typeof r.alternative === 'function' ? r.alternative(c) : r.alternative;
    const code = r.code && (!r.codeWhen || r.codeWhen(c)) ? r.code : undefined;
    out.push({ key: r.key, ...(code ? { code } : {}), severity: severityOf(r, c), message: r.message(t, c), ...(alternative && alternative !== c.use.id ? { alternative } : {}) });
  }
  return out.sort(warningsFirst);
}

/** A rule's test on a use; a rule that throws does not fire. */
function fires(r: (typeof RULES)[number], c: ReturnType<typeof context>): boolean {
  try { return r.when(c); } catch { return false; }
}
const severityOf = (r: (typeof RULES)[number], c: ReturnType<typeof context>) => (typeof r.severity === 'function' ? r.severity(c) : r.severity);
const warningsFirst = (a: Pick<Finding, 'severity'>, b: Pick<Finding, 'severity'>) => (a.severity === b.severity ? 0 : a.severity === 'warning' ? -1 : 1);

/**
 * The advice that carries a code, as advise gives it (its order, code and message): the findings
 * read nothing else. Rules without a code, or whose code `wanted` refuses, are not asked, and no
 * other message is written (advise words every rule that fires, ~20 of them per use, for the hover).
 */
export function adviseCoded(input: AdviceInput, t: Translate, wanted: (code: string) => boolean): Array<Required<Pick<Finding, 'code' | 'message'>> & Pick<Finding, 'severity'>> {
  const c = context(input);
  const out: Array<Required<Pick<Finding, 'code' | 'message'>> & Pick<Finding, 'severity'>> = [];
  for (const r of RULES) {
    if (!r.code || !wanted(r.code) || !fires(r, c) || (r.codeWhen && !r.codeWhen(c))) continue;
    out.push({ code: r.code, severity: severityOf(r, c), message: r.message(t, c) });
  }
  return out.sort(warningsFirst);
}

/**
 * The activation to compare this one with: the first finding's recommendation, else the
 * article's default for the role (ReLU in hidden layers, Leaky ReLU for ReLU itself).
 */
export function recommendedAlternative(id: string, role: 'hidden' | 'output' | null, findings: Finding[]): string {
  const fromFinding = findings.find((f) => f.alternative && f.alternative !== id)?.alternative;
  if (fromFinding) return fromFinding;
  if (role === 'output') {
    if (id === 'softmax') return 'log_softmax';
    if (id === 'log_softmax') return 'softmax';
    if (id === 'sigmoid') return 'softmax';
    return 'identity';
  }
  // A probability normaliser outside a hidden layer compares with its sibling, never with ReLU.
  if (role === null && (id === 'softmax' || id === 'softmin')) return 'log_softmax';
  if (role === null && id === 'log_softmax') return 'softmax';
  if (id === 'relu') return 'leaky_relu';
  return 'relu';
}

/** Every advice key a rule can produce (the catalog's keys must be among them). */
export const ADVICE_KEYS: readonly string[] = RULES.map((r) => r.key);
export { adviseShape, valuesText, type CurveShape, type ShapeUse } from './customShape';
