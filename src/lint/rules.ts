// The rule table: one record per code, the single list the Problems panel, `check`, the hover's
// codes, the SARIF driver and the rule pages (docs/rules/CODE.md, checked by a test) come from.
//
// Adding a rule = one record here + its page. A record either names advice the hover already
// gives for one activation use (the advice rule in src/advice/rules.ts carries the same `code`;
// `useFixes` builds its fixes), or brings its own `check` over the whole document (the AL3xx
// expression patterns below; issue 19's AL5xx autograd rules). An advice-based rule for uses
// other than the softmax family, sigmoid, deprecated spellings or outputs must also widen
// `mayHaveCode` in lint.ts (the per-use pass skips the rest).
import type { Translate } from '../i18n';
import type { ActivationUse, SourceRange } from '../python/types';
import type { DocContext } from './context';
import { argsAt, edit, inputOf, paren, torchName } from './edit';
import type { Finding, FindingSeverity, Fix, TextEdit } from './types';
import { SOFTMAX_FAMILY, softmaxWithoutDimFails } from '../advice';
import { handSigmoid, handSoftmax, logOfActivation } from './patternRules';
import { customFindings } from './customRule';
import { AUTOGRAD_RULES, autogradFindingsOf } from '../autograd/rules';

export type FixKind = 'safe' | 'unsafe' | 'sometimes' | 'editor' | 'none';

export interface LintRule {
  code: string;
  /** Ruff-style kebab-case name (SARIF `name`, the page's title). */
  name: string;
  severity: FindingSeverity;
  fix: FixKind;
  /** One line in English (SARIF shortDescription; the page's first line says the same). */
  summary: string;
  /** For advice-based rules: a severity that depends on the use (AL201 is an error where PyTorch refuses the call). */
  severityFor?: (use: ActivationUse) => FindingSeverity;
  /** Fixes for a finding the advice reported on `use` under this code. */
  useFixes?: (c: DocContext, use: ActivationUse) => Fix[];
  /** Findings of a rule that reads the whole document. */
  check?: (c: DocContext) => Finding[];
}

/** The fix "drop this activation": the call becomes its input, a module becomes `nn.Identity()`. */
function removeActivation(c: DocContext, use: ActivationUse, t: Translate): Fix[] {
  if (!use.isCall || !use.callRange) return [];
  if (use.kind === 'module') {
    const dot = use.spelling.lastIndexOf('.');
    if (dot < 0) return [];
    return [{ applicability: 'unsafe', title: t('Replace the activation with nn.Identity()'), edits: [edit(use.callRange, `${use.spelling.slice(0, dot)}.Identity()`)] }];
  }
  const input = inputOf(c.lines, use);
  if (!input) return [];
  return [{ applicability: 'unsafe', title: t('Remove the activation (pass the logits)'), edits: [edit(use.callRange, paren(input))] }];
}

/** softmax → log_softmax at the same dim (name only: the arguments stay). */
function toLogSoftmax(use: ActivationUse, t: Translate): Fix[] {
  if (use.id !== 'softmax' || !use.isCall) return [];
  const to = use.kind === 'module' ? 'LogSoftmax' : 'log_softmax';
  return [{ applicability: 'unsafe', title: t('Use {0} (same dim)', to), edits: [edit(use.range, to)] }];
}

/** Editor-only: `dim=-1` or `dim=1` added to the call (which one is right depends on the tensor's layout). */
function addDim(c: DocContext, use: ActivationUse, t: Translate): Fix[] {
  if (!use.isCall || !use.callRange) return [];
  const text = c.lines.text;
  const end = c.lines.offset(use.callRange.endLine, use.callRange.endColumn);
  let open = c.lines.offset(use.range.endLine, use.range.endColumn);
  while (/[ \t]/.test(text[open] ?? '')) open++;
  const parsed = argsAt(text, open);
  if (!parsed || parsed.close !== end - 1) return [];
  const last = parsed.args[parsed.args.length - 1];
  const comma = !!last && !/^\s*,/.test(text.slice(last.end, end - 1));
  const at = last && comma ? last.end : end - 1;
  const gap = last && !comma && /\s$/.test(text.slice(last.end, end - 1)) ? '' : ' ';
  const insert = (d: string) => (last ? (comma ? `, dim=${d}` : `${gap}dim=${d}`) : `dim=${d}`);
  return ['-1', '1'].map((d) => ({ applicability: 'unsafe' as const, editorOnly: true, title: t('Add dim={0}', d), edits: [edit(c.lines.range(at, at), insert(d))] }));
}

