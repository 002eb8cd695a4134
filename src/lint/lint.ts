// lint(): one document's analysis (the hover's, from the cache) + its text → findings. Plain
// data in, plain data out: the Problems panel, the code actions and `check` all call this.
import { english, type Translate } from '../i18n';
import { adviseCoded, adviceUseOf, lossKind, PROBABILITY_OUT, SOFTMAX_FAMILY } from '../advice';
import type { ActivationUse, Analysis, ImportBinding } from '../python/types';
import { judgeUse, judgeUseUnlessHidden } from '../python/analysis';
import { lossAssumed } from '../python/loss-attach';
import type { DocContext } from './context';
import { LineIndex } from './lines';
import { suppressed } from './noqa';
import { customUseFixes, customUsesOf, within, type CustomUses } from './customUses';
import type { PatternMatch } from './patterns';
import { RULE_BY_CODE, RULES } from './rules';
import { restatedBySigmoid } from './customRule';
import { isEnabled, severityOf, type Selection } from './select';
import type { Finding } from './types';
import type { ImportedModel } from './importedModels';
import { externalLossesOf, externalLossNames, judgedExternal, externalMessage, externalPlace, withExternalLoss, type ExternalLosses } from './external';

export interface LintOptions extends Selection {
  /** Code or prefix → severity (`activationLens.lint.severity`). */
  severity?: Readonly<Record<string, string>>;
  /** Honour `# noqa` comments (default true). */
  noqa?: boolean;
}

export interface LintInput {
  text: string;
  analysis: Analysis;
  /** Every loss of the file (or notebook): the advice reads them for uses with no linked loss. */
  fileLosses: string[];
  /** Bindings visible in this document; defaults to the analysis' own imports. */
  imports?: ImportBinding[];
  /** The AL3xx candidates from the same tree (AnalysisCache.visit); none when absent. */
  patterns?: PatternMatch[];
  /** For a notebook cell: the code cells before it. */
  previousCells?: readonly string[];
  /** For a notebook cell: the uses in earlier cells a log pattern's name was given there (cached.ts). */
  earlier?: ReadonlyMap<PatternMatch, readonly ActivationUse[]>;
  /** For a notebook cell: the code cells after it. */
  laterCells?: readonly string[];
  /** Losses other files feed the models this document defines into (external.ts). */
  external?: ExternalLosses;
  /** A log's model class defined in another file: what its forward returns there (importedModels.ts). */
  imported?: ReadonlyMap<PatternMatch, ImportedModel>;
}

/**
 * The advice rules that carry a code concern the softmax family, sigmoid, deprecated spellings and
 * activations at a model's output; other uses (most ReLUs of a file) need not be advised at all.
 */
/** Loss rules need the loss this very use reaches (the analysis' flow), not any loss seen in the file. */
const LINKED_ONLY = true;
const CODED_IDS = new Set([...SOFTMAX_FAMILY, 'sigmoid']);

/**
 * Which codes of a use hang on where its value goes (its role, loss, gate: the flow), given the
 * kinds of loss the file names (a use's loss is one of them): at a model's output, every activation
 * with a loss expecting logits, log-probabilities or a regression's (AL107, AL105, and AL101/AL104); the softmax family
 * with NLL or KL divergence (AL102, AL106), sigmoid with BCE (AL103) or in a hidden layer (AL401),
 * softmax where the file applies the softmax family in more than one place (`twice`: its value may
 * go into another, AL108) or names BCELoss (AL110).
 * Elsewhere a use's codes are its spelling's (AL201, AL202): its value is not followed (a lazily read
 * analysis, `check`'s, then never follows it).
 */
export function flowCodes(kinds: ReadonlySet<string | null>, hiddenSigmoid: boolean, twice = false): { output: boolean; of: (u: ActivationUse) => boolean } {
  const output = kinds.has('cross_entropy') || kinds.has('bce_logits') || kinds.has('regression') || kinds.has('nll');
  const logProbs = kinds.has('nll') || kinds.has('kl_div');
  const sigmoid = kinds.has('bce') || hiddenSigmoid;
  const probs = kinds.has('bce');
  return { output, of: (u) => output || (logProbs && SOFTMAX_FAMILY.has(u.id)) || ((twice || probs) && PROBABILITY_OUT.has(u.id)) || (sigmoid && u.id === 'sigmoid') };
}

const coded = (u: Pick<ActivationUse, 'id' | 'deprecation'>) => CODED_IDS.has(u.id) || !!u.deprecation;
/** Whether `check` follows this use's value (its role, loss and gate) before the rules read it. */
export const followsUse = (u: ActivationUse, flow: ReturnType<typeof flowCodes>): boolean => (coded(u) || flow.output) && flow.of(u);
/** Whether the rules are asked about this use at all (read after it was followed). */
export const keepsUse = (u: ActivationUse, flow: ReturnType<typeof flowCodes>): boolean => coded(u) || (flow.output && u.role === 'output');