/** AL103's fix: the activation removed (`removal`) and the loss where it is named renamed to its logits form. */
export function onLogits(c: DocContext, removal: TextEdit[], lossRange: SourceRange | undefined): Fix[] {
  if (!lossRange) return [];
  const written = c.lines.slice(lossRange);
  const to = written === 'BCELoss' ? 'BCEWithLogitsLoss' : written === 'binary_cross_entropy' ? 'binary_cross_entropy_with_logits' : null;
  return to ? [{ applicability: 'unsafe', title: c.t('Use {0} on the logits', to), edits: [...removal, edit(lossRange, to)] }] : [];
}

export const RULES: LintRule[] = [
  {
    code: 'AL101', name: 'softmax-before-cross-entropy', severity: 'warning', fix: 'unsafe',
    summary: 'softmax or log_softmax feeding CrossEntropyLoss, which applies log_softmax itself',
    useFixes: (c, u) => (SOFTMAX_FAMILY.has(u.id) ? removeActivation(c, u, c.t) : []),
  },
  {
    code: 'AL102', name: 'softmax-into-nll-loss', severity: 'warning', fix: 'unsafe',
    summary: 'probabilities (softmax) feeding NLLLoss, which expects log-probabilities',
    useFixes: (c, u) => toLogSoftmax(u, c.t),
  },
  {
    code: 'AL103', name: 'sigmoid-before-bce-loss', severity: 'warning', fix: 'sometimes',
    summary: 'sigmoid followed by BCELoss instead of BCEWithLogitsLoss on the logits',
    useFixes: (c, u) => {
      // renaming one of several losses the output reaches would leave the others given logits
      if (u.moreLosses) return [];
      const removal = removeActivation(c, u, c.t)[0];
      return removal ? onLogits(c, removal.edits, u.lossRange) : [];
    },
  },
  {
    code: 'AL104', name: 'sigmoid-before-bce-with-logits', severity: 'warning', fix: 'unsafe',
    summary: 'sigmoid feeding BCEWithLogitsLoss, which applies sigmoid itself',
    useFixes: (c, u) => removeActivation(c, u, c.t),
  },
  {
    code: 'AL105', name: 'bounded-regression-output', severity: 'info', fix: 'none',
    summary: 'a bounded activation at the output of a model trained with a regression loss',
  },
  {
    code: 'AL106', name: 'softmax-into-kl-div', severity: 'warning', fix: 'unsafe',
    summary: 'probabilities (softmax) as the input of KLDivLoss, which expects log-probabilities',
    useFixes: (c, u) => toLogSoftmax(u, c.t),
  },
  {
    code: 'AL107', name: 'activation-before-logits-loss', severity: 'warning', fix: 'none',
    summary: 'an activation at the output of a model whose loss expects raw logits',
  },
  {
    code: 'AL108', name: 'softmax-applied-twice', severity: 'warning', fix: 'none',
    summary: 'probabilities (softmax) normalized again by softmax or log_softmax before the loss',
  },
  {
    code: 'AL109', name: 'kl-div-target-form', severity: 'warning', fix: 'none',
    summary: 'log-probabilities as the target of KLDivLoss without log_target=True (the loss is NaN), or probabilities with it',
    severityFor: (u) => (u.klTarget === 'log-probabilities' ? 'error' : 'warning'),
  },
  {
    code: 'AL110', name: 'softmax-into-bce-loss', severity: 'warning', fix: 'none',
    summary: 'softmax (outputs that sum to 1) feeding BCELoss, which scores each output as a probability of its own',
  },
  {
    code: 'AL111', name: 'raw-scores-into-nll-loss', severity: 'warning', fix: 'none',
    summary: 'NLLLoss on a model whose forward ends with a layer (no log_softmax): raw scores read as log-probabilities',
  },
  {
    code: 'AL201', name: 'softmax-without-dim', severity: 'warning', fix: 'editor',
    summary: 'softmax, log_softmax or softmin without dim',
    severityFor: (u) => (softmaxWithoutDimFails(u.canonical) ? 'error' : 'warning'),
    useFixes: (c, u) => addDim(c, u, c.t),
  },
  {
    code: 'AL202', name: 'functional-tanh-sigmoid', severity: 'info', fix: 'safe',
    summary: 'F.tanh / F.sigmoid (deprecated; PyTorch 1.13 warns on every call) instead of torch.tanh / torch.sigmoid',
    useFixes: (c, u) => {
      if (!u.isCall || !u.callRange || u.kind !== 'functional') return [];
      const { name, edits } = torchName(u.id, c.imports, c.analysis.imports, c.lines);
      const head = { line: u.callRange.line, column: u.callRange.column, endLine: u.range.endLine, endColumn: u.range.endColumn };
      return [{ applicability: 'safe', title: c.t('Use torch.{0}', u.id), edits: [edit(head, name), ...edits] }];
    },
  },
  {
    code: 'AL301', name: 'log-of-softmax', severity: 'warning', fix: 'safe',
    summary: 'log of a softmax (or of a sigmoid, see AL302) instead of log_softmax',
    check: (c) => logOfActivation(c, 'softmax'),
  },
  {
    code: 'AL302', name: 'log-of-sigmoid', severity: 'warning', fix: 'safe',
    summary: 'log of a sigmoid instead of logsigmoid',
    check: (c) => logOfActivation(c, 'sigmoid'),
  },
  {
    code: 'AL303', name: 'hand-written-softmax', severity: 'warning', fix: 'sometimes',
    summary: 'softmax written out as exp(x) / exp(x).sum(dim, keepdim=True)',
    check: handSoftmax,
  },
  {
    code: 'AL304', name: 'hand-written-sigmoid', severity: 'info', fix: 'safe',
    summary: 'sigmoid written out as 1 / (1 + exp(-x))',
    check: handSigmoid,
  },
  {
    code: 'AL401', name: 'sigmoid-in-hidden-layer', severity: 'hint', fix: 'unsafe',
    summary: 'sigmoid as a hidden layer\'s activation (not a gate)',
    useFixes: (c, u) => {
      if (!u.isCall || u.id !== 'sigmoid' || !u.spelling.includes('.')) return [];
      const written = c.lines.slice(u.range);
      const to = written === 'Sigmoid' ? 'ReLU' : written === 'sigmoid' ? 'relu' : written === 'sigmoid_' ? 'relu_' : null;
      return to ? [{ applicability: 'unsafe', title: c.t('Replace with ReLU'), edits: [edit(u.range, to)] }] : [];
    },
  },
  {
    code: 'AL601', name: 'hand-written-builtin-activation', severity: 'info', fix: 'unsafe',
    summary: 'a hand-written activation (def, lambda or nn.Module) that equals a built-in one',
    check: customFindings,
  },
  // AL5xx: the article's autograd pitfalls, found by following the code on the engine (src/autograd/)
  ...AUTOGRAD_RULES.map((r): LintRule => ({ ...r, check: (c) => autogradFindingsOf(c.lines.text, c.previousCells, c.t).filter((f) => f.code === r.code) })),
];

export const RULE_BY_CODE: ReadonlyMap<string, LintRule> = new Map(RULES.map((r) => [r.code, r]));