/** The softmax family applied in two places or more (spelled as calls): a softmax's value may go into another (AL108). */
const softmaxTwice = (uses: readonly ActivationUse[]): boolean => {
  let n = 0;
  for (const u of uses) if ((u.id === 'softmax' || u.id === 'log_softmax') && u.isCall && ++n > 1) return true;
  return false;
};

const mayHaveCode = (a: Analysis, u: ActivationUse, flow: ReturnType<typeof flowCodes>) => {
  if (!followsUse(u, flow)) return keepsUse(u, flow);
  // A use without a code of its own is kept only at a model's output: not followed on past
  // where its value turns out to be inside a model (most ReLUs of a file).
  if (!coded(u) && !judgeUseUnlessHidden(a, u)) return false;
  judgeUse(a, u);
  return keepsUse(u, flow);
};

/**
 * AL111: a model class of the file whose output reaches an NLLLoss through its layers, with no
 * activation at its output and no softmax family anywhere in it: its forward ends with a layer, and
 * the loss reads raw scores as log-probabilities (unbounded below: a real GNN's `return
 * self.conv2(x, edge_index)` into `F.nll_loss`). Reported at the class's name, where the fix goes.
 * A class's hidden activations are followed fully only there (a few): a class ending in log_softmax
 * or any activation at its output (AL107's) is not read further.
 */
function rawScoresIntoNll(a: Analysis, c: DocContext, text: string, lines: LineIndex): Finding[] {
  const isNll = (u: ActivationUse) => !!u.loss && lossKind(u.loss) === 'nll';
  const out: Finding[] = [];
  let followed = 0;
  for (const cls of topLevelClasses(text)) {
    const inside = a.uses.filter((u) => { const o = lines.offset(u.range.line, u.range.column); return o >= cls.start && o < cls.end; });
    if (inside.length === 0 || inside.some((u) => SOFTMAX_FAMILY.has(u.id) || u.role === 'output' || u.logTaken)) continue;
    for (const u of inside.filter((x) => !x.gate && x.isCall).slice(0, 2)) {
      if (followed++ >= 6) return out;
      judgeUse(a, u);
      if (u.role !== 'hidden' || !isNll(u) || u.lossLogged || lossAssumed.has(u)) continue;
      out.push({ code: 'AL111', severity: 'warning', range: lines.range(cls.nameStart, cls.nameEnd), fixes: [], message: c.t('This model\'s forward ends with a layer, not log_softmax, and its output goes into {0}, which expects log-probabilities: it reads the raw scores as log-probabilities, and the loss falls without bound (below 0) as they grow. Add log_softmax at the end of the forward, or pass the raw scores to CrossEntropyLoss.', u.loss!) });
      break;
    }
  }
  return out;
}

/** The file's top-level classes: where each starts and ends (the next line at column 0 that is code), and its name. */
function topLevelClasses(text: string): Array<{ start: number; end: number; nameStart: number; nameEnd: number }> {
  const out: Array<{ start: number; end: number; nameStart: number; nameEnd: number }> = [];
  const re = /^class[ \t]+([A-Za-z_]\w*)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index;
    const next = /\n(?=[^\s#])/g;
    next.lastIndex = start + m[0].length;
    const n = next.exec(text);
    const nameStart = start + m[0].length - m[1]!.length;
    out.push({ start, end: n ? n.index + 1 : text.length, nameStart, nameEnd: nameStart + m[1]!.length });
  }
  return out;
}

/** Every finding of the document, in source order. Never throws on what the document holds. */
export function lint(input: LintInput, options: LintOptions = {}, t: Translate = english): Finding[] {
  const lines = new LineIndex(input.text);
  const c: DocContext = { lines, analysis: input.analysis, imports: input.imports ?? input.analysis.imports, patterns: input.patterns ?? [], previousCells: input.previousCells, laterCells: input.laterCells, earlier: input.earlier, imported: input.imported, t };
  // asked for each coded rule of each use's advice: decided once per code
  const enabled = new Map<string, boolean>();
  const on = (code: string) => {
    let yes = enabled.get(code);
    if (yes === undefined) {
      const r = RULE_BY_CODE.get(code);
      enabled.set(code, (yes = !!r && isEnabled(code, r.severity, options)));
    }
    return yes;
  };
  const out: Finding[] = [];
  let custom: CustomUses = { findings: [], evaluable: [] };
  try { custom = customUsesOf(c); } catch { /* the built-ins' findings stand alone */ }
  // A use's loss is one the file names (its own, or another cell's): the kinds it can be are known.
  const kinds = new Set([...input.fileLosses, ...input.analysis.losses.map((l) => l.name), ...externalLossNames(input.external)].map(lossKind));
  const flow = flowCodes(kinds, on('AL401'), on('AL108') && softmaxTwice(input.analysis.uses));
  const adviseOn = (use: ActivationUse, au: ReturnType<typeof adviceUseOf>, say?: (message: string) => string, skip?: ReadonlySet<string>, related?: Finding['related'], noFix = false) => {
    let advice: ReturnType<typeof adviseCoded>;
    try {
      // only what a rule of the table reports, enabled and not said already
      advice = adviseCoded({ use: au, fileLosses: LINKED_ONLY ? [] : input.fileLosses }, t, skip ? (code) => on(code) && !skip.has(code) : on);
    } catch {
      return;
    }
    for (const a of advice) {
      const rule = RULE_BY_CODE.get(a.code);
      if (!rule) continue;
      let fixes: Finding['fixes'] = [];
      // a module the model applies both between layers and at its output: replacing or removing it changes both
      try { fixes = noFix || use.shared || use.onward ? [] : rule.useFixes?.(c, use) ?? []; } catch { fixes = []; }
      let message = say ? say(a.message) : a.message;
      if (use.shared) message = `${message} ${t('This module is applied both between layers and at the output, so a fix would change both: give the output its own.')}`;
      else if (use.onward) message = `${message} ${t('Its value also goes on into other computations, so a fix here would change them too.')}`;
      // `(out > 0.5).float()` beside the loss: the fix leaves it reading logits
      else if (use.thresholded && fixes.some((x) => x.applicability === 'unsafe')) message = `${message} ${t('The code also compares this output with a threshold: after the fix it reads logits there (for a sigmoid, > 0.5 on probabilities is > 0 on logits).')}`;
      const f: Finding = { code: rule.code, severity: rule.severityFor?.(use) ?? rule.severity, message, range: use.range, fixes };
      if (related) f.related = related;
      out.push(f);
    }
  };
  for (const use of input.analysis.uses) {
    if (!mayHaveCode(input.analysis, use, flow)) continue;
    const au = adviceUseOf(use);
    // the torch.tanh of a hand-written activation is part of it: its role and loss are the uses'
    // (advised there), only what its spelling says (AL201, AL202) stays here
    const part = within(custom.evaluable, use.range);
    if (part) { au.role = null; au.loss = null; }
    const { losses, conflicting } = part || !input.external ? { losses: [], conflicting: false } : judgedExternal(externalLossesOf(use, input.external));
    // A loss of this file the use was only paired with (its model is called nowhere here: a loss in
    // a function nothing calls) gives way to the loss another file is followed into.
    if (losses.length && lossAssumed.has(use)) au.loss = null;
    const before = out.length;
    adviseOn(use, au);
    if (part || !input.external) continue;
    // A model trained in another file: judged with that file's loss, as if it were named here
    // (a fix never reaches into the other file: AL103's renaming of the loss is left out).
    const said = new Set(out.slice(before).map((f) => f.code));
    for (const e of losses) {
      const there = withExternalLoss(use, e);
      adviseOn(there, adviceUseOf(there), (m) => externalMessage(m, e, t), said, [externalPlace(e, t)], conflicting);
      for (const f of out.slice(before)) said.add(f.code);
    }
  }
  // the uses of the file's own activations, under the same rows (the hover's custom advice)
  for (const f of custom.findings) {
    const rule = RULE_BY_CODE.get(f.code);
    if (!rule || !on(rule.code)) continue;
    let fixes: Finding['fixes'] = [];
    try { fixes = customUseFixes(c, f); } catch { fixes = []; }
    out.push({ code: rule.code, severity: rule.severity, message: f.message, range: f.range, fixes });
  }
  if (on('AL111') && kinds.has('nll')) {
    try { out.push(...rawScoresIntoNll(input.analysis, c, input.text, lines)); } catch { /* the others stand */ }
  }
  for (const rule of RULES) {
    if (!rule.check || !on(rule.code)) continue;
    let found: Finding[] = [];
    try { found = rule.check(c); } catch { found = []; }
    for (const f of found) out.push({ ...f, severity: rule.severity });
  }
  const shown = options.noqa === false ? out : out.filter((f) => !suppressed(lines.lineText(f.range.line), f.code));
  const restated = restatedBySigmoid(shown, lines);
  const kept = restated.size ? shown.filter((f) => !restated.has(f)) : shown;
  for (const f of kept) f.severity = severityOf(f.code, f.severity, options.severity);
  return kept.sort((a, b) => a.range.line - b.range.line || a.range.column - b.range.column || a.code.localeCompare(b.code));
}
